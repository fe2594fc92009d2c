import { readFileSync } from 'node:fs';
import {
  Kind,
  parse,
  print,
  visit,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
} from 'graphql';

const BULK_QUERY_FILE = new URL('./bulk-queries/orders-bulk-import.graphql', import.meta.url);
const FRAGMENTS_FILE = new URL('./operations/order-fragments.graphql', import.meta.url);

let cachedTemplate: DocumentNode | undefined;

/** The bulk query with the order fragments it spreads (read once per process). */
function template(): DocumentNode {
  if (cachedTemplate) return cachedTemplate;
  const query = parse(readFileSync(BULK_QUERY_FILE, 'utf8'));
  const fragments = parse(readFileSync(FRAGMENTS_FILE, 'utf8')).definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  cachedTemplate = { ...query, definitions: [...query.definitions, ...fragments] };
  return cachedTemplate;
}

/** A directive's `if` under the inlined variables: the field stays unless @include false or @skip true. */
function keeps(directives: readonly DirectiveNode[] | undefined, values: Record<string, unknown>): boolean {
  for (const directive of directives ?? []) {
    const condition = directive.arguments?.find((argument: ArgumentNode) => argument.name.value === 'if');
    if (!condition) continue;
    const value =
      condition.value.kind === Kind.VARIABLE
        ? Boolean(values[condition.value.name.value])
        : condition.value.kind === Kind.BOOLEAN && condition.value.value;
    if (directive.name.value === 'include' && !value) return false;
    if (directive.name.value === 'skip' && value) return false;
  }
  return true;
}

/**
 * The bulk query for orders matching `searchQuery`, as Shopify takes it: no variables (the search
 * is inlined as a string, the @include conditions resolved with their defaults), and only the
 * fragments it uses.
 */
export function ordersBulkQuery(searchQuery: string): string {
  const document = template();
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION)!;
  const values: Record<string, unknown> = { query: searchQuery };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (name in values) continue;
    values[name] = definition.defaultValue?.kind === Kind.BOOLEAN ? definition.defaultValue.value : undefined;
  }
  const inlined = visit(document, {
    OperationDefinition: (node) => ({ ...node, variableDefinitions: [] }),
    Field: (node) =>
      keeps(node.directives, values)
        ? {
            ...node,
            directives: (node.directives ?? []).filter(
              (directive) => !['include', 'skip'].includes(directive.name.value),
            ),
          }
        : null,
    Variable: (node) => ({ kind: Kind.STRING, value: String(values[node.name.value]) }) as never,
  });
  // Only the fragments still spread somewhere (fragments of other operations share the file).
  const used = new Set<string>();
  let grew = true;
  const byName = new Map(
    inlined.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const spreadsOf = (node: unknown) => {
    const names: string[] = [];
    visit(node as DocumentNode, { FragmentSpread: (spread) => void names.push(spread.name.value) });
    return names;
  };
  const rootOperation = inlined.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  for (const name of spreadsOf(rootOperation)) used.add(name);
  while (grew) {
    grew = false;
    for (const name of [...used]) {
      for (const inner of spreadsOf(byName.get(name)!)) {
        if (!used.has(inner)) {
          used.add(inner);
          grew = true;
        }
      }
    }
  }
  return print({
    ...inlined,
    definitions: inlined.definitions.filter(
      (definition) => definition.kind !== Kind.FRAGMENT_DEFINITION || used.has(definition.name.value),
    ),
  });
}
