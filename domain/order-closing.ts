import { Decimal } from './money';

/**
 * When an order is done in both systems (SPEC §5): Shopify has it paid and has nothing left to
 * fulfil, and the ERP has shipped it (and invoiced it, where the shop card says so). Pure:
 * workflows may import this file.
 */

/** Shopify's view, from the last import or from the fulfillment state read while shipping. */
export interface ShopifyOrderFacts {
  closed: boolean;
  cancelled: boolean;
  fullyPaid: boolean;
  financialStatus: string | null;
  fulfillmentStatus: string;
}

export interface DocumentLineFacts {
  type: 'item' | 'gl_account' | 'comment';
  /** Decimal strings. */
  quantity: string;
  quantityShipped: string;
  quantityInvoiced: string;
}

export interface DocumentFacts {
  documentType: 'order' | 'invoice';
  documentNo: string;
  lines: readonly DocumentLineFacts[];
}

export interface CloseInput {
  shopify: ShopifyOrderFacts;
  document: DocumentFacts | null;
  /** Posted shipments of the order whose fulfillments have not been sent yet. */
  shipmentsAwaitingSync: number;
  closeRequiresInvoice: boolean;
  shopCode: string;
}

export type CloseDecision =
  /** Close it in Shopify (orderClose); archive the ERP document when it is also fully invoiced. */
  | { action: 'close'; archiveDocument: boolean }
  /** Shopify closed it already (by hand, or an earlier run): only the ERP side is left. */
  | { action: 'already-closed'; archiveDocument: boolean }
  | { action: 'wait'; reasons: string[] };

/** Shopify statuses with nothing left to fulfil. */
const NOTHING_TO_FULFIL = new Set(['FULFILLED', 'FULFILLMENT_NOT_REQUIRED', 'RESTOCKED']);

export interface DocumentProgress {
  /** Units of item lines not shipped yet (a sales invoice ships nothing: 0). */
  unitsToShip: Decimal;
  /** Non-comment lines with quantity not invoiced yet. */
  linesToInvoice: number;
  fullyShipped: boolean;
  fullyInvoiced: boolean;
}

export function documentProgress(document: DocumentFacts): DocumentProgress {
  let unitsToShip = new Decimal(0);
  let linesToInvoice = 0;
  for (const line of document.lines) {
    if (line.type === 'comment') continue;
    const quantity = new Decimal(line.quantity);
    if (document.documentType === 'order' && line.type === 'item') {
      const open = quantity.minus(line.quantityShipped);
      if (open.gt(0)) unitsToShip = unitsToShip.plus(open);
    }
    if (quantity.minus(line.quantityInvoiced).gt(0)) linesToInvoice += 1;
  }
  return {
    unitsToShip,
    linesToInvoice,
    fullyShipped: unitsToShip.isZero(),
    fullyInvoiced: linesToInvoice === 0,
  };
}

function label(document: DocumentFacts): string {
  return `sales ${document.documentType} ${document.documentNo}`;
}

/**
 * Whether to close the order now, and why not when it must wait. The ERP document is archived
 * only once it is fully shipped and fully invoiced: an unposted invoice is never archived away.
 */
export function closeDecision(input: CloseInput): CloseDecision {
  const { shopify, document } = input;
  const erpReasons: string[] = [];
  let archiveDocument = false;
  if (!document) {
    erpReasons.push('ERP: the order has no sales document yet');
  } else {
    const progress = documentProgress(document);
    if (!progress.fullyShipped)
      erpReasons.push(
        `ERP: ${progress.unitsToShip.toFixed()} unit(s) on ${label(document)} are not shipped yet`,
      );
    if (input.closeRequiresInvoice && !progress.fullyInvoiced)
      erpReasons.push(
        `ERP: ${label(document)} is not fully invoiced, and shop card ${input.shopCode} closes orders only once invoiced (post it with \`orderbridge erp invoice ${document.documentNo}\`)`,
      );
    archiveDocument = progress.fullyShipped && progress.fullyInvoiced;
  }
  if (input.shipmentsAwaitingSync > 0)
    erpReasons.push(`ERP: ${input.shipmentsAwaitingSync} posted shipment(s) not sent to Shopify yet`);

  if (shopify.closed) {
    return erpReasons.length > 0
      ? { action: 'wait', reasons: ['Shopify: closed already', ...erpReasons] }
      : { action: 'already-closed', archiveDocument };
  }
  const shopifyReasons: string[] = [];
  if (shopify.cancelled) shopifyReasons.push('Shopify: the order is cancelled');
  if (!shopify.fullyPaid)
    shopifyReasons.push(`Shopify: not fully paid (${shopify.financialStatus ?? 'no financial status'})`);
  if (!NOTHING_TO_FULFIL.has(shopify.fulfillmentStatus))
    shopifyReasons.push(`Shopify: fulfilment status is ${shopify.fulfillmentStatus}, not fulfilled`);
  const reasons = [...shopifyReasons, ...erpReasons];
  return reasons.length > 0 ? { action: 'wait', reasons } : { action: 'close', archiveDocument };
}
