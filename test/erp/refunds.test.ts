import { describe, expect, it } from 'vitest';
import type { OrderSnapshot, Refund, Transaction } from '../../domain/order-snapshot';
import {
  ImportedOrder,
  ImportedOrderAdjustment,
  ImportedRefund,
  ImportedRefundLine,
  ImportedRefundShippingLine,
  ImportedReturn,
  ImportedReturnLine,
  ImportedTransaction,
  SalesHeader,
  SalesLine,
  ShopCard,
} from '../../erp/entities';
import { createCreditMemo } from '../../erp/services/refunds';
import { createSalesDocument } from '../../erp/services/documents';
import { importOrder } from '../../erp/services/orders';
import { ShopCardError, updateShopCard } from '../../erp/services/settings';
import { bag, line } from '../unit/domain/order-snapshot-fixture';
import { newOrder, SHOP, STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();

const em = () => erp.orm.em.fork();

async function setShop(patch: Partial<ShopCard>) {
  await em().nativeUpdate(ShopCard, { code: SHOP }, patch);
}

function payment(id: number, overrides: Partial<Transaction> = {}): Transaction {
  return {
    shopifyTransactionId: `gid://shopify/OrderTransaction/${id}`,
    kind: 'SALE',
    status: 'SUCCESS',
    gateway: 'shopify_payments',
    formattedGateway: 'Shopify Payments',
    amount: bag('186.25'),
    parentTransactionId: null,
    createdAt: '2026-11-20T10:00:00Z',
    processedAt: '2026-11-20T10:00:00Z',
    test: false,
    errorCode: null,
    accountNumber: '•••• •••• •••• 4242',
    ...overrides,
  };
}

let nextId = 900;

/** A refund of `quantity` units of line 1 (100 NOK + 25 % VAT each), paid back through `status`. */
function refundOf(
  order: OrderSnapshot,
  options: {
    quantity?: number;
    restocked?: boolean;
    status?: Transaction['status'];
    total?: string;
    shipping?: boolean;
  } = {},
): { refund: Refund; transaction: Transaction } {
  const id = nextId++;
  const quantity = options.quantity ?? 1;
  const restocked = options.restocked ?? true;
  const total = options.total ?? String(125 * quantity + (options.shipping ? 61.25 : 0));
  const transaction = payment(id, {
    kind: 'REFUND',
    status: options.status ?? 'SUCCESS',
    amount: bag(total),
    parentTransactionId: order.transactions[0]?.shopifyTransactionId ?? null,
  });
  const refund: Refund = {
    shopifyRefundId: `gid://shopify/Refund/${id}`,
    createdAt: '2026-11-22T09:00:00Z',
    processedAt: '2026-11-22T09:00:00Z',
    note: 'Too small',
    totalRefunded: bag(options.status === 'PENDING' ? '0.00' : total),
    lines: [
      {
        shopifyRefundLineId: `gid://shopify/RefundLineItem/${id}`,
        shopifyLineId: order.lines[0]!.shopifyLineId,
        quantity,
        restockType: restocked ? 'RETURN' : 'NO_RESTOCK',
        restocked,
        locationId: restocked ? 'gid://shopify/Location/102' : null,
        price: bag('100.00'),
        subtotal: bag(String(100 * quantity)),
        totalTax: bag(String(25 * quantity)),
      },
    ],
    shipping: options.shipping ? bag('49.00') : null,
    shippingLines: options.shipping
      ? [
          {
            shopifyRefundShippingLineId: `gid://shopify/RefundShippingLine/${id}`,
            shopifyShippingLineId: order.shippingLines[0]!.shopifyShippingLineId,
            title: 'Standard',
            subtotal: bag('49.00'),
            tax: bag('12.25'),
          },
        ]
      : [],
    orderAdjustments: [],
    transactionIds: [transaction.shopifyTransactionId],
    transactions: [transaction],
    returnId: null,
  };
  return { refund, transaction };
}

/** The order after Shopify applied refunds: quantities, refunds and their transactions. */
function withRefunds(
  order: OrderSnapshot,
  refunds: { refund: Refund; transaction: Transaction }[],
  updatedAt: string,
) {
  const refunded = refunds.reduce((total, entry) => total + entry.refund.lines[0]!.quantity, 0);
  return {
    ...order,
    updatedAt,
    financialStatus: 'PARTIALLY_REFUNDED' as const,
    lines: order.lines.map((entry, index) =>
      index === 0 ? { ...entry, currentQuantity: entry.quantity - refunded } : entry,
    ),
    transactions: [...order.transactions, ...refunds.map((entry) => entry.transaction)],
    refunds: refunds.map((entry) => entry.refund),
  };
}

async function importedOrderWithDocument(overrides: Partial<OrderSnapshot> = {}) {
  const order = newOrder({
    lines: [line(1, { quantity: 2, currentQuantity: 2 })],
    transactions: [payment(nextId++, { amount: bag('311.25') })],
    totals: {
      ...newOrder().totals,
      currentTotal: bag('311.25'),
      currentTotalTax: bag('62.25'),
    },
    ...overrides,
  });
  const imported = await importOrder(erp.orm, SHOP, order);
  const document = await createSalesDocument(erp.orm, imported.importedOrderId!);
  expect(document.totalDifference).toBe('0');
  return { order, importedOrderId: imported.importedOrderId!, document };
}

async function memoOf(shopifyRefundId: string) {
  const header = await em().findOneOrFail(SalesHeader, { store: STORE, shopifyRefundId });
  const lines = await em().find(SalesLine, { headerId: header.id }, { orderBy: { lineNo: 'asc' } });
  return { header, lines };
}

describe('refunds, returns and payments are stored with the order', () => {
  it('keeps refunds with their lines, shipping, adjustments and transactions, and returns with their lines', async () => {
    await setShop({ returnRefundProcess: 'import_only' });
    const order = newOrder({ transactions: [payment(nextId++)] });
    const { refund, transaction } = refundOf(order, { shipping: true });
    refund.orderAdjustments = [
      {
        shopifyOrderAdjustmentId: 'gid://shopify/OrderAdjustment/1',
        reason: 'RESTOCK',
        amount: bag('-10.00'),
        tax: bag('0.00'),
      },
    ];
    const snapshot: OrderSnapshot = {
      ...withRefunds(order, [{ refund, transaction }], '2026-11-22T09:00:00Z'),
      returns: [
        {
          shopifyReturnId: 'gid://shopify/Return/5',
          name: `${order.name}-R1`,
          status: 'OPEN',
          totalQuantity: 1,
          createdAt: '2026-11-21T09:00:00Z',
          closedAt: null,
          lines: [
            {
              shopifyReturnLineId: 'gid://shopify/ReturnLineItem/5',
              shopifyLineId: order.lines[0]!.shopifyLineId,
              quantity: 1,
              returnReason: 'too small',
              returnReasonName: 'Size too small',
              customerNote: 'Sorry',
            },
          ],
        },
      ],
    };
    const { importedOrderId } = await importOrder(erp.orm, SHOP, snapshot);

    const stored = await em().findOneOrFail(ImportedRefund, {
      store: STORE,
      shopifyRefundId: refund.shopifyRefundId,
    });
    expect(stored).toMatchObject({
      orderId: importedOrderId,
      totalRefundedShop: '186.2500',
      currencyShop: 'NOK',
      kind: 'credit',
      paymentState: 'settled',
      note: 'Too small',
      creditMemoNo: null,
    });
    expect(await em().find(ImportedRefundLine, { refundId: stored.id })).toMatchObject([
      {
        quantity: 1,
        restockType: 'RETURN',
        restocked: true,
        subtotalShop: '100.0000',
        totalTaxShop: '25.0000',
      },
    ]);
    expect(await em().find(ImportedRefundShippingLine, { refundId: stored.id })).toMatchObject([
      { title: 'Standard', subtotalShop: '49.0000', taxShop: '12.2500' },
    ]);
    expect(await em().find(ImportedOrderAdjustment, { refundId: stored.id })).toMatchObject([
      { reason: 'RESTOCK', amountShop: '-10.0000' },
    ]);
    const returned = await em().findOneOrFail(ImportedReturn, { orderId: importedOrderId });
    expect(returned).toMatchObject({ name: `${order.name}-R1`, status: 'OPEN', totalQuantity: 1 });
    expect(await em().find(ImportedReturnLine, { returnId: returned.id })).toMatchObject([
      { quantity: 1, returnReasonName: 'Size too small', customerNote: 'Sorry' },
    ]);
    const transactions = await em().find(
      ImportedTransaction,
      { orderId: importedOrderId },
      { orderBy: { id: 'asc' } },
    );
    expect(transactions.map((row) => [row.kind, row.shopifyRefundId, row.accountNumber])).toEqual([
      ['SALE', null, '•••• •••• •••• 4242'],
      ['REFUND', refund.shopifyRefundId, '•••• •••• •••• 4242'],
    ]);

    // A second import of the same data changes nothing and duplicates nothing.
    await importOrder(erp.orm, SHOP, { ...snapshot, updatedAt: '2026-11-22T10:00:00Z' });
    expect(await em().count(ImportedRefund, { orderId: importedOrderId })).toBe(1);
    expect(await em().count(ImportedRefundLine, { refundId: stored.id })).toBe(1);
    expect(await em().count(ImportedReturnLine, { returnId: returned.id })).toBe(1);
  });

  it('gift card payments keep the card last characters; blank return and refund setting imports no refunds', async () => {
    await setShop({ returnRefundProcess: 'none' });
    try {
      const order = newOrder({
        transactions: [
          payment(nextId++, {
            gateway: 'gift_card',
            accountNumber: '•••• •••• •••• x7k2',
            amount: bag('50.00'),
          }),
          payment(nextId++, { amount: bag('136.25') }),
        ],
      });
      const { refund, transaction } = refundOf(order);
      const { importedOrderId } = await importOrder(
        erp.orm,
        SHOP,
        withRefunds(order, [{ refund, transaction }], '2026-11-22T09:00:00Z'),
      );
      const rows = await em().find(
        ImportedTransaction,
        { orderId: importedOrderId },
        { orderBy: { id: 'asc' } },
      );
      expect(rows.map((row) => [row.gateway, row.giftCardLastCharacters])).toEqual([
        ['gift_card', 'X7K2'],
        ['shopify_payments', null],
        ['shopify_payments', null],
      ]);
      expect(await em().count(ImportedRefund, { orderId: importedOrderId })).toBe(0);
    } finally {
      await setShop({ returnRefundProcess: 'import_only' });
    }
  });
});

describe('credit memo for a refund', () => {
  it('waits for the operator on an import-only shop, then is made once: item at the return location, total equal to the refund', async () => {
    await setShop({ returnRefundProcess: 'import_only', shopifyOrderNoOnDocumentLine: true });
    const { order, document } = await importedOrderWithDocument();
    const entry = refundOf(order, { shipping: true });
    await importOrder(erp.orm, SHOP, withRefunds(order, [entry], '2026-11-22T09:00:00Z'));
    const ref = { store: STORE, shopifyRefundId: entry.refund.shopifyRefundId };

    expect(await createCreditMemo(erp.orm, ref, 'automatic')).toMatchObject({
      outcome: 'waiting-for-operator',
    });
    const created = await createCreditMemo(erp.orm, ref, 'operator');
    expect(created).toMatchObject({
      outcome: 'created',
      creditMemo: { amountIncludingTax: '186.25', isoCode: 'NOK', rounding: '0.00' },
    });
    const again = await createCreditMemo(erp.orm, ref, 'operator');
    expect(again.outcome).toBe('exists');
    expect(await em().count(SalesHeader, { store: STORE, shopifyRefundId: ref.shopifyRefundId })).toBe(1);

    const { header, lines } = await memoOf(ref.shopifyRefundId);
    const orderDocument = await em().findOneOrFail(SalesHeader, document.salesHeaderId);
    expect(header).toMatchObject({
      documentType: 'credit_memo',
      shopifyOrderId: order.shopifyOrderId,
      shopifyOrderName: order.name,
      shopifyRefundId: ref.shopifyRefundId,
      sellToCustomerNo: orderDocument.sellToCustomerNo,
      taxAreaCode: 'NO',
      currencyCode: null,
      amount: '149.0000',
      taxAmount: '37.2500',
      amountIncludingTax: '186.2500',
      shopifyTotal: '186.2500',
      totalDifference: '0.0000',
      externalDocumentNo: `${order.name} refund ${ref.shopifyRefundId.split('/').pop()}`,
    });
    expect(header.no).toMatch(/^SCM\d{6}$/);
    expect(
      lines.map((row) => [row.type, row.origin, row.no, row.quantity, row.amount, row.locationCode]),
    ).toEqual([
      ['comment', 'comment', null, '0.0000', '0.0000', null],
      ['item', 'item', 'SKU-1', '1.0000', '100.0000', 'RETURNS'],
      ['gl_account', 'shipping', '6100', '1.0000', '49.0000', null],
    ]);
    const stored = await em().findOneOrFail(ImportedRefund, ref);
    expect(stored).toMatchObject({ creditMemoNo: header.no, hasError: false });
  });

  it('the refunded units stay on the sales document: no edit conflict, and a document made later bills them with a matching total', async () => {
    await setShop({
      returnRefundProcess: 'auto_credit_memo',
      autoCreateOrders: true,
      autoReleaseOrders: true,
    });
    try {
      // Released document, then a refund: the order changed in Shopify, but only by a credited refund.
      const { order, importedOrderId } = await importedOrderWithDocument();
      const entry = refundOf(order, { restocked: false });
      const result = await importOrder(erp.orm, SHOP, withRefunds(order, [entry], '2026-11-22T09:00:00Z'));
      expect(result.conflict).toBeUndefined();
      expect((await em().findOneOrFail(ImportedOrder, importedOrderId)).conflictText).toBeNull();
      const memo = await createCreditMemo(
        erp.orm,
        { store: STORE, shopifyRefundId: entry.refund.shopifyRefundId },
        'automatic',
      );
      expect(memo).toMatchObject({
        outcome: 'created',
        creditMemo: { status: 'released', amountIncludingTax: '125.00' },
      });
      const { lines } = await memoOf(entry.refund.shopifyRefundId);
      expect(lines.map((row) => [row.origin, row.no])).toEqual([
        ['comment', null],
        ['non_restocked_item', '6310'],
      ]);

      // Refund first, document afterwards: the document bills both units and matches Shopify's total.
      const later = newOrder({
        lines: [line(1, { quantity: 2, currentQuantity: 2 })],
        transactions: [payment(nextId++, { amount: bag('311.25') })],
      });
      const refundedFirst = refundOf(later);
      const refundedSnapshot = withRefunds(later, [refundedFirst], '2026-11-22T09:00:00Z');
      refundedSnapshot.totals = {
        ...refundedSnapshot.totals,
        currentTotal: bag('186.25'),
        currentTotalTax: bag('37.25'),
      };
      const imported = await importOrder(erp.orm, SHOP, refundedSnapshot);
      const document = await createSalesDocument(erp.orm, imported.importedOrderId!);
      expect(document.totalDifference).toBe('0');
      const item = await em().findOneOrFail(SalesLine, { headerId: document.salesHeaderId, origin: 'item' });
      expect(item.quantity).toBe('2.0000');
    } finally {
      await setShop({ returnRefundProcess: 'import_only', autoReleaseOrders: false });
    }
  });

  it('a refund whose payment is pending waits; once Shopify settles it the memo is made', async () => {
    await setShop({ returnRefundProcess: 'auto_credit_memo', autoCreateOrders: true });
    try {
      const { order } = await importedOrderWithDocument();
      const pending = refundOf(order, { status: 'PENDING' });
      await importOrder(erp.orm, SHOP, withRefunds(order, [pending], '2026-11-22T09:00:00Z'));
      const ref = { store: STORE, shopifyRefundId: pending.refund.shopifyRefundId };
      expect(await em().findOneOrFail(ImportedRefund, ref)).toMatchObject({
        kind: 'credit',
        paymentState: 'pending',
      });
      expect(await createCreditMemo(erp.orm, ref, 'automatic')).toMatchObject({ outcome: 'payment-pending' });
      expect(await createCreditMemo(erp.orm, ref, 'operator')).toMatchObject({ outcome: 'payment-pending' });

      const settled = refundOf(order);
      settled.refund.shopifyRefundId = pending.refund.shopifyRefundId;
      settled.transaction.shopifyTransactionId = pending.transaction.shopifyTransactionId;
      settled.refund.transactionIds = [settled.transaction.shopifyTransactionId];
      await importOrder(erp.orm, SHOP, withRefunds(order, [settled], '2026-11-22T10:00:00Z'));
      expect(await createCreditMemo(erp.orm, ref, 'automatic')).toMatchObject({
        outcome: 'created',
        creditMemo: { amountIncludingTax: '125.00' },
      });
    } finally {
      await setShop({ returnRefundProcess: 'import_only' });
    }
  });

  it('refuses a zero-amount refund (an edit of the order) and waits for the order document', async () => {
    const order = newOrder({
      lines: [line(1, { quantity: 2, currentQuantity: 2 })],
      transactions: [],
      financialStatus: 'PENDING',
    });
    const removed = refundOf(order, { restocked: false, total: '0.00' });
    removed.refund.transactions = [];
    removed.refund.transactionIds = [];
    const snapshot = { ...withRefunds(order, [removed], '2026-11-22T09:00:00Z'), transactions: [] };
    await importOrder(erp.orm, SHOP, snapshot);
    const zero = { store: STORE, shopifyRefundId: removed.refund.shopifyRefundId };
    expect(await em().findOneOrFail(ImportedRefund, zero)).toMatchObject({
      kind: 'order-edit',
      paymentState: 'none',
    });
    const refused = await createCreditMemo(erp.orm, zero, 'operator');
    expect(refused).toMatchObject({ outcome: 'refused', problems: [{ code: 'REFUND_NOT_CREDITABLE' }] });

    const paid = newOrder({ transactions: [payment(nextId++)] });
    const entry = refundOf(paid);
    await importOrder(erp.orm, SHOP, withRefunds(paid, [entry], '2026-11-22T09:00:00Z'));
    const waiting = await createCreditMemo(
      erp.orm,
      { store: STORE, shopifyRefundId: entry.refund.shopifyRefundId },
      'operator',
    );
    expect(waiting).toMatchObject({
      outcome: 'waiting-for-document',
      problems: [{ code: 'ORDER_DOCUMENT_MISSING' }],
    });
    expect(
      waiting.outcome !== 'created' &&
        waiting.outcome !== 'exists' &&
        'problems' in waiting &&
        waiting.problems[0]?.message,
    ).toContain(`orderbridge order create-document ${paid.name.slice(1)}`);
  });

  it('records what blocks the memo on the refund and clears it once fixed', async () => {
    const { order } = await importedOrderWithDocument();
    const entry = refundOf(order);
    await importOrder(erp.orm, SHOP, withRefunds(order, [entry], '2026-11-22T09:00:00Z'));
    const ref = { store: STORE, shopifyRefundId: entry.refund.shopifyRefundId };
    await setShop({ returnLocationCode: null });
    try {
      const blocked = await createCreditMemo(erp.orm, ref, 'operator');
      expect(blocked).toMatchObject({ outcome: 'blocked', problems: [{ code: 'RETURN_LOCATION_NOT_SET' }] });
      expect(await em().findOneOrFail(ImportedRefund, ref)).toMatchObject({ hasError: true });
    } finally {
      await setShop({ returnLocationCode: 'RETURNS' });
    }
    expect((await createCreditMemo(erp.orm, ref, 'operator')).outcome).toBe('created');
    expect(await em().findOneOrFail(ImportedRefund, ref)).toMatchObject({ hasError: false, errorText: null });
  });

  it('parallel requests for one refund make one credit memo', async () => {
    const { order } = await importedOrderWithDocument();
    const entry = refundOf(order);
    await importOrder(erp.orm, SHOP, withRefunds(order, [entry], '2026-11-22T09:00:00Z'));
    const ref = { store: STORE, shopifyRefundId: entry.refund.shopifyRefundId };
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => createCreditMemo(erp.orm, ref, 'operator')),
    );
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual([
      'created',
      'exists',
      'exists',
      'exists',
    ]);
    expect(await em().count(SalesHeader, { store: STORE, shopifyRefundId: ref.shopifyRefundId })).toBe(1);
  });
});

