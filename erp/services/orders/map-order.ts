import type { EntityManager } from '@mikro-orm/postgresql';
import {
  billToIdentity,
  normalizeEmail,
  normalizePhoneDigits,
  sameBillTo,
} from '../../../domain/customer-matching';
import { selectCustomer, type CustomerDecision } from '../../../domain/customer-selection';
import { negativeLinePriceProblems } from '../../../domain/line-amounts';
import { documentAddressFromOrder } from '../../../domain/document-address';
import { documentCurrency, exchangeRateOn, type DocumentCurrency } from '../../../domain/document-currency';
import { blockingProblems, OrderProblems, type OrderProblem } from '../../../domain/order-problems';
import {
  buildSalesDocument,
  firstShippingTitle,
  type DraftSalesDocument,
} from '../../../domain/sales-document';
import { billedQuantity, quantitiesCreditedByRefunds } from '../../../domain/refund-classification';
import { pickTaxArea, taxAreaAddress, type TaxAddress } from '../../../domain/tax-area-priority';
import { decideDocumentTax, type DocumentTaxDecision } from '../../../domain/document-tax';
import type { OrderAddress } from '../../../domain/order-snapshot';
import type { CountySource, CurrencyHandling, ShopSettings } from '../../../domain/shop-settings';
import { ImportedOrder, type SalesHeader } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';
import {
  createCustomerFromTemplate,
  customerAddress,
  customerRecordOfRow,
  findCustomers,
  linkShopifyCustomer,
  type CustomerJsonRow,
  type CustomerRecord,
} from '../customers/customers';
import { CONFIG_VERSION_SQL, ErpConfig, type TaxAreaRecord } from '../settings/erp-config';
import { requireErpSetup } from '../settings/erp-setup';
import {
  findItemsForLines,
  VARIANT_LINKS_OF_ORDER_SQL,
  variantLinksByVariantId,
  type VariantLinkRecord,
} from '../items/item-lookup';
import { recordOrderProblems } from './order-problem-record';
import { requireShopSettings } from '../settings/require-shop-settings';

export interface MapOrderResult {
  importedOrderId: number;
  orderName: string;
  /** Nothing blocks the sales document. */
  mapped: boolean;
  /** Errors block the document; warnings are shown beside it. */
  problems: OrderProblem[];
  sellToCustomerNo: string | null;
  billToCustomerNo: string | null;
  /** Set when mapping created the customer (idempotent: the Shopify customer is linked to it). */
  createdCustomerNo?: string;
}

export interface PreparedDocument {
  shop: Readonly<ShopSettings>;
  problems: OrderProblem[];
  draft: DraftSalesDocument | null;
  createdCustomerNo?: string;
}

export class ImportedOrderNotFoundError extends Error {
  constructor(importedOrderId: number) {
    super(
      `Imported order ${importedOrderId} does not exist: it was deleted, or the id is wrong (see \`orderbridge orders list\`)`,
    );
    this.name = 'ImportedOrderNotFoundError';
  }
}

// The order's row is locked too (no key update: inserts that reference it are not held up), so
// that a unit of work that waited for the advisory lock gets the row as its holder committed it:
// Postgres re-reads a row it locks after waiting, which a plain select would not do.
const LOCK_ORDER_SQL = `select o.* from imported_order o
 where o.id = ?
   and pg_advisory_xact_lock(hashtextextended('order:' || o.store || ':' || o.shopify_order_id, 0)) is not null
   for no key update`;

/**
 * Loads and locks an imported order for one unit of work: the advisory lock every unit of work on
 * the order takes (lockShopifyOrder), and the row as committed once it is held.
 */
export async function lockImportedOrder(em: EntityManager, importedOrderId: number): Promise<ImportedOrder> {
  const [row] = await em.execute<Record<string, unknown>[]>(LOCK_ORDER_SQL, [importedOrderId]);
  if (!row) throw new ImportedOrderNotFoundError(importedOrderId);
  return em.map(ImportedOrder, row);
}

