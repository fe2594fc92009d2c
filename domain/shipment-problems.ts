import type { OrderProblem } from './order-problems';

/**
 * Problems of the fulfilment and close steps, in the shape of every other order problem: the
 * order, the field at fault, what is wrong and the fix. Pure: workflows may import this file.
 */

function cliOrder(orderName: string): string {
  return orderName.replace(/^#/, '');
}

/** Part of a posted shipment did not reach Shopify for a reason an operator can act on. */
export function shipmentNotSynced(
  orderName: string,
  shipmentNo: string,
  details: readonly string[],
): OrderProblem {
  const fix = `see \`orderbridge order show ${cliOrder(orderName)}\`, fix the cause, and fulfil the rest in Shopify`;
  return {
    code: 'SHIPMENT_NOT_SYNCED',
    severity: 'warning',
    orderName,
    field: `shipments.${shipmentNo}`,
    message: `Order ${orderName}: posted shipment ${shipmentNo} was not fully sent to Shopify (${details.join('; ')}): ${fix}`,
    fix,
  };
}

/** Shopify refused orderClose: the order stays open in both systems. */
export function orderCloseRefused(orderName: string, shopifyMessage: string): OrderProblem {
  const fix = `fix it in Shopify, then \`orderbridge order close ${cliOrder(orderName)}\``;
  return {
    code: 'ORDER_CLOSE_REFUSED',
    severity: 'error',
    orderName,
    field: 'closed',
    message: `Order ${orderName}: Shopify refused to close the order (${shopifyMessage}): ${fix}`,
    fix,
  };
}
