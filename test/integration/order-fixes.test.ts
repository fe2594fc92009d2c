import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMapCommand } from '../../client/commands/map';
import { registerOrderCommand } from '../../client/commands/order';
import { registerOrdersCommands } from '../../client/commands/orders';
import { Currency, Customer, ImportedOrder, OrderToImport, ShopifyCustomerLink } from '../../erp/entities';
import { mapItem } from '../../erp/services/items';
import { setExchangeRate } from '../../erp/services/settings';
import { createOrder, type GeneratedOrder } from '../../simulator/generator/create-order';
import type { CreateOrderRequest } from '../../simulator/generator/order-request';
import type { AddressPlan } from '../../simulator/generator/store-plan';
import {
  assignCustomerUpdate,
  mapCustomerUpdate,
  newCustomerFromTemplateUpdate,
  orderWorkflowId,
  retrySignal,
  type OrderRequestAnswer,
  type OrderStatus,
} from '../../workflows/messages';
import type { OrderTimings } from '../../workflows/order-timings';
import { stackCliRunner } from '../helpers/cli-runner';
import { hasDocument, needsAttention, waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import {
  addShopCard,
  dispatchOrder,
  documentOf,
  orderHandle,
  queryOrder,
  runSync,
  shopifyTarget,
  waitForVisibility,
} from './order-test-kit';

/** Problems are re-checked only after ten minutes: whatever resolves them within the test is the operator. */
const OPERATOR_ONLY: OrderTimings = {
  recheckProblemsAfter: '10 minutes',
  maxRecheckInterval: '1 hour',
  activityAttemptTimeout: '5 seconds',
};
/** The automatic re-check comes after one second. */
const QUICK_RECHECK: OrderTimings = {
  recheckProblemsAfter: '1 second',
  maxRecheckInterval: '2 seconds',
  activityAttemptTimeout: '5 seconds',
};

let stack: TestStack;
let socksVariantId: string;
let gadgetVariantId: string;
let widgetVariantId: string;
let gizmoVariantId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const { store } = stack.simulator;
  socksVariantId = store.addProduct({
    title: 'Wool socks',
    variants: [{ title: 'One size', sku: 'SOCKS-1', price: '12.00' }],
  }).sim.variantIds[0]!;
  // Sold in Shopify under SKUs the ERP does not know: they need an explicit item mapping.
  gadgetVariantId = store.addProduct({
    title: 'Gadget',
    variants: [{ title: 'Default', sku: 'SHOP-GADGET', price: '30.00' }],
  }).sim.variantIds[0]!;
  widgetVariantId = store.addProduct({
    title: 'Widget',
    variants: [{ title: 'Default', sku: 'SHOP-WIDGET', price: '8.00' }],
  }).sim.variantIds[0]!;
  gizmoVariantId = store.addProduct({
    title: 'Gizmo',
    variants: [{ title: 'Default', sku: 'SHOP-GIZMO', price: '5.00' }],
  }).sim.variantIds[0]!;

  const items = [
    { no: 'SOCKS-1', description: 'Wool socks' },
    { no: 'GADGET', description: 'Gadget' },
    { no: 'WIDGET', description: 'Widget' },
    { no: 'GIZMO', description: 'Gizmo' },
  ];
  // WEB: the demo card (creates customers, default customer WEB-GUEST).
  await addShopCard(stack, 'WEB', { items });
  // NOCUST: never creates customers and has no default customer, so unknown buyers need an operator.
  await addShopCard(
    stack,
    'NOCUST',
    { customerImport: 'none', customerMappingType: 'by_email_phone' },
    { defaultCustomerNo: null },
  );
  // NODEFAULT: creates customers from the bill-to address, but has no default for orders without one.
  await addShopCard(stack, 'NODEFAULT', { customerImport: 'with_order' }, { defaultCustomerNo: null });
  // FX: the shop's currency is GBP in the ERP, a currency without any exchange rate yet.
  await stack.erp.orm.em.fork().upsert(Currency, { code: 'GBP', description: 'Pound sterling' });
  await addShopCard(stack, 'FX', {}, { currencyCode: 'GBP' });
  // MANUAL: imports without creating documents; the operator asks for each.
  await addShopCard(stack, 'MANUAL', { autoCreateOrders: false });
  // PICKY: tag filters are case sensitive, Shopify's tag search is not: orders tagged 'picky' are
  // listed for this card and refused by it, so their orders-to-import rows wait for an operator.
  await addShopCard(stack, 'PICKY', {}, { orderSyncFilters: { tagFilter: 'Picky' } });
  const em = stack.erp.orm.em.fork();
  em.create(Customer, { no: 'C-ASSIGN', name: 'Assigned Ltd', countryCode: 'US' });
  em.create(Customer, { no: 'C-MAPPED', name: 'Mapped Inc', countryCode: 'US' });
  await em.flush();
});