/** An imported order line as mapping reads it; money as decimal strings. */
export interface OrderLineRecord {
  id: number;
  shopifyLineId: string;
  name: string;
  sku: string | null;
  barcode: string | null;
  variantId: string | null;
  quantity: number;
  currentQuantity: number;
  isGiftCard: boolean;
  isTip: boolean;
  taxable: boolean;
  unitPriceShop: string;
  unitPricePresentment: string;
  discountShop: string;
  discountPresentment: string;
  fulfillmentLocationId: string | null;
  itemNo: string | null;
  variantCode: string | null;
  itemMappedBy: string | null;
}

export interface ShippingLineRecord {
  shopifyShippingLineId: string;
  title: string;
  isRemoved: boolean;
  priceShop: string;
  pricePresentment: string;
  discountShop: string;
  discountPresentment: string;
}

/** What the result of document creation reports of an existing document. */
export type OrderDocumentFacts = Pick<
  SalesHeader,
  'id' | 'documentType' | 'no' | 'status' | 'totalDifference'
>;

/** What mapping reads beside the order, read together after the order is locked. */
export interface OrderWork {
  config: ErpConfig;
  /** The order's order-or-invoice, if one exists. */
  document: OrderDocumentFacts | null;
  lines: OrderLineRecord[];
  shippingLines: ShippingLineRecord[];
  /** Explicit links of the lines' variants, by variant id. */
  variantLinks: Map<string, VariantLinkRecord>;
}

// Numerics as text: JSON numbers would become floats.
const ORDER_WORK_SQL = `select ${CONFIG_VERSION_SQL} as config_version,
  (select json_build_object('id', h.id, 'documentType', h.document_type, 'no', h.no, 'status', h.status,
                            'totalDifference', h.total_difference::text)
     from sales_header h
    where h.imported_order_id = ? and h.document_type in ('order', 'invoice') limit 1) as document,
  coalesce((select json_agg(json_build_object(
      'id', l.id, 'shopifyLineId', l.shopify_line_id, 'name', l.name, 'sku', l.sku, 'barcode', l.barcode,
      'variantId', l.variant_id, 'quantity', l.quantity, 'currentQuantity', l.current_quantity,
      'isGiftCard', l.is_gift_card, 'isTip', l.is_tip, 'taxable', l.taxable,
      'unitPriceShop', l.unit_price_shop::text, 'unitPricePresentment', l.unit_price_presentment::text,
      'discountShop', l.discount_shop::text, 'discountPresentment', l.discount_presentment::text,
      'fulfillmentLocationId', l.fulfillment_location_id, 'itemNo', l.item_no, 'variantCode', l.variant_code,
      'itemMappedBy', l.item_mapped_by) order by l.position)
     from imported_order_line l where l.order_id = ?), '[]') as lines,
  coalesce((select json_agg(json_build_object(
      'shopifyShippingLineId', s.shopify_shipping_line_id, 'title', s.title, 'isRemoved', s.is_removed,
      'priceShop', s.price_shop::text, 'pricePresentment', s.price_presentment::text,
      'discountShop', s.discount_shop::text, 'discountPresentment', s.discount_presentment::text)
      order by s.position)
     from imported_shipping_line s where s.order_id = ?), '[]') as shipping_lines,
  ${VARIANT_LINKS_OF_ORDER_SQL} as variant_links`;

interface OrderWorkRow {
  config_version: string | null;
  document: OrderDocumentFacts | null;
  lines: OrderLineRecord[];
  shipping_lines: ShippingLineRecord[];
  variant_links: ({ variantId: string } & VariantLinkRecord)[];
}

/** The configuration version, the order's document, lines, shipping lines and variant links, read together. */
export async function loadOrderWork(em: EntityManager, order: ImportedOrder): Promise<OrderWork> {
  const [row] = await em.execute<OrderWorkRow[]>(ORDER_WORK_SQL, [
    order.id,
    order.id,
    order.id,
    order.store,
    order.id,
  ]);
  return {
    config: ErpConfig.at(em, row!.config_version),
    document: row!.document,
    lines: row!.lines,
    shippingLines: row!.shipping_lines,
    variantLinks: variantLinksByVariantId(row!.variant_links),
  };
}