describe('shop card: auto create credit memo needs auto create orders (SPEC §1)', () => {
  it('refuses either side of the combination with a message about the setting being changed', async () => {
    await setShop({ returnRefundProcess: 'import_only', autoCreateOrders: false });
    const turnOn = await updateShopCard(erp.orm, SHOP, {
      settings: { returnRefundProcess: 'auto_credit_memo' },
    }).catch((error: unknown) => error);
    expect(turnOn).toBeInstanceOf(ShopCardError);
    expect((turnOn as ShopCardError).problems).toEqual([
      'returnRefundProcess: auto_credit_memo requires autoCreateOrders (SPEC §1)',
    ]);

    await updateShopCard(erp.orm, SHOP, {
      settings: { autoCreateOrders: true, returnRefundProcess: 'auto_credit_memo' },
    });
    const turnOff = await updateShopCard(erp.orm, SHOP, { settings: { autoCreateOrders: false } }).catch(
      (error: unknown) => error,
    );
    expect(turnOff).toBeInstanceOf(ShopCardError);
    expect((turnOff as ShopCardError).problems[0]).toMatch(
      /^autoCreateOrders: cannot be turned off while returnRefundProcess is auto_credit_memo/,
    );
    expect((await em().findOneOrFail(ShopCard, SHOP)).autoCreateOrders).toBe(true);
    await updateShopCard(erp.orm, SHOP, {
      settings: { returnRefundProcess: 'import_only', autoCreateOrders: false },
    });
  });

  it('a card written around the checks never makes memos by itself, and says why', async () => {
    await setShop({ returnRefundProcess: 'auto_credit_memo', autoCreateOrders: false });
    try {
      const { order } = await importedOrderWithDocument();
      const entry = refundOf(order);
      await importOrder(erp.orm, SHOP, withRefunds(order, [entry], '2026-11-22T09:00:00Z'));
      const result = await createCreditMemo(
        erp.orm,
        { store: STORE, shopifyRefundId: entry.refund.shopifyRefundId },
        'automatic',
      );
      expect(result).toMatchObject({
        outcome: 'waiting-for-operator',
        problems: [{ code: 'REFUND_SETTINGS_INVALID' }],
      });
    } finally {
      await setShop({ returnRefundProcess: 'import_only' });
    }
  });
});
