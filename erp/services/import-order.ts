import type { EntityManager } from '@mikro-orm/postgresql';
import { importEligibility, type ImportSkipReason } from '../../domain/import-eligibility';
import { amountOf, formatMoney, sum, type MoneySide } from '../../domain/money';
import { planOrderUpdate, type EditPlan } from '../../domain/order-edits';
import { OrderProblems, OrderProblemsError, type OrderProblem } from '../../domain/order-problems';
import type { MoneyBag, OrderSnapshot } from '../../domain/order-snapshot';
import { validateOrderSnapshot } from '../../domain/snapshot-validation';
import {
  ImportedFulfillment,
  ImportedFulfillmentOrder,
  ImportedOrder,
  ImportedOrderLine,
  ImportedShippingLine,
  ImportedTransaction,
  OrderToImport,
} from '../entities';
import { inTransaction, lockShopifyOrder, type ErpContext } from './context';
import { findOrderDocument, documentStateOf } from './order-document';
import { rebuildSalesDocumentLines } from './create-sales-document';
import { writeAfterSalesData } from './import-refunds';
import { recordOrderProblems } from './order-problem-record';
import { requireShopCard } from './shop-settings';

export interface ImportOrderResult {
  /** Set when the order is in the ERP store (first import or update); absent when skipped. */
  importedOrderId?: number;
  orderName: string;
  shopifyUpdatedAt: string;
  firstImport: boolean;
  /** Something the ERP keeps differs from the previous import. */
  changed: boolean;
  /** Why the document cannot follow Shopify, for the operator; absent when it can. */
  conflict?: string;
  /** The open document's lines were rebuilt from the edited order. */
  documentRebuilt: boolean;
  cancelled: boolean;
  closed: boolean;
  skipped?: ImportSkipReason | 'shop-disabled';
  skippedDetail?: string;
  /** The shop card's "auto create orders". */
  autoCreateDocument: boolean;
  hasDocument: boolean;
}

/** JSON with sorted keys: PostgreSQL's jsonb does not keep key order, so plain JSON.stringify would differ. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry !== null && typeof entry === 'object' && !Array.isArray(entry)
      ? Object.fromEntries(
          Object.entries(entry as Record<string, unknown>).sort(([left], [right]) =>
            left.localeCompare(right),
          ),
        )
      : entry,
  );
}

function money(bag: MoneyBag, side: MoneySide): string {
  return bag[side].amount;
}

function headerFields(snapshot: OrderSnapshot) {
  const { totals } = snapshot;
  return {
    legacyResourceId: snapshot.legacyResourceId,
    name: snapshot.name,
    number: snapshot.number,
    shopifyCreatedAt: new Date(snapshot.createdAt),
    shopifyUpdatedAt: new Date(snapshot.updatedAt),
    processedAt: new Date(snapshot.processedAt),
    closed: snapshot.closed,
    closedAt: snapshot.closedAt ? new Date(snapshot.closedAt) : null,
    cancelledAt: snapshot.cancelledAt ? new Date(snapshot.cancelledAt) : null,
    cancelReason: snapshot.cancelReason,
    confirmed: snapshot.confirmed,
    test: snapshot.test,
    edited: snapshot.edited,
    financialStatus: snapshot.financialStatus,
    fulfillmentStatus: snapshot.fulfillmentStatus,
    fullyPaid: snapshot.fullyPaid,
    unpaid: snapshot.unpaid,
    currencyCode: snapshot.currencyCode,
    presentmentCurrencyCode: snapshot.presentmentCurrencyCode,
    taxesIncluded: snapshot.taxesIncluded,
    taxExempt: snapshot.taxExempt,
    email: snapshot.email,
    phone: snapshot.phone,
    note: snapshot.note,
    poNumber: snapshot.poNumber,
    sourceName: snapshot.sourceName,
    channel: snapshot.channel,
    riskLevel: snapshot.riskLevel,
    riskRecommendation: snapshot.riskRecommendation,
    tags: snapshot.tags,
    attributes: snapshot.customAttributes,
    retailLocationId: snapshot.retailLocationId,
    statusPageUrl: snapshot.statusPageUrl,
    shopifyCustomerId: snapshot.customer?.shopifyCustomerId ?? null,
    customer: snapshot.customer,
    billingAddress: snapshot.billingAddress,
    shippingAddress: snapshot.shippingAddress,
    taxLines: snapshot.taxLines,
    subtotalLineItemsQuantity: snapshot.subtotalLineItemsQuantity,
    currentSubtotalLineItemsQuantity: snapshot.currentSubtotalLineItemsQuantity,
    currentTotalShop: money(totals.currentTotal, 'shop'),
    currentTotalPresentment: money(totals.currentTotal, 'presentment'),
    totalTipShop: money(totals.totalTipReceived, 'shop'),
    totalTipPresentment: money(totals.totalTipReceived, 'presentment'),
    snapshot,
  };
}

function discountSum(
  allocations: OrderSnapshot['lines'][number]['discountAllocations'],
  side: MoneySide,
  currency: string,
) {
  return formatMoney(sum(allocations.map((allocation) => amountOf(allocation.amount, side))), currency);
}

/** Shopify data of a line that is refreshed on every import, whatever the document state. */
function supplementaryLineFields(line: OrderSnapshot['lines'][number], snapshot: OrderSnapshot) {
  return {
    currentQuantity: line.currentQuantity,
    quantityToFulfill: line.unfulfilledQuantity,
    currentFulfillmentLocationId: line.fulfillmentLocationId,
    taxLines: line.taxLines,
    customAttributes: line.customAttributes,
    discountAllocations: line.discountAllocations,
    discountShop: discountSum(line.discountAllocations, 'shop', snapshot.currencyCode),
    discountPresentment: discountSum(
      line.discountAllocations,
      'presentment',
      snapshot.presentmentCurrencyCode,
    ),
  };
}