/** Locks an imported order, then reads what mapping needs beside it. */
export async function lockOrderForMapping(
  em: EntityManager,
  importedOrderId: number,
): Promise<{ order: ImportedOrder; work: OrderWork }> {
  const order = await lockImportedOrder(em, importedOrderId);
  return { order, work: await loadOrderWork(em, order) };
}

interface CustomerCandidates {
  linkedCustomerNo: string | null;
  byEmail: string | null;
  byPhone: string | null;
  byBillTo: string | null;
  /** The candidates' rows, so the chosen one needs no second read. */
  records: Map<string, CustomerRecord>;
}

const POST_CODE_DIGITS_SQL = `regexp_replace(coalesce(c.post_code, ''), '[^0-9]', '', 'g')`;

/**
 * Every customer selection candidate, with the rows of the default customers selection may take
 * instead. Bill-to matching compares names and addresses ignoring case and
 * spacing, in code (domain/customer-matching.ts); the database only narrows the country's customers
 * to those with the same post code digits (indexed), which every match has.
 */
async function customerCandidates(
  em: EntityManager,
  order: ImportedOrder,
  defaultCustomerNos: { country: string | null; shop: string | null },
): Promise<CustomerCandidates> {
  const email = normalizeEmail(order.email ?? order.customer?.email);
  const phone = normalizePhoneDigits(order.phone ?? order.customer?.phone ?? order.billingAddress?.phone);
  const billing = order.billingAddress ?? null;
  const countryCode = billing?.countryCode ?? null;
  const billToSql = billing
    ? `(select json_agg(c order by c.no) from customer c
         where ${countryCode === null ? 'c.country_code is null' : 'c.country_code = ?'}
           and ${POST_CODE_DIGITS_SQL} = ? and not c.blocked)`
    : 'null';
  const [row] = await em.execute<
    {
      linked: CustomerJsonRow | null;
      by_email: CustomerJsonRow | null;
      by_phone: CustomerJsonRow | null;
      bill_to: CustomerJsonRow[] | null;
      country_default: CustomerJsonRow | null;
      shop_default: CustomerJsonRow | null;
    }[]
  >(
    `select
       (select to_json(c) from shopify_customer_link l join customer c on c.no = l.customer_no
         where l.store = ? and l.shopify_customer_id = ?) as linked,
       (select to_json(c) from customer c where c.email = ? and not c.blocked order by c.no limit 1) as by_email,
       (select to_json(c) from customer c where c.phone_digits = ? and not c.blocked order by c.no limit 1) as by_phone,
       ${billToSql} as bill_to,
       (select to_json(c) from customer c where c.no = ?) as country_default,
       (select to_json(c) from customer c where c.no = ?) as shop_default`,
    [
      order.store,
      order.shopifyCustomerId ?? null,
      email,
      phone,
      ...(billing
        ? [...(countryCode === null ? [] : [countryCode]), (billing.zip ?? '').replace(/[^0-9]/g, '')]
        : []),
      defaultCustomerNos.country,
      defaultCustomerNos.shop,
    ],
  );
  let byBillTo: CustomerJsonRow | null = null;
  if (billing) {
    const wanted = billToIdentity(billing);
    byBillTo =
      (row?.bill_to ?? []).find((customer) =>
        sameBillTo(wanted, {
          name: customer.name,
          name2: customer.name2,
          address: customer.address,
          address2: customer.address2,
          postCode: customer.post_code,
          city: customer.city,
          countryCode: customer.country_code,
        }),
      ) ?? null;
  }
  const found = [
    row?.country_default,
    row?.shop_default,
    row?.linked,
    row?.by_email,
    row?.by_phone,
    byBillTo,
  ].filter((customer): customer is CustomerJsonRow => Boolean(customer));
  return {
    linkedCustomerNo: row?.linked?.no ?? null,
    byEmail: row?.by_email?.no ?? null,
    byPhone: row?.by_phone?.no ?? null,
    byBillTo: byBillTo?.no ?? null,
    records: new Map(found.map((customer) => [customer.no, customerRecordOfRow(customer)])),
  };
}

