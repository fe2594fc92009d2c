import type { OrderRequestAnswer, OrderStatus } from '../workflows/messages';

/**
 * What `order retry` and `order close` print: the outcome of the steps the request caused, in
 * words, with the fix of whatever still blocks the order.
 */
export function describeOrderAnswer(orderName: string, answer: OrderRequestAnswer): string[] {
  const { steps, status } = answer;
  if (steps.length === 0) return [`Order ${orderName}: nothing to do; it is ${status.stage}.`];
  const lines: string[] = [];
  if (steps.includes('import') || steps.includes('document')) lines.push(documentOutcome(orderName, status));
  if (steps.includes('ship')) {
    for (const shipment of status.shipments ?? []) {
      lines.push(
        `Order ${orderName}: shipment ${shipment.shipmentNo ?? shipment.shipmentId}: ${shipment.status}.`,
      );
    }
  }
  if (steps.includes('close')) lines.push(closeOutcome(orderName, status));
  for (const problem of status.problems)
    lines.push(`  ${problem.severity.toUpperCase()}: ${problem.message}`);
  return lines;
}

function documentOutcome(orderName: string, status: OrderStatus): string {
  if (status.document) {
    const { documentType, documentNo, status: documentStatus } = status.document;
    return `Order ${orderName}: document created: sales ${documentType} ${documentNo} (${documentStatus}).`;
  }
  if (status.stage === 'skipped')
    return `Order ${orderName}: left out (${status.skippedReason ?? 'skipped'}).`;
  const blocking = status.problems.filter((problem) => problem.severity === 'error');
  if (blocking.length > 0) {
    return `Order ${orderName}: still blocked by ${blocking.map((problem) => problem.code).join(', ')}.`;
  }
  return `Order ${orderName}: imported; no document (the shop card does not create them by itself).`;
}

function closeOutcome(orderName: string, status: OrderStatus): string {
  const closing = status.closing;
  if (closing?.state === 'closed') {
    return `Order ${orderName}: closed${closing.archived ? ' (document archived)' : ''}.`;
  }
  if (closing?.state === 'refused') return `Order ${orderName}: not closable: Shopify refused.`;
  return `Order ${orderName}: not closable yet: ${(closing?.reasons ?? []).join('; ')}.`;
}
