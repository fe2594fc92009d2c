import type { GraphQLError, GraphQLFormattedError } from 'graphql';

/**
 * graphql-js words its validation errors differently from Shopify (graphql-ruby). The ones a
 * client meets most are rewritten to Shopify's wording and extension codes; others pass as they are.
 */
export function shopifyValidationError(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  const base = { locations: formatted.locations };
  let match = /^Cannot query field "(\w+)" on type "(\w+)"\./.exec(error.message);
  if (match) {
    return {
      ...base,
      message: `Field '${match[1]}' doesn't exist on type '${match[2]}'`,
      extensions: { code: 'undefinedField', typeName: match[2], fieldName: match[1] },
    };
  }
  match = /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"\./.exec(error.message);
  if (match) {
    return {
      ...base,
      message: `Field '${match[3]}' doesn't accept argument '${match[1]}'`,
      extensions: { code: 'argumentNotAccepted', name: match[3], typeName: 'Field', argumentName: match[1] },
    };
  }
  match =
    /^Field "(?:\w+\.)?(\w+)" argument "(\w+)" of type "(.+)" is required, but it was not provided\./.exec(
      error.message,
    );
  if (match) {
    return {
      ...base,
      message: `Field '${match[1]}' is missing required arguments: ${match[2]}`,
      extensions: {
        code: 'missingRequiredArguments',
        className: 'Field',
        name: match[1],
        arguments: match[2],
      },
    };
  }
  match = /^Field "(\w+)" of type "(.+)" must have a selection of subfields\./.exec(error.message);
  if (match) {
    const typeName = match[2]!.replace(/[[\]!]/g, '');
    return {
      ...base,
      message: `Field must have selections (field '${match[1]}' returns ${typeName} but has no selections. Did you mean '${match[1]} { ... }'?)`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${match[1]}'`, typeName },
    };
  }
  match = /^Field "(\w+)" must not have a selection since type "(.+)" has no subfields\./.exec(error.message);
  if (match) {
    return {
      ...base,
      message: `Selections can't be made on scalars (field '${match[1]}' returns ${match[2]} but has selections)`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${match[1]}'`, typeName: match[2] },
    };
  }
  match =
    /^Variable "\$(\w+)" of (?:required |non-null )?type "(.+)" (?:was not provided|must not be null)\./.exec(
      error.message,
    );
  if (match) {
    return {
      ...base,
      message: `Variable $${match[1]} of type ${match[2]} was provided invalid value`,
      extensions: { value: null, problems: [{ path: [], explanation: 'Expected value to not be null' }] },
    };
  }
  match = /^Variable "\$(\w+)" got invalid value (.*?); (.*)$/s.exec(error.message);
  if (match) {
    return {
      ...base,
      message: `Variable $${match[1]} of type ${variableType(error) ?? 'unknown'} was provided invalid value`,
      extensions: { value: safeJson(match[2]!), problems: [{ path: [], explanation: match[3] }] },
    };
  }
  match = /^Syntax Error: (.*)$/s.exec(error.message);
  if (match) {
    const location = formatted.locations?.[0];
    return {
      ...base,
      message: `Parse error on ${match[1]}${location ? ` at [${location.line}, ${location.column}]` : ''}`,
    };
  }
  return {
    message: formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.extensions ? { extensions: formatted.extensions } : {}),
  };
}

function variableType(error: GraphQLError): string | undefined {
  const node = error.nodes?.[0] as
    { type?: { loc?: { source: { body: string }; start: number; end: number } } } | undefined;
  const loc = node?.type?.loc;
  return loc ? loc.source.body.slice(loc.start, loc.end) : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
