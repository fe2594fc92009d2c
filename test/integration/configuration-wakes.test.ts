import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCurrencyCommand } from '../../client/commands/currency';
import { registerMapCommand } from '../../client/commands/map';
import { Currency } from '../../erp/entities';
import { createOrder } from '../../simulator/generator/create-order';
import type { OrderTimings } from '../../workflows/order-timings';
import { stackCliRunner } from '../helpers/cli-runner';
import { hasDocument, needsAttention, waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard, dispatchOrder, documentOf, shopifyTarget } from './order-test-kit';

/**
 * A fix made in the ERP's configuration wakes the orders it can fix: their own re-check comes only
 * after ten minutes here, so whatever gives them their document within the test is the wake.
 */
const SLOW_RECHECK: OrderTimings = {
  recheckProblemsAfter: '10 minutes',
  maxRecheckInterval: '1 hour',
  activityAttemptTimeout: '5 seconds',
};

let stack: TestStack;
let socksVariantId: string;
let gadgetVariantId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const { store } = stack.simulator;
  socksVariantId = store.addProduct({
    title: 'Wool socks',
    variants: [{ title: 'One size', sku: 'SOCKS-1', price: '12.00' }],
  }).sim.variantIds[0]!;
  gadgetVariantId = store.addProduct({
    title: 'Gadget',
    variants: [{ title: 'Default', sku: 'SHOP-GADGET', price: '30.00' }],
  }).sim.variantIds[0]!;
  const items = [
    { no: 'SOCKS-1', description: 'Wool socks' },
    { no: 'GADGET', description: 'Gadget' },
  ];
  await addShopCard(stack, 'WEB', { items });
  // The shop's currency is GBP in the ERP, a currency without any exchange rate yet.
  await stack.erp.orm.em.fork().upsert(Currency, { code: 'GBP', description: 'Pound sterling' });
  await addShopCard(stack, 'FX', { items }, { currencyCode: 'GBP' });
});

afterAll(async () => {
  await stack?.close();
});

const run = stackCliRunner(
  () => stack,
  (program, context) => {
    registerCurrencyCommand(program, context);
    registerMapCommand(program, context);
  },
);

const statusOf = (order: { id: string }, done: Parameters<typeof waitForOrder>[3]) =>
  waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, done);

describe('a configuration change wakes the orders whose problem it fixes', () => {
  it('an exchange rate entered with `currency rate` gives a waiting order its document at once', async () => {
    const order = await createOrder(shopifyTarget(stack), {
      lines: [
        { variantId: socksVariantId, title: 'Wool socks', sku: 'SOCKS-1', quantity: 1, unitPrice: '12.00' },
      ],
      customer: null,
    });
    await dispatchOrder(stack, order, 'FX', SLOW_RECHECK);
    const waiting = await statusOf(order, needsAttention);
    expect(waiting.problems.map((problem) => problem.code)).toEqual(['EXCHANGE_RATE_MISSING']);

    await run('currency', 'rate', 'GBP', '--date', '2020-01-01', '--rate', '1.27');
    const done = await statusOf(order, hasDocument);
    expect(done.hasError).toBe(false);
    expect((await documentOf(stack, order.id)).header.currencyCode).toBe('GBP');
  });

  it('an item mapped with `map item` gives a waiting order its document at once', async () => {
    const order = await createOrder(shopifyTarget(stack), {
      lines: [
        { variantId: gadgetVariantId, title: 'Gadget', sku: 'SHOP-GADGET', quantity: 1, unitPrice: '30.00' },
      ],
      customer: null,
    });
    await dispatchOrder(stack, order, 'WEB', SLOW_RECHECK);
    const waiting = await statusOf(order, needsAttention);
    expect(waiting.problems.map((problem) => problem.code)).toContain('ITEM_NOT_MAPPED');

    await run('map', 'item', '--variant', gadgetVariantId, '--item', 'GADGET');
    await statusOf(order, hasDocument);
    const { lines } = await documentOf(stack, order.id);
    expect(lines.find((line) => line.type === 'item')?.no).toBe('GADGET');
  });
});