afterAll(async () => {
  await stack?.close();
});

let buyerNumber = 0;

function buyer(): { email: string; address: AddressPlan } {
  buyerNumber += 1;
  return {
    email: `buyer-${buyerNumber}@example.com`,
    address: {
      firstName: 'Buyer',
      lastName: `Number ${buyerNumber}`,
      address1: `${buyerNumber} Main Street`,
      city: 'Springfield',
      zip: '62701',
      provinceCode: 'IL',
      countryCode: 'US',
    },
  };
}

/** A web order of a known Shopify customer with a bill-to address. */
function customerOrder(overrides: Partial<CreateOrderRequest> = {}): Promise<GeneratedOrder> {
  const { email, address } = buyer();
  return createOrder(shopifyTarget(stack), {
    lines: [
      { variantId: socksVariantId, title: 'Wool socks', sku: 'SOCKS-1', quantity: 2, unitPrice: '12.00' },
    ],
    customer: { email, firstName: address.firstName, lastName: address.lastName, addresses: [address] },
    billingAddress: address,
    shippingAddress: address,
    ...overrides,
  });
}

/** Waits until the order's workflow state satisfies `done`. */
const statusOf = (order: { id: string }, done: (status: OrderStatus) => boolean, timeoutMs?: number) =>
  waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, done, timeoutMs);

const problemCodes = (status: OrderStatus) => status.problems.map((problem) => problem.code);

async function importedOrder(shopifyOrderId: string) {
  return stack.erp.orm.em.fork().findOneOrFail(ImportedOrder, { shopifyOrderId });
}

