import { cliRunner } from '../helpers/cli-runner';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerGiftCardsCommand } from '../../client/commands/gift-cards';
import { registerRefundCommand } from '../../client/commands/refund';
import { registerShopCommand } from '../../client/commands/shop';
import { registerTransactionsCommand } from '../../client/commands/transactions';
import { dispatchRefund } from '../../temporal/dispatch-refund';
import { DEMO_ACCOUNTS } from '../../erp/demo-setup';
import { ImportedOrder, ImportedRefund, SalesHeader, SalesLine, ShopCard } from '../../erp/entities';
import { closeOrder } from '../../simulator/generator/order-lifecycle';
import { createOrder } from '../../simulator/generator/create-order';
import type { CreateOrderRequest } from '../../simulator/generator/order-request';
import { refundOrder } from '../../simulator/generator/refund-order';
import type { AddressPlan } from '../../simulator/generator/store-plan';
import { giftCardCreate } from '../../simulator/mutations/gift-cards';
import { setRefundPaymentStatus } from '../../simulator/refund-payments';
import { refundStatusQuery, refundWorkflowId, type RefundStatus } from '../../workflows/refund-messages';
import { Decimal } from '../../domain/money';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { startTestStack, TEST_ORDER_TIMINGS, type TestStack } from '../helpers/test-stack';
import {
  addShopCard,
  dispatchOrder,
  documentOf,
  importedVersion,
  runSync,
  shopifyTarget,
} from './order-test-kit';

let stack: TestStack;
let shirt: string;
let mug: string;
let pen: string;

const ILLINOIS: AddressPlan = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  address1: '1 Analytical Way',
  city: 'Springfield',
  zip: '62701',
  provinceCode: 'IL',
  countryCode: 'US',
};
const NEW_YORK: AddressPlan = {
  ...ILLINOIS,
  address1: '5 Broadway',
  city: 'New York',
  zip: '10004',
  provinceCode: 'NY',
};

beforeAll(async () => {
  stack = await startTestStack();
  const variant = (title: string, sku: string, price: string) =>
    stack.simulator.store.addProduct({ title, variants: [{ title: 'Default', sku, price }] }).sim
      .variantIds[0]!;
  shirt = variant('Organic T-shirt', 'TSHIRT-M', '25.00');
  mug = variant('Mug', 'MUG', '12.00');
  pen = variant('Pen', 'PEN', '9.99');
  const items = [
    { no: 'TSHIRT-M', description: 'Organic T-shirt M' },
    { no: 'MUG', description: 'Mug' },
    { no: 'PEN', description: 'Pen' },
  ];
  await addShopCard(stack, 'AUTO', { items });
  await addShopCard(stack, 'MANUAL');
  await stack.erp.orm.em
    .fork()
    .nativeUpdate(ShopCard, { code: 'AUTO' }, { returnRefundProcess: 'auto_credit_memo' });
});

afterAll(async () => {
  await stack?.close();
});

const em = () => stack.erp.orm.em.fork();

function order(lines: CreateOrderRequest['lines'], overrides: Partial<CreateOrderRequest> = {}) {
  return createOrder(shopifyTarget(stack), {
    lines,
    customer: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', addresses: [ILLINOIS] },
    shippingAddress: ILLINOIS,
    billingAddress: ILLINOIS,
    taxRate: '0',
    ...overrides,
  });
}

const line = (variantId: string, sku: string, unitPrice: string, quantity = 1) => ({
  variantId,
  title: sku,
  sku,
  quantity,
  unitPrice,
});

async function documentFor(created: { id: string; name: string }, shopCode = 'AUTO') {
  await dispatchOrder(stack, created, shopCode);
  await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, created.id, hasDocument);
  return documentOf(stack, created.id);
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== null && found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The refund's credit memo and its lines, once the refund workflow made it. */
async function creditMemoFor(shopifyRefundId: string, timeoutMs?: number) {
  const header = await until(
    `the credit memo of ${shopifyRefundId}`,
    () => em().findOne(SalesHeader, { store: stack.simulator.shopDomain, shopifyRefundId }),
    timeoutMs,
  );
  const lines = await em().find(SalesLine, { headerId: header.id }, { orderBy: { lineNo: 'asc' } });
  return { header, lines };
}

