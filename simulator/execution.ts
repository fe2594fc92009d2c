import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLAbstractType,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLTypeResolver,
} from 'graphql';
import { connectionFromArray, type ConnectionArgs } from './connection';
import { parseGid, type ShopStore } from './store';
import { moneyBag } from './money';
import type { AppRecord } from './app-auth';

/** What every resolver gets: the shop's store, and the actual-cost tally of this request. */
export interface SimulatorContext {
  store: ShopStore;
  actualCost: number;
  /** Scopes of the installation whose token made the request. */
  accessScopes: readonly string[];
  /** The app whose token made the request (mutations such as orderRiskAssessmentCreate name it). */
  app?: AppRecord;
}

export type Resolver = (
  source: Record<string, unknown>,
  args: Record<string, unknown>,
  context: SimulatorContext,
  info: GraphQLResolveInfo,
) => unknown;

/** Resolvers by `Type.field`; everything else is read off the record (or defaulted, see below). */
export type ResolverMap = Record<string, Record<string, Resolver>>;

export function isConnectionTypeName(name: string): boolean {
  return name.endsWith('Connection');
}

/**
 * Every field goes through here: a resolver from the map if there is one, else the record's own
 * property (functions are called), else a default. Arrays on connection-typed fields become
 * connections; arrays on list fields with `first` are cut. Non-null fields the simulator does not
 * model resolve to a neutral value (false, 0, "", [], zero money, an empty object), so any valid
 * query executes, and nullable ones to null.
 */
export function createFieldResolver(resolvers: ResolverMap): GraphQLFieldResolver<unknown, SimulatorContext> {
  return (source, args, context, info) => {
    const custom = resolvers[info.parentType.name]?.[info.fieldName];
    let value: unknown;
    if (custom) {
      value = custom(source as Record<string, unknown>, args, context, info);
      if (Array.isArray(value))
        value = shapeValue(value, args as ConnectionArgs & Record<string, unknown>, info, context);
    } else {
      const record = source as Record<string, unknown> | null;
      const property = record && typeof record === 'object' ? record[info.fieldName] : undefined;
      value =
        typeof property === 'function'
          ? (property as (...a: unknown[]) => unknown)(args, context, info)
          : property;
      value = shapeValue(value, args as ConnectionArgs & Record<string, unknown>, info, context);
    }
    if (value instanceof Promise) {
      return value.then((settled) => {
        account(settled, info, context);
        return settled;
      });
    }
    account(value, info, context);
    return value;
  };
}

function shapeValue(
  value: unknown,
  args: ConnectionArgs & Record<string, unknown>,
  info: GraphQLResolveInfo,
  context: SimulatorContext,
): unknown {
  const named = getNamedType(info.returnType);
  const nullable = getNullableType(info.returnType);
  if (isConnectionTypeName(named.name) && isObjectType(named) && named.getFields().edges) {
    if (value === undefined || value === null)
      return isNonNullType(info.returnType) ? connectionFromArray([], args) : null;
    if (Array.isArray(value)) return connectionFromArray(value, args);
    return value;
  }
  if (Array.isArray(value)) {
    if (isListType(nullable) && typeof args.first === 'number')
      return value.slice(0, Math.max(0, args.first));
    return value;
  }
  if (value === undefined) return defaultValueFor(info.returnType, context);
  return value;
}

/** A neutral value for a field the simulator does not model. */
export function defaultValueFor(type: GraphQLOutputType, context: SimulatorContext): unknown {
  if (!isNonNullType(type)) return null;
  const inner = type.ofType;
  if (isListType(inner)) return [];
  if (isEnumType(inner)) {
    const values = inner.getValues().filter((value) => !value.deprecationReason);
    return (
      (values.find((value) => value.name === 'NONE') ?? values[0] ?? inner.getValues()[0])?.value ?? null
    );
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'Boolean':
        return false;
      case 'Int':
      case 'Float':
        return 0;
      case 'Decimal':
      case 'Money':
        return '0.0';
      case 'UnsignedInt64':
        return '0';
      case 'DateTime':
        return context.store.shop.createdAt;
      case 'Date':
        return context.store.shop.createdAt.slice(0, 10);
      case 'URL':
        return context.store.shop.url;
      case 'JSON':
        return {};
      case 'ID':
        return 'gid://shopify/Unknown/0';
      default:
        return '';
    }
  }
  if (inner.name === 'MoneyV2') return { amount: '0.0', currencyCode: context.store.shop.currencyCode };
  if (inner.name === 'MoneyBag') {
    const currency = context.store.shop.currencyCode;
    return moneyBag(0, 0, { shop: currency, presentment: currency });
  }
  return {};
}

/** Objects carry `__typename`; failing that, the type is read off the gid; failing that, the first candidate. */
export const typeResolver: GraphQLTypeResolver<unknown, SimulatorContext> = (
  value,
  _context,
  info,
  abstractType: GraphQLAbstractType,
) => {
  const record = value as { __typename?: string; id?: string } | null;
  if (record?.__typename) return record.__typename;
  const parsed = typeof record?.id === 'string' ? parseGid(record.id) : undefined;
  if (parsed && info.schema.getType(parsed.type)) return parsed.type;
  return info.schema.getPossibleTypes(abstractType)[0]?.name;
};

/**
 * Actual query cost, counted while resolving (Shopify's rules): an object costs 1, a connection 2
 * plus its nodes, scalars and enums 0. A list of objects that is not a connection counts once,
 * so only its first element (and what is below it) is counted.
 */
function account(value: unknown, info: GraphQLResolveInfo, context: SimulatorContext): void {
  if (value === null || value === undefined) return;
  if (!isCompositeType(getNamedType(info.returnType))) return;
  if (insideRepeatedListElement(info)) return;
  const parent = info.parentType.name;
  const named = getNamedType(info.returnType).name;
  if (isConnectionTypeName(parent)) {
    if (info.fieldName === 'nodes' && Array.isArray(value)) context.actualCost += value.length;
    return;
  }
  if (parent.endsWith('Edge')) {
    if (info.fieldName === 'node') context.actualCost += 1;
    return;
  }
  if (isConnectionTypeName(named)) {
    context.actualCost += 2;
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > 0) context.actualCost += 1;
    return;
  }
  context.actualCost += 1;
}

function insideRepeatedListElement(info: GraphQLResolveInfo): boolean {
  for (let path = info.path.prev; path; path = path.prev) {
    if (typeof path.key === 'number' && path.key > 0) {
      const listField = path.prev;
      if (!listField || !listField.typename || !isConnectionTypeName(listField.typename)) return true;
    }
  }
  return false;
}