describe('a missing customer is shown and fixed by an operator update', () => {
  it('shows needs-attention with the CUSTOMER problem in the state query and OrderHasError in the search attributes', async () => {
    const order = await customerOrder();
    await dispatchOrder(stack, order, 'NOCUST', OPERATOR_ONLY);
    const status = await statusOf(order, needsAttention);
    expect(status.hasError).toBe(true);
    expect(status.document).toBeUndefined();
    expect(problemCodes(status)).toContain('CUSTOMER_NOT_FOUND');
    const problem = status.problems.find((entry) => entry.code === 'CUSTOMER_NOT_FOUND')!;
    expect(problem.message).toContain(order.name);
    expect(problem.fix).toContain('assign-customer');

    const workflowId = orderWorkflowId(stack.simulator.shopDomain, order.id);
    await waitForVisibility(
      stack.temporal.client,
      `OrderHasError = true AND ShopDomain = '${stack.simulator.shopDomain}'`,
      workflowId,
    );
    await waitForVisibility(
      stack.temporal.client,
      `OrderStage = 'needs-attention' AND ShopCode = 'NOCUST' AND ShopifyOrderName = '${order.name}'`,
      workflowId,
    );

    // A customer no. that does not exist is refused with the reason, and nothing changes.
    const refused = await orderHandle(stack, order.id)
      .executeUpdate(assignCustomerUpdate, { args: [{ sellToCustomerNo: 'NO-SUCH' }] })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    // What the CLI prints: the update failure's cause.
    const reason = (refused as WorkflowUpdateFailedError).cause?.message ?? '';
    expect(reason).toContain('customer NO-SUCH does not exist');
    expect(reason).toContain(order.name);
    const unchanged = await queryOrder(stack, order.id);
    expect(unchanged.stage).toBe('needs-attention');
    expect(unchanged.document).toBeUndefined();
    const stored = await importedOrder(order.id);
    expect(stored.sellToCustomerNo ?? null).toBeNull();
    expect(stored.customerSetByOperator).toBe(false);

    // The right number: the document follows at once, and the error flag clears.
    const fixed = await orderHandle(stack, order.id).executeUpdate(assignCustomerUpdate, {
      args: [{ sellToCustomerNo: 'C-ASSIGN' }],
    });
    expect(fixed.stage).toBe('document-created');
    expect(fixed.hasError).toBe(false);
    const { header } = await documentOf(stack, order.id);
    expect(header.sellToCustomerNo).toBe('C-ASSIGN');
    expect(header.billToCustomerNo).toBe('C-ASSIGN');
    await waitForVisibility(
      stack.temporal.client,
      `OrderHasError = false AND OrderStage = 'document-created' AND ShopDomain = '${stack.simulator.shopDomain}'`,
      workflowId,
    );
  });

  it('creates a new customer from the template the operator chose', async () => {
    const order = await customerOrder();
    await dispatchOrder(stack, order, 'NOCUST', OPERATOR_ONLY);
    await statusOf(order, needsAttention);

    const refused = await orderHandle(stack, order.id)
      .executeUpdate(newCustomerFromTemplateUpdate, { args: [{ templateCode: 'NO-SUCH-TEMPLATE' }] })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect((refused as WorkflowUpdateFailedError).cause?.message).toContain(
      "'NO-SUCH-TEMPLATE' does not exist",
    );

    const fixed = await orderHandle(stack, order.id).executeUpdate(newCustomerFromTemplateUpdate, {
      args: [{ templateCode: 'B2B' }],
    });
    expect(fixed.stage).toBe('document-created');
    const { header } = await documentOf(stack, order.id);
    const customer = await stack.erp.orm.em.fork().findOneOrFail(Customer, header.sellToCustomerNo);
    expect(customer.createdFromTemplateCode).toBe('B2B');
    expect(customer.address).toBe(order.request.billingAddress!.address1);
    expect(customer.countryCode).toBe('US');
  });

  it('maps the Shopify customer to an existing customer, for this order and the next ones', async () => {
    const { email, address } = buyer();
    const sameBuyer: Partial<CreateOrderRequest> = {
      customer: { email, firstName: address.firstName, lastName: address.lastName, addresses: [address] },
      billingAddress: address,
      shippingAddress: address,
    };
    const order = await customerOrder(sameBuyer);
    await dispatchOrder(stack, order, 'NOCUST', OPERATOR_ONLY);
    await statusOf(order, needsAttention);

    const fixed = await orderHandle(stack, order.id).executeUpdate(mapCustomerUpdate, {
      args: [{ customerNo: 'C-MAPPED' }],
    });
    expect(fixed.stage).toBe('document-created');
    expect((await documentOf(stack, order.id)).header.sellToCustomerNo).toBe('C-MAPPED');
    const shopifyCustomerId = (await importedOrder(order.id)).shopifyCustomerId;
    expect(shopifyCustomerId).toBeTruthy();
    const link = await stack.erp.orm.em.fork().findOneOrFail(ShopifyCustomerLink, {
      store: stack.simulator.shopDomain,
      shopifyCustomerId: shopifyCustomerId!,
    });
    expect(link.customerNo).toBe('C-MAPPED');

    // The same Shopify customer orders again: no operator needed.
    const next = await customerOrder({ ...sameBuyer, customer: { id: shopifyCustomerId! } });
    await dispatchOrder(stack, next, 'NOCUST', OPERATOR_ONLY);
    const status = await statusOf(next, hasDocument);
    expect(status.hasError).toBe(false);
    expect((await documentOf(stack, next.id)).header.sellToCustomerNo).toBe('C-MAPPED');
  });

  it('an order without addresses cannot get a new customer, but can be assigned one', async () => {
    const order = await createOrder(shopifyTarget(stack), {
      lines: [
        { variantId: socksVariantId, title: 'Wool socks', sku: 'SOCKS-1', quantity: 1, unitPrice: '12.00' },
      ],
      pos: { locationId: stack.simulator.store.defaultLocation()!.id },
      customer: null,
    });
    await dispatchOrder(stack, order, 'NODEFAULT', OPERATOR_ONLY);
    const status = await statusOf(order, needsAttention);
    expect(problemCodes(status)).toContain('CUSTOMER_ADDRESS_MISSING');

    const refused = await orderHandle(stack, order.id)
      .executeUpdate(newCustomerFromTemplateUpdate, { args: [{ templateCode: 'RETAIL' }] })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect((refused as WorkflowUpdateFailedError).cause?.message).toContain('has no bill-to address');
    expect((await queryOrder(stack, order.id)).stage).toBe('needs-attention');

    const fixed = await orderHandle(stack, order.id).executeUpdate(assignCustomerUpdate, {
      args: [{ sellToCustomerNo: 'C-ASSIGN' }],
    });
    expect(fixed.document).toBeDefined();
    expect((await documentOf(stack, order.id)).header.sellToCustomerNo).toBe('C-ASSIGN');
  });
});

