import { seedDemoShop } from '../../erp/demo-setup';
import { PostedShipmentHeader, type SalesLine, ShipmentSync, ShopCard } from '../../erp/entities';
import {
  addShippingAgent,
  type PostedShipment,
  postSalesShipment,
  type PostShipmentInput,
} from '../../erp/services/shipments';
import { notifyShipmentPosted } from '../../temporal/dispatch-shipment';
import { createOrder, type GeneratedOrder } from '../../simulator/generator/create-order';
import type { OrderStatus } from '../../workflows/messages';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { TEST_ORDER_TIMINGS, type TestStack } from '../helpers/test-stack';
import { dispatchOrder, documentOf, shopifyTarget } from './order-test-kit';

/**
 * Shared moves of the shipment integration tests: a shop card with two mapped locations (the
 * simulator's own, MAIN; a warehouse, WH2), three items and three shipping agents; orders
 * imported to a released sales order; shipments posted and signalled as the CLI does. Not a test
 * file itself.
 */

export const SHOP = 'WEB';
export const SKUS = ['SOCKS-1', 'CAP-1', 'SCARF-1'] as const;
export type Sku = (typeof SKUS)[number];

export interface ShipmentShop {
  warehouseId: string;
  mainLocationId: string;
  variantOf: Record<Sku, string>;
}

export async function setUpShipmentShop(stack: TestStack): Promise<ShipmentShop> {
  const { simulator } = stack;
  const warehouse = simulator.store.addLocation({ name: 'Warehouse', countryCode: 'US', city: 'Newark' });
  const variantOf = {} as Record<Sku, string>;
  SKUS.forEach((sku, index) => {
    const product = simulator.store.addProduct({
      title: sku,
      variants: [{ title: 'One size', sku, price: `${10 * (index + 1)}.00` }],
    });
    variantOf[sku] = product.sim.variantIds[0]!;
  });
  const mainLocationId = simulator.store.defaultLocation()!.id;
  await seedDemoShop(stack.erp.orm, {
    shopDomain: simulator.shopDomain,
    accessToken: simulator.accessToken,
    shopCode: SHOP,
    autoCreateOrders: true,
    autoReleaseOrders: true,
    locations: [
      { shopifyLocationId: mainLocationId, name: 'Shop location', locationCode: 'MAIN' },
      { shopifyLocationId: warehouse.id, name: 'Warehouse', locationCode: 'WH2' },
    ],
    items: SKUS.map((sku) => ({ no: sku, description: sku })),
  });
  await addShippingAgent(stack.erp.orm, 'DHL', {
    name: 'DHL Freight',
    shopifyTrackingCompany: 'DHL Express',
    packageTrackingUrl: 'https://www.dhl.example/track?id=%1',
  });
  await addShippingAgent(stack.erp.orm, 'POSTEN', {
    name: 'Posten Norge',
    packageTrackingUrl: 'sporing.posten.example/%1',
  });
  await addShippingAgent(stack.erp.orm, 'LOCALVAN', {});
  return { warehouseId: warehouse.id, mainLocationId, variantOf };
}

export async function setShop(stack: TestStack, changes: Partial<Pick<ShopCard, 'closeRequiresInvoice'>>) {
  await stack.erp.orm.em.fork().nativeUpdate(ShopCard, { code: SHOP }, changes);
}

/** A paid order of the given lines; `atWarehouse` lines are assigned to the warehouse in Shopify. */
export function placeOrder(
  stack: TestStack,
  shop: ShipmentShop,
  lines: { sku: Sku; quantity: number; atWarehouse?: boolean }[],
  email = `buyer-${Math.random().toString(36).slice(2, 8)}@example.com`,
): Promise<GeneratedOrder> {
  return createOrder(shopifyTarget(stack), {
    lines: lines.map((line) => ({
      variantId: shop.variantOf[line.sku],
      title: line.sku,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: `${10 * (SKUS.indexOf(line.sku) + 1)}.00`,
      ...(line.atWarehouse ? { shipFromLocationId: shop.warehouseId } : {}),
    })),
    customer: { email, firstName: 'Ada', lastName: 'Lovelace' },
  });
}

/** Imports the order through its workflow and waits for its (released) sales order. */
export async function importToSalesOrder(stack: TestStack, order: GeneratedOrder) {
  await dispatchOrder(stack, order, SHOP);
  await waitForOrder(stack.temporal.client, stack.simulator.shopDomain, order.id, hasDocument);
  return documentOf(stack, order.id);
}

/** The document line of an item. */
export function lineOf(lines: readonly SalesLine[], sku: Sku): SalesLine {
  const found = lines.find((line) => line.no === sku);
  if (!found) throw new Error(`no document line for ${sku}`);
  return found;
}

/** Posts a shipment and wakes the order workflow with it, as `orderbridge erp ship` does. */
export async function ship(
  stack: TestStack,
  order: GeneratedOrder,
  input: Omit<PostShipmentInput, 'document'> & { document?: string },
): Promise<PostedShipment> {
  const posted = await postSalesShipment(stack.erp.orm, { document: input.document ?? order.name, ...input });
  await notifyShipmentPosted(
    stack.temporal.client,
    stack.temporal.taskQueue,
    { ...posted.shopify!, shipmentId: posted.shipmentId },
    TEST_ORDER_TIMINGS,
  );
  return posted;
}

const settled = (shipmentId: number) => (status: OrderStatus) =>
  status.shipments?.some((shipment) => shipment.shipmentId === shipmentId && shipment.status !== 'pending') ??
  false;

/** Waits until the order workflow settled the shipment with Shopify. */
export function waitForShipment(
  stack: TestStack,
  order: GeneratedOrder,
  shipmentId: number,
  timeoutMs?: number,
) {
  return waitForOrder(
    stack.temporal.client,
    stack.simulator.shopDomain,
    order.id,
    settled(shipmentId),
    timeoutMs,
  );
}

/** Waits for the workflow's close step to have an answer of the given kind. */
export function waitForClosing(
  stack: TestStack,
  order: GeneratedOrder,
  state: 'waiting' | 'refused' | 'closed',
  timeoutMs?: number,
) {
  return waitForOrder(
    stack.temporal.client,
    stack.simulator.shopDomain,
    order.id,
    (status) => status.closing?.state === state,
    timeoutMs,
  );
}

/** Shopify's record of the order (read straight from the simulator). */
export function shopifyOrder(stack: TestStack, order: GeneratedOrder) {
  return stack.simulator.store.order(order.id)!;
}

/** Units per SKU in a Shopify fulfillment. */
export function fulfilledUnits(
  stack: TestStack,
  order: GeneratedOrder,
  fulfillment: ReturnType<typeof shopifyOrder>['fulfillments'][number],
): Record<string, number> {
  const record = shopifyOrder(stack, order);
  const units: Record<string, number> = {};
  for (const item of fulfillment.fulfillmentLineItems) {
    const line = record.lineItems.find((candidate) => candidate.id === item.sim.lineItemId);
    const sku = line?.sku ?? item.sim.lineItemId;
    units[sku] = (units[sku] ?? 0) + item.quantity;
  }
  return units;
}

export async function syncRecordOf(stack: TestStack, shipmentId: number) {
  return stack.erp.orm.em.fork().findOneOrFail(ShipmentSync, { shipmentId });
}

export async function shipmentHeader(stack: TestStack, shipmentId: number) {
  return stack.erp.orm.em.fork().findOneOrFail(PostedShipmentHeader, shipmentId);
}
