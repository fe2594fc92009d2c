import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  getNamedType,
  isEnumType,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { ordersBulkQuery } from '../../shopify/bulk-order-query';
import { checkBulkQuery } from '../../simulator/bulk-query-rules';
import { estimateQueryCost, SINGLE_QUERY_COST_LIMIT } from '../../shopify/cost-estimator';
import { loadAdminSchema } from '../../shopify/schema';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const SKIPPED_FOLDERS = new Set(['node_modules', '.cache', '.git', '.tools', '.temporal', 'coverage']);

function findGraphqlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory())
      return SKIPPED_FOLDERS.has(entry.name) ? [] : findGraphqlFiles(join(folder, entry.name));
    return entry.name.endsWith('.graphql') ? [join(folder, entry.name)] : [];
  });
}

interface GraphqlFile {
  path: string;
  text: string;
  document: DocumentNode;
  operations: OperationDefinitionNode[];
}

const schema = loadAdminSchema();
const files: GraphqlFile[] = findGraphqlFiles(repositoryRoot).map((absolutePath) => {
  const text = readFileSync(absolutePath, 'utf8');
  const document = parse(text);
  return {
    path: relative(repositoryRoot, absolutePath),
    text,
    document,
    operations: document.definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    ),
  };
});

const fragmentsByName = new Map<string, { fragment: FragmentDefinitionNode; path: string }[]>();
for (const file of files) {
  for (const definition of file.document.definitions) {
    if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const found = fragmentsByName.get(definition.name.value) ?? [];
    found.push({ fragment: definition, path: file.path });
    fragmentsByName.set(definition.name.value, found);
  }
}

/** The operation plus every fragment it reaches, as codegen and the client send it. */
function executableDocument(operation: OperationDefinitionNode): DocumentNode {
  const reached = new Map<string, FragmentDefinitionNode>();
  const pending: (OperationDefinitionNode | FragmentDefinitionNode)[] = [operation];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragmentsByName.get(name)?.[0]?.fragment;
        if (!fragment || reached.has(name)) return;
        reached.set(name, fragment);
        pending.push(fragment);
      },
    });
  }
  return { kind: Kind.DOCUMENT, definitions: [operation, ...reached.values()] };
}

/** Every deprecated field, argument, input field and enum value the document uses. */
function deprecatedUsages(schemaToCheck: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schemaToCheck);
  const usages: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (field?.deprecationReason != null) {
          usages.push(`field ${parent?.name}.${node.name.value}: ${field.deprecationReason}`);
        }
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (argument?.deprecationReason != null) {
          usages.push(`argument ${node.name.value}: ${argument.deprecationReason}`);
        }
      },
      ObjectField(node) {
        const inputType = typeInfo.getParentInputType();
        const namedType = inputType ? getNamedType(inputType) : undefined;
        const inputField =
          namedType && 'getFields' in namedType ? namedType.getFields()[node.name.value] : undefined;
        if (inputField && 'deprecationReason' in inputField && inputField.deprecationReason != null) {
          usages.push(`input field ${namedType?.name}.${node.name.value}: ${inputField.deprecationReason}`);
        }
      },
      EnumValue(node) {
        const inputType = typeInfo.getInputType();
        const enumType = inputType ? getNamedType(inputType) : undefined;
        if (!enumType || !isEnumType(enumType)) return;
        const value = enumType.getValue(node.value);
        if (value?.deprecationReason != null) {
          usages.push(`enum value ${enumType.name}.${node.value}: ${value.deprecationReason}`);
        }
      },
    }),
  );
  return usages;
}

const operations = files.flatMap((file) => file.operations.map((operation) => ({ file, operation })));

describe('GraphQL documents against the Shopify Admin 2026-10 schema', () => {
  it('finds the connector operations', () => {
    const names = operations.map(({ operation }) => operation.name?.value);
    expect(names).toEqual(expect.arrayContaining(['OrdersToImport', 'OrderForImport', 'FulfillmentCreate']));
  });

  it('keeps one operation per file and every fragment name unique', () => {
    for (const file of files) expect(file.operations.length, file.path).toBeLessThanOrEqual(1);
    for (const [name, definitions] of fragmentsByName) {
      expect(
        definitions.map(({ path }) => path),
        `fragment ${name}`,
      ).toHaveLength(1);
    }
  });

  it('uses every fragment it defines', () => {
    const used = new Set(
      operations.flatMap(({ operation }) =>
        executableDocument(operation)
          .definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
          .map((fragment) => (fragment as FragmentDefinitionNode).name.value),
      ),
    );
    expect([...fragmentsByName.keys()].filter((name) => !used.has(name))).toEqual([]);
  });

  describe.each(
    operations.map(({ file, operation }) => [operation.name?.value ?? file.path, file, operation] as const),
  )('%s', (_name, file, operation) => {
    const document = executableDocument(operation);

    it('validates without errors', () => {
      expect(validate(schema, document).map((error) => `${file.path}: ${error.message}`)).toEqual([]);
    });

    it('uses no deprecated field, argument or enum value', () => {
      expect(deprecatedUsages(schema, document).map((usage) => `${file.path}: ${usage}`)).toEqual([]);
    });

    it('requests less than the single-query limit, as its header states', () => {
      // Bulk queries have no single-query limit (Shopify pages them); their own limits are checked below.
      if (file.path.startsWith('shopify/bulk-queries/')) return;
      const { requestedCost } = estimateQueryCost(schema, document);
      expect(requestedCost).toBeLessThan(SINGLE_QUERY_COST_LIMIT);
      if (file.path.startsWith('shopify/operations/')) {
        const stated = /Requested cost: (\d+) points/.exec(file.text)?.[1];
        expect(stated, `${file.path} must state "Requested cost: ${requestedCost} points"`).toBe(
          String(requestedCost),
        );
      }
    });
  });
});

describe('bulk queries', () => {
  it('keep within what bulkOperationRunQuery accepts (5 connections, 2 levels, none in a list)', () => {
    const checked = checkBulkQuery(schema, ordersBulkQuery("updated_at:>='2026-01-01T00:00:00Z'"));
    expect('error' in checked ? checked.error : 'accepted').toBe('accepted');
  });
});

describe('the deprecation check itself', () => {
  it('reports deprecated fields, arguments and enum values', () => {
    const document = parse(`
      query Deprecated {
        order(id: "gid://shopify/Order/1") {
          totalPrice
          channel { id }
          lineItems(first: 1) { nodes { fulfillableQuantity image(maxWidth: 10) { url } } }
        }
        metafieldDefinitions(first: 1, ownerType: MEDIA_IMAGE) { nodes { id } }
      }
    `);
    const usages = deprecatedUsages(schema, document);
    expect(usages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^field Order\.totalPrice/),
        expect.stringMatching(/^field Order\.channel/),
        expect.stringMatching(/^field LineItem\.fulfillableQuantity/),
        expect.stringMatching(/^argument maxWidth/),
        expect.stringMatching(/^enum value MetafieldOwnerType\.MEDIA_IMAGE/),
      ]),
    );
  });
});