async function writeLines(
  em: EntityManager,
  orderId: number,
  snapshot: OrderSnapshot,
  plan: Pick<EditPlan, 'lines' | 'keepLineLocations'>,
) {
  const stored = await em.find(ImportedOrderLine, { orderId });
  const storedById = new Map(stored.map((line) => [line.shopifyLineId, line]));
  const seen = new Set<string>();
  snapshot.lines.forEach((line, position) => {
    seen.add(line.shopifyLineId);
    const existing = storedById.get(line.shopifyLineId);
    if (plan.lines === 'supplementary') {
      if (existing) em.assign(existing, supplementaryLineFields(line, snapshot));
      return;
    }
    const shopifyFields = {
      position,
      name: line.name,
      title: line.title,
      variantTitle: line.variantTitle,
      variantId: line.variantId,
      sku: line.sku,
      barcode: line.barcode,
      vendor: line.vendor,
      // SPEC §3 edit table: the ordered quantity (original after a decrease), to-fulfil holds the rest.
      quantity: line.quantity,
      isGiftCard: line.isGiftCard,
      isTip: line.isTip,
      requiresShipping: line.requiresShipping,
      taxable: line.taxable,
      unitPriceShop: line.originalUnitPrice.shop.amount,
      unitPricePresentment: line.originalUnitPrice.presentment.amount,
      fulfillmentLocationId:
        plan.keepLineLocations && existing
          ? (existing.fulfillmentLocationId ?? null)
          : line.fulfillmentLocationId,
      ...supplementaryLineFields(line, snapshot),
    };
    if (existing) {
      // A changed variant invalidates an item found by mapping; an operator's choice stays.
      const variantChanged = existing.variantId !== line.variantId && existing.itemMappedBy !== 'operator';
      em.assign(
        existing,
        variantChanged
          ? { ...shopifyFields, itemNo: null, variantCode: null, itemMappedBy: null }
          : shopifyFields,
      );
    } else {
      em.create(ImportedOrderLine, { orderId, shopifyLineId: line.shopifyLineId, ...shopifyFields });
    }
  });
  if (plan.lines === 'follow') {
    for (const line of stored) if (!seen.has(line.shopifyLineId)) em.remove(line);
  }
}

/** Replaces a child collection keyed by a Shopify id: update known rows, add new ones, drop vanished ones. */
async function syncChildren<Row extends { id: number }, Source>(
  em: EntityManager,
  rows: Row[],
  sources: readonly Source[],
  keyOfRow: (row: Row) => string,
  keyOfSource: (source: Source) => string,
  fields: (source: Source, position: number) => Partial<Row>,
  create: (source: Source, position: number) => void,
) {
  const byKey = new Map(rows.map((row) => [keyOfRow(row), row]));
  const seen = new Set<string>();
  sources.forEach((source, position) => {
    const key = keyOfSource(source);
    seen.add(key);
    const existing = byKey.get(key);
    if (existing) em.assign(existing, fields(source, position) as never);
    else create(source, position);
  });
  for (const row of rows) if (!seen.has(keyOfRow(row))) em.remove(row);
}

