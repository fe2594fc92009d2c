import {
  adminClientFor,
  assertNoUserErrors,
  required,
  ScenarioError,
  type ShopifyTarget,
} from './admin-client';
import { editOrder, type OrderEditChange } from './edit-order';
import { fulfillOrder } from './fulfill-order';
import {
  ScenarioFulfillmentOrderMoveDocument,
  ScenarioOrderCreateDocument,
  ScenarioOrderRiskAssessmentCreateDocument,
  type OrderCreateOrderInput,
  type ScenarioOrderCreateMutation,
} from './generated/graphql';
import {
  buildOrderCreateInput,
  TIP_LINE_TITLE,
  type BuiltOrderCreateInput,
  type ExpectedOrderAmounts,
  type OrderShopContext,
} from './order-create-input';
import type { CreateOrderRequest, RiskLevel } from './order-request';
import { describeOrder, type OrderTraits } from './order-traits';
import { seedOrderRisk } from './seed-api';
import { loadShopProfile } from './shop-profile';

/** An order the generator created, with what it asked for and what it expects Shopify to report. */
export interface GeneratedOrder {
  id: string;
  name: string;
  /** LineItem gids of the request's product lines, in request order. */
  lineItemIds: string[];
  giftCardLineItemIds: string[];
  tipLineItemId: string | null;
  traits: OrderTraits;
  expected: ExpectedOrderAmounts;
  request: CreateOrderRequest;
}

const RISK_FACTS: Readonly<
  Record<RiskLevel, { description: string; sentiment: 'NEGATIVE' | 'NEUTRAL' | 'POSITIVE' }>
> = {
  NONE: { description: 'Card verification and address checks passed', sentiment: 'POSITIVE' },
  LOW: { description: 'Billing and shipping address match', sentiment: 'POSITIVE' },
  MEDIUM: { description: 'Shipping address is far from the IP location', sentiment: 'NEUTRAL' },
  HIGH: { description: 'Card verification failed and several cards were tried', sentiment: 'NEGATIVE' },
};

/**
 * Creates one order with exactly the traits asked for, through orderCreate, then what orderCreate
 * cannot carry: a risk assessment (orderRiskAssessmentCreate) and discounted lines (an order edit
 * that adds them; see OrderLineRequest.lineDiscountPercent).
 * `shop` overrides the shop's currency and tax model; by default they are read from the target once.
 */
export async function createOrder(
  target: ShopifyTarget,
  request: CreateOrderRequest,
  shop?: OrderShopContext,
): Promise<GeneratedOrder> {
  const context = shop ?? (await loadShopProfile(target));
  const built = buildOrderCreateInput(request, context);
  const client = adminClientFor(target);
  const result = await client.request(ScenarioOrderCreateDocument, {
    order: built.order,
    options: { inventoryBehaviour: 'BYPASS', sendReceipt: false, sendFulfillmentReceipt: false },
  });
  const subject = describeInput(built.order);
  const payload = required(result.orderCreate, `orderCreate for ${subject}`);
  assertNoUserErrors('orderCreate', subject, payload.userErrors);
  const order = required(payload.order, `orderCreate for ${subject}: order`);

  const lineItems = order.lineItems.nodes;
  const giftCardLineCount = request.giftCardLines?.length ?? 0;
  const createdProductLines = request.lines.length - built.linesAddedByEdit.length;
  if (lineItems.length !== createdProductLines + giftCardLineCount + (request.tip ? 1 : 0)) {
    throw new ScenarioError(
      `orderCreate for ${order.name} returned ${lineItems.length} line items for ${createdProductLines} product, ` +
        `${giftCardLineCount} gift card and ${request.tip ? 1 : 0} tip lines: the target reordered or dropped lines.`,
    );
  }
  const createdProductIds = lineItems.slice(0, createdProductLines).map((line) => line.id);
  const giftCardLineItemIds = lineItems
    .slice(createdProductLines, createdProductLines + giftCardLineCount)
    .map((line) => line.id);
  const tipLine = request.tip ? lineItems.at(-1) : undefined;
  if (tipLine && tipLine.title !== TIP_LINE_TITLE) {
    throw new ScenarioError(
      `orderCreate for ${order.name} put "${tipLine.title}" where the tip line was expected.`,
    );
  }

  if (!request.fulfilled && !request.pos) await routeLines(target, order, request, createdProductIds);
  if (request.risk) await assessRisk(target, order.id, order.name, request.risk);
  const editedIds =
    built.linesAddedByEdit.length > 0 ? await addDiscountedLines(target, order, request, built) : [];
  const lineItemIds = request.lines.map((line) =>
    line.lineDiscountPercent === undefined ? createdProductIds.shift()! : editedIds.shift()!,
  );

  return {
    id: order.id,
    name: order.name,
    lineItemIds,
    giftCardLineItemIds,
    tipLineItemId: tipLine?.id ?? null,
    traits: describeOrder(request, context.shopCurrency, built.order.shippingAddress?.countryCode ?? null),
    expected: built.expected,
    request,
  };
}

