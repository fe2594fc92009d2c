import { problemsFixableBy, type ConfigurationChange } from '../../../domain/configuration-fixes';
import { entityManagerOf, type ErpContext } from '../shared/context';

export interface OrderWaitingOnConfiguration {
  store: string;
  shopifyOrderId: string;
  orderName: string;
  shopCode: string;
}

export interface RefundWaitingOnConfiguration extends OrderWaitingOnConfiguration {
  shopifyRefundId: string;
}

export interface WorkFixableByChange {
  orders: OrderWaitingOnConfiguration[];
  refunds: RefundWaitingOnConfiguration[];
}

interface OrderRow {
  store: string;
  shopify_order_id: string;
  name: string;
  shop_code: string;
}

/**
 * The orders and refunds with an open problem that `change` can fix (domain/configuration-fixes.ts),
 * optionally of one shop card only: what to wake once the change is saved. A refund that already
 * has its credit memo is done and left out.
 */
export async function findWorkFixableByChange(
  context: ErpContext,
  change: ConfigurationChange,
  shopCode?: string,
): Promise<WorkFixableByChange> {
  const em = entityManagerOf(context);
  const codes = problemsFixableBy(change);
  const shop = shopCode?.toUpperCase() ?? null;
  const hasProblem = (alias: string) =>
    `exists (select 1 from jsonb_array_elements(${alias}.problems) problem
              where problem->>'code' in (?))`;
  const orders =
    codes.order.length === 0
      ? []
      : await em.execute<OrderRow[]>(
          `select o.store, o.shopify_order_id, o.name, o.shop_code
             from imported_order o
            where ${hasProblem('o')} and (?::text is null or o.shop_code = ?)
            order by o.id`,
          [codes.order, shop, shop],
        );
  const refunds =
    codes.refund.length === 0
      ? []
      : await em.execute<(OrderRow & { shopify_refund_id: string })[]>(
          `select r.store, r.shopify_refund_id, o.shopify_order_id, o.name, o.shop_code
             from imported_refund r
             join imported_order o on o.id = r.order_id
            where r.credit_memo_no is null and ${hasProblem('r')}
              and (?::text is null or o.shop_code = ?)
            order by r.id`,
          [codes.refund, shop, shop],
        );
  const order = (row: OrderRow): OrderWaitingOnConfiguration => ({
    store: row.store,
    shopifyOrderId: row.shopify_order_id,
    orderName: row.name,
    shopCode: row.shop_code,
  });
  return {
    orders: orders.map(order),
    refunds: refunds.map((row) => ({ ...order(row), shopifyRefundId: row.shopify_refund_id })),
  };
}