async function writeSupplementaryData(em: EntityManager, orderId: number, snapshot: OrderSnapshot) {
  const shippingFields = (line: OrderSnapshot['shippingLines'][number], position: number) => ({
    position,
    title: line.title,
    code: line.code,
    source: line.source,
    isRemoved: line.isRemoved,
    priceShop: line.originalPrice.shop.amount,
    pricePresentment: line.originalPrice.presentment.amount,
    discountShop: discountSum(line.discountAllocations, 'shop', snapshot.currencyCode),
    discountPresentment: discountSum(
      line.discountAllocations,
      'presentment',
      snapshot.presentmentCurrencyCode,
    ),
    discountAllocations: line.discountAllocations,
    taxLines: line.taxLines,
  });
  await syncChildren(
    em,
    await em.find(ImportedShippingLine, { orderId }),
    snapshot.shippingLines,
    (row) => row.shopifyShippingLineId,
    (line) => line.shopifyShippingLineId,
    shippingFields,
    (line, position) =>
      em.create(ImportedShippingLine, {
        orderId,
        shopifyShippingLineId: line.shopifyShippingLineId,
        ...shippingFields(line, position),
      }),
  );

  const transactionFields = (transaction: OrderSnapshot['transactions'][number]) => ({
    kind: transaction.kind,
    status: transaction.status,
    gateway: transaction.gateway,
    formattedGateway: transaction.formattedGateway,
    amountShop: transaction.amount.shop.amount,
    currencyShop: transaction.amount.shop.currencyCode,
    amountPresentment: transaction.amount.presentment.amount,
    currencyPresentment: transaction.amount.presentment.currencyCode,
    parentTransactionId: transaction.parentTransactionId,
    shopifyCreatedAt: new Date(transaction.createdAt),
    processedAt: transaction.processedAt ? new Date(transaction.processedAt) : null,
    test: transaction.test,
    errorCode: transaction.errorCode,
  });
  await syncChildren(
    em,
    await em.find(ImportedTransaction, { orderId }),
    snapshot.transactions,
    (row) => row.shopifyTransactionId,
    (transaction) => transaction.shopifyTransactionId,
    transactionFields,
    (transaction) =>
      em.create(ImportedTransaction, {
        orderId,
        shopifyTransactionId: transaction.shopifyTransactionId,
        ...transactionFields(transaction),
      }),
  );

  const fulfillmentOrderFields = (fulfillmentOrder: OrderSnapshot['fulfillmentOrders'][number]) => ({
    status: fulfillmentOrder.status,
    assignedLocationId: fulfillmentOrder.assignedLocationId,
    shopifyUpdatedAt: new Date(fulfillmentOrder.updatedAt),
    lines: fulfillmentOrder.lines,
  });
  await syncChildren(
    em,
    await em.find(ImportedFulfillmentOrder, { orderId }),
    snapshot.fulfillmentOrders,
    (row) => row.shopifyFulfillmentOrderId,
    (fulfillmentOrder) => fulfillmentOrder.shopifyFulfillmentOrderId,
    fulfillmentOrderFields,
    (fulfillmentOrder) =>
      em.create(ImportedFulfillmentOrder, {
        orderId,
        shopifyFulfillmentOrderId: fulfillmentOrder.shopifyFulfillmentOrderId,
        ...fulfillmentOrderFields(fulfillmentOrder),
      }),
  );

  const fulfillmentFields = (fulfillment: OrderSnapshot['fulfillments'][number]) => ({
    name: fulfillment.name,
    status: fulfillment.status,
    displayStatus: fulfillment.displayStatus,
    locationId: fulfillment.locationId,
    shopifyCreatedAt: new Date(fulfillment.createdAt),
    tracking: fulfillment.tracking,
    lines: fulfillment.lines,
  });
  await syncChildren(
    em,
    await em.find(ImportedFulfillment, { orderId }),
    snapshot.fulfillments,
    (row) => row.shopifyFulfillmentId,
    (fulfillment) => fulfillment.shopifyFulfillmentId,
    fulfillmentFields,
    (fulfillment) =>
      em.create(ImportedFulfillment, {
        orderId,
        shopifyFulfillmentId: fulfillment.shopifyFulfillmentId,
        ...fulfillmentFields(fulfillment),
      }),
  );
}

