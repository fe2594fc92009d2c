import { startPausingWorker } from '../helpers/pausing-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportedRefund, SalesHeader, ShopCard } from '../../erp/entities';
import { createOrder } from '../../simulator/generator/create-order';
import { refundOrder } from '../../simulator/generator/refund-order';
import { refundWorkflowId } from '../../workflows/refund-messages';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard, dispatchOrder, shopifyTarget } from './order-test-kit';

let stack: TestStack;
let variantId: string;

beforeAll(async () => {
  stack = await startTestStack({ workers: 0 });
  variantId = stack.simulator.store.addProduct({
    title: 'Wool socks',
    variants: [{ title: 'One size', sku: 'SOCKS-1', price: '12.00' }],
  }).sim.variantIds[0]!;
  await addShopCard(stack, 'WEB', { items: [{ no: 'SOCKS-1', description: 'Wool socks' }] });
  await stack.erp.orm.em
    .fork()
    .nativeUpdate(ShopCard, { code: 'WEB' }, { returnRefundProcess: 'auto_credit_memo' });
});

afterAll(async () => {
  await stack?.close();
});

describe('exactly one credit memo per refund', () => {
  it('keeps one credit memo when a worker is killed right after the memo was committed', async () => {
    const order = await createOrder(shopifyTarget(stack), {
      lines: [{ variantId, title: 'Wool socks', sku: 'SOCKS-1', quantity: 2, unitPrice: '12.00' }],
      customer: { email: 'kill-refund@example.com', firstName: 'Grace', lastName: 'Hopper' },
      fulfilled: true,
    });
    const setup = await stack.startWorker('setup');
    try {
      await dispatchOrder(stack, order, 'WEB');
      await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument);
    } finally {
      await setup.stop();
    }
    const refund = await refundOrder(shopifyTarget(stack), order.id, {
      lines: [{ lineItemId: order.lineItemIds[0]!, quantity: 1, restockType: 'RETURN' }],
    });

    const doomed = startPausingWorker(stack, 'createCreditMemoForRefund');
    try {
      await dispatchOrder(stack, order, 'WEB');
      await doomed.paused();
      doomed.kill();
      // The memo is committed but Temporal never heard of it: another worker retries the attempt.
      expect(await stack.erp.orm.em.fork().count(SalesHeader, { shopifyRefundId: refund.id })).toBe(1);
      const survivor = await stack.startWorker('survivor');
      const handle = stack.temporal.client.workflow.getHandle(
        refundWorkflowId(stack.simulator.shopDomain, refund.id),
      );
      let result;
      try {
        result = await handle.result();
      } finally {
        await survivor.stop();
      }
      const memos = await stack.erp.orm.em.fork().find(SalesHeader, { shopifyRefundId: refund.id });
      expect(memos).toHaveLength(1);
      expect(result.stage).toBe('credit-memo-created');
      expect(result.creditMemo?.documentNo).toBe(memos[0]!.no);
      const stored = await stack.erp.orm.em
        .fork()
        .findOneOrFail(ImportedRefund, { shopifyRefundId: refund.id });
      expect(stored.creditMemoNo).toBe(memos[0]!.no);
      const history = await handle.fetchHistory();
      const retried = history.events?.some(
        (event) => (event.activityTaskStartedEventAttributes?.attempt ?? 1) > 1,
      );
      expect(retried, 'the killed attempt was retried').toBe(true);
    } finally {
      doomed.kill();
    }
  });
});
