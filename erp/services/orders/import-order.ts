import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isGiftCardPayment, lastCharactersOf } from '../../../domain/gift-card-payments';
import { importEligibility, type ImportSkipReason } from '../../../domain/import-eligibility';
import { amountOf, formatMoney, sum, type MoneySide } from '../../../domain/money';
import { planOrderUpdate, type EditPlan } from '../../../domain/order-edits';
import { OrderProblems, OrderProblemsError, type OrderProblem } from '../../../domain/order-problems';
import type { MoneyBag, OrderSnapshot } from '../../../domain/order-snapshot';
import { fitSnapshotText } from '../../../domain/snapshot-text-fitting';
import { validateOrderSnapshot } from '../../../domain/snapshot-validation';
import type { ReturnRefundProcess } from '../../../domain/shop-settings';
import {
  SalesHeader,
  ImportedFulfillment,
  ImportedFulfillmentOrder,
  ImportedOrder,
  ImportedOrderLine,
  ImportedShippingLine,
  ImportedTransaction,
  OrderToImport,
} from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';
import { documentStateFrom } from '../documents/order-document';
import { rebuildSalesDocumentLines } from '../documents/create-sales-document';
import { writeAfterSalesData } from '../refunds/import-refunds';
import { transactionFields } from './imported-transaction-fields';
import { recordOrderProblems } from './order-problem-record';

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
    // Snapshots stored before assessments were read carry none.
    riskAssessments: snapshot.riskAssessments ?? [],
    tags: snapshot.tags,
    attributes: snapshot.customAttributes,
    retailLocationId: snapshot.retailLocationId,
    retailLocationName: snapshot.retailLocationName ?? null,
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

type SnapshotLine = OrderSnapshot['lines'][number];

/** A line's Shopify data as a first import (or an edit the document follows) writes it. */
function lineFields(line: SnapshotLine, position: number, snapshot: OrderSnapshot) {
  return {
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
    fulfillmentLocationId: line.fulfillmentLocationId,
    ...supplementaryLineFields(line, snapshot),
  };
}

function shippingFields(
  line: OrderSnapshot['shippingLines'][number],
  position: number,
  snapshot: OrderSnapshot,
) {
  return {
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
    // Shopify sends no channel liability for most taxes: those are the merchant's to remit.
    taxLines: line.taxLines.map((taxLine) => ({ ...taxLine, channelLiable: taxLine.channelLiable ?? false })),
  };
}

function fulfillmentOrderFields(fulfillmentOrder: OrderSnapshot['fulfillmentOrders'][number]) {
  return {
    status: fulfillmentOrder.status,
    assignedLocationId: fulfillmentOrder.assignedLocationId,
    shopifyUpdatedAt: new Date(fulfillmentOrder.updatedAt),
    lines: fulfillmentOrder.lines,
  };
}

function fulfillmentFields(fulfillment: OrderSnapshot['fulfillments'][number]) {
  return {
    name: fulfillment.name,
    status: fulfillment.status,
    displayStatus: fulfillment.displayStatus,
    locationId: fulfillment.locationId,
    shopifyCreatedAt: new Date(fulfillment.createdAt),
    tracking: fulfillment.tracking,
    lines: fulfillment.lines,
  };
}

/**
 * Writes the lines. `stored` is null on a first import: the order was just inserted, so it has
 * none to read.
 */