describe('an unmapped item waits for its mapping', () => {
  it('ITEM_NOT_MAPPED, then the mapping and a retry signal give the document', async () => {
    const order = await createOrder(shopifyTarget(stack), {
      lines: [
        { variantId: gadgetVariantId, title: 'Gadget', sku: 'SHOP-GADGET', quantity: 1, unitPrice: '30.00' },
      ],
      customer: null,
    });
    await dispatchOrder(stack, order, 'WEB', OPERATOR_ONLY);
    const status = await statusOf(order, needsAttention);
    expect(problemCodes(status)).toEqual(['ITEM_NOT_MAPPED']);
    expect(status.problems[0]!.message).toContain('SHOP-GADGET');

    await mapItem(stack.erp.orm, stack.simulator.shopDomain, gadgetVariantId, 'GADGET');
    // Ten minutes before the next automatic look: only the signal can bring the document now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await queryOrder(stack, order.id)).stage).toBe('needs-attention');
    await orderHandle(stack, order.id).signal(retrySignal);
    const done = await statusOf(order, hasDocument);
    expect(done.hasError).toBe(false);
    const { lines } = await documentOf(stack, order.id);
    expect(lines.filter((line) => line.type === 'item').map((line) => line.no)).toEqual(['GADGET']);
  });

  it('the automatic re-check picks up a mapping added later, without any signal', async () => {
    const order = await createOrder(shopifyTarget(stack), {
      lines: [
        { variantId: widgetVariantId, title: 'Widget', sku: 'SHOP-WIDGET', quantity: 3, unitPrice: '8.00' },
      ],
      customer: null,
    });
    await dispatchOrder(stack, order, 'WEB', QUICK_RECHECK);
    const status = await statusOf(order, needsAttention);
    expect(problemCodes(status)).toEqual(['ITEM_NOT_MAPPED']);
    // Let a re-check or two find nothing new.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await queryOrder(stack, order.id)).stage).toBe('needs-attention');

    await mapItem(stack.erp.orm, stack.simulator.shopDomain, widgetVariantId, 'WIDGET');
    const done = await statusOf(order, hasDocument, 15_000);
    expect(done.hasError).toBe(false);
    const { lines } = await documentOf(stack, order.id);
    const item = lines.find((line) => line.type === 'item')!;
    expect(item.no).toBe('WIDGET');
    expect(Number(item.quantity)).toBe(3);
  });
});

describe('a missing exchange rate waits for the rate', () => {
  it('EXCHANGE_RATE_MISSING, then the rate and a retry signal give a document in that currency', async () => {
    const order = await createOrder(shopifyTarget(stack), {
      lines: [
        { variantId: socksVariantId, title: 'Wool socks', sku: 'SOCKS-1', quantity: 1, unitPrice: '12.00' },
      ],
      customer: null,
    });
    await dispatchOrder(stack, order, 'FX', OPERATOR_ONLY);
    const status = await statusOf(order, needsAttention);
    expect(problemCodes(status)).toEqual(['EXCHANGE_RATE_MISSING']);
    expect(status.problems[0]!.message).toContain('GBP');

    await setExchangeRate(stack.erp.orm, {
      currencyCode: 'GBP',
      startingDate: '2020-01-01',
      rateLcyPerUnit: '1.27',
    });
    await orderHandle(stack, order.id).signal(retrySignal);
    const done = await statusOf(order, hasDocument);
    expect(done.hasError).toBe(false);
    const { header } = await documentOf(stack, order.id);
    expect(header.currencyCode).toBe('GBP');
    expect(header.exchangeRateLcyPerUnit).toMatch(/^1\.27/);
  });
});

