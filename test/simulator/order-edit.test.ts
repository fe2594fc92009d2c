import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator';
import { createOrder, gqlData, seedCatalog, startTestSimulator } from './helpers';

const BEGIN = `mutation($id: ID!) { orderEditBegin(id: $id) { calculatedOrder { id lineItems(first: 10) { nodes { id quantity sku } } } orderEditSession { id } userErrors { field message } } }`;
const ADD = `mutation($id: ID!, $variantId: ID!, $quantity: Int!, $locationId: ID, $allowDuplicates: Boolean) {
  orderEditAddVariant(id: $id, variantId: $variantId, quantity: $quantity, locationId: $locationId, allowDuplicates: $allowDuplicates) {
    calculatedLineItem { id quantity sku } calculatedOrder { id totalPriceSet { shopMoney { amount } } } userErrors { field message } } }`;
const SET = `mutation($id: ID!, $lineItemId: ID!, $quantity: Int!) {
  orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: true) { calculatedLineItem { id quantity } userErrors { field message } } }`;
const COMMIT = `mutation($id: ID!) { orderEditCommit(id: $id, notifyCustomer: false, staffNote: "edited") { order { id edited } successMessages userErrors { field message } } }`;
const ORDER = `query($id: ID!) { order(id: $id) {
  edited updatedAt displayFinancialStatus displayFulfillmentStatus
  totalPriceSet { shopMoney { amount } } currentTotalPriceSet { shopMoney { amount } } totalOutstandingSet { shopMoney { amount } }
  lineItems(first: 10) { nodes { id sku quantity currentQuantity unfulfilledQuantity refundableQuantity } }
  fulfillmentOrders(first: 10) { nodes { status assignedLocation { location { id } } lineItems(first: 10) { nodes { totalQuantity remainingQuantity lineItem { sku } } } } }
} }`;

