import { describe, expect, it } from 'vitest';
import type { OrderSnapshot } from '../../domain/order-snapshot';
import { ImportedOrder } from '../../erp/entities';
import { importOrder, recordDiscoveredOrders } from '../../erp/services/orders';
import { bag, LOCATION_OSLO } from '../unit/domain/order-snapshot-fixture';
import { line, newOrder, SHOP, STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();

/** Every statement the ORM's connection sends (BEGIN and COMMIT included) while `work` runs. */
async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const knex = erp.orm.em.getConnection().getKnex();
  const statements: string[] = [];
  const listener = (query: { sql: string }) => statements.push(query.sql);
  knex.on('query', listener);
  try {
    return { result: await work(), statements };
  } finally {
    knex.off('query', listener);
  }
}

/** An order with a row in every child table, money in two currencies and JSON in every JSON column. */
function richOrder(): OrderSnapshot {
  const order = newOrder({
    presentmentCurrencyCode: 'EUR',
    tags: ['vip', 'gift'],
    customAttributes: [{ key: 'gift-wrap', value: 'yes' }],
    note: 'leave at the door',
  });
  const paidAt = '2026-11-20T10:01:00Z';
  return {
    ...order,
    lines: [
      line(1, {
        discountAllocations: [{ amount: bag('10.00', '0.90', 'NOK', 'EUR') }],
        customAttributes: [{ key: 'engraving', value: 'K' }],
      }),
      line(2, { quantity: 3, currentQuantity: 3, unfulfilledQuantity: 3, sku: null, barcode: '7041' }),
    ],
    transactions: [
      {
        shopifyTransactionId: 'gid://shopify/OrderTransaction/1',
        kind: 'SALE',
        status: 'SUCCESS',
        gateway: 'gift_card',
        formattedGateway: 'Gift card',
        amount: bag('100.00', '9.00', 'NOK', 'EUR'),
        parentTransactionId: null,
        createdAt: paidAt,
        processedAt: paidAt,
        test: false,
        errorCode: null,
        accountNumber: '•••• •••• •••• 7H3K',
      },
      {
        shopifyTransactionId: 'gid://shopify/OrderTransaction/2',
        kind: 'SALE',
        status: 'SUCCESS',
        gateway: 'shopify_payments',
        formattedGateway: 'Shopify Payments',
        amount: bag('150.5000', '13.55', 'NOK', 'EUR'),
        parentTransactionId: null,
        createdAt: paidAt,
        processedAt: null,
        test: true,
        errorCode: null,
      },
    ],
    fulfillmentOrders: [
      {
        shopifyFulfillmentOrderId: 'gid://shopify/FulfillmentOrder/1',
        status: 'OPEN',
        assignedLocationId: LOCATION_OSLO,
        updatedAt: paidAt,
        lines: null,
      },
    ],
    fulfillments: [
      {
        shopifyFulfillmentId: 'gid://shopify/Fulfillment/1',
        name: `${order.name}-F1`,
        status: 'SUCCESS',
        displayStatus: 'FULFILLED',
        locationId: LOCATION_OSLO,
        createdAt: paidAt,
        tracking: [{ company: 'Posten', number: '70701', url: null }],
        lines: [],
      },
    ],
  } as OrderSnapshot;
}

const CHILD_TABLES = [
  'imported_order_line',
  'imported_shipping_line',
  'imported_transaction',
  'imported_fulfillment_order',
  'imported_fulfillment',
] as const;

/** What an import wrote for an order, without keys and the times of the import itself. */
async function storedRows(importedOrderId: number) {
  const em = erp.orm.em.fork();
  const [order] = await em.execute<Record<string, unknown>[]>('select * from imported_order where id = ?', [
    importedOrderId,
  ]);
  const {
    id,
    shopify_order_id,
    snapshot,
    version,
    first_imported_at,
    last_imported_at,
    updated_at,
    ...header
  } = order!;
  void [id, shopify_order_id, snapshot, version, first_imported_at, last_imported_at, updated_at];
  const children: Record<string, unknown[]> = {};
  for (const table of CHILD_TABLES) {
    const rows = await em.execute<Record<string, unknown>[]>(
      `select * from ${table} where order_id = ? order by id`,
      [importedOrderId],
    );
    children[table] = rows.map(({ id: rowId, order_id, ...rest }) => (void [rowId, order_id], rest));
  }
  return { header, children };
}