async function writeLines(
  em: EntityManager,
  orderId: number,
  snapshot: OrderSnapshot,
  plan: Pick<EditPlan, 'lines' | 'keepLineLocations'>,
  firstImport: boolean,
) {
  const stored = firstImport ? [] : await em.find(ImportedOrderLine, { orderId });
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
      ...lineFields(line, position, snapshot),
      fulfillmentLocationId:
        plan.keepLineLocations && existing
          ? (existing.fulfillmentLocationId ?? null)
          : line.fulfillmentLocationId,
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
function syncChildren<Row extends { id: number }, Source>(
  em: EntityManager,
  rows: Row[],
  sources: readonly Source[],
  keyOfRow: (row: Row) => string,
  keyOfSource: (source: Source) => string,
  fields: (source: Source, position: number) => Partial<Row>,
  create: (source: Source, position: number) => Row,
): Row[] {
  const byKey = new Map(rows.map((row) => [keyOfRow(row), row]));
  const seen = new Set<string>();
  const kept = sources.map((source, position) => {
    const key = keyOfSource(source);
    seen.add(key);
    const existing = byKey.get(key);
    if (!existing) return create(source, position);
    em.assign(existing, fields(source, position) as never);
    return existing;
  });
  for (const row of rows) if (!seen.has(keyOfRow(row))) em.remove(row);
  return kept;
}

/** Returns the order's transaction rows as they now are (every one: the import just synced them). */
async function writeSupplementaryData(
  em: EntityManager,
  orderId: number,
  snapshot: OrderSnapshot,
  firstImport: boolean,
) {
  // A first import has no rows yet: there is nothing to read.
  const storedRows = async <Row extends object>(entity: EntityName<Row>): Promise<Row[]> =>
    firstImport ? [] : ((await em.find(entity, { orderId } as never)) as Row[]);
  syncChildren(
    em,
    await storedRows(ImportedShippingLine),
    snapshot.shippingLines,
    (row) => row.shopifyShippingLineId,
    (line) => line.shopifyShippingLineId,
    (line, position) => shippingFields(line, position, snapshot),
    (line, position) =>
      em.create(ImportedShippingLine, {
        orderId,
        shopifyShippingLineId: line.shopifyShippingLineId,
        ...shippingFields(line, position, snapshot),
      }),
  );
  const transactions = syncChildren(
    em,
    await storedRows(ImportedTransaction),
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
  syncChildren(
    em,
    await storedRows(ImportedFulfillmentOrder),
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
  syncChildren(
    em,
    await storedRows(ImportedFulfillment),
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
  return transactions;
}

/** The shop card as the import reads it, beside the order's lock. */
interface ShopForImport {
  store: string;
  enabled: boolean;
  autoCreateOrders: boolean;
  returnRefundProcess: ReturnRefundProcess;
}

// The shop card gives the store, which keys the order's lock (lockShopifyOrder's key), so the card
// is read and the lock taken together. Read per import, not from the configuration cache: the row
// is read for its store anyway, and a cached copy would need the configuration version first.
const LOCK_ORDER_FOR_IMPORT_SQL = `select s.shop_domain, s.enabled, s.auto_create_orders, s.return_refund_process,
   pg_advisory_xact_lock(hashtextextended('order:' || s.shop_domain || ':' || ?, 0)) is not null as locked
  from shop_card s where s.code = ?`;

/** The previous import, as far as deciding whether this one changes anything needs it. */
interface PreviousImport {
  id: number;
  shopCode: string;
  stage: string;
  hasError: boolean;
  errorText: string | null;
  problems: OrderProblem[];
  conflictText: string | null;
  /** The stored snapshot equals this import's (jsonb equality: key order does not matter). */
  unchanged: boolean;
  /** The document's baseline (or, without one, the stored snapshot) equals this import's snapshot. */
  baselineUnchanged: boolean;
  /** The order-or-invoice made for the order (credit memos are not it), as the edit plan needs it. */
  document: { id: number; documentType: string; no: string; status: string; touched: boolean } | null;
}

// A statement of its own after the lock's, not beside it: a statement sees the rows committed when
// it started, and a unit of work the lock waited for may have inserted or changed the order since.
// The snapshots are compared in SQL, so an unchanged re-import never carries the stored one back.
const PREVIOUS_IMPORT_SQL = `with next as (select ?::jsonb as snapshot)
select o.id, o.shop_code, o.stage, o.has_error, o.error_text, o.problems, o.conflict_text,
       o.snapshot = next.snapshot as unchanged,
       coalesce(o.document_baseline, o.snapshot) = next.snapshot as baseline_unchanged,
       d.id as document_id, d.document_type, d.no as document_no, d.status as document_status,
       d.touched as document_touched
  from imported_order o
 cross join next
  left join lateral (
       select h.id, h.document_type, h.no, h.status,
              exists (select 1 from sales_line l
                       where l.header_id = h.id and (l.quantity_shipped <> 0 or l.quantity_invoiced <> 0)) as touched
         from sales_header h
        where h.imported_order_id = o.id and h.document_type in ('order', 'invoice')
        limit 1) d on true
 where o.store = ? and o.shopify_order_id = ?`;

interface PreviousImportRow {
  id: number;
  shop_code: string;
  stage: string;
  has_error: boolean;
  error_text: string | null;
  problems: OrderProblem[];
  conflict_text: string | null;
  unchanged: boolean;
  baseline_unchanged: boolean;
  document_id: number | null;
  document_type: string | null;
  document_no: string | null;
  document_status: string | null;
  document_touched: boolean | null;
}

async function readPreviousImport(
  em: EntityManager,
  store: string,
  shopifyOrderId: string,
  snapshotJson: string,
): Promise<PreviousImport | null> {
  const [row] = await em.execute<PreviousImportRow[]>(PREVIOUS_IMPORT_SQL, [
    snapshotJson,
    store,
    shopifyOrderId,
  ]);
  if (!row) return null;
  return {
    id: row.id,
    shopCode: row.shop_code,
    stage: row.stage,
    hasError: row.has_error,
    errorText: row.error_text,
    problems: row.problems,
    conflictText: row.conflict_text,
    unchanged: row.unchanged,
    baselineUnchanged: row.baseline_unchanged,
    document:
      row.document_id === null
        ? null
        : {
            id: row.document_id,
            documentType: row.document_type!,
            no: row.document_no!,
            status: row.document_status!,
            touched: row.document_touched!,
          },
  };
}

/** Shopify lists a refund or a return: the after-sales rows need the general path's writes. */
function hasAfterSalesData(snapshot: OrderSnapshot): boolean {
  return (snapshot.refunds ?? []).length > 0 || (snapshot.returns ?? []).length > 0;
}

/**
 * A re-import of the snapshot imported last changes nothing but the import counters: the edit
 * plan of a snapshot against itself has no change (so no conflict and no rebuild), the lines and
 * children would be rewritten with what they hold, and the problems would be recorded as they are.
 * Anything that could still differ takes the general path: a stored conflict (re-evaluated there),
 * a document baseline other than the snapshot, a closed order not yet at stage closed, refunds or
 * returns (a changed refund setting imports them), problems recorded otherwise than the general
 * path would record them.
 */
function isNoOpReimport(previous: PreviousImport, snapshot: OrderSnapshot): boolean {
  if (!previous.unchanged || !previous.baselineUnchanged) return false;
  if (previous.conflictText !== null) return false;
  if (previous.problems.some((problem) => problem.code === 'DOCUMENT_CONFLICT')) return false;
  if (snapshot.closed && previous.stage !== 'closed') return false;
  if (hasAfterSalesData(snapshot)) return false;
  const recorded: Parameters<typeof recordOrderProblems>[0] = {
    problems: previous.problems,
    hasError: false,
    errorText: null,
    conflictText: null,
  };
  recordOrderProblems(recorded, previous.problems);
  return recorded.hasError === previous.hasError && recorded.errorText === previous.errorText;
}

// The counters the general path moves on every import (and the version and updated-at its flush
// moves), with the orders-to-import row's delete: both happen or neither.
const NOTE_REIMPORT_SQL = `with done as (delete from order_to_import where store = ? and shopify_order_id = ?)
update imported_order
   set import_count = import_count + 1, last_imported_at = ?, updated_at = ?, version = version + 1
 where id = ?`;

/**
 * Rows of one entity as JSON keyed by column, for jsonb_populate_record(set): the database converts
 * each value to its column's type (decimal strings to numeric, ISO dates to timestamptz, JSON
 * values to jsonb as they are), as the ORM's own insert would.
 */
function columnRows<Row extends object>(
  em: EntityManager,
  entity: EntityName<Row>,
  rows: readonly Record<string, unknown>[],
): { table: string; columns: string[]; json: string } {
  const meta = em.getMetadata().get(entity);
  const first = rows[0] ?? {};
  const keys = Object.keys(first);
  const columns = keys.map((key) => {
    const property = meta.properties[key as keyof typeof meta.properties];
    if (!property) throw new Error(`${meta.className} has no property '${key}'`);
    return property.fieldNames[0]!;
  });
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(keys.map((key, index) => [columns[index], row[key] ?? null]))),
  );
  return { table: meta.tableName, columns, json };
}

/**
 * A first import without refunds or returns: the order, every child row (a multi-row insert per
 * table) and the orders-to-import row's delete, as data-modifying CTEs. The unit of work would read
 * the (necessarily empty) children, insert each table apart and update the order afterwards; here
 * every field is final at insert: no problems, no error, no conflict.
 * Returns the new order's id.
 */
async function insertFirstImport(
  em: EntityManager,
  store: string,
  shopCode: string,
  snapshot: OrderSnapshot,
): Promise<number> {
  const order = columnRows(em, ImportedOrder, [
    { store, shopifyOrderId: snapshot.shopifyOrderId, shopCode, ...headerFields(snapshot) },
  ]);
  const children = [
    columnRows(
      em,
      ImportedOrderLine,
      snapshot.lines.map((line, position) => ({
        shopifyLineId: line.shopifyLineId,
        ...lineFields(line, position, snapshot),
      })),
    ),
    columnRows(
      em,
      ImportedShippingLine,
      snapshot.shippingLines.map((line, position) => ({
        shopifyShippingLineId: line.shopifyShippingLineId,
        ...shippingFields(line, position, snapshot),
      })),
    ),
    columnRows(
      em,
      ImportedTransaction,
      snapshot.transactions.map((transaction) => {
        // What writePaymentDetails sets for an order without refunds (no transaction pays one back).
        const accountNumber = transaction.accountNumber ?? null;
        return {
          shopifyTransactionId: transaction.shopifyTransactionId,
          ...transactionFields(transaction),
          accountNumber,
          giftCardLastCharacters: isGiftCardPayment(transaction) ? lastCharactersOf(accountNumber) : null,
          shopifyRefundId: null,
        };
      }),
    ),
    columnRows(
      em,
      ImportedFulfillmentOrder,
      snapshot.fulfillmentOrders.map((fulfillmentOrder) => ({
        shopifyFulfillmentOrderId: fulfillmentOrder.shopifyFulfillmentOrderId,
        ...fulfillmentOrderFields(fulfillmentOrder),
      })),
    ),
    columnRows(
      em,
      ImportedFulfillment,
      snapshot.fulfillments.map((fulfillment) => ({
        shopifyFulfillmentId: fulfillment.shopifyFulfillmentId,
        ...fulfillmentFields(fulfillment),
      })),
    ),
  ].filter((child) => child.columns.length > 0);

  const quote = (name: string) => `"${name}"`;
  const list = (columns: string[], prefix = '') => columns.map((column) => prefix + quote(column)).join(', ');
  const params: unknown[] = [order.json];
  const ctes = [
    `inserted as (insert into ${quote(order.table)} (${list(order.columns)})
       select ${list(order.columns)} from jsonb_populate_recordset(null::${quote(order.table)}, ?::jsonb)
       returning id)`,
  ];
  children.forEach((child, index) => {
    params.push(child.json);
    ctes.push(
      `child${index} as (insert into ${quote(child.table)} (order_id, ${list(child.columns)})
         select inserted.id, ${list(child.columns, 'r.')}
           from inserted, jsonb_populate_recordset(null::${quote(child.table)}, ?::jsonb) r)`,
    );
  });
  params.push(store, snapshot.shopifyOrderId);
  ctes.push(`done as (delete from order_to_import where store = ? and shopify_order_id = ?)`);
  const [row] = await em.execute<{ id: number }[]>(
    `with ${ctes.join(',\n')} select id from inserted`,
    params,
  );
  return row!.id;
}

/**
 * Imports (or re-imports) one Shopify order through a shop card, in one transaction: header,
 * lines, shipping lines, transactions, fulfillment orders and fulfillments, applying the SPEC §3
 * edit table. Cancelled and archived orders are not imported the first time; an order imported by
 * another shop card on the same store is left to it. A successful import removes the order's
 * orders-to-import row. Throws OrderProblemsError for an unknown shop card or unusable data.
 *
 * The usual cases skip the unit of work: a first import without refunds or returns inserts it all
 * at once after the lock; a re-import of the snapshot imported last only compares and counts it.
 * Everything else goes through the unit of work.
 */
export async function importOrder(
  context: ErpContext,
  shopCode: string,
  shopifySnapshot: OrderSnapshot,
): Promise<ImportOrderResult> {
  const snapshot = fitSnapshotText(shopifySnapshot);
  const invalid = validateOrderSnapshot(snapshot);
  if (invalid.length > 0) throw new OrderProblemsError(invalid);

  return inTransaction(context, async (em) => {
    const [shopRow] = await em.execute<
      {
        shop_domain: string;
        enabled: boolean;
        auto_create_orders: boolean;
        return_refund_process: ReturnRefundProcess;
      }[]
    >(LOCK_ORDER_FOR_IMPORT_SQL, [snapshot.shopifyOrderId, shopCode]);
    if (!shopRow) throw new OrderProblemsError([OrderProblems.shopNotFound(snapshot.name, shopCode)]);
    const shop: ShopForImport = {
      store: shopRow.shop_domain,
      enabled: shopRow.enabled,
      autoCreateOrders: shopRow.auto_create_orders,
      returnRefundProcess: shopRow.return_refund_process,
    };
    const store = shop.store;
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
    const snapshotJson = JSON.stringify(snapshot);
    const previous = await readPreviousImport(em, store, snapshot.shopifyOrderId, snapshotJson);
    const eligibility = importEligibility(
      snapshot,
      shopCode,
      previous ? { shopCode: previous.shopCode } : null,
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

    if (previous && isNoOpReimport(previous, snapshot)) {
      const now = new Date();
      await em.execute(NOTE_REIMPORT_SQL, [store, snapshot.shopifyOrderId, now, now, previous.id]);
      return {
        ...base,
        importedOrderId: previous.id,
        firstImport: eligibility.firstImport,
        changed: false,
        hasDocument: previous.document !== null,
      };
    }
    if (!previous && !hasAfterSalesData(snapshot)) {
      const importedOrderId = await insertFirstImport(em, store, shopCode, snapshot);
      return {
        ...base,
        importedOrderId,
        firstImport: eligibility.firstImport,
        changed: true,
        hasDocument: false,
      };
    }

    const existing = previous ? await em.findOneOrFail(ImportedOrder, previous.id) : null;
    const document = previous?.document ?? null;
    const documentState = document ? documentStateFrom(document) : 'none';
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
    const changed = !previous || !previous.unchanged;
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

    const firstImport = existing === null;
    await writeLines(
      em,
      order.id,
      snapshot,
      plan ?? { lines: 'follow', keepLineLocations: false },
      firstImport,
    );
    const transactions = await writeSupplementaryData(em, order.id, snapshot, firstImport);
    await writeAfterSalesData(em, order, snapshot, shop, transactions);
    await em.nativeDelete(OrderToImport, { store, shopifyOrderId: snapshot.shopifyOrderId });
    await em.flush();

    let documentRebuilt = false;
    let problems: OrderProblem[] = order.problems.filter((problem) => problem.code !== 'DOCUMENT_CONFLICT');
    if (plan?.conflict) problems.push(plan.conflict);
    if (plan?.rebuildDocument && document) {
      const header = await em.findOneOrFail(SalesHeader, document.id);
      const rebuild = await rebuildSalesDocumentLines(em, order, header);
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