/**
 * Imports (or re-imports) one Shopify order through a shop card, in one transaction: header,
 * lines, shipping lines, transactions, fulfillment orders and fulfillments, applying the SPEC §3
 * edit table. Cancelled and archived orders are not imported the first time; an order imported by
 * another shop card on the same store is left to it. A successful import removes the order's
 * orders-to-import row. Throws OrderProblemsError for an unknown shop card or unusable data.
 */
export async function importOrder(
  context: ErpContext,
  shopCode: string,
  snapshot: OrderSnapshot,
): Promise<ImportOrderResult> {
  const invalid = validateOrderSnapshot(snapshot);
  if (invalid.length > 0) throw new OrderProblemsError(invalid);

  return inTransaction(context, async (em) => {
    const shop = await requireShopCard(em, shopCode, snapshot.name);
    const store = shop.shopDomain;
    const base = {
      orderName: snapshot.name,
      shopifyUpdatedAt: snapshot.updatedAt,
      cancelled: snapshot.cancelledAt !== null,
      closed: snapshot.closed,
      autoCreateDocument: shop.autoCreateOrders,
      documentRebuilt: false,
    };
    if (!shop.enabled) {
      return {
        ...base,
        firstImport: false,
        changed: false,
        hasDocument: false,
        skipped: 'shop-disabled',
        skippedDetail: OrderProblems.shopDisabled(snapshot.name, shopCode).message,
      };
    }
    await lockShopifyOrder(em, store, snapshot.shopifyOrderId);
    const existing = await em.findOne(ImportedOrder, { store, shopifyOrderId: snapshot.shopifyOrderId });
    const eligibility = importEligibility(
      snapshot,
      shopCode,
      existing ? { shopCode: existing.shopCode } : null,
    );
    if (!eligibility.import) {
      return {
        ...base,
        firstImport: false,
        changed: false,
        hasDocument: false,
        skipped: eligibility.reason,
        skippedDetail: eligibility.detail,
      };
    }

    const document = existing ? await findOrderDocument(em, existing.id) : null;
    const documentState = document ? await documentStateOf(em, document) : 'none';
    const plan = existing
      ? planOrderUpdate({
          orderName: snapshot.name,
          baseline: existing.documentBaseline ?? existing.snapshot,
          next: snapshot,
          documentState,
          documentLabel: document ? `sales ${document.documentType} ${document.no}` : undefined,
        })
      : null;

    const order =
      existing ??
      em.create(ImportedOrder, {
        store,
        shopifyOrderId: snapshot.shopifyOrderId,
        shopCode,
        ...headerFields(snapshot),
      });
    const changed = !existing || canonicalJson(existing.snapshot) !== canonicalJson(snapshot);
    if (existing) {
      em.assign(existing, {
        ...headerFields(snapshot),
        importCount: existing.importCount + 1,
        lastImportedAt: new Date(),
        conflictText: plan?.conflict?.message ?? null,
      });
      if (snapshot.closed) existing.stage = 'closed';
    }
    await em.flush();

    await writeLines(em, order.id, snapshot, plan ?? { lines: 'follow', keepLineLocations: false });
    await writeSupplementaryData(em, order.id, snapshot);
    await writeAfterSalesData(em, order, snapshot, shop);
    await em.nativeDelete(OrderToImport, { store, shopifyOrderId: snapshot.shopifyOrderId });
    await em.flush();

    let documentRebuilt = false;
    let problems: OrderProblem[] = order.problems.filter((problem) => problem.code !== 'DOCUMENT_CONFLICT');
    if (plan?.conflict) problems.push(plan.conflict);
    if (plan?.rebuildDocument && document) {
      const rebuild = await rebuildSalesDocumentLines(em, order, document);
      documentRebuilt = rebuild.rebuilt;
      problems = [...problems.filter((problem) => problem.code === 'DOCUMENT_CONFLICT'), ...rebuild.problems];
    }
    recordOrderProblems(order, problems);
    await em.flush();

    return {
      ...base,
      importedOrderId: order.id,
      firstImport: eligibility.firstImport,
      changed,
      documentRebuilt,
      hasDocument: document !== null,
      ...(plan?.conflict ? { conflict: plan.conflict.message } : {}),
    };
  });
}
