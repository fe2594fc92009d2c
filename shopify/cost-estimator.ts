import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * Shopify's documented cost rules, applied statically to a document before it is sent:
 * scalars and enums 0, objects 1, interfaces and unions the most expensive possible selection,
 * connections 2 + first × (cost of one node), mutations 10.
 *
 * Two choices the documentation leaves open, made on the expensive side where it matters:
 * - a plain list of objects (Order.refunds, Order.transactions) costs one element, or `first`
 *   elements when a `first` argument is given (Shopify returns the whole list and cannot know
 *   its size before running the query);
 * - a connection without `first`/`last` is priced at the 250 maximum page size.
 *
 * A selection left out by `@skip` / `@include` for the request's variables (or their defaults)
 * costs nothing: Shopify's engine (graphql-ruby) analyses the query with its variables, so a
 * trimmed variant of an operation is charged as trimmed.
 */
export const SINGLE_QUERY_COST_LIMIT = 1000;
export const MUTATION_FIELD_COST = 10;
export const MAX_PAGE_SIZE = 250;

export interface QueryCostEstimate {
  operationName: string;
  operationType: 'query' | 'mutation' | 'subscription';
  requestedCost: number;
}

type VariableValues = Readonly<Record<string, unknown>>;

interface EstimateContext {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: VariableValues;
  variableDefaults: ReadonlyMap<string, ValueNode>;
}

export function findOperation(document: DocumentNode, operationName?: string): OperationDefinitionNode {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((candidate) => candidate.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) {
    const names = operations.map((candidate) => candidate.name?.value ?? '(anonymous)').join(', ');
    throw new Error(
      operationName
        ? `Operation '${operationName}' is not in the document (it holds: ${names}).`
        : `The document holds ${operations.length} operations (${names}): name the one to estimate.`,
    );
  }
  return operation;
}

