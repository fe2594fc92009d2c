import { amountOf, type Decimal, sum } from './money';
import { OrderProblems, type OrderProblem } from './order-problems';
import type { OrderSnapshot } from './order-snapshot';
import { billedQuantity, quantitiesCreditedByRefunds } from './refund-classification';

/**
 * What a re-import does with an order edited in Shopify (SPEC §3 edit table, §10).
 *
 * - No document yet: the re-import is treated like a first import (lines follow Shopify, the ERP's
 *   item mapping of known lines is kept), so the document is made from the order as it is now.
 * - An open document (not released, nothing shipped or invoiced): header and lines follow Shopify
 *   and the document's lines are rebuilt, except that lines keep their original location
 *   (edit table row 1). A cancellation is never applied silently: it is a conflict.
 * - A released (or partly shipped) document: the header and the lines' supplementary data follow
 *   Shopify, lines are neither added nor re-quantified, and every change the document cannot
 *   follow becomes a conflict text naming it and the way out.
 */
export type DocumentState = 'none' | 'open' | 'released';

export type OrderChange =
  | { kind: 'quantity-increased'; shopifyLineId: string; line: string; from: number; to: number }
  | { kind: 'quantity-decreased'; shopifyLineId: string; line: string; from: number; to: number }
  | { kind: 'line-removed'; shopifyLineId: string; line: string; from: number }
  | { kind: 'line-added'; shopifyLineId: string; line: string; quantity: number }
  | { kind: 'discount-changed'; shopifyLineId: string; line: string; from: string; to: string }
  | { kind: 'location-changed'; shopifyLineId: string; line: string; from: string | null; to: string | null }
  | { kind: 'shipping-changed'; from: string; to: string }
  | { kind: 'cancelled'; cancelledAt: string }
  | {
      kind: 'status-changed';
      field: 'financialStatus' | 'fulfillmentStatus' | 'closed';
      from: string;
      to: string;
    };

export interface EditPlan {
  /** Header fields (statuses, totals, addresses, note, tags...) are always refreshed. */
  refreshHeader: true;
  /**
   * `follow`: lines are re-staged from the snapshot (new ones added, quantities as Shopify has them);
   * `supplementary`: only current quantity, quantity to fulfil, current location, tax lines and
   * discounts of known lines are refreshed; nothing is added.
   */
  lines: 'follow' | 'supplementary';
  /** Known lines keep the fulfillment location they were imported with. */
  keepLineLocations: boolean;
  /** Rebuild the open document's lines from the refreshed order. */
  rebuildDocument: boolean;
  changes: OrderChange[];
  /** A DOCUMENT_CONFLICT problem (what changed, what to do) when the document cannot follow; else null. */
  conflict: OrderProblem | null;
}

function lineLabel(line: { name: string; sku: string | null }): string {
  return line.sku ? `'${line.name}' (SKU ${line.sku})` : `'${line.name}'`;
}

function shippingTotal(snapshot: OrderSnapshot): Decimal {
  return sum(
    snapshot.shippingLines
      .filter((line) => !line.isRemoved)
      .map((line) => amountOf(line.discountedPrice, 'shop', `shippingLines.${line.shopifyShippingLineId}`)),
  );
}

function discountTotal(line: OrderSnapshot['lines'][number]): Decimal {
  return sum(line.discountAllocations.map((allocation) => amountOf(allocation.amount, 'shop')));
}

/**
 * Every difference between two snapshots of one order that matters to the ERP. Quantities are
 * compared as the document bills them: units a refund's credit memo gives back are not an edit.
 */