describe('order editing', () => {
  let simulator: RunningSimulator;
  let catalog: ReturnType<typeof seedCatalog>;
  let warehouse: string;
  beforeAll(async () => {
    simulator = await startTestSimulator();
    catalog = seedCatalog(simulator);
    warehouse = simulator.store.addLocation({ name: 'Warehouse' }).id;
  });
  afterAll(() => simulator.stop());

  it('adds a variant at a location, lowers and raises quantities, then commits: lines, fulfillment orders, totals and status follow', async () => {
    const id = await createOrder(simulator, {
      lineItems: [
        { variantId: catalog.shirtM, quantity: 3 },
        { variantId: catalog.mug, quantity: 1 },
      ],
      financialStatus: 'PAID',
    });
    const before = (await gqlData(simulator, ORDER, { id })).order;
    expect(before.totalPriceSet.shopMoney.amount).toBe('68.5');
    const begun = await gqlData(simulator, BEGIN, { id });
    const calculatedOrderId: string = begun.orderEditBegin.calculatedOrder.id;
    expect(calculatedOrderId).toMatch(/^gid:\/\/shopify\/CalculatedOrder\/\d+$/);
    expect(begun.orderEditBegin.orderEditSession.id).toMatch(/^gid:\/\/shopify\/OrderEditSession\/\d+$/);
    const [shirtLine, mugLine] = begun.orderEditBegin.calculatedOrder.lineItems.nodes;
    expect(shirtLine.id).toMatch(/^gid:\/\/shopify\/CalculatedLineItem\/\d+$/);

    const added = await gqlData(simulator, ADD, {
      id: calculatedOrderId,
      variantId: catalog.shirtL,
      quantity: 2,
      locationId: warehouse,
    });
    expect(added.orderEditAddVariant.userErrors).toEqual([]);
    expect(added.orderEditAddVariant.calculatedLineItem).toMatchObject({ quantity: 2, sku: 'TSHIRT-L' });
    const duplicate = await gqlData(simulator, ADD, {
      id: calculatedOrderId,
      variantId: catalog.mug,
      quantity: 1,
    });
    expect(duplicate.orderEditAddVariant.userErrors[0].field).toEqual(['variantId']);

    expect(
      (await gqlData(simulator, SET, { id: calculatedOrderId, lineItemId: shirtLine.id, quantity: 1 }))
        .orderEditSetQuantity.userErrors,
    ).toEqual([]);
    expect(
      (await gqlData(simulator, SET, { id: calculatedOrderId, lineItemId: mugLine.id, quantity: 2 }))
        .orderEditSetQuantity.userErrors,
    ).toEqual([]);
    const committed = await gqlData(simulator, COMMIT, { id: calculatedOrderId });
    expect(committed.orderEditCommit).toMatchObject({
      order: { id, edited: true },
      successMessages: ['Order updated'],
      userErrors: [],
    });

    const after = (await gqlData(simulator, ORDER, { id })).order;
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect(after.lineItems.nodes).toMatchObject([
      { sku: 'TSHIRT-M', quantity: 3, currentQuantity: 1, unfulfilledQuantity: 1, refundableQuantity: 1 },
      { sku: 'MUG', quantity: 2, currentQuantity: 2, unfulfilledQuantity: 2 },
      { sku: 'TSHIRT-L', quantity: 2, currentQuantity: 2, unfulfilledQuantity: 2 },
    ]);
    // 1 × 20 + 2 × 8.5 + 2 × 22 = 81; 68.5 was paid.
    expect(after.currentTotalPriceSet.shopMoney.amount).toBe('81.0');
    expect(after.totalOutstandingSet.shopMoney.amount).toBe('12.5');
    expect(after.displayFinancialStatus).toBe('PARTIALLY_PAID');
    const byLocation = after.fulfillmentOrders.nodes.map(
      (node: {
        assignedLocation: { location: { id: string } };
        lineItems: { nodes: { totalQuantity: number; lineItem: { sku: string } }[] };
      }) => ({
        location: node.assignedLocation.location.id,
        lines: node.lineItems.nodes.map((item) => `${item.lineItem.sku}×${item.totalQuantity}`),
      }),
    );
    expect(byLocation).toEqual([
      { location: 'gid://shopify/Location/1', lines: ['TSHIRT-M×1', 'MUG×2'] },
      { location: warehouse, lines: ['TSHIRT-L×2'] },
    ]);

    const reused = await gqlData(simulator, COMMIT, { id: calculatedOrderId });
    expect(reused.orderEditCommit.userErrors[0].message).toMatch(/already been committed/);
  });

  it('refuses to drop below the fulfilled quantity, and to edit unknown orders', async () => {
    const id = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 2 }],
      fulfillmentStatus: 'FULFILLED',
    });
    const begun = await gqlData(simulator, BEGIN, { id });
    const line = begun.orderEditBegin.calculatedOrder.lineItems.nodes[0];
    const refused = await gqlData(simulator, SET, {
      id: begun.orderEditBegin.calculatedOrder.id,
      lineItemId: line.id,
      quantity: 1,
    });
    expect(refused.orderEditSetQuantity.userErrors[0].field).toEqual(['quantity']);
    const unknown = await gqlData(simulator, BEGIN, { id: 'gid://shopify/Order/4040404' });
    expect(unknown.orderEditBegin).toMatchObject({ calculatedOrder: null, userErrors: [{ field: ['id'] }] });
  });

  it('removing every unit of an unfulfilled order leaves nothing to fulfil', async () => {
    const id = await createOrder(simulator, {
      lineItems: [
        { variantId: catalog.mug, quantity: 2 },
        { variantId: catalog.shirtM, quantity: 1 },
      ],
    });
    const begun = await gqlData(simulator, BEGIN, { id });
    const calculatedOrderId = begun.orderEditBegin.calculatedOrder.id;
    await gqlData(simulator, SET, {
      id: calculatedOrderId,
      lineItemId: begun.orderEditBegin.calculatedOrder.lineItems.nodes[0].id,
      quantity: 0,
    });
    await gqlData(simulator, COMMIT, { id: calculatedOrderId });
    const after = (await gqlData(simulator, ORDER, { id })).order;
    expect(after.lineItems.nodes[0]).toMatchObject({
      quantity: 2,
      currentQuantity: 0,
      unfulfilledQuantity: 0,
    });
    expect(after.currentTotalPriceSet.shopMoney.amount).toBe('20.0');
    expect(
      after.fulfillmentOrders.nodes[0].lineItems.nodes.map(
        (item: { totalQuantity: number }) => item.totalQuantity,
      ),
    ).toEqual([0, 1]);
  });
});