/**
 * Adds the lines that carry their own discount with one order edit, and ships them too when the
 * order was created fulfilled (orderCreate fulfilled only what it was given).
 */
async function addDiscountedLines(
  target: ShopifyTarget,
  order: { id: string; name: string },
  request: CreateOrderRequest,
  built: BuiltOrderCreateInput,
): Promise<string[]> {
  const fulfilment = typeof request.fulfilled === 'object' ? request.fulfilled : undefined;
  const locationId = fulfilment?.locationId ?? request.pos?.locationId;
  const presentment = built.expected.presentment;
  const changes: OrderEditChange[] = built.linesAddedByEdit.map((index) => {
    const line = request.lines[index]!;
    // Shipped at once from the fulfilment location, else from where the line is routed.
    const from = locationId ?? line.shipFromLocationId;
    const common = {
      quantity: line.quantity,
      discountPercent: line.lineDiscountPercent!,
      ...(from ? { locationId: from } : {}),
    };
    return line.variantId
      ? { kind: 'addVariant', variantId: line.variantId, ...common }
      : {
          kind: 'addCustomItem',
          title: line.title,
          price: { amount: presentment.unitPrices[index]!, currencyCode: presentment.currencyCode },
          requiresShipping: line.requiresShipping ?? true,
          taxable: line.taxable ?? true,
          ...common,
        };
  });
  const edited = await editOrder(target, order.id, changes, {
    staffNote: 'Discounted item added by the store',
  });
  if (edited.addedLineItemIds.length !== changes.length) {
    throw new ScenarioError(
      `The edit of ${order.name} added ${edited.addedLineItemIds.length} line items for ${changes.length} discounted lines.`,
    );
  }
  if (request.fulfilled ?? request.pos) {
    await fulfillOrder(target, order.id, {
      ...(locationId ? { locationId } : {}),
      ...(fulfilment?.trackingNumber
        ? {
            tracking: {
              number: fulfilment.trackingNumber,
              ...(fulfilment.trackingCompany ? { company: fulfilment.trackingCompany } : {}),
            },
          }
        : {}),
    });
  }
  return edited.addedLineItemIds;
}

type CreatedOrder = NonNullable<NonNullable<ScenarioOrderCreateMutation['orderCreate']>['order']>;

/** Moves created lines whose shipFromLocationId differs from where Shopify assigned them. */
async function routeLines(
  target: ShopifyTarget,
  order: CreatedOrder,
  request: CreateOrderRequest,
  createdProductIds: readonly string[],
): Promise<void> {
  const wantedLocation = new Map<string, string>();
  const created = request.lines.filter((line) => line.lineDiscountPercent === undefined);
  created.forEach((line, index) => {
    if (line.shipFromLocationId) wantedLocation.set(createdProductIds[index]!, line.shipFromLocationId);
  });
  if (wantedLocation.size === 0) return;
  const client = adminClientFor(target);
  for (const fulfillmentOrder of order.fulfillmentOrders.nodes) {
    const currentLocation = fulfillmentOrder.assignedLocation.location?.id;
    const moves = new Map<string, { id: string; quantity: number }[]>();
    for (const item of fulfillmentOrder.lineItems.nodes) {
      const wanted = wantedLocation.get(item.lineItem.id);
      if (!wanted || wanted === currentLocation) continue;
      moves.set(wanted, [...(moves.get(wanted) ?? []), { id: item.id, quantity: item.totalQuantity }]);
    }
    for (const [newLocationId, items] of moves) {
      const whole = items.length === fulfillmentOrder.lineItems.nodes.length && moves.size === 1;
      const result = await client.request(ScenarioFulfillmentOrderMoveDocument, {
        id: fulfillmentOrder.id,
        newLocationId,
        ...(whole ? {} : { fulfillmentOrderLineItems: items }),
      });
      const payload = required(result.fulfillmentOrderMove, `fulfillmentOrderMove for ${order.name}`);
      assertNoUserErrors('fulfillmentOrderMove', `${order.name} (to ${newLocationId})`, payload.userErrors);
    }
  }
}

async function assessRisk(
  target: ShopifyTarget,
  orderId: string,
  orderName: string,
  riskLevel: RiskLevel,
): Promise<void> {
  const result = await adminClientFor(target).request(ScenarioOrderRiskAssessmentCreateDocument, {
    input: { orderId, riskLevel, facts: [RISK_FACTS[riskLevel]] },
  });
  const payload = result.orderRiskAssessmentCreate;
  if (!payload) return seedOrderRisk(target.seedApi, orderId, riskLevel);
  assertNoUserErrors('orderRiskAssessmentCreate', orderName, payload.userErrors);
}

/** A short description of an order that has no name yet, for error messages. */
function describeInput(order: OrderCreateOrderInput): string {
  const lines = order.lineItems ?? [];
  const first = lines[0];
  return `a new ${order.sourceName ?? 'web'} order (${lines.length} lines${first ? `, first "${first.title}"` : ''})`;
}