/** Runs customer selection for an order without a customer and carries the decision out. */
async function chooseCustomer(
  em: EntityManager,
  config: ErpConfig,
  order: ImportedOrder,
  shop: Readonly<ShopSettings>,
): Promise<{ decision: CustomerDecision; customer: CustomerRecord | null; createdCustomerNo?: string }> {
  const countryTemplates = await config.countryTemplates(shop.code);
  const shipToCountry = order.shippingAddress?.countryCode?.toUpperCase() ?? null;
  const { records, ...candidates } = await customerCandidates(em, order, {
    country: (shipToCountry ? countryTemplates[shipToCountry]?.defaultCustomerNo : null) ?? null,
    shop: shop.defaultCustomerNo,
  });
  const decision = selectCustomer({
    orderName: order.name,
    shop: {
      code: shop.code,
      customerImport: shop.customerImport,
      customerMappingType: shop.customerMappingType,
      defaultCustomerNo: shop.defaultCustomerNo,
      customerTemplateCode: shop.customerTemplateCode,
    },
    countryTemplates,
    shipToCountryCode: order.shippingAddress?.countryCode ?? null,
    billingAddress: order.billingAddress ?? null,
    email: order.email ?? order.customer?.email ?? null,
    phone: order.phone ?? order.customer?.phone ?? null,
    shopifyCustomerId: order.shopifyCustomerId ?? null,
    operatorCustomerNo: null,
    operatorTemplateCode: order.customerTemplateCode ?? null,
    candidates,
  });
  if (decision.kind === 'existing') {
    order.sellToCustomerNo = decision.customerNo;
    order.billToCustomerNo = decision.customerNo;
    if (decision.linkShopifyCustomer && order.shopifyCustomerId) {
      await linkShopifyCustomer(em, order.store, order.shopifyCustomerId, decision.customerNo);
    }
    const customer =
      records.get(decision.customerNo) ??
      (await findCustomers(em, [decision.customerNo])).get(decision.customerNo) ??
      null;
    return { decision, customer };
  }
  if (decision.kind === 'create') {
    const customer = await createCustomerFromTemplate(
      em,
      config,
      decision.templateCode,
      decision.customer,
      decision.linkShopifyCustomer && order.shopifyCustomerId
        ? { store: order.store, shopifyCustomerId: order.shopifyCustomerId }
        : undefined,
    );
    order.sellToCustomerNo = customer.no;
    order.billToCustomerNo = customer.no;
    return { decision, customer, createdCustomerNo: customer.no };
  }
  return { decision, customer: null };
}

/** The parts of an order address the tax area is looked up by; the county as the shop card says. */
function taxAddress(address: OrderAddress | null | undefined, countySource: CountySource): TaxAddress | null {
  if (!address) return null;
  return {
    countryCode: address.countryCode,
    county: countySource === 'name' ? address.province : address.provinceCode,
    city: address.city,
  };
}

/** Writes the items mapping found onto the lines that changed, all at once. */
async function writeLineItems(
  em: EntityManager,
  before: readonly OrderLineRecord[],
  after: readonly OrderLineRecord[],
) {
  const changed = after.filter((line, index) => {
    const previous = before[index]!;
    return (
      line.itemNo !== previous.itemNo ||
      line.variantCode !== previous.variantCode ||
      line.itemMappedBy !== previous.itemMappedBy
    );
  });
  if (changed.length === 0) return;
  await em.execute(
    `update imported_order_line l
        set item_no = v.item_no, variant_code = v.variant_code, item_mapped_by = v.item_mapped_by
       from json_to_recordset(?::json) as v(id int, item_no text, variant_code text, item_mapped_by text)
      where l.id = v.id`,
    [
      JSON.stringify(
        changed.map((line) => ({
          id: line.id,
          item_no: line.itemNo,
          variant_code: line.variantCode,
          item_mapped_by: line.itemMappedBy,
        })),
      ),
    ],
  );
}

/**
 * The tax area by the shop's priority (its address decides alone), else the bill-to customer's own,
 * taxed at 0 when the order is tax exempt. A priority address without a tax area is a problem.
 */