function refundStatus(shopifyRefundId: string): Promise<RefundStatus> {
  return stack.temporal.client.workflow
    .getHandle(refundWorkflowId(stack.simulator.shopDomain, shopifyRefundId))
    .query(refundStatusQuery);
}

async function waitForRefundStage(
  shopifyRefundId: string,
  stage: RefundStatus['stage'],
): Promise<RefundStatus> {
  return until(`refund ${shopifyRefundId} at ${stage}`, async () => {
    const status = await refundStatus(shopifyRefundId).catch(() => null);
    return status?.stage === stage ? status : null;
  });
}

/** The refund workflow's history replays on the current code; RECORD_HISTORIES=1 saves it for test/replay. */
async function replayHistory(shopifyRefundId: string, fileName: string): Promise<void> {
  const workflowId = refundWorkflowId(stack.simulator.shopDomain, shopifyRefundId);
  const history = await stack.temporal.client.workflow.getHandle(workflowId).fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: stack.temporal.workflowBundle }, history, workflowId);
  if (process.env.RECORD_HISTORIES === '1') {
    const target = fileURLToPath(new URL(`../replay/histories/${fileName}`, import.meta.url));
    writeFileSync(target, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
  }
}

/** The CLI against the test's database and Temporal; returns what it printed. */
const cli = cliRunner({
  env: () => ({ DATABASE_URL: stack.erp.databaseUrl, TEMPORAL_TASK_QUEUE: stack.temporal.taskQueue }),
  erp: () => stack.erp.orm,
  temporal: () => stack.temporal.client,
  register: (program, context) => {
    registerRefundCommand(program, context);
    registerTransactionsCommand(program, context);
    registerGiftCardsCommand(program, context);
    registerShopCommand(program, context);
  },
});

const amount = (value: string) => new Decimal(value);