/** The operator's commands, in process against this stack. */
const run = stackCliRunner(
  () => stack,
  (program, context) => {
    registerOrderCommand(program, context);
    registerOrdersCommands(program, context);
    registerMapCommand(program, context);
  },
);
const runJson = async <T = Record<string, unknown>>(...args: string[]): Promise<T> =>
  JSON.parse(await run(...args, '--json')) as T;

async function orderNeedingAttention(shopCode: string, overrides: Partial<CreateOrderRequest> = {}) {
  const order = await customerOrder(overrides);
  await dispatchOrder(stack, order, shopCode, OPERATOR_ONLY);
  await statusOf(order, needsAttention);
  return order;
}

interface ListedOrder {
  order: string;
  shop: string;
  error: string;
  customer: string;
}

/** `order show --json`: the ERP's view with the workflow's state in `workflow`. */
interface ShownOrder {
  order: string;
  hasError: boolean;
  errorText: string;
  workflow: PrintedStatus;
  documents: { type: string; no: string }[];
}

interface PrintedStatus {
  stage: string;
  hasError: boolean;
  problems: { code: string; message: string }[];
  document?: { documentType: string; documentNo: string };
}

describe('orderbridge orders list and order fixes', () => {
  it('lists an order without a customer among the errors, shows why, and assign-customer gives it its document', async () => {
    const order = await orderNeedingAttention('NOCUST');
    const errors = await runJson<ListedOrder[]>('orders', 'list', '--errors', '--shop', 'NOCUST');
    const listed = errors.find((entry) => entry.order === order.name);
    expect(listed).toMatchObject({ shop: 'NOCUST', customer: '' });
    // The error names the order, what is missing and the commands that fix it.
    expect(listed?.error).toMatch(
      /CUSTOMER_NOT_FOUND.*no ERP customer could be chosen.*order assign-customer/,
    );
    const shown = await runJson<ShownOrder>('order', 'show', order.name);
    expect(shown).toMatchObject({ order: order.name, hasError: true, documents: [] });
    expect(shown.workflow).toMatchObject({ stage: 'needs-attention', hasError: true });
    expect(shown.workflow.problems.map((problem) => problem.code)).toContain('CUSTOMER_NOT_FOUND');

    // The reference as the error prints it: the number without '#'.
    const fixed = await runJson<PrintedStatus>(
      'order',
      'assign-customer',
      order.name.replace('#', ''),
      '--customer',
      'C-ASSIGN',
    );
    expect(fixed).toMatchObject({ hasError: false, document: { documentType: 'order' } });
    const imported = await stack.erp.orm.em.fork().findOneOrFail(ImportedOrder, { shopifyOrderId: order.id });
    expect(imported.sellToCustomerNo).toBe('C-ASSIGN');
    expect(await runJson<ListedOrder[]>('orders', 'list', '--errors', '--shop', 'NOCUST')).not.toContainEqual(
      expect.objectContaining({ order: order.name }),
    );
    // A second fix is refused in plain words: the order has its document.
    await expect(run('order', 'assign-customer', order.name, '--customer', 'C-MAPPED')).rejects.toThrow(
      new RegExp(`Order ${order.name}: refused: .*already has sales order`),
    );
  });

  it('map-customer and new-customer fix orders without a customer', async () => {
    const mapped = await orderNeedingAttention('NOCUST');
    expect(
      await runJson<PrintedStatus>('order', 'map-customer', mapped.name, '--customer', 'C-MAPPED'),
    ).toMatchObject({ hasError: false, document: { documentType: 'order' } });

    const created = await orderNeedingAttention('NOCUST');
    await expect(run('order', 'new-customer', created.name, '--template', 'NO-SUCH')).rejects.toThrow(
      /refused: .*NO-SUCH/,
    );
    expect(
      await runJson<PrintedStatus>('order', 'new-customer', created.name, '--template', 'B2B'),
    ).toMatchObject({
      hasError: false,
      document: { documentType: 'order' },
    });
  });

  it('an unmapped item: map item, then order retry gives the document', async () => {
    const order = await orderNeedingAttention('WEB', {
      lines: [
        { variantId: gizmoVariantId, title: 'Gizmo', sku: 'SHOP-GIZMO', quantity: 1, unitPrice: '5.00' },
      ],
    });
    expect((await runJson<ShownOrder>('order', 'show', order.name)).workflow.problems).toContainEqual(
      expect.objectContaining({ code: 'ITEM_NOT_MAPPED' }),
    );
    // Retried before the fix: the answer is the attempt's outcome, with the fix to make.
    const blocked = await run('order', 'retry', order.name);
    expect(blocked).toContain(`Order ${order.name}: still blocked by ITEM_NOT_MAPPED.`);
    expect(blocked).toMatch(/ERROR: .*SHOP-GIZMO/);
    await run('map', 'item', '--variant', gizmoVariantId, '--item', 'GIZMO', '--shop', 'WEB');
    const answer = await runJson<OrderRequestAnswer>('order', 'retry', order.name);
    expect(answer.steps).toEqual(['document']);
    expect(answer.status).toMatchObject({ stage: 'document-created', hasError: false, problems: [] });
    const { header } = await documentOf(stack, order.id);
    expect(answer.status.document?.documentNo).toBe(header.no);
    // The run's history, with both retry updates, replays on the current code;
    // RECORD_HISTORIES=1 saves it for test/replay.
    const history = await orderHandle(stack, order.id).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: stack.temporal.workflowBundle }, history);
    if (process.env.RECORD_HISTORIES === '1') {
      const target = fileURLToPath(new URL('../replay/histories/order-retry-update.json', import.meta.url));
      writeFileSync(target, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
    }
    // With the document made and nothing failed, a retry looks at closing: not yet, and why.
    expect(await run('order', 'retry', order.name)).toMatch(
      new RegExp(`^Order ${order.name}: not closable yet: .*not fulfilled`),
    );
  });

  it('order close answers why an order without its document cannot close', async () => {
    const order = await orderNeedingAttention('NOCUST');
    await expect(run('order', 'close', order.name)).rejects.toThrow(
      new RegExp(`Order ${order.name}: refused: .*has no sales document yet`),
    );
  });

  it('create-document makes the document of a shop that does not create them by itself', async () => {
    const order = await customerOrder();
    await dispatchOrder(stack, order, 'MANUAL', OPERATOR_ONLY);
    await statusOf(order, (status) => status.importedOrderId !== undefined && status.stage !== 'importing');
    expect(await runJson<ShownOrder>('order', 'show', order.name)).toMatchObject({ documents: [] });
    expect(await runJson<PrintedStatus>('order', 'create-document', order.name)).toMatchObject({
      document: { documentType: 'order' },
    });
  });
});