export function orderChanges(before: OrderSnapshot, after: OrderSnapshot): OrderChange[] {
  const changes: OrderChange[] = [];
  const beforeLines = new Map(before.lines.map((line) => [line.shopifyLineId, line]));
  const creditedBefore = quantitiesCreditedByRefunds(before);
  const creditedAfter = quantitiesCreditedByRefunds(after);
  for (const line of after.lines) {
    const previous = beforeLines.get(line.shopifyLineId);
    const label = lineLabel(line);
    const quantity = billedQuantity(line, creditedAfter);
    if (!previous) {
      if (quantity > 0) {
        changes.push({
          kind: 'line-added',
          shopifyLineId: line.shopifyLineId,
          line: label,
          quantity,
        });
      }
      continue;
    }
    const previousQuantity = billedQuantity(previous, creditedBefore);
    if (quantity > previousQuantity) {
      changes.push({
        kind: 'quantity-increased',
        shopifyLineId: line.shopifyLineId,
        line: label,
        from: previousQuantity,
        to: quantity,
      });
    } else if (quantity < previousQuantity) {
      changes.push(
        quantity === 0
          ? {
              kind: 'line-removed',
              shopifyLineId: line.shopifyLineId,
              line: label,
              from: previousQuantity,
            }
          : {
              kind: 'quantity-decreased',
              shopifyLineId: line.shopifyLineId,
              line: label,
              from: previousQuantity,
              to: quantity,
            },
      );
    }
    const discountBefore = discountTotal(previous);
    const discountAfter = discountTotal(line);
    if (!discountBefore.equals(discountAfter)) {
      changes.push({
        kind: 'discount-changed',
        shopifyLineId: line.shopifyLineId,
        line: label,
        from: discountBefore.toFixed(2),
        to: discountAfter.toFixed(2),
      });
    }
    if (line.fulfillmentLocationId !== previous.fulfillmentLocationId) {
      changes.push({
        kind: 'location-changed',
        shopifyLineId: line.shopifyLineId,
        line: label,
        from: previous.fulfillmentLocationId,
        to: line.fulfillmentLocationId,
      });
    }
  }
  const afterIds = new Set(after.lines.map((line) => line.shopifyLineId));
  for (const previous of before.lines) {
    const previousQuantity = billedQuantity(previous, creditedBefore);
    if (!afterIds.has(previous.shopifyLineId) && previousQuantity > 0) {
      changes.push({
        kind: 'line-removed',
        shopifyLineId: previous.shopifyLineId,
        line: lineLabel(previous),
        from: previousQuantity,
      });
    }
  }
  const shippingBefore = shippingTotal(before);
  const shippingAfter = shippingTotal(after);
  if (!shippingBefore.equals(shippingAfter)) {
    changes.push({ kind: 'shipping-changed', from: shippingBefore.toFixed(2), to: shippingAfter.toFixed(2) });
  }
  if (after.cancelledAt !== null && before.cancelledAt === null) {
    changes.push({ kind: 'cancelled', cancelledAt: after.cancelledAt });
  }
  if (after.financialStatus !== before.financialStatus) {
    changes.push({
      kind: 'status-changed',
      field: 'financialStatus',
      from: before.financialStatus ?? '(none)',
      to: after.financialStatus ?? '(none)',
    });
  }
  if (after.fulfillmentStatus !== before.fulfillmentStatus) {
    changes.push({
      kind: 'status-changed',
      field: 'fulfillmentStatus',
      from: before.fulfillmentStatus,
      to: after.fulfillmentStatus,
    });
  }
  if (after.closed !== before.closed) {
    changes.push({
      kind: 'status-changed',
      field: 'closed',
      from: String(before.closed),
      to: String(after.closed),
    });
  }
  return changes;
}

/** Changes a document's lines would have to follow. Locations and statuses are not among them. */
function affectsDocumentLines(change: OrderChange): boolean {
  return change.kind !== 'location-changed' && change.kind !== 'status-changed';
}

export function describeChange(change: OrderChange): string {
  switch (change.kind) {
    case 'quantity-increased':
      return `line ${change.line} quantity increased from ${change.from} to ${change.to}`;
    case 'quantity-decreased':
      return `line ${change.line} quantity decreased from ${change.from} to ${change.to}`;
    case 'line-removed':
      return `line ${change.line} removed (was quantity ${change.from})`;
    case 'line-added':
      return `line ${change.line} added (quantity ${change.quantity})`;
    case 'discount-changed':
      return `line ${change.line} discount changed from ${change.from} to ${change.to}`;
    case 'location-changed':
      return `line ${change.line} fulfillment location changed from ${change.from ?? '(none)'} to ${change.to ?? '(none)'}`;
    case 'shipping-changed':
      return `shipping changed from ${change.from} to ${change.to}`;
    case 'cancelled':
      return `order cancelled at ${change.cancelledAt}`;
    case 'status-changed':
      return `${change.field} changed from ${change.from} to ${change.to}`;
  }
}

/**
 * Plans a re-import. `baseline` is what the document was built from (or, without a document, the
 * previously imported snapshot); comparing with it, rather than with the last import, keeps a
 * conflict visible however many times the order is re-imported afterwards.
 */
export function planOrderUpdate(input: {
  orderName: string;
  baseline: OrderSnapshot;
  next: OrderSnapshot;
  documentState: DocumentState;
  /** e.g. "sales order S-ORD000123"; required when a document exists. */
  documentLabel?: string;
}): EditPlan {
  const changes = orderChanges(input.baseline, input.next);
  if (input.documentState === 'none') {
    return {
      refreshHeader: true,
      lines: 'follow',
      keepLineLocations: false,
      rebuildDocument: false,
      changes,
      conflict: null,
    };
  }
  const label = input.documentLabel ?? 'its sales document';
  const lineChanges = changes.filter(affectsDocumentLines);
  if (input.documentState === 'open') {
    const cancellation = changes.find((change) => change.kind === 'cancelled');
    return {
      refreshHeader: true,
      lines: 'follow',
      keepLineLocations: true,
      // A cancellation zeroes the quantities; rebuilding would empty the document behind the operator's back.
      rebuildDocument: !cancellation && lineChanges.length > 0,
      changes,
      conflict: cancellation
        ? OrderProblems.documentConflict(
            input.orderName,
            `the order was cancelled in Shopify (${describeChange(cancellation)}) but ${label} exists`,
            `delete ${label} if the sale is off, or re-open the order in Shopify`,
          )
        : null,
    };
  }
  return {
    refreshHeader: true,
    lines: 'supplementary',
    keepLineLocations: true,
    rebuildDocument: false,
    changes,
    conflict:
      lineChanges.length === 0
        ? null
        : OrderProblems.documentConflict(
            input.orderName,
            `the order changed in Shopify after ${label} was released: ${lineChanges.map(describeChange).join('; ')}`,
            `${label} was not changed; update it by hand, or delete it and re-import the order`,
          ),
  };
}
