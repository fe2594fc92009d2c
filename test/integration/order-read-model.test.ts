import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowMetadataQuery } from '@temporalio/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOrderCommand } from '../../client/commands/order';
import { registerOrdersCommands } from '../../client/commands/orders';
import { findOrderView, listOrderViews, type OrderViewRow } from '../../erp/services/orders';
import { createOrder, type GeneratedOrder } from '../../simulator/generator/create-order';
import { orderStatusQuery, orderWorkflowId, type OrderStatus } from '../../workflows/messages';
import { ORDER_HAS_ERROR, ORDER_STAGE } from '../../workflows/search-attributes';
import { stackCliRunner } from '../helpers/cli-runner';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { dispatchOrder, shopifyTarget, waitForVisibility } from './order-test-kit';
import {
  importToSalesOrder,
  placeOrder,
  setUpShipmentShop,
  ship,
  waitForShipment,
  SHOP,
  type ShipmentShop,
} from './shipment-test-kit';

let stack: TestStack;
let shop: ShipmentShop;

beforeAll(async () => {
  stack = await startTestStack();
  shop = await setUpShipmentShop(stack);
});

afterAll(async () => {
  await stack?.close();
});

const run = stackCliRunner(
  () => stack,
  (program, context) => {
    registerOrdersCommands(program, context);
    registerOrderCommand(program, context);
  },
);

interface ListedOrder {
  order: string;
  shop: string;
  stage: string;
  error: string;
  problems: string;
  next: string;
}

/** An order of a variant the ERP has no item for: its document waits with ITEM_NOT_MAPPED. */
async function unmappedOrder(): Promise<GeneratedOrder> {
  const product = stack.simulator.store.addProduct({
    title: 'Unmapped',
    variants: [{ title: 'One size', sku: `NOPE-${Math.random().toString(36).slice(2, 6)}`, price: '5.00' }],
  });
  const variantId = product.sim.variantIds[0]!;
  return createOrder(shopifyTarget(stack), {
    lines: [{ variantId, title: 'Unmapped', sku: 'NOPE', quantity: 1, unitPrice: '5.00' }],
    customer: {
      email: `buyer-${Math.random().toString(36).slice(2, 8)}@example.com`,
      firstName: 'Ada',
      lastName: 'Lovelace',
    },
  });
}

/** Polls until the read model row shows what the workflow's own status shows (the write is done). */
async function settledView(order: GeneratedOrder): Promise<{ view: OrderViewRow; status: OrderStatus }> {
  const handle = stack.temporal.client.workflow.getHandle(
    orderWorkflowId(stack.simulator.shopDomain, order.id),
  );
  const deadline = Date.now() + 30_000;
  let last: unknown;
  while (Date.now() < deadline) {
    const status = await handle.query(orderStatusQuery).catch(() => undefined);
    const view = await findOrderView(stack.erp.orm, {
      store: stack.simulator.shopDomain,
      shopifyOrderId: order.id,
    });
    if (
      status &&
      view &&
      view.stage === status.stage &&
      view.hasError === status.hasError &&
      status.stage !== 'importing' &&
      status.stage !== 'mapping'
    ) {
      const codes = (problems: readonly { code: string }[]) => problems.map((problem) => problem.code).sort();
      if (
        JSON.stringify(codes(view.problems)) ===
        JSON.stringify(
          codes(status.problems)
            .concat(status.conflict ? ['DOCUMENT_CONFLICT'] : [])
            .sort(),
        )
      )
        return { view, status };
    }
    last = { status, view };
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`read model of ${order.name} never settled: ${JSON.stringify(last)}`);
}

