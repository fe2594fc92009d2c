import type { ResolverMap } from '../execution';

export const calculatedOrderResolvers: ResolverMap = {};