async function decideTaxArea(
  config: ErpConfig,
  shop: ShopSettings,
  order: ImportedOrder,
  sellToCustomer: CustomerRecord | null,
  billToCustomer: CustomerRecord | null,
  problems: OrderProblem[],
): Promise<DocumentTaxDecision> {
  const deciding = taxAreaAddress(shop.taxAreaPriority, {
    shipTo: taxAddress(order.shippingAddress, shop.countySource),
    billTo: taxAddress(order.billingAddress, shop.countySource),
    sellTo: sellToCustomer
      ? { countryCode: sellToCustomer.countryCode, county: sellToCustomer.county, city: sellToCustomer.city }
      : null,
  });
  let taxArea: Readonly<TaxAreaRecord> | null = null;
  if (deciding?.address.countryCode) {
    const candidates = await config.taxAreasOfCountry(deciding.address.countryCode.toUpperCase());
    taxArea = pickTaxArea(candidates, deciding.address);
    if (!taxArea) {
      problems.push(
        OrderProblems.taxAreaNotFound(
          order.name,
          deciding.role,
          deciding.address.countryCode,
          deciding.address.county,
        ),
      );
    }
  }
  if (!taxArea && billToCustomer?.taxAreaCode) taxArea = await config.taxArea(billToCustomer.taxAreaCode);
  return decideDocumentTax(taxArea, order.taxExempt);
}

/**
 * Everything mapping decides for an order (customer, items, shipment method, currency and rate, tax
 * area, locations) and the draft document that follows, with every problem found. Writes the
 * decisions onto the order (and creates the customer when selection says so) in the caller's
 * transaction; the caller holds the order's lock and flushes the order. `work` is what
 * lockOrderForMapping read; without it, it is read here.
 */