describe('orderbridge orders-to-import', () => {
  it('lists the rows a shop card left out, imports one on request, deletes another', async () => {
    const [wanted, unwanted] = [
      await customerOrder({ tags: ['picky'] }),
      await customerOrder({ tags: ['picky'] }),
    ];
    await runSync(stack, 'PICKY');
    interface Row {
      id: number;
      order: string;
      shop: string;
    }
    const rows = await runJson<Row[]>('orders-to-import', 'list');
    const rowOf = (order: GeneratedOrder) => rows.find((row) => row.order === order.name);
    expect(rowOf(wanted)).toMatchObject({ shop: '' });
    expect(rowOf(unwanted)).toMatchObject({ shop: '' });

    await expect(run('orders-to-import', 'import', String(rowOf(wanted)!.id))).rejects.toThrow(
      /not claimed by a shop card: add --shop/,
    );
    expect(await run('orders-to-import', 'import', String(rowOf(wanted)!.id), '--shop', 'WEB')).toContain(
      `${wanted.name}: import requested with shop WEB`,
    );
    await statusOf(wanted, hasDocument);
    // Imported: its row is gone.
    expect(await stack.erp.orm.em.fork().count(OrderToImport, { shopifyOrderId: wanted.id })).toBe(0);

    expect(await run('orders-to-import', 'delete', String(rowOf(unwanted)!.id))).toBe('Deleted 1 of 1 rows.');
    expect(await stack.erp.orm.em.fork().count(OrderToImport, { shopifyOrderId: unwanted.id })).toBe(0);
    await expect(run('orders-to-import', 'import', '999999')).rejects.toThrow(
      /No orders to import with id 999999/,
    );
  });
});
