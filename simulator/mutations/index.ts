import type { Resolver } from '../execution';
import { orderCreate, type OrderCreateOrderInput } from './order-create';

/** Mutation resolvers by field name; each returns its payload in the schema's shape. */
export const mutationResolvers: Record<string, Resolver> = {
  orderCreate: (_source, args, context) =>
    orderCreate(context.store, args.order as OrderCreateOrderInput, args.options),
};
