import { describe, expect, it } from 'vitest';
import type { Transaction } from '../../domain/order-snapshot';
import { ShopCard } from '../../erp/entities';
import { createSalesDocument } from '../../erp/services/documents';
import { importOrder, mapOrder } from '../../erp/services/orders';
import { createCreditMemo } from '../../erp/services/refunds';
import { findWorkFixableByChange } from '../../erp/services/settings';
import { bag, line } from '../unit/domain/order-snapshot-fixture';
import { newOrder, SHOP, STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();

const refundPayment: Transaction = {
  shopifyTransactionId: 'gid://shopify/OrderTransaction/71',
  kind: 'REFUND',
  status: 'SUCCESS',
  gateway: 'shopify_payments',
  formattedGateway: 'Shopify Payments',
  amount: bag('125.00'),
  parentTransactionId: null,
  createdAt: '2026-11-21T10:00:00Z',
  processedAt: '2026-11-21T10:00:00Z',
  test: false,
  errorCode: null,
};

describe('the orders and refunds a configuration change can fix', () => {
  it('finds them by their open problem, per change and per shop card', async () => {
    // An order whose variant maps to no item: ITEM_NOT_MAPPED.
    const unmapped = newOrder({ lines: [line(1, { sku: 'NO-SUCH-SKU' })] });
    const { importedOrderId: unmappedId = -1 } = await importOrder(erp.orm, SHOP, unmapped);
    const mapped = await mapOrder(erp.orm, unmappedId);
    expect(mapped.problems.map((problem) => problem.code)).toContain('ITEM_NOT_MAPPED');

    // A refund of an item not restocked on a card without that refund account: ACCOUNT_NOT_SET.
    await erp.orm.em
      .fork()
      .nativeUpdate(
        ShopCard,
        { code: SHOP },
        { refundAccountNonRestockNo: null, returnRefundProcess: 'import_only' },
      );
    const sold = newOrder();
    const { importedOrderId: soldId = -1 } = await importOrder(erp.orm, SHOP, sold);
    await createSalesDocument(erp.orm, soldId);
    const shopifyRefundId = `gid://shopify/Refund/${sold.number}`;
    await importOrder(erp.orm, SHOP, {
      ...sold,
      updatedAt: '2026-11-21T10:00:00Z',
      financialStatus: 'PARTIALLY_REFUNDED',
      lines: [{ ...sold.lines[0]!, currentQuantity: 0 }],
      transactions: [refundPayment],
      refunds: [
        {
          shopifyRefundId,
          createdAt: '2026-11-21T10:00:00Z',
          processedAt: '2026-11-21T10:00:00Z',
          note: null,
          totalRefunded: bag('125.00'),
          lines: [
            {
              shopifyRefundLineId: null,
              shopifyLineId: sold.lines[0]!.shopifyLineId,
              quantity: 1,
              restockType: 'NO_RESTOCK',
              restocked: false,
              locationId: null,
              price: bag('100.00'),
              subtotal: bag('100.00'),
              totalTax: bag('25.00'),
            },
          ],
          shipping: null,
          shippingLines: [],
          orderAdjustments: [],
          transactionIds: [refundPayment.shopifyTransactionId],
          transactions: [refundPayment],
          returnId: null,
        },
      ],
    });
    const memo = await createCreditMemo(erp.orm, { store: STORE, shopifyRefundId }, 'operator');
    expect(memo).toMatchObject({ outcome: 'blocked' });

    const byItemMapping = await findWorkFixableByChange(erp.orm, 'item-mapping');
    expect(byItemMapping.orders.map((order) => order.orderName)).toEqual([unmapped.name]);
    expect(byItemMapping.refunds).toEqual([]);

    const byShopCard = await findWorkFixableByChange(erp.orm, 'shop-card', SHOP.toLowerCase());
    expect(byShopCard.refunds).toEqual([
      {
        store: STORE,
        shopifyOrderId: sold.shopifyOrderId,
        orderName: sold.name,
        shopCode: SHOP,
        shopifyRefundId,
      },
    ]);
    expect(byShopCard.orders).toEqual([]);
    expect(await findWorkFixableByChange(erp.orm, 'shop-card', 'OTHER')).toEqual({ orders: [], refunds: [] });
    expect(await findWorkFixableByChange(erp.orm, 'exchange-rate')).toEqual({ orders: [], refunds: [] });
  });
});
