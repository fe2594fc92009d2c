import { operatorProblems, type OrderView } from './order-view';

/**
 * What the Temporal UI shows in its workflow list beside an order's id: a static summary set at
 * start ("#1009 · WEB") and current details kept up to date by the workflow. Ids, codes and
 * commands only: never a name, an address or an e-mail. Pure: workflows import this file.
 */

export function orderStaticSummary(order: {
  orderName?: string | undefined;
  shopifyOrderId: string;
  shopCode: string;
}): string {
  const label =
    order.orderName ?? `order ${order.shopifyOrderId.slice(order.shopifyOrderId.lastIndexOf('/') + 1)}`;
  return `${label} · ${order.shopCode}`;
}

export function orderStaticDetails(order: { store: string; shopifyOrderId: string }): string {
  return `Shopify order ${order.shopifyOrderId} of ${order.store}`;
}

/** "needs attention: ITEM_NOT_MAPPED: map item --variant 41 --item <ITEM-NO>", or the stage and document. */
export function orderCurrentDetails(view: OrderView): string {
  const open = operatorProblems(view);
  if (open.length > 0) {
    const [first] = open;
    const more = open.length > 1 ? ` (+${open.length - 1} more)` : '';
    return `needs attention: ${first!.code}: ${shortFix(first!.fix)}${more}`;
  }
  const document = view.document
    ? ` · ${view.document.type} ${view.document.no} (${view.document.state})`
    : '';
  return `${view.stage}${document}`;
}

/** The first command of a fix without the program name, or the fix itself when it has none. */
function shortFix(fix: string): string {
  const command = /`(orderbridge [^`]+)`/.exec(fix);
  return command ? command[1]!.slice('orderbridge '.length) : fix;
}
