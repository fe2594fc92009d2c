import {
  adminClientFor,
  assertNoUserErrors,
  required,
  ScenarioError,
  type ShopifyTarget,
} from './admin-client';
import {
  ScenarioOrderEditAddCustomItemDocument,
  ScenarioOrderEditAddLineItemDiscountDocument,
  ScenarioOrderEditAddShippingLineDocument,
  ScenarioOrderEditAddVariantDocument,
  ScenarioOrderEditBeginDocument,
  ScenarioOrderEditCommitDocument,
  ScenarioOrderEditSetQuantityDocument,
} from './generated/graphql';
import type { MoneyAmount } from '../money';
import { asCurrencyCode } from './order-create-input';

/** Money in a named currency, as order edits take it (the order's presentment currency). */
export interface EditMoney {
  amount: MoneyAmount;
  currencyCode: string;
}

/**
 * One change inside an order edit; several are applied in one session and committed together.
 * A discount can go only on an item the same edit adds (Shopify's rule), hence `discountPercent`
 * on the additions and no discount change for existing lines.
 */
export type OrderEditChange =
  | { kind: 'addVariant'; variantId: string; quantity: number; locationId?: string; discountPercent?: number }
  | {
      kind: 'addCustomItem';
      title: string;
      price: EditMoney;
      quantity: number;
      requiresShipping?: boolean;
      taxable?: boolean;
      locationId?: string;
      discountPercent?: number;
    }
  | { kind: 'setQuantity'; lineItemId: string; quantity: number; restock?: boolean }
  /** Quantity 0: Shopify keeps the line with currentQuantity 0, as a removed item. */
  | { kind: 'removeLine'; lineItemId: string; restock?: boolean }
  | { kind: 'addShippingLine'; title: string; price: EditMoney };

export interface EditedOrder {
  id: string;
  name: string;
  edited: boolean;
  lineItems: { id: string; sku: string | null; title: string; quantity: number; currentQuantity: number }[];
  /** LineItem gids of the items this edit added, in the order of the changes that added them. */
  addedLineItemIds: string[];
}

/**
 * Edits an order as a merchant does in the admin: orderEditBegin, the staged changes, then
 * orderEditCommit. Line items are named by their LineItem gid; the calculated line of the edit
 * session is found from it (Shopify gives a CalculatedLineItem the numeric id of its LineItem).
 */
