import { ImportedOrder } from '../erp/entities';
import { createCreditMemo } from '../erp/services/refunds';
import { dispatchOrderChange } from '../temporal/dispatch-order';
import type { ActivityDeps } from './deps';
import { creditMemosCreated } from '../platform/metrics';
import type {
  CreditMemoAttempt,
  CreditMemoRequest,
  OrderReimportRequest,
} from '../workflows/contracts/refund';

export function createRefundActivities(deps: ActivityDeps) {
  return {
    /** One credit memo attempt for a refund, in one transaction; the outcome says what to wait for. */
    async createCreditMemoForRefund(input: CreditMemoRequest): Promise<CreditMemoAttempt> {
      const result = await createCreditMemo(
        deps.orm,
        { store: input.store, shopifyRefundId: input.shopifyRefundId },
        input.requestedBy,
      );
      await deps.afterSideEffect?.('createCreditMemoForRefund', input.shopifyRefundId);
      if (result.outcome === 'created') creditMemosCreated.inc();
      if (result.outcome === 'created' || result.outcome === 'exists') {
        const { documentNo, status, amountIncludingTax, isoCode, rounding } = result.creditMemo;
        return {
          outcome: result.outcome,
          orderName: result.orderName,
          creditMemo: { documentNo, status, amountIncludingTax, isoCode, rounding },
          problems: result.warnings,
        };
      }
      return {
        outcome: result.outcome,
        orderName: result.orderName,
        problems: 'problems' in result ? result.problems : [],
      };
    },

    /**
     * Asks the order's workflow to read the order from Shopify again (a refund's payment may have
     * settled). The request carries the order's last imported version, so the order workflow's
     * duplicate filter for later syncs is not moved forward.
     */
    async requestOrderReimport(input: OrderReimportRequest): Promise<void> {
      const order = await deps.orm.em
        .fork()
        .findOneOrFail(ImportedOrder, { store: input.store, shopifyOrderId: input.shopifyOrderId });
      await dispatchOrderChange(
        deps.temporalClient,
        deps.taskQueue,
        {
          store: order.store,
          shopifyOrderId: order.shopifyOrderId,
          orderName: order.name,
          change: {
            shopCode: order.shopCode,
            shopifyUpdatedAt: order.shopifyUpdatedAt.toISOString(),
            // 'operator' re-imports whatever the version: the refund workflow asks on an operator's terms.
            source: 'operator',
          },
        },
        deps.orderTimings,
      );
    },
  };
}
