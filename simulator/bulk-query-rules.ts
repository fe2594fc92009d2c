import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  parse,
  specifiedRules,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** Shopify's limits on a bulk query (bulk operations guide, API 2026-10). */
export const BULK_QUERY_LIMITS = {
  /** Connections in the whole query, the top-level one included. */
  maxConnections: 5,
  /** Levels of connections nested in one another, the top-level one included. */
  maxConnectionDepth: 2,
} as const;

export type CheckedBulkQuery = { document: DocumentNode; rootField: string } | { error: string };

function isConnectionField(field: GraphQLField<unknown, unknown> | null | undefined): boolean {
  if (!field) return false;
  const named = getNamedType(field.type);
  return isObjectType(named) && named.name.endsWith('Connection') && Boolean(named.getFields().edges);
}

/**
 * Checks a bulk query the way bulkOperationRunQuery does before it creates the operation: a valid
 * document against the schema, one top-level connection (not node/nodes), at most five
 * connections, at most two levels of them, and none inside a list field.
 */
export function checkBulkQuery(schema: GraphQLSchema, query: string): CheckedBulkQuery {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { error: `Invalid bulk query: ${(error as Error).message}` };
  }
  const errors = validate(schema, document, specifiedRules);
  if (errors.length > 0) return { error: `Invalid bulk query: ${errors[0]!.message}` };
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1 || operations[0]!.operation !== 'query')
    return { error: 'Invalid bulk query: the document must hold exactly one query operation.' };
  if ((operations[0]!.variableDefinitions ?? []).length > 0)
    return { error: 'Invalid bulk query: bulk queries do not take variables.' };
  const roots = operations[0]!.selectionSet.selections.filter(
    (selection): selection is FieldNode =>
      selection.kind === Kind.FIELD && selection.name.value !== '__typename',
  );
  if (roots.length !== 1 || operations[0]!.selectionSet.selections.length !== roots.length)
    return { error: 'Invalid bulk query: the query must select exactly one top-level field.' };
  const root = roots[0]!;
  if (root.name.value === 'node' || root.name.value === 'nodes')
    return { error: "Invalid bulk query: the top-level node and nodes fields can't be used." };

  const typeInfo = new TypeInfo(schema);
  let connections = 0;
  let problem: string | undefined;
  // Connection depth and list nesting along the path, per field node entered.
  const stack: { connection: boolean; list: boolean }[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter() {
          const field = typeInfo.getFieldDef();
          const connection = isConnectionField(field);
          // A connection's own edges and nodes are lists, but not the list fields Shopify refuses.
          const parent = typeInfo.getParentType();
          const list =
            !connection &&
            field !== null &&
            field !== undefined &&
            isListType(getNullableType(field.type)) &&
            !(parent?.name.endsWith('Connection') || parent?.name.endsWith('Edge'));
          const depth = stack.filter((entry) => entry.connection).length + (connection ? 1 : 0);
          if (connection) {
            connections++;
            if (stack.some((entry) => entry.list))
              problem ??= `Queries that contain a connection field within a list field are not currently supported.`;
            if (depth > BULK_QUERY_LIMITS.maxConnectionDepth)
              problem ??= `Bulk queries cannot contain more than ${BULK_QUERY_LIMITS.maxConnectionDepth} levels of nested connections.`;
          }
          stack.push({ connection, list });
        },
        leave() {
          stack.pop();
        },
      },
    }),
  );
  if (connections === 0) return { error: 'Bulk queries must contain at least one connection.' };
  if (connections > BULK_QUERY_LIMITS.maxConnections)
    return {
      error: `Queries that contain more than ${BULK_QUERY_LIMITS.maxConnections} connections are not currently supported.`,
    };
  const rootField = schema.getQueryType()!.getFields()[root.name.value];
  if (!isConnectionField(rootField))
    return { error: 'Invalid bulk query: the top-level field must be a connection.' };
  if (problem) return { error: problem };
  return { document, rootField: root.alias?.value ?? root.name.value };
}

const PAGING_ARGUMENTS = new Set(['first', 'last', 'after', 'before']);

/**
 * The query as the simulator executes it, one page of top-level objects at a time: the top-level
 * connection reads `first: $bulkFirst, after: $bulkAfter` and its pageInfo, nested connections
 * lose their paging arguments (they return every element) and select their nodes' ids, which the
 * JSONL needs for `__parentId`.
 */
export function pagedBulkDocument(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  const variable = (name: string) =>
    ({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }) as const;
  const argument = (name: string, value: string): ArgumentNode => ({
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: name },
    value: variable(value),
  });
  const fieldNode = (name: string, selections?: FieldNode[]): FieldNode => ({
    kind: Kind.FIELD,
    name: { kind: Kind.NAME, value: name },
    ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
  });
  const rewritten = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: {
        leave(node) {
          return {
            ...node,
            variableDefinitions: [
              {
                kind: Kind.VARIABLE_DEFINITION,
                variable: variable('bulkFirst'),
                type: {
                  kind: Kind.NON_NULL_TYPE,
                  type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Int' } },
                },
              },
              {
                kind: Kind.VARIABLE_DEFINITION,
                variable: variable('bulkAfter'),
                type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
              },
            ],
          };
        },
      },
      Field: {
        enter(node) {
          if (!isConnectionField(typeInfo.getFieldDef())) return undefined;
          const isRoot = typeInfo.getParentType() === schema.getQueryType();
          const args = (node.arguments ?? []).filter((arg) => !PAGING_ARGUMENTS.has(arg.name.value));
          const selections = [...(node.selectionSet?.selections ?? [])].map((selection) => {
            // Nodes of a connection carry their id, so their children can point at them.
            if (selection.kind !== Kind.FIELD || !['nodes', 'edges'].includes(selection.name.value))
              return selection;
            const idField = fieldNode('id');
            if (selection.name.value === 'nodes')
              return {
                ...selection,
                selectionSet: {
                  ...selection.selectionSet!,
                  selections: [
                    ...selection.selectionSet!.selections,
                    { ...idField, alias: { kind: Kind.NAME, value: '__bulkId' } },
                  ],
                },
              };
            return {
              ...selection,
              selectionSet: {
                ...selection.selectionSet!,
                selections: selection.selectionSet!.selections.map((edgeSelection) =>
                  edgeSelection.kind === Kind.FIELD && edgeSelection.name.value === 'node'
                    ? {
                        ...edgeSelection,
                        selectionSet: {
                          ...edgeSelection.selectionSet!,
                          selections: [
                            ...edgeSelection.selectionSet!.selections,
                            { ...idField, alias: { kind: Kind.NAME, value: '__bulkId' } },
                          ],
                        },
                      }
                    : edgeSelection,
                ),
              },
            };
          });
          if (isRoot) {
            selections.push({
              ...fieldNode('pageInfo', [fieldNode('hasNextPage'), fieldNode('endCursor')]),
              alias: { kind: Kind.NAME, value: '__bulkPageInfo' },
            });
            args.push(argument('first', 'bulkFirst'), argument('after', 'bulkAfter'));
          }
          return {
            ...node,
            arguments: args,
            selectionSet: { kind: Kind.SELECTION_SET, selections },
          };
        },
      },
    }),
  );
  return rewritten;
}