export async function editOrder(
  target: ShopifyTarget,
  orderId: string,
  changes: readonly OrderEditChange[],
  options: { notifyCustomer?: boolean; staffNote?: string } = {},
): Promise<EditedOrder> {
  if (changes.length === 0) throw new ScenarioError(`editOrder for ${orderId} was given no changes.`);
  const client = adminClientFor(target);
  const begun = await client.request(ScenarioOrderEditBeginDocument, { id: orderId });
  const beginPayload = required(begun.orderEditBegin, `orderEditBegin for ${orderId}`);
  assertNoUserErrors('orderEditBegin', orderId, beginPayload.userErrors);
  const calculatedOrder = required(
    beginPayload.calculatedOrder,
    `orderEditBegin for ${orderId}: calculatedOrder`,
  );
  const calculatedLineIds = calculatedOrder.lineItems.nodes.map((line) => line.id);
  const calculatedLineFor = (lineItemId: string): string => {
    const wanted = numericTail(lineItemId);
    const found = calculatedLineIds.find((id) => numericTail(id) === wanted);
    if (!found) {
      throw new ScenarioError(
        `Line item ${lineItemId} is not in the edit of order ${orderId} (calculated lines: ${calculatedLineIds.join(', ') || 'none'}): ` +
          'pass a LineItem gid of this order that is still editable.',
      );
    }
    return found;
  };

  const session = calculatedOrder.id;
  const discountAddedLine = async (calculatedLineItemId: string, percent: number) => {
    const result = await client.request(ScenarioOrderEditAddLineItemDiscountDocument, {
      id: session,
      lineItemId: calculatedLineItemId,
      discount: { percentValue: percent, description: `${percent}% off` },
    });
    const payload = required(
      result.orderEditAddLineItemDiscount,
      `orderEditAddLineItemDiscount for ${orderId}`,
    );
    assertNoUserErrors(
      'orderEditAddLineItemDiscount',
      `${orderId} (${calculatedLineItemId})`,
      payload.userErrors,
    );
  };
  for (const change of changes) {
    switch (change.kind) {
      case 'addVariant': {
        const result = await client.request(ScenarioOrderEditAddVariantDocument, {
          id: session,
          variantId: change.variantId,
          quantity: change.quantity,
          ...(change.locationId ? { locationId: change.locationId } : {}),
        });
        const payload = required(result.orderEditAddVariant, `orderEditAddVariant for ${orderId}`);
        assertNoUserErrors(
          'orderEditAddVariant',
          `${orderId} (variant ${change.variantId})`,
          payload.userErrors,
        );
        const added = required(
          payload.calculatedLineItem,
          `orderEditAddVariant for ${orderId}: calculatedLineItem`,
        );
        if (change.discountPercent !== undefined) await discountAddedLine(added.id, change.discountPercent);
        break;
      }
      case 'addCustomItem': {
        const result = await client.request(ScenarioOrderEditAddCustomItemDocument, {
          id: session,
          title: change.title,
          price: { amount: change.price.amount, currencyCode: asCurrencyCode(change.price.currencyCode) },
          quantity: change.quantity,
          requiresShipping: change.requiresShipping ?? true,
          taxable: change.taxable ?? true,
          ...(change.locationId ? { locationId: change.locationId } : {}),
        });
        const payload = required(result.orderEditAddCustomItem, `orderEditAddCustomItem for ${orderId}`);
        assertNoUserErrors('orderEditAddCustomItem', `${orderId} ("${change.title}")`, payload.userErrors);
        const added = required(
          payload.calculatedLineItem,
          `orderEditAddCustomItem for ${orderId}: calculatedLineItem`,
        );
        if (change.discountPercent !== undefined) await discountAddedLine(added.id, change.discountPercent);
        break;
      }
      case 'setQuantity':
      case 'removeLine': {
        const quantity = change.kind === 'removeLine' ? 0 : change.quantity;
        const result = await client.request(ScenarioOrderEditSetQuantityDocument, {
          id: session,
          lineItemId: calculatedLineFor(change.lineItemId),
          quantity,
          restock: change.restock ?? true,
        });
        const payload = required(result.orderEditSetQuantity, `orderEditSetQuantity for ${orderId}`);
        assertNoUserErrors(
          'orderEditSetQuantity',
          `${orderId} (line ${change.lineItemId})`,
          payload.userErrors,
        );
        break;
      }
      case 'addShippingLine': {
        const result = await client.request(ScenarioOrderEditAddShippingLineDocument, {
          id: session,
          shippingLine: {
            title: change.title,
            price: { amount: change.price.amount, currencyCode: asCurrencyCode(change.price.currencyCode) },
          },
        });
        const payload = required(result.orderEditAddShippingLine, `orderEditAddShippingLine for ${orderId}`);
        assertNoUserErrors('orderEditAddShippingLine', `${orderId} ("${change.title}")`, payload.userErrors);
        break;
      }
    }
  }

  const committed = await client.request(ScenarioOrderEditCommitDocument, {
    id: session,
    notifyCustomer: options.notifyCustomer ?? false,
    ...(options.staffNote ? { staffNote: options.staffNote } : {}),
  });
  const commitPayload = required(committed.orderEditCommit, `orderEditCommit for ${orderId}`);
  assertNoUserErrors('orderEditCommit', orderId, commitPayload.userErrors);
  const order = required(commitPayload.order, `orderEditCommit for ${orderId}: order`);
  const before = new Set(calculatedOrder.originalOrder.lineItems.nodes.map((line) => line.id));
  const lineItems = order.lineItems.nodes.map((line) => ({ ...line }));
  return {
    id: order.id,
    name: order.name,
    edited: order.edited,
    lineItems,
    addedLineItemIds: lineItems.filter((line) => !before.has(line.id)).map((line) => line.id),
  };
}

function numericTail(gid: string): string {
  return /(\d+)(?:\?.*)?$/.exec(gid)?.[1] ?? gid;
}