describe('read model, search attributes and CLI', () => {
  it('read model, search attributes and CLI agree on every order of a mixed run, shipment problems included', async () => {
    // A mixed run: clean orders, an unmapped item, a shipment Shopify did not get.
    const clean = [
      await placeOrder(stack, shop, [{ sku: 'SOCKS-1', quantity: 1 }]),
      await placeOrder(stack, shop, [{ sku: 'CAP-1', quantity: 2 }]),
    ];
    const unmapped = await unmappedOrder();
    const notSynced = await placeOrder(stack, shop, [{ sku: 'SCARF-1', quantity: 1 }]);
    for (const order of [...clean, unmapped]) await dispatchOrder(stack, order, SHOP);
    const { header } = await importToSalesOrder(stack, notSynced);
    // From a location with no Shopify location mapped: Shopify cannot get it.
    const posted = await ship(stack, notSynced, { document: header.no, locationCode: 'RETURNS' });
    await waitForShipment(stack, notSynced, posted.shipmentId);

    const orders = [...clean, unmapped, notSynced];
    const expectedErrors = new Map([
      [unmapped.name, 'ITEM_NOT_MAPPED'],
      [notSynced.name, 'SHIPMENT_NOT_SYNCED'],
    ]);
    // Every row written first: the lists below are taken once, as an operator would.
    for (const order of orders) await settledView(order);
    const listed = JSON.parse(await run('orders', 'list', '--all', '--json')) as ListedOrder[];
    const errorsListed = JSON.parse(
      await run('orders', 'list', '--errors', '--json').catch((error: Error) => {
        throw error;
      }),
    ) as ListedOrder[];

    for (const order of orders) {
      const { view, status } = await settledView(order);
      const expectedCode = expectedErrors.get(order.name);
      // The read model itself.
      expect(view.hasError, order.name).toBe(expectedCode !== undefined);
      if (expectedCode) expect(view.problems.map((problem) => problem.code)).toContain(expectedCode);
      else expect(view.stage).toBe('document-created');

      // Search attributes: describe, and the visibility list by the same values.
      const handle = stack.temporal.client.workflow.getHandle(view.workflowId);
      await waitForVisibility(
        stack.temporal.client,
        `OrderStage = '${view.stage}' AND OrderHasError = ${view.hasError}`,
        view.workflowId,
      );
      const described = await handle.describe();
      expect(described.typedSearchAttributes.get(ORDER_STAGE)).toBe(view.stage);
      expect(described.typedSearchAttributes.get(ORDER_HAS_ERROR)).toBe(view.hasError);
      expect(status.hasError).toBe(view.hasError);
      // Temporal UI metadata: the name and shop at start, what needs doing now; no personal data.
      expect(await described.staticSummary()).toBe(`${order.name} · ${SHOP}`);
      const metadata = (await handle.query(workflowMetadataQuery)) as { currentDetails?: string };
      if (expectedCode)
        expect(metadata.currentDetails).toMatch(new RegExp(`^needs attention: ${expectedCode}: `));
      else expect(metadata.currentDetails).toMatch(/^document-created · order /);
      expect(metadata.currentDetails).not.toMatch(/@|Lovelace/);

      // The CLI: the list, the error list and order show print the same stage and problems.
      const row = listed.find((entry) => entry.order === order.name);
      expect(row, order.name).toMatchObject({ shop: SHOP, stage: view.stage, next: view.nextAction });
      expect(row?.problems.split(',').filter(Boolean).sort()).toEqual(
        view.problems.map((p) => p.code).sort(),
      );
      const inErrors = errorsListed.find((entry) => entry.order === order.name);
      if (expectedCode) expect(inErrors?.error).toMatch(new RegExp(`^${expectedCode}: Order ${order.name}`));
      else expect(inErrors).toBeUndefined();
      const shown = JSON.parse(await run('order', 'show', order.name, '--json'));
      expect(shown).toMatchObject({
        stage: view.stage,
        hasError: view.hasError,
        nextAction: view.nextAction,
      });
      expect(shown.problems.map((problem: { code: string }) => problem.code)).toEqual(
        view.problems.map((p) => p.code),
      );
    }

    // The console's paged query finds the shipment problem by its code, one order a page.
    const firstPage = await listOrderViews(stack.erp.orm, {
      problemCode: 'SHIPMENT_NOT_SYNCED',
      limit: 1,
      withTotal: true,
    });
    expect(firstPage).toMatchObject({ total: 1, rows: [{ orderName: notSynced.name }] });
    expect(firstPage.nextCursor).toBeUndefined();
    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOrderViews(stack.erp.orm, {
        shopCode: SHOP,
        includeClosed: true,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(...page.rows.map((entry) => entry.orderName ?? ''));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.sort()).toEqual(orders.map((order) => order.name).sort());

    // The new shape of history (the read model write, the patch marker) replays on the current code;
    // RECORD_HISTORIES=1 saves it for test/replay.
    const history = await stack.temporal.client.workflow
      .getHandle(orderWorkflowId(stack.simulator.shopDomain, notSynced.id))
      .fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: stack.temporal.workflowBundle }, history);
    if (process.env.RECORD_HISTORIES === '1') {
      const target = fileURLToPath(
        new URL('../replay/histories/order-read-model-shipment-not-synced.json', import.meta.url),
      );
      writeFileSync(target, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
    }
  });
});