describe('order editing: custom items, line discounts, shipping lines', () => {
  let simulator: RunningSimulator;
  let catalog: ReturnType<typeof seedCatalog>;
  beforeAll(async () => {
    simulator = await startTestSimulator();
    catalog = seedCatalog(simulator);
  });
  afterAll(() => simulator.stop());

  const DISCOUNT = `mutation($id: ID!, $lineItemId: ID!, $discount: OrderEditAppliedDiscountInput!) {
    orderEditAddLineItemDiscount(id: $id, lineItemId: $lineItemId, discount: $discount) {
      calculatedLineItem { discountedUnitPriceSet { shopMoney { amount } } } userErrors { field message } } }`;

  it('adds a custom item, a discounted variant and a shipping line, and discounts an existing line once', async () => {
    const id = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 1 }],
      financialStatus: 'PAID',
    });
    const begun = await gqlData(simulator, BEGIN, { id });
    const session = begun.orderEditBegin.calculatedOrder.id;
    const existingLine = begun.orderEditBegin.calculatedOrder.lineItems.nodes[0].id;
    const custom = await gqlData(
      simulator,
      `mutation($id: ID!) { orderEditAddCustomItem(id: $id, title: "Gift wrap", price: { amount: "3.00", currencyCode: USD }, quantity: 2, requiresShipping: false, taxable: false) {
        calculatedLineItem { id title quantity } userErrors { field message } } }`,
      { id: session },
    );
    expect(custom.orderEditAddCustomItem).toMatchObject({
      calculatedLineItem: { title: 'Gift wrap', quantity: 2 },
      userErrors: [],
    });
    const added = await gqlData(simulator, ADD, { id: session, variantId: catalog.shirtM, quantity: 1 });
    const onAdded = await gqlData(simulator, DISCOUNT, {
      id: session,
      lineItemId: added.orderEditAddVariant.calculatedLineItem.id,
      discount: { percentValue: 25, description: 'Loyalty' },
    });
    expect(onAdded.orderEditAddLineItemDiscount).toEqual({
      calculatedLineItem: { discountedUnitPriceSet: { shopMoney: { amount: '15.0' } } },
      userErrors: [],
    });
    const onExisting = await gqlData(simulator, DISCOUNT, {
      id: session,
      lineItemId: existingLine,
      discount: { percentValue: 10, description: 'Chipped' },
    });
    expect(onExisting.orderEditAddLineItemDiscount).toEqual({
      calculatedLineItem: { discountedUnitPriceSet: { shopMoney: { amount: '7.65' } } },
      userErrors: [],
    });
    const twice = await gqlData(simulator, DISCOUNT, {
      id: session,
      lineItemId: existingLine,
      discount: { percentValue: 5 },
    });
    expect(twice.orderEditAddLineItemDiscount.userErrors[0].field).toEqual(['lineItemId']);
    const unknown = await gqlData(simulator, DISCOUNT, {
      id: session,
      lineItemId: 'gid://shopify/CalculatedLineItem/99999',
      discount: { percentValue: 5 },
    });
    expect(unknown.orderEditAddLineItemDiscount.userErrors[0].field).toEqual(['lineItemId']);
    const shipping = await gqlData(
      simulator,
      `mutation($id: ID!) { orderEditAddShippingLine(id: $id, shippingLine: { title: "Courier", price: { amount: "7.00", currencyCode: USD } }) {
        calculatedShippingLine { title price { shopMoney { amount } } stagedStatus } userErrors { message } } }`,
      { id: session },
    );
    expect(shipping.orderEditAddShippingLine.calculatedShippingLine).toEqual({
      title: 'Courier',
      price: { shopMoney: { amount: '7.0' } },
      stagedStatus: 'ADDED',
    });
    await gqlData(simulator, COMMIT, { id: session });
    const order = (
      await gqlData(
        simulator,
        `query($id: ID!) { order(id: $id) { currentTotalPriceSet { shopMoney { amount } } totalDiscountsSet { shopMoney { amount } }
          shippingLines(first: 5) { nodes { title } }
          lineItems(first: 5) { nodes { title variant { id } requiresShipping totalDiscountSet { shopMoney { amount } }
            discountAllocations { allocatedAmountSet { shopMoney { amount } } discountApplication { __typename ... on ManualDiscountApplication { title } } } } } } }`,
        { id },
      )
    ).order;
    // (8.5 − 0.85) + 2 × 3 + (20 − 5) + 7 shipping = 35.65
    expect(order.currentTotalPriceSet.shopMoney.amount).toBe('35.65');
    expect(order.totalDiscountsSet.shopMoney.amount).toBe('5.85');
    expect(order.shippingLines.nodes).toEqual([{ title: 'Courier' }]);
    expect(order.lineItems.nodes[0].discountAllocations).toEqual([
      {
        allocatedAmountSet: { shopMoney: { amount: '0.85' } },
        discountApplication: { __typename: 'ManualDiscountApplication', title: 'Chipped' },
      },
    ]);
    expect(order.lineItems.nodes[1]).toMatchObject({
      title: 'Gift wrap',
      variant: null,
      requiresShipping: false,
    });
    expect(order.lineItems.nodes[2]).toMatchObject({
      totalDiscountSet: { shopMoney: { amount: '5.0' } },
      discountAllocations: [
        {
          allocatedAmountSet: { shopMoney: { amount: '5.0' } },
          discountApplication: { __typename: 'ManualDiscountApplication', title: 'Loyalty' },
        },
      ],
    });
  });
});
