import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';
import {
  getNamedType,
  isInputObjectType,
  Kind,
  parse,
  print,
  printSchema,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type TypeNode,
} from 'graphql';
import { ADMIN_SCHEMA_PATH, loadAdminSchema } from '../../shopify/schema';

/**
 * Types for the scenario operations in simulator/generator/operations, from the real Admin 2026-10
 * schema. Run: npx graphql-codegen --config simulator/generator/codegen.ts
 *
 * The full schema would emit every input type and enum of the Admin API (over a megabyte), so the
 * schema handed to codegen is cut down to the fields, arguments, inputs and enums these operations
 * touch. The cut is made on the schema's SDL (plain syntax trees), and taken from the real schema,
 * so a document that validates here validates on Shopify.
 */
const operationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'operations');
const operationsText = readdirSync(operationsFolder)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .map((file) => readFileSync(join(operationsFolder, file), 'utf8'))
  .join('\n');

interface SchemaUsage {
  fields: Set<string>;
  arguments: Set<string>;
  inputs: Set<string>;
}

function usageOf(schema: GraphQLSchema, documentText: string): SchemaUsage {
  const usage: SchemaUsage = { fields: new Set(), arguments: new Set(), inputs: new Set() };
  const typeInfo = new TypeInfo(schema);
  const collectInput = (type: GraphQLNamedType) => {
    if (usage.inputs.has(type.name)) return;
    usage.inputs.add(type.name);
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) collectInput(getNamedType(field.type));
    }
  };
  visit(
    parse(documentText),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field) usage.fields.add(`${parent.name}.${field.name}`);
      },
      Argument() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        const argument = typeInfo.getArgument();
        if (!parent || !field || !argument) return;
        usage.arguments.add(`${parent.name}.${field.name}(${argument.name})`);
        collectInput(getNamedType(argument.type));
      },
      VariableDefinition() {
        const type = typeInfo.getInputType();
        if (type) collectInput(getNamedType(type));
      },
    }),
  );
  return usage;
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** The schema's SDL with only what the operations use, plus every type that stays reachable. */
function usedSubsetSdl(schema: GraphQLSchema, documentText: string): string {
  const usage = usageOf(schema, documentText);
  const definitions = parse(printSchema(schema)).definitions.flatMap((definition): DefinitionNode[] => {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION: {
        const typeName = definition.name.value;
        const interfaces = (definition.interfaces ?? []).map((parent) => parent.name.value);
        // An object keeps a field an operation selects on it or on an interface it implements.
        const fields = (definition.fields ?? [])
          .filter((field) =>
            [typeName, ...interfaces].some((owner) => usage.fields.has(`${owner}.${field.name.value}`)),
          )
          .map((field) => ({
            ...field,
            arguments: (field.arguments ?? []).filter((argument) =>
              usage.arguments.has(`${typeName}.${field.name.value}(${argument.name.value})`),
            ),
          }));
        return fields.length > 0 ? [{ ...definition, fields }] : [];
      }
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        return usage.inputs.has(definition.name.value) ? [definition] : [];
      default:
        return [definition];
    }
  });

  // Keep what the roots reach; drop interfaces, union members and types nothing refers to any more.
  const byName = new Map<string, DefinitionNode>();
  for (const definition of definitions)
    if ('name' in definition && definition.name) byName.set(definition.name.value, definition);
  const reachable = new Set<string>();
  const reach = (name: string) => {
    const definition = byName.get(name);
    if (!definition || reachable.has(name)) return;
    reachable.add(name);
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION
    ) {
      for (const field of definition.fields ?? []) {
        reach(namedTypeOf(field.type));
        for (const argument of field.arguments ?? []) reach(namedTypeOf(argument.type));
      }
    } else if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) reach(namedTypeOf(field.type));
    } else if (definition.kind === Kind.UNION_TYPE_DEFINITION) {
      for (const member of definition.types ?? []) reach(member.name.value);
    }
  };
  const roots = [schema.getQueryType()?.name, schema.getMutationType()?.name].filter((name): name is string =>
    Boolean(name),
  );
  for (const root of roots) reach(root);
  const kept = definitions.flatMap((definition): DefinitionNode[] => {
    if (definition.kind === Kind.SCHEMA_DEFINITION) {
      return [
        {
          ...definition,
          operationTypes: definition.operationTypes.filter((root) => reachable.has(root.type.name.value)),
        },
      ];
    }
    if (!('name' in definition) || !definition.name || !reachable.has(definition.name.value)) return [];
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION
    ) {
      return [
        {
          ...definition,
          interfaces: (definition.interfaces ?? []).filter((parent) => reachable.has(parent.name.value)),
        },
      ];
    }
    if (definition.kind === Kind.UNION_TYPE_DEFINITION) {
      return [
        {
          ...definition,
          types: (definition.types ?? []).filter((member) => reachable.has(member.name.value)),
        },
      ];
    }
    return [definition];
  });
  return print({ kind: Kind.DOCUMENT, definitions: kept });
}

const subsetPath = ADMIN_SCHEMA_PATH.replace(/\.json\.gz$/, '.scenario-subset.graphql');
mkdirSync(dirname(subsetPath), { recursive: true });
writeFileSync(subsetPath, usedSubsetSdl(loadAdminSchema(), operationsText));

// Money and dates travel as JSON strings; decimal.js reads money from the string, never from a float.
const stringScalars = [
  'ARN',
  'BigInt',
  'Color',
  'Date',
  'DateTime',
  'Decimal',
  'FormattedString',
  'HTML',
  'Money',
  'StorefrontID',
  'URL',
  'UnsignedInt64',
  'UtcOffset',
];

const config: CodegenConfig = {
  overwrite: true,
  schema: subsetPath,
  documents: ['simulator/generator/operations/*.graphql'],
  generates: {
    'simulator/generator/generated/graphql.ts': {
      plugins: [
        {
          add: {
            content:
              '/* Generated by simulator/generator/codegen.ts from the Admin 2026-10 schema: do not edit. */',
          },
        },
        'typescript',
        'typescript-operations',
        'typed-document-node',
      ],
      config: {
        onlyOperationTypes: true,
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        strictScalars: true,
        scalars: { ...Object.fromEntries(stringScalars.map((name) => [name, 'string'])), JSON: 'unknown' },
      },
    },
  },
};

export default config;
