import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRefundCommand } from '../../client/commands/refund';
import { takeNeedsAttention } from '../../client/exit-codes';
import { SalesHeader, ShopCard } from '../../erp/entities';
import { createOrder } from '../../simulator/generator/create-order';
import { refundOrder } from '../../simulator/generator/refund-order';
import { setRefundPaymentStatus } from '../../simulator/refund-payments';
import { refundStatusQuery, refundWorkflowId, type RefundStatus } from '../../workflows/refund-messages';
import { stackCliRunner } from '../helpers/cli-runner';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard, dispatchOrder, shopifyTarget } from './order-test-kit';

let stack: TestStack;
let shirt: string;

beforeAll(async () => {
  stack = await startTestStack();
  shirt = stack.simulator.store.addProduct({
    title: 'Organic T-shirt',
    variants: [{ title: 'Default', sku: 'TSHIRT-M', price: '25.00' }],
  }).sim.variantIds[0]!;
  await addShopCard(stack, 'AUTO', { items: [{ no: 'TSHIRT-M', description: 'Organic T-shirt M' }] });
  await stack.erp.orm.em
    .fork()
    .nativeUpdate(ShopCard, { code: 'AUTO' }, { returnRefundProcess: 'auto_credit_memo' });
});

afterAll(async () => {
  await stack?.close();
});

const cli = stackCliRunner(
  () => stack,
  (program, context) => registerRefundCommand(program, context),
);

async function refundStage(shopifyRefundId: string, stage: RefundStatus['stage']): Promise<void> {
  const handle = stack.temporal.client.workflow.getHandle(
    refundWorkflowId(stack.simulator.shopDomain, shopifyRefundId),
  );
  for (let tries = 0; tries < 200; tries += 1) {
    const status = await handle.query(refundStatusQuery).catch(() => null);
    if (status?.stage === stage) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`refund ${shopifyRefundId} never reached ${stage}`);
}

describe('orderbridge refund credit-memo for a refund whose payment is pending', () => {
  it('says the payment is pending and what happens next, and exits with the needs-attention code', async () => {
    const created = await createOrder(shopifyTarget(stack), {
      lines: [{ variantId: shirt, title: 'TSHIRT-M', sku: 'TSHIRT-M', quantity: 2, unitPrice: '25.00' }],
      customer: null,
      taxRate: '0',
      fulfilled: true,
    });
    await dispatchOrder(stack, created, 'AUTO');
    await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, created.id, hasDocument);
    const refund = await refundOrder(shopifyTarget(stack), created.id, {
      lines: [{ lineItemId: created.lineItemIds[0]!, quantity: 1, restockType: 'NO_RESTOCK' }],
    });
    setRefundPaymentStatus(stack.simulator.store, refund.id, 'PENDING');
    await dispatchOrder(stack, created, 'AUTO');
    await refundStage(refund.id, 'waiting-for-payment');

    takeNeedsAttention();
    const printed = await cli('refund', 'credit-memo', refund.id.split('/').pop()!);
    expect(printed).toContain('payment is still pending');
    expect(printed).toContain('made once the payment settles');
    // What main exits with: 4, needs attention.
    expect(takeNeedsAttention()).toContain('has no credit memo yet (waiting-for-payment)');
    expect(await stack.erp.orm.em.fork().count(SalesHeader, { shopifyRefundId: refund.id })).toBe(0);
  });
});