describe('credit memo line rules, through real refunds', () => {
  it('a mixed refund: restocked item at the return location, non-restocked item, tip, gift card and shipping, each on its account', async () => {
    const created = await order([line(shirt, 'TSHIRT-M', '25.00', 3), line(mug, 'MUG', '12.00')], {
      giftCardLines: [{ title: 'Gift card', amount: '20.00' }],
      tip: '3.00',
      shippingLines: [{ title: 'Standard', price: '5.00' }],
      fulfilled: true,
    });
    const { header: document } = await documentFor(created);
    const refund = await refundOrder(shopifyTarget(stack), created.id, {
      lines: [
        { lineItemId: created.lineItemIds[0]!, quantity: 1, restockType: 'RETURN' },
        { lineItemId: created.lineItemIds[1]!, quantity: 1, restockType: 'NO_RESTOCK' },
        { lineItemId: created.tipLineItemId!, quantity: 1 },
        { lineItemId: created.giftCardLineItemIds[0]!, quantity: 1 },
      ],
      shipping: { fullRefund: true },
    });
    await dispatchOrder(stack, created, 'AUTO');
    const { header, lines } = await creditMemoFor(refund.id);

    expect(lines.map((entry) => [entry.type, entry.origin, entry.no])).toEqual([
      ['comment', 'comment', null],
      ['item', 'item', 'TSHIRT-M'],
      ['gl_account', 'non_restocked_item', DEMO_ACCOUNTS.refundsNonRestock],
      ['gl_account', 'refund', DEMO_ACCOUNTS.refunds],
      ['gl_account', 'gift_card', DEMO_ACCOUNTS.soldGiftCards],
      ['gl_account', 'shipping', DEMO_ACCOUNTS.shippingCharges],
    ]);
    const [, item, mugLine, tip, giftCard, shipping] = lines;
    // Shopify restocked at the shop location; the ERP takes the goods back at the return location.
    expect(item).toMatchObject({ locationCode: 'RETURNS', shopifyLineId: created.lineItemIds[0] });
    expect(amount(item!.quantity).equals(1)).toBe(true);
    expect(amount(item!.amount).equals(25)).toBe(true);
    expect(amount(mugLine!.amount).equals(12)).toBe(true);
    expect(amount(tip!.amount).equals(3)).toBe(true);
    expect(amount(giftCard!.amount).equals(20)).toBe(true);
    expect(amount(shipping!.amount).equals(5)).toBe(true);
    expect(amount(header.amountIncludingTax).equals(refund.totalRefundedShopMoney)).toBe(true);
    expect(amount(header.amountIncludingTax).equals(65)).toBe(true);
    expect(header).toMatchObject({
      documentType: 'credit_memo',
      shopifyOrderId: created.id,
      shopifyRefundId: refund.id,
      importedOrderId: document.importedOrderId,
      sellToCustomerNo: document.sellToCustomerNo,
      currencyCode: null,
    });
    expect((await refundStatus(refund.id)).stage).toBe('credit-memo-created');

    // Money beyond the itemised lines (a manual amount): Shopify records an adjustment; the refund account takes it.
    const generous = await refundOrder(shopifyTarget(stack), created.id, {
      lines: [{ lineItemId: created.lineItemIds[0]!, quantity: 1, restockType: 'RETURN' }],
      amount: '30.00',
    });
    await dispatchOrder(stack, created, 'AUTO');
    const second = await creditMemoFor(generous.id);
    expect(
      second.lines.map((entry) => [entry.origin, entry.description, new Decimal(entry.amount).toFixed(2)]),
    ).toEqual([
      ['comment', `Shopify order ${created.name}, refund ${generous.id.split('/').pop()}`, '0.00'],
      ['item', 'TSHIRT-M - Default', '25.00'],
      ['refund', 'Order adjustment: refund discrepancy', '5.00'],
    ]);
    expect(amount(second.header.amountIncludingTax).equals(30)).toBe(true);
    // The order itself was never flagged: credited units are not edits of its document.
    expect((await em().findOneOrFail(ImportedOrder, { shopifyOrderId: created.id })).conflictText).toBeNull();
  });

  it("shows the cent between Shopify's per-line tax and the ERP's document tax as a rounding line; total equals the refund", async () => {
    const created = await order(
      [line(pen, 'PEN', '9.99'), line(pen, 'PEN', '9.99'), line(pen, 'PEN', '9.99')],
      { shippingAddress: NEW_YORK, billingAddress: NEW_YORK, taxRate: '0.08875', fulfilled: true },
    );
    await documentFor(created);
    const refund = await refundOrder(shopifyTarget(stack), created.id, {
      lines: created.lineItemIds.map((lineItemId) => ({
        lineItemId,
        quantity: 1,
        restockType: 'RETURN' as const,
      })),
    });
    expect(refund.totalRefundedShopMoney).toBe('32.64');
    await dispatchOrder(stack, created, 'AUTO');
    const { header, lines } = await creditMemoFor(refund.id);
    expect(header).toMatchObject({
      taxAreaCode: 'US-NY',
      amountIncludingTax: '32.6400',
      taxAmount: '2.6600',
    });
    const rounding = lines.find((entry) => entry.origin === 'rounding');
    expect(rounding).toMatchObject({ type: 'gl_account', no: DEMO_ACCOUNTS.refunds, amount: '0.0100' });
    expect(rounding?.description).toBe("Rounding: Shopify's tax 2.67, the ERP's 2.66");
    expect((await refundStatus(refund.id)).creditMemo).toMatchObject({
      amountIncludingTax: '32.64',
      rounding: '0.01',
    });
  });
});

