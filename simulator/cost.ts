import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { isConnectionTypeName } from './execution';

/** Shopify's single-query ceiling. */
export const MAX_QUERY_COST = 1000;
/** What one mutation field costs, whatever it selects. */
export const MUTATION_COST = 10;

interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/**
 * Requested cost by Shopify's published rules: scalars and enums 0, an object 1 plus what it
 * selects, a connection 2 plus `first`/`last` times the cost of one node, a mutation field 10.
 * A list of objects that is not a connection counts once. Where fragments select on different
 * concrete types, the dearest type counts. A selection left out by `@skip` / `@include` costs
 * nothing, as in the static analysis of Shopify's GraphQL engine (graphql-ruby), which sees the
 * request's variables.
 */
export function requestedQueryCost(input: CostInput): number {
  const { schema, operation } = input;
  if (operation.operation === 'mutation') {
    return (
      flattenFields(operation.selectionSet, input).filter((entry) => entry.node.name.value !== '__typename')
        .length * MUTATION_COST
    );
  }
  const root = operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;
  return selectionCost(root, operation.selectionSet, input);
}

interface CollectedField {
  node: FieldNode;
  typeCondition: string | null;
}

/** The fields of a selection set, through fragments, each with the type condition it sits under. */
function flattenFields(
  selectionSet: SelectionSetNode,
  input: CostInput,
  typeCondition: string | null = null,
): CollectedField[] {
  const fields: CollectedField[] = [];
  for (const selection of selectionSet.selections) {
    if (!isIncluded(selection, input)) continue;
    if (selection.kind === Kind.FIELD) fields.push({ node: selection, typeCondition });
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fields.push(
        ...flattenFields(selection.selectionSet, input, selection.typeCondition?.name.value ?? typeCondition),
      );
    } else {
      const fragment = input.fragments[selection.name.value];
      if (fragment)
        fields.push(...flattenFields(fragment.selectionSet, input, fragment.typeCondition.name.value));
    }
  }
  return fields;
}

/** False when `@skip(if: true)` or `@include(if: false)` leaves the selection out. */
function isIncluded(selection: SelectionNode, input: CostInput): boolean {
  for (const directive of selection.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((entry) => entry.name.value === 'if');
    const condition = argument ? booleanValue(argument.value, input) : undefined;
    if (condition === undefined) continue;
    if (condition === (name === 'skip')) return false;
  }
  return true;
}

/** A literal, else the request's variable, else the variable's default; undefined when none says. */
function booleanValue(value: ValueNode, input: CostInput): boolean | undefined {
  if (value.kind === Kind.BOOLEAN) return value.value;
  if (value.kind !== Kind.VARIABLE) return undefined;
  const given = input.variables[value.name.value];
  if (typeof given === 'boolean') return given;
  const fallback = input.operation.variableDefinitions?.find(
    (definition) => definition.variable.name.value === value.name.value,
  )?.defaultValue;
  return fallback?.kind === Kind.BOOLEAN ? fallback.value : undefined;
}

function selectionCost(
  parentType: GraphQLCompositeType,
  selectionSet: SelectionSetNode | undefined,
  input: CostInput,
): number {
  if (!selectionSet) return 0;
  const fields = flattenFields(selectionSet, input);
  let common = 0;
  const byType = new Map<string, number>();
  for (const { node, typeCondition } of fields) {
    const conditionType = typeCondition ? input.schema.getType(typeCondition) : undefined;
    const appliesToAll =
      !typeCondition ||
      typeCondition === parentType.name ||
      (isObjectType(parentType) && conditionType && isAbstractType(conditionType));
    const owner =
      appliesToAll || !conditionType || !isCompositeType(conditionType) ? parentType : conditionType;
    const cost = fieldCost(owner, node, input);
    if (appliesToAll || owner === parentType) common += cost;
    else byType.set(owner.name, (byType.get(owner.name) ?? 0) + cost);
  }
  return common + Math.max(0, ...byType.values());
}

function fieldDefinition(
  parentType: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(parentType) || isInterfaceType(parentType)) return parentType.getFields()[name];
  return undefined;
}

function fieldCost(parentType: GraphQLCompositeType, node: FieldNode, input: CostInput): number {
  if (node.name.value.startsWith('__')) return 0;
  const definition = fieldDefinition(parentType, node.name.value);
  if (!definition) return 0;
  const named = getNamedType(definition.type);
  if (isLeafType(named) || !isCompositeType(named)) return 0;
  if (isConnectionTypeName(named.name) && isObjectType(named) && named.getFields().edges) {
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(definition, node, input.variables);
    } catch {
      args = {};
    }
    const size = Number(args.first ?? args.last ?? 0) || 0;
    return 2 + size * connectionNodeCost(named, node.selectionSet, input);
  }
  return 1 + selectionCost(named, node.selectionSet, input);
}

/** The cost of one node of a connection: the dearest of `edges { node }` and `nodes`. */
function connectionNodeCost(
  connectionType: GraphQLCompositeType,
  selectionSet: SelectionSetNode | undefined,
  input: CostInput,
): number {
  if (!selectionSet || !isObjectType(connectionType)) return 0;
  let perNode = 0;
  for (const { node } of flattenFields(selectionSet, input)) {
    const definition = connectionType.getFields()[node.name.value];
    if (!definition) continue;
    if (node.name.value === 'nodes') {
      const nodeType = getNamedType(definition.type);
      if (isCompositeType(nodeType))
        perNode = Math.max(perNode, 1 + selectionCost(nodeType, node.selectionSet, input));
    } else if (node.name.value === 'edges' && node.selectionSet) {
      const edgeType = getNamedType(definition.type);
      if (!isObjectType(edgeType)) continue;
      for (const edgeField of flattenFields(node.selectionSet, input)) {
        if (edgeField.node.name.value !== 'node') continue;
        const nodeType = getNamedType(edgeType.getFields().node!.type);
        if (isCompositeType(nodeType))
          perNode = Math.max(perNode, 1 + selectionCost(nodeType, edgeField.node.selectionSet, input));
      }
    }
  }
  return perNode;
}