describe('order import statements (erp/services/orders/import-order.ts)', () => {
  it('writes a first import in one statement, with the rows the unit of work writes', async () => {
    const order = richOrder();
    // Listed by a sync: its orders-to-import row, which the import deletes.
    await recordDiscoveredOrders(erp.orm.em.fork(), {
      store: STORE,
      shopCode: SHOP,
      filters: {},
      orders: [
        {
          shopifyOrderId: order.shopifyOrderId,
          name: order.name,
          createdAt: order.createdAt,
          updatedAt: order.updatedAt,
          closed: false,
          cancelledAt: null,
          financialStatus: order.financialStatus,
          fulfillmentStatus: order.fulfillmentStatus,
          riskLevel: order.riskLevel,
          channel: order.channel,
          sourceName: order.sourceName,
          tags: order.tags,
          totalAmount: '250.50',
          currencyCode: order.currencyCode,
        },
      ],
    });
    const { result, statements } = await statementsOf(() => importOrder(erp.orm, SHOP, order));
    // BEGIN, shop card with the lock, the previous import (none), the inserts and the delete, COMMIT.
    expect(statements).toHaveLength(5);
    expect(result).toMatchObject({ firstImport: true, changed: true, hasDocument: false });
    const queued = await erp.orm.em
      .fork()
      .execute('select 1 from order_to_import where store = ? and shopify_order_id = ?', [
        STORE,
        order.shopifyOrderId,
      ]);
    expect(queued).toHaveLength(0);

    // The same order with a return goes through the unit of work (returns need it): every row it
    // shares with the first must be equal, column by column.
    const withReturn: OrderSnapshot = {
      ...order,
      shopifyOrderId: `${order.shopifyOrderId}0`,
      returns: [
        {
          shopifyReturnId: 'gid://shopify/Return/1',
          name: `${order.name}-R1`,
          status: 'OPEN',
          totalQuantity: 0,
          createdAt: null,
          closedAt: null,
          lines: [],
        },
      ],
    };
    const general = await statementsOf(() => importOrder(erp.orm, SHOP, withReturn));
    expect(general.statements.length).toBeGreaterThan(5);
    const fast = await storedRows(result.importedOrderId!);
    const slow = await storedRows(general.result.importedOrderId!);
    expect(fast.children.imported_transaction).toHaveLength(2);
    expect(fast.children.imported_transaction![0]).toMatchObject({
      amount_shop: '100.0000',
      gift_card_last_characters: '7H3K',
    });
    expect(fast).toEqual(slow);
    const stored = await erp.orm.em.fork().findOneOrFail(ImportedOrder, result.importedOrderId!);
    expect(stored.snapshot).toEqual(order);
    expect(stored).toMatchObject({ importCount: 1, hasError: false, problems: [], stage: 'imported' });
  });

  it('notes an unchanged re-import in one statement after the lock; a changed one follows Shopify', async () => {
    const order = richOrder();
    const first = await importOrder(erp.orm, SHOP, order);
    const before = await erp.orm.em.fork().findOneOrFail(ImportedOrder, first.importedOrderId!);

    const again = await statementsOf(() => importOrder(erp.orm, SHOP, structuredClone(order)));
    // BEGIN, shop card with the lock, the previous import, counters with the delete, COMMIT.
    expect(again.statements).toHaveLength(5);
    expect(again.result).toMatchObject({
      importedOrderId: first.importedOrderId,
      firstImport: false,
      changed: false,
      hasDocument: false,
    });
    const after = await erp.orm.em.fork().findOneOrFail(ImportedOrder, first.importedOrderId!);
    expect(after.importCount).toBe(before.importCount + 1);
    expect(after.version).toBe(before.version + 1);
    expect(after.lastImportedAt.getTime()).toBeGreaterThanOrEqual(before.lastImportedAt.getTime());

    const edited = { ...order, note: 'ring twice', updatedAt: '2026-11-21T09:00:00Z' };
    const changed = await importOrder(erp.orm, SHOP, edited);
    expect(changed).toMatchObject({ firstImport: false, changed: true });
    const followed = await erp.orm.em.fork().findOneOrFail(ImportedOrder, first.importedOrderId!);
    expect(followed).toMatchObject({ note: 'ring twice', importCount: before.importCount + 2 });
  });
});