/** Requested cost of one operation of `document` for the given variables, as Shopify would compute it. */
export function estimateQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: VariableValues = {},
  operationName?: string,
): QueryCostEstimate {
  const operation = findOperation(document, operationName);
  const fragments = new Map(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const variableDefaults = new Map(
    (operation.variableDefinitions ?? [])
      .filter((definition) => definition.defaultValue !== undefined)
      .map((definition) => [definition.variable.name.value, definition.defaultValue as ValueNode]),
  );
  const context: EstimateContext = { schema, fragments, variables, variableDefaults };
  const name = operation.name?.value ?? '(anonymous)';

  if (operation.operation === 'mutation') {
    const rootFields = collectFields(context, operation.selectionSet, mutationRoot(schema));
    return {
      operationName: name,
      operationType: 'mutation',
      requestedCost: rootFields.length * MUTATION_FIELD_COST,
    };
  }
  const rootType = operation.operation === 'query' ? schema.getQueryType() : schema.getSubscriptionType();
  if (!rootType) throw new Error(`The schema has no ${operation.operation} root type.`);
  return {
    operationName: name,
    operationType: operation.operation,
    requestedCost: selectionSetCost(context, operation.selectionSet, rootType),
  };
}

function mutationRoot(schema: GraphQLSchema): GraphQLObjectType {
  const root = schema.getMutationType();
  if (!root) throw new Error('The schema has no mutation root type.');
  return root;
}

/** Fields of `selectionSet` that apply when the runtime type is `concreteType` (fragments resolved). */
function collectFields(
  context: EstimateContext,
  selectionSet: SelectionSetNode,
  concreteType: GraphQLObjectType,
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (!isIncluded(context, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      fields.push(selection);
      continue;
    }
    const fragment =
      selection.kind === Kind.FRAGMENT_SPREAD ? context.fragments.get(selection.name.value) : selection;
    if (!fragment)
      throw new Error(`Fragment '${(selection as { name: { value: string } }).name.value}' is not defined.`);
    const condition = fragment.typeCondition?.name.value;
    if (condition && !typeMatchesCondition(context.schema, concreteType, condition)) continue;
    fields.push(...collectFields(context, fragment.selectionSet, concreteType));
  }
  return fields;
}

/** False when `@skip(if: true)` or `@include(if: false)` leaves the selection out. */
function isIncluded(context: EstimateContext, selection: SelectionNode): boolean {
  for (const directive of selection.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((entry) => entry.name.value === 'if');
    const condition = argument ? booleanValue(context, argument.value) : undefined;
    // Unknown (a variable without value or default): counted, the expensive side.
    if (condition === undefined) continue;
    if (condition === (name === 'skip')) return false;
  }
  return true;
}

function booleanValue(context: EstimateContext, value: ValueNode): boolean | undefined {
  if (value.kind === Kind.BOOLEAN) return value.value;
  if (value.kind !== Kind.VARIABLE) return undefined;
  const given = context.variables[value.name.value];
  if (typeof given === 'boolean') return given;
  const fallback = context.variableDefaults.get(value.name.value);
  return fallback?.kind === Kind.BOOLEAN ? fallback.value : undefined;
}

function typeMatchesCondition(
  schema: GraphQLSchema,
  concreteType: GraphQLObjectType,
  condition: string,
): boolean {
  if (concreteType.name === condition) return true;
  const conditionType = schema.getType(condition);
  return conditionType !== undefined && isAbstractType(conditionType)
    ? schema.isSubType(conditionType, concreteType)
    : false;
}

/** Cost of a selection set on `parentType`; for an interface or union, the most expensive concrete type. */
function selectionSetCost(
  context: EstimateContext,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
): number {
  const candidates: readonly GraphQLObjectType[] = isObjectType(parentType)
    ? [parentType]
    : context.schema.getPossibleTypes(parentType);
  let most = 0;
  for (const concreteType of candidates) {
    let cost = 0;
    for (const fieldNode of collectFields(context, selectionSet, concreteType)) {
      cost += fieldCost(context, fieldNode, concreteType);
    }
    most = Math.max(most, cost);
  }
  return most;
}

function fieldCost(context: EstimateContext, fieldNode: FieldNode, parentType: GraphQLObjectType): number {
  const fieldName = fieldNode.name.value;
  if (fieldName.startsWith('__')) return 0;
  const field = parentType.getFields()[fieldName];
  if (!field) throw new Error(`Field '${fieldName}' does not exist on type '${parentType.name}'.`);
  const namedType = getNamedType(field.type);
  if (!isCompositeType(namedType) || !fieldNode.selectionSet) return 0;

  if (isConnection(field)) {
    const pageSize = pageSizeArgument(context, fieldNode) ?? MAX_PAGE_SIZE;
    return 2 + pageSize * connectionNodeCost(context, fieldNode.selectionSet, namedType);
  }
  const elementCost = 1 + selectionSetCost(context, fieldNode.selectionSet, namedType);
  if (isListOf(field.type)) {
    const requestedElements = pageSizeArgument(context, fieldNode);
    return requestedElements === undefined ? elementCost : requestedElements * elementCost;
  }
  return elementCost;
}

function isListOf(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  const namedType = getNamedType(field.type);
  return (
    isObjectType(namedType) &&
    namedType.name.endsWith('Connection') &&
    'pageInfo' in namedType.getFields() &&
    field.args.some((argument) => argument.name === 'first')
  );
}

/** One node of a connection: its object (1) plus what is selected on it, via `nodes` or `edges.node`. */
function connectionNodeCost(
  context: EstimateContext,
  connectionSelection: SelectionSetNode,
  connectionType: GraphQLCompositeType,
): number {
  if (!isObjectType(connectionType)) return 0;
  let most = 0;
  for (const fieldNode of collectFields(context, connectionSelection, connectionType)) {
    const name = fieldNode.name.value;
    if (name === 'nodes' && fieldNode.selectionSet) {
      const nodeType = getNamedType(connectionType.getFields().nodes!.type) as GraphQLCompositeType;
      most = Math.max(most, 1 + selectionSetCost(context, fieldNode.selectionSet, nodeType));
    }
    if (name === 'edges' && fieldNode.selectionSet) {
      const edgeType = getNamedType(connectionType.getFields().edges!.type) as GraphQLObjectType;
      for (const edgeField of collectFields(context, fieldNode.selectionSet, edgeType)) {
        if (edgeField.name.value !== 'node' || !edgeField.selectionSet) continue;
        const nodeType = getNamedType(edgeType.getFields().node!.type) as GraphQLCompositeType;
        most = Math.max(most, 1 + selectionSetCost(context, edgeField.selectionSet, nodeType));
      }
    }
  }
  return most;
}

function pageSizeArgument(context: EstimateContext, fieldNode: FieldNode): number | undefined {
  for (const argument of fieldNode.arguments ?? []) {
    if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;
    const size = intValue(context, argument.value);
    if (size !== undefined) return size;
  }
  return undefined;
}

function intValue(context: EstimateContext, value: ValueNode): number | undefined {
  if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
  if (value.kind !== Kind.VARIABLE) return undefined;
  const name = value.name.value;
  const given = context.variables[name];
  if (typeof given === 'number') return given;
  const fallback = context.variableDefaults.get(name);
  return fallback && fallback.kind === Kind.INT ? Number.parseInt(fallback.value, 10) : undefined;
}