describe('when the credit memo is made', () => {
  it('a refund whose payment is pending waits, and is made once Shopify settles it, without anyone asking', async () => {
    const created = await order([line(shirt, 'TSHIRT-M', '25.00', 2)], { fulfilled: true });
    await documentFor(created);
    const refund = await refundOrder(shopifyTarget(stack), created.id, {
      lines: [{ lineItemId: created.lineItemIds[0]!, quantity: 1, restockType: 'NO_RESTOCK' }],
    });
    setRefundPaymentStatus(stack.simulator.store, refund.id, 'PENDING');
    await dispatchOrder(stack, created, 'AUTO');
    const waiting = await waitForRefundStage(refund.id, 'waiting-for-payment');
    expect(waiting.hasError).toBe(false);
    expect(await em().count(SalesHeader, { shopifyRefundId: refund.id })).toBe(0);

    // Settled in Shopify; nothing tells the ERP: the refund workflow re-checks by itself.
    setRefundPaymentStatus(stack.simulator.store, refund.id, 'SUCCESS');
    const { header } = await creditMemoFor(refund.id);
    expect(amount(header.amountIncludingTax).equals(25)).toBe(true);
    expect((await waitForRefundStage(refund.id, 'credit-memo-created')).attempts).toBeGreaterThan(1);
    await stack.temporal.client.workflow
      .getHandle(refundWorkflowId(stack.simulator.shopDomain, refund.id))
      .result();
    await replayHistory(refund.id, 'refund-pending-payment.json');
  });

  it('the same refund seen again and again (syncs, imports, a restarted workflow, the CLI) has one credit memo', async () => {
    const created = await order([line(mug, 'MUG', '12.00', 2)], { fulfilled: true });
    await documentFor(created);
    const refund = await refundOrder(shopifyTarget(stack), created.id, {
      lines: [{ lineItemId: created.lineItemIds[0]!, quantity: 1, restockType: 'RETURN' }],
    });
    await Promise.all([
      runSync(stack, 'AUTO'),
      dispatchOrder(stack, created, 'AUTO'),
      runSync(stack, 'AUTO'),
    ]);
    const { header } = await creditMemoFor(refund.id);
    await waitForRefundStage(refund.id, 'credit-memo-created');

    // The workflow has ended; seeing the refund again starts a new run, which finds the memo.
    await dispatchRefund(
      stack.temporal.client,
      stack.temporal.taskQueue,
      {
        store: stack.simulator.shopDomain,
        shopifyRefundId: refund.id,
        shopifyOrderId: created.id,
        shopCode: 'AUTO',
        orderName: created.name,
        source: 'import',
      },
      TEST_ORDER_TIMINGS,
    );
    const rerun = await stack.temporal.client.workflow
      .getHandle(refundWorkflowId(stack.simulator.shopDomain, refund.id))
      .result();
    expect(rerun.creditMemo?.documentNo).toBe(header.no);
    const printed = await cli('refund', 'credit-memo', refund.id.split('/').pop()!);
    expect(printed).toContain(header.no);
    expect(
      await em().count(SalesHeader, { store: stack.simulator.shopDomain, shopifyRefundId: refund.id }),
    ).toBe(1);
    expect((await em().findOneOrFail(ImportedRefund, { shopifyRefundId: refund.id })).creditMemoNo).toBe(
      header.no,
    );
  });

  it('a refund made after the order was closed still reaches the ERP through the next order sync', async () => {
    const created = await order([line(shirt, 'TSHIRT-M', '25.00', 2)], { fulfilled: true });
    await documentFor(created);
    if (!stack.simulator.store.order(created.id)!.closed) await closeOrder(shopifyTarget(stack), created.id);
    await runSync(stack, 'AUTO');
    await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      created.id,
      importedVersion(stack, created.id),
    );
    expect((await em().findOneOrFail(ImportedOrder, { shopifyOrderId: created.id })).closed).toBe(true);

    const refund = await refundOrder(shopifyTarget(stack), created.id, {
      lines: [{ lineItemId: created.lineItemIds[0]!, quantity: 1, restockType: 'RETURN' }],
    });
    await runSync(stack, 'AUTO');
    const { header } = await creditMemoFor(refund.id);
    expect(amount(header.amountIncludingTax).equals(25)).toBe(true);
  });

  it('a refund made before the first import: the document bills what was sold, the memo credits the refund', async () => {
    const created = await order([line(shirt, 'TSHIRT-M', '25.00', 2)], { fulfilled: true });
    const refund = await refundOrder(shopifyTarget(stack), created.id, {
      lines: [{ lineItemId: created.lineItemIds[0]!, quantity: 1, restockType: 'RETURN' }],
    });
    const { header: document, lines } = await documentFor(created);
    const item = lines.find((entry) => entry.origin === 'item')!;
    expect(amount(item.quantity).equals(2)).toBe(true);
    // Compared with Shopify's totals before the credited refund: nothing to report.
    expect(amount(document.totalDifference).isZero()).toBe(true);
    const { header } = await creditMemoFor(refund.id);
    expect(amount(header.amountIncludingTax).equals(25)).toBe(true);
  });

  it('an import-only shop waits for the operator: `orderbridge refund credit-memo` makes it', async () => {
    const created = await order([line(shirt, 'TSHIRT-M', '25.00')], {
      customer: { email: 'manual@example.com', firstName: 'Man', lastName: 'Ual', addresses: [ILLINOIS] },
      fulfilled: true,
    });
    await documentFor(created, 'MANUAL');
    const refund = await refundOrder(shopifyTarget(stack), created.id, {
      lines: [{ lineItemId: created.lineItemIds[0]!, quantity: 1, restockType: 'RETURN' }],
    });
    await dispatchOrder(stack, created, 'MANUAL');
    await waitForRefundStage(refund.id, 'waiting-for-operator');
    expect(await em().count(SalesHeader, { shopifyRefundId: refund.id })).toBe(0);
    const printed = await cli('refund', 'credit-memo', refund.id.split('/').pop()!);
    expect(printed).toMatch(/credit-memo-created/);
    const { header } = await creditMemoFor(refund.id, 1000);
    expect(printed).toContain(header.no);
    const listed = await cli('refund', 'list', '--order', created.name.slice(1));
    expect(listed).toContain(header.no);
    await stack.temporal.client.workflow
      .getHandle(refundWorkflowId(stack.simulator.shopDomain, refund.id))
      .result();
    await replayHistory(refund.id, 'refund-operator-credit-memo.json');
  });
});

