import { estimateQueryCost } from '../../shopify/cost-estimator';
import { OrderForImportDocument } from '../../shopify/generated/graphql';
import { loadAdminSchema } from '../../shopify/schema';

/**
 * What OrderForImport requests for an order in the shop's currency, the usual first request (no
 * presentment money), from the estimator (so a trimmed query does not break tests).
 */
export const ORDER_FOR_IMPORT_REQUESTED_COST = estimateQueryCost(loadAdminSchema(), OrderForImportDocument, {
  withPresentment: false,
}).requestedCost;