export async function prepareSalesDocument(
  em: EntityManager,
  order: ImportedOrder,
  options: {
    frozenCurrencyHandling?: CurrencyHandling;
    frozenTax?: DocumentTaxDecision;
    work?: OrderWork;
  } = {},
): Promise<PreparedDocument> {
  const work = options.work ?? (await loadOrderWork(em, order));
  const { config, shippingLines } = work;
  const shop = await requireShopSettings(config, order.shopCode, order.name);
  const setup = await requireErpSetup(config);
  const problems: OrderProblem[] = (order.snapshot.textAdjustments ?? []).map((adjustment) =>
    OrderProblems.textAdjusted(order.name, adjustment),
  );
  problems.push(...negativeLinePriceProblems(order.snapshot));
  if (order.cancelledAt)
    problems.push(OrderProblems.cancelledBeforeDocument(order.name, order.cancelledAt.toISOString()));

  // Customer: keep what an operator (or an earlier mapping) set, as long as it still exists.
  let createdCustomerNo: string | undefined;
  let sellToCustomer: CustomerRecord | null = null;
  let billToCustomer: CustomerRecord | null = null;
  if (order.sellToCustomerNo && order.billToCustomerNo) {
    const found = await findCustomers(em, [order.sellToCustomerNo, order.billToCustomerNo]);
    sellToCustomer = found.get(order.sellToCustomerNo) ?? null;
    billToCustomer = found.get(order.billToCustomerNo) ?? null;
  }
  if (!sellToCustomer || !billToCustomer) {
    order.sellToCustomerNo = null;
    order.billToCustomerNo = null;
    order.customerSetByOperator = false;
    const chosen = await chooseCustomer(em, config, order, shop);
    createdCustomerNo = chosen.createdCustomerNo;
    if (chosen.decision.kind === 'problem') problems.push(chosen.decision.problem);
    sellToCustomer = chosen.customer;
    billToCustomer = chosen.customer;
  }

  // Items: re-resolved each time (a link may have been added), except an operator's choice.
  const toResolve = work.lines.filter(
    (line) => !(line.isTip || line.isGiftCard || line.itemMappedBy === 'operator'),
  );
  const matches = await findItemsForLines(em, shop.itemMappingMode, toResolve, work.variantLinks);
  const resolved = new Map(toResolve.map((line, index) => [line, matches[index] ?? null]));
  const lines = work.lines.map((line) => {
    if (!resolved.has(line)) return line;
    const match = resolved.get(line);
    return {
      ...line,
      itemNo: match?.itemNo ?? null,
      variantCode: match?.variantCode ?? null,
      itemMappedBy: match?.method ?? null,
    };
  });
  await writeLineItems(em, work.lines, lines);

  // Shipment method: the first charged shipping line's title; unknown titles get an empty mapping row.
  const shippingTitle = firstShippingTitle(shippingLines);
  const shippingAgent = shippingTitle
    ? (await config.shipmentMethodAgents(shop.code)).get(shippingTitle)
    : undefined;
  order.shipmentMethodCode = null;
  if (shippingTitle) {
    const mappings = await config.shipmentMethodMappings(shop.code);
    if (!mappings.has(shippingTitle)) {
      await em.execute(
        `insert into shipment_method_mapping (shop_code, shopify_method_name, shipment_method_code)
         values (?, ?, null) on conflict (shop_code, shopify_method_name) do nothing`,
        [shop.code, shippingTitle],
      );
      config.noteConfigurationWrite();
    }
    order.shipmentMethodCode = mappings.get(shippingTitle) ?? null;
    if (!order.shipmentMethodCode)
      problems.push(OrderProblems.shipmentMethodNotMapped(order.name, shop.code, shippingTitle));
  }

  // Currency and exchange rate on the document date.
  const documentDate = order.shopifyCreatedAt.toISOString().slice(0, 10);
  let currency: DocumentCurrency | null = null;
  let exchangeRateLcyPerUnit = '1';
  const chosenCurrency = documentCurrency({
    orderName: order.name,
    shopCode: shop.code,
    // Frozen once the document exists (SPEC §1): a later change on the shop card does not move it.
    handling: options.frozenCurrencyHandling ?? shop.currencyHandling,
    shopCurrencyCode: shop.currencyCode,
    orderCurrencyCode: order.currencyCode,
    presentmentCurrencyCode: order.presentmentCurrencyCode,
    lcyCode: setup.lcyCode,
  });
  if ('problem' in chosenCurrency) {
    problems.push(chosenCurrency.problem);
  } else if (chosenCurrency.currency.currencyCode) {
    const code = chosenCurrency.currency.currencyCode;
    if (!(await config.currencyExists(code))) {
      problems.push(OrderProblems.currencyNotSetUp(order.name, code, 'currencyCode'));
    } else {
      const rate = exchangeRateOn(await config.exchangeRates(code), documentDate);
      if (!rate) problems.push(OrderProblems.exchangeRateMissing(order.name, code, documentDate));
      else {
        currency = chosenCurrency.currency;
        exchangeRateLcyPerUnit = rate.rateLcyPerUnit;
      }
    }
  } else {
    currency = chosenCurrency.currency;
  }

  // One tax decision for the whole document; a rebuild keeps the one its document was made with.
  const tax =
    options.frozenTax ?? (await decideTaxArea(config, shop, order, sellToCustomer, billToCustomer, problems));
  order.taxAreaCode = tax.taxAreaCode;

  let draft: DraftSalesDocument | null = null;
  if (sellToCustomer && billToCustomer && currency) {
    const locationCodes = await config.locationCodes(shop.code);
    const accountNos = [shop.shippingChargesAccountNo, shop.tipAccountNo, shop.soldGiftCardAccountNo].filter(
      (accountNo): accountNo is string => Boolean(accountNo),
    );
    const accounts = await config.glAccounts(accountNos);
    const side = currency.side;
    // Units a refund's credit memo gives back stay billed here: the memo credits them (SPEC §6).
    const credited = quantitiesCreditedByRefunds(order.snapshot);
    const bag = (shopAmount: string, presentmentAmount: string) => ({
      shop: { amount: shopAmount, currencyCode: order.currencyCode },
      presentment: { amount: presentmentAmount, currencyCode: order.presentmentCurrencyCode },
    });
    draft = buildSalesDocument({
      orderName: order.name,
      shop: {
        code: shop.code,
        shippingChargesAccountNo: shop.shippingChargesAccountNo,
        tipAccountNo: shop.tipAccountNo,
        soldGiftCardAccountNo: shop.soldGiftCardAccountNo,
        shopifyOrderNoOnDocumentLine: shop.shopifyOrderNoOnDocumentLine,
        locationRequired: shop.locationRequired,
      },
      side,
      isoCode: currency.isoCode,
      lines: lines.map((line) => ({
        shopifyLineId: line.shopifyLineId,
        name: line.name,
        sku: line.sku,
        variantId: line.variantId,
        quantity: line.quantity,
        currentQuantity: billedQuantity(line, credited),
        isGiftCard: line.isGiftCard,
        isTip: line.isTip,
        taxable: line.taxable,
        unitPrice: bag(line.unitPriceShop, line.unitPricePresentment),
        discount: bag(line.discountShop, line.discountPresentment),
        fulfillmentLocationId: line.fulfillmentLocationId,
        itemNo: line.itemNo,
        variantCode: line.variantCode,
      })),
      shippingLines: shippingLines.map((shipping) => ({
        shopifyShippingLineId: shipping.shopifyShippingLineId,
        title: shipping.title,
        isRemoved: shipping.isRemoved,
        price: bag(shipping.priceShop, shipping.pricePresentment),
        discount: bag(shipping.discountShop, shipping.discountPresentment),
      })),
      totalTipReceived: bag(order.totalTipShop, order.totalTipPresentment),
      locationCodes,
      glAccounts: Object.fromEntries(
        [...accounts].map(([no, account]) => [no, { name: account.name, taxable: account.taxable }]),
      ),
      store: order.store,
      shopifyOrderId: order.shopifyOrderId,
      orderCreatedAt: order.shopifyCreatedAt.toISOString(),
      fulfillmentStatus: order.snapshot.fulfillmentStatus,
      createInvoicesForFulfilledOrders: shop.createInvoicesForFulfilledOrders,
      taxesIncluded: order.taxesIncluded,
      email: order.email ?? null,
      phone: order.phone ?? null,
      note: order.note ?? null,
      sellToCustomerNo: sellToCustomer.no,
      billToCustomerNo: billToCustomer.no,
      sellToCustomerAddress: customerAddress(sellToCustomer),
      billToCustomerAddress: customerAddress(billToCustomer),
      orderBillToAddress: documentAddressFromOrder(order.billingAddress ?? null),
      orderShipToAddress: documentAddressFromOrder(order.shippingAddress ?? null),
      currency,
      exchangeRateLcyPerUnit,
      shipmentMethodCode: order.shipmentMethodCode ?? null,
      shippingAgentCode: shippingAgent?.agentCode ?? null,
      shippingAgentServiceCode: shippingAgent?.serviceCode ?? null,
      tax,
    });
    problems.push(...draft.problems);
  }
  return { shop, problems, draft, ...(createdCustomerNo ? { createdCustomerNo } : {}) };
}

/**
 * Maps an imported order: customer (created from a template when selection says so, idempotently),
 * items (explicit link → SKU → barcode as the shop card says), shipment method, currency and
 * exchange rate, tax area, locations. Records the problems on the order (has-error + text) and
 * returns them; never throws for a business failure.
 */
export async function mapOrder(context: ErpContext, importedOrderId: number): Promise<MapOrderResult> {
  return inTransaction(context, async (em) => {
    const { order, work } = await lockOrderForMapping(em, importedOrderId);
    const prepared = await prepareSalesDocument(em, order, { work });
    const conflict = order.problems.filter((problem) => problem.code === 'DOCUMENT_CONFLICT');
    recordOrderProblems(order, [...conflict, ...prepared.problems]);
    const mapped = blockingProblems(prepared.problems).length === 0;
    await em.flush();
    return {
      importedOrderId: order.id,
      orderName: order.name,
      mapped,
      problems: prepared.problems,
      sellToCustomerNo: order.sellToCustomerNo ?? null,
      billToCustomerNo: order.billToCustomerNo ?? null,
      ...(prepared.createdCustomerNo ? { createdCustomerNo: prepared.createdCustomerNo } : {}),
    };
  });
}