describe('shop card settings (SPEC §1)', () => {
  it('refuses auto credit memo without auto create orders, from either side, with a clear message', async () => {
    await expect(cli('shop', 'set', 'AUTO', '--auto-create-orders', 'false')).rejects.toThrow(
      /autoCreateOrders: cannot be turned off while returnRefundProcess is auto_credit_memo/,
    );
    await cli('shop', 'set', 'MANUAL', '--auto-create-orders', 'false');
    await expect(cli('shop', 'set', 'MANUAL', '--return-refund-process', 'auto_credit_memo')).rejects.toThrow(
      /returnRefundProcess: auto_credit_memo requires autoCreateOrders/,
    );
    const cards = await em().find(
      ShopCard,
      { code: { $in: ['AUTO', 'MANUAL'] } },
      { orderBy: { code: 'asc' } },
    );
    expect(cards.map((card) => [card.code, card.autoCreateOrders, card.returnRefundProcess])).toEqual([
      ['AUTO', true, 'auto_credit_memo'],
      ['MANUAL', false, 'import_only'],
    ]);
    await cli('shop', 'set', 'MANUAL', '--auto-create-orders', 'true');
  });
});

describe('gift cards and payments', () => {
  it('a gift-card-only order becomes an invoice, and its issued card is listed with its last characters', async () => {
    const created = await order([], {
      giftCardLines: [{ title: 'Gift card', amount: '50.00' }],
      customer: { email: 'giver@example.com', firstName: 'Gift', lastName: 'Giver', addresses: [ILLINOIS] },
    });
    const { header, lines } = await documentFor(created);
    expect(header.documentType).toBe('invoice');
    expect(lines.filter((entry) => entry.origin === 'gift_card')).toHaveLength(1);
    const card = stack.simulator.store.giftCards.find((entry) => entry.sim.orderId === created.id)!;
    const listed = JSON.parse(await cli('gift-cards', 'list', '--json')) as Record<string, string>[];
    expect(listed).toContainEqual(
      expect.objectContaining({
        use: 'issued',
        order: created.name,
        lastCharacters: card.lastCharacters,
        amount: '50.0000',
      }),
    );
  });

  it('a gift card used as payment does not reduce the invoiced amount; it is a transaction with its last characters', async () => {
    const { giftCard } = giftCardCreate(stack.simulator.store, {
      initialAmount: { amount: '30.00', currencyCode: 'USD' },
    });
    const created = await order([line(shirt, 'TSHIRT-M', '25.00', 2)], {
      giftCardPayment: { amount: '20.00', giftCardId: giftCard!.id },
    });
    const { header } = await documentFor(created);
    expect(amount(header.amountIncludingTax).equals(50)).toBe(true);
    const transactions = JSON.parse(
      await cli('transactions', 'list', '--order', created.name.slice(1), '--json'),
    ) as Record<string, string>[];
    expect(transactions.map((entry) => [entry.gateway, entry.kind, entry.amount, entry.giftCard])).toEqual([
      ['gift_card', 'SALE', '20.0000', `…${giftCard!.lastCharacters.toUpperCase()}`],
      [expect.any(String), 'SALE', '30.0000', ''],
    ]);
    const used = JSON.parse(await cli('gift-cards', 'list', '--json')) as Record<string, string>[];
    expect(used).toContainEqual(
      expect.objectContaining({
        use: 'used',
        order: created.name,
        lastCharacters: giftCard!.lastCharacters.toUpperCase(),
      }),
    );
  });
});

describe('an order in a foreign shop currency', () => {
  it("the credit memo follows the order document: the shop card's currency, its exchange rate, amounts in that currency", async () => {
    stack.simulator.store.setShop({ currencyCode: 'EUR' });
    try {
      await addShopCard(stack, 'EURO', {}, { currencyCode: 'EUR' });
      await em().nativeUpdate(ShopCard, { code: 'EURO' }, { returnRefundProcess: 'auto_credit_memo' });
      const created = await order([line(shirt, 'TSHIRT-M', '25.00', 2)], {
        customer: { email: 'euro@example.com', firstName: 'Eu', lastName: 'Ro', addresses: [ILLINOIS] },
        fulfilled: true,
      });
      expect(stack.simulator.store.order(created.id)!.currencyCode).toBe('EUR');
      const { header: document } = await documentFor(created, 'EURO');
      expect(document).toMatchObject({ currencyCode: 'EUR', currencyHandling: 'shop' });
      const refund = await refundOrder(shopifyTarget(stack), created.id, {
        lines: [{ lineItemId: created.lineItemIds[0]!, quantity: 1, restockType: 'RETURN' }],
      });
      await dispatchOrder(stack, created, 'EURO');
      const { header } = await creditMemoFor(refund.id);
      expect(header).toMatchObject({
        currencyCode: 'EUR',
        currencyHandling: 'shop',
        exchangeRateLcyPerUnit: document.exchangeRateLcyPerUnit,
      });
      expect(new Decimal(header.exchangeRateLcyPerUnit).equals('1.08')).toBe(true);
      expect(amount(header.amountIncludingTax).equals(25)).toBe(true);
      expect((await refundStatus(refund.id)).creditMemo).toMatchObject({ isoCode: 'EUR' });
    } finally {
      stack.simulator.store.setShop({ currencyCode: 'USD' });
    }
  });
});
