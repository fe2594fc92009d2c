import type { EntityManager } from '@mikro-orm/postgresql';
import {
  billToIdentity,
  normalizeEmail,
  normalizePhoneDigits,
  sameBillTo,
} from '../../domain/customer-matching';
import { selectCustomer, type CustomerDecision } from '../../domain/customer-selection';
import { documentAddressFromOrder } from '../../domain/document-address';
import { documentCurrency, exchangeRateOn, type DocumentCurrency } from '../../domain/document-currency';
import { blockingProblems, OrderProblems, type OrderProblem } from '../../domain/order-problems';
import { buildSalesDocument, firstShippingTitle, type DraftSalesDocument } from '../../domain/sales-document';
import { billedQuantity, quantitiesCreditedByRefunds } from '../../domain/refund-classification';
import { pickTaxArea, taxAreaAddress, type TaxAddress } from '../../domain/tax-area-priority';
import type { OrderAddress } from '../../domain/order-snapshot';
import type { CurrencyHandling } from '../../domain/shop-settings';
import {
  Currency,
  CurrencyExchangeRate,
  Customer,
  GlAccount,
  ImportedOrder,
  ImportedOrderLine,
  ImportedShippingLine,
  LocationMapping,
  ShipmentMethodMapping,
  ShopCustomerTemplate,
  ShopifyCustomerLink,
  TaxArea,
  type ShopCard,
} from '../entities';
import { inTransaction, lockShopifyOrder, type ErpContext } from './context';
import { createCustomerFromTemplate, customerAddress, linkShopifyCustomer } from './customers';
import { getErpSetup } from './erp-setup';
import { findItemForLine } from './item-lookup';
import { recordOrderProblems } from './order-problem-record';
import { requireShopCard } from './shop-settings';

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
  shop: ShopCard;
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

/** Loads and locks an imported order for one unit of work. */
export async function lockImportedOrder(em: EntityManager, importedOrderId: number): Promise<ImportedOrder> {
  const found = await em.findOne(ImportedOrder, importedOrderId);
  if (!found) throw new ImportedOrderNotFoundError(importedOrderId);
  await lockShopifyOrder(em, found.store, found.shopifyOrderId);
  await em.refresh(found);
  return found;
}

async function customerCandidates(em: EntityManager, order: ImportedOrder) {
  const link = order.shopifyCustomerId
    ? await em.findOne(ShopifyCustomerLink, {
        store: order.store,
        shopifyCustomerId: order.shopifyCustomerId,
      })
    : null;
  const email = normalizeEmail(order.email ?? order.customer?.email);
  const phone = normalizePhoneDigits(order.phone ?? order.customer?.phone ?? order.billingAddress?.phone);
  const byEmail = email
    ? await em.findOne(Customer, { email, blocked: false }, { orderBy: { no: 'asc' } })
    : null;
  const byPhone = phone
    ? await em.findOne(Customer, { phoneDigits: phone, blocked: false }, { orderBy: { no: 'asc' } })
    : null;
  let byBillTo: string | null = null;
  if (order.billingAddress) {
    const wanted = billToIdentity(order.billingAddress);
    const sameCountry = await em.find(
      Customer,
      { countryCode: order.billingAddress.countryCode, blocked: false },
      { orderBy: { no: 'asc' }, limit: 500 },
    );
    byBillTo =
      sameCountry.find((customer) =>
        sameBillTo(wanted, {
          name: customer.name,
          name2: customer.name2 ?? null,
          address: customer.address ?? null,
          address2: customer.address2 ?? null,
          postCode: customer.postCode ?? null,
          city: customer.city ?? null,
          countryCode: customer.countryCode ?? null,
        }),
      )?.no ?? null;
  }
  return {
    linkedCustomerNo: link?.customerNo ?? null,
    byEmail: byEmail?.no ?? null,
    byPhone: byPhone?.no ?? null,
    byBillTo,
  };
}

/** Runs customer selection for an order without a customer and carries the decision out. */
async function chooseCustomer(
  em: EntityManager,
  order: ImportedOrder,
  shop: ShopCard,
): Promise<{ decision: CustomerDecision; createdCustomerNo?: string }> {
  const templates = await em.find(ShopCustomerTemplate, { shopCode: shop.code });
  const decision = selectCustomer({
    orderName: order.name,
    shop: {
      code: shop.code,
      customerImport: shop.customerImport,
      customerMappingType: shop.customerMappingType,
      defaultCustomerNo: shop.defaultCustomerNo ?? null,
      customerTemplateCode: shop.customerTemplateCode ?? null,
    },
    countryTemplates: Object.fromEntries(
      templates.map((row) => [
        row.countryCode.toUpperCase(),
        { templateCode: row.templateCode ?? null, defaultCustomerNo: row.defaultCustomerNo ?? null },
      ]),
    ),
    shipToCountryCode: order.shippingAddress?.countryCode ?? null,
    billingAddress: order.billingAddress ?? null,
    email: order.email ?? order.customer?.email ?? null,
    phone: order.phone ?? order.customer?.phone ?? null,
    shopifyCustomerId: order.shopifyCustomerId ?? null,
    operatorCustomerNo: null,
    operatorTemplateCode: order.customerTemplateCode ?? null,
    candidates: await customerCandidates(em, order),
  });
  if (decision.kind === 'existing') {
    order.sellToCustomerNo = decision.customerNo;
    order.billToCustomerNo = decision.customerNo;
    if (decision.linkShopifyCustomer && order.shopifyCustomerId) {
      await linkShopifyCustomer(em, order.store, order.shopifyCustomerId, decision.customerNo);
    }
    return { decision };
  }
  if (decision.kind === 'create') {
    const customer = await createCustomerFromTemplate(em, decision.templateCode, decision.customer);
    order.sellToCustomerNo = customer.no;
    order.billToCustomerNo = customer.no;
    if (decision.linkShopifyCustomer && order.shopifyCustomerId) {
      await linkShopifyCustomer(em, order.store, order.shopifyCustomerId, customer.no);
    }
    return { decision, createdCustomerNo: customer.no };
  }
  return { decision };
}

function taxAddress(address: OrderAddress | null | undefined): TaxAddress | null {
  if (!address) return null;
  return {
    countryCode: address.countryCode,
    county: address.provinceCode ?? address.province,
    city: address.city,
  };
}

/**
 * Everything mapping decides for an order (customer, items, shipment method, currency and rate, tax
 * area, locations) and the draft document that follows, with every problem found. Writes the
 * decisions onto the order (and creates the customer when selection says so) in the caller's
 * transaction; the caller holds the order's lock.
 */
export async function prepareSalesDocument(
  em: EntityManager,
  order: ImportedOrder,
  options: { frozenCurrencyHandling?: CurrencyHandling } = {},
): Promise<PreparedDocument> {
  const shop = await requireShopCard(em, order.shopCode, order.name);
  const setup = await getErpSetup(em);
  const problems: OrderProblem[] = [];
  if (order.cancelledAt)
    problems.push(OrderProblems.cancelledBeforeDocument(order.name, order.cancelledAt.toISOString()));

  // Customer: keep what an operator (or an earlier mapping) set, as long as it still exists.
  let createdCustomerNo: string | undefined;
  const [sellTo, billTo] = await Promise.all([
    order.sellToCustomerNo ? em.findOne(Customer, order.sellToCustomerNo) : null,
    order.billToCustomerNo ? em.findOne(Customer, order.billToCustomerNo) : null,
  ]);
  if (!sellTo || !billTo) {
    order.sellToCustomerNo = null;
    order.billToCustomerNo = null;
    order.customerSetByOperator = false;
    const chosen = await chooseCustomer(em, order, shop);
    createdCustomerNo = chosen.createdCustomerNo;
    if (chosen.decision.kind === 'problem') problems.push(chosen.decision.problem);
  }

  // Items: re-resolved each time (a link may have been added), except an operator's choice.
  const lines = await em.find(ImportedOrderLine, { orderId: order.id }, { orderBy: { position: 'asc' } });
  for (const line of lines) {
    if (line.isTip || line.isGiftCard || line.itemMappedBy === 'operator') continue;
    const match = await findItemForLine(em, order.store, shop.itemMappingMode, {
      variantId: line.variantId ?? null,
      sku: line.sku ?? null,
      barcode: line.barcode ?? null,
    });
    line.itemNo = match?.itemNo ?? null;
    line.variantCode = match?.variantCode ?? null;
    line.itemMappedBy = match?.method ?? null;
  }

  // Shipment method: the first charged shipping line's title; unknown titles get an empty mapping row.
  const shippingLines = await em.find(
    ImportedShippingLine,
    { orderId: order.id },
    { orderBy: { position: 'asc' } },
  );
  const shippingTitle = firstShippingTitle(shippingLines);
  order.shipmentMethodCode = null;
  if (shippingTitle) {
    const mapping = await em.findOne(ShipmentMethodMapping, {
      shopCode: shop.code,
      shopifyMethodName: shippingTitle,
    });
    if (!mapping) {
      await em.upsert(
        ShipmentMethodMapping,
        { shopCode: shop.code, shopifyMethodName: shippingTitle, shipmentMethodCode: null },
        { onConflictFields: ['shopCode', 'shopifyMethodName'], onConflictAction: 'ignore' },
      );
    }
    order.shipmentMethodCode = mapping?.shipmentMethodCode ?? null;
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
    shopCurrencyCode: shop.currencyCode ?? null,
    orderCurrencyCode: order.currencyCode,
    presentmentCurrencyCode: order.presentmentCurrencyCode,
    lcyCode: setup.lcyCode,
  });
  if ('problem' in chosenCurrency) {
    problems.push(chosenCurrency.problem);
  } else if (chosenCurrency.currency.currencyCode) {
    const code = chosenCurrency.currency.currencyCode;
    if (!(await em.findOne(Currency, code))) {
      problems.push(OrderProblems.currencyNotSetUp(order.name, code, 'currencyCode'));
    } else {
      const rates = await em.find(CurrencyExchangeRate, { currencyCode: code });
      const rate = exchangeRateOn(rates, documentDate);
      if (!rate) problems.push(OrderProblems.exchangeRateMissing(order.name, code, documentDate));
      else {
        currency = chosenCurrency.currency;
        exchangeRateLcyPerUnit = rate.rateLcyPerUnit;
      }
    }
  } else {
    currency = chosenCurrency.currency;
  }

  // Tax area: the address the shop's priority names; else the bill-to customer's own.
  const sellToCustomer = order.sellToCustomerNo ? await em.findOne(Customer, order.sellToCustomerNo) : null;
  const billToCustomer = order.billToCustomerNo ? await em.findOne(Customer, order.billToCustomerNo) : null;
  const deciding = taxAreaAddress(shop.taxAreaPriority, {
    shipTo: taxAddress(order.shippingAddress),
    billTo: taxAddress(order.billingAddress),
    sellTo: sellToCustomer
      ? {
          countryCode: sellToCustomer.countryCode ?? null,
          county: sellToCustomer.county ?? null,
          city: sellToCustomer.city ?? null,
        }
      : null,
  });
  let taxArea: TaxArea | null = null;
  if (deciding?.address.countryCode) {
    const candidates = await em.find(TaxArea, { countryCode: deciding.address.countryCode.toUpperCase() });
    const picked = pickTaxArea(
      candidates.map((candidate) => ({
        code: candidate.code,
        countryCode: candidate.countryCode,
        county: candidate.county ?? null,
      })),
      deciding.address,
    );
    taxArea = candidates.find((candidate) => candidate.code === picked?.code) ?? null;
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
  if (!taxArea && billToCustomer?.taxAreaCode)
    taxArea = await em.findOne(TaxArea, billToCustomer.taxAreaCode);
  order.taxAreaCode = taxArea?.code ?? null;

  let draft: DraftSalesDocument | null = null;
  if (sellToCustomer && billToCustomer && currency) {
    const locationMappings = await em.find(LocationMapping, { shopCode: shop.code });
    const accountNos = [shop.shippingChargesAccountNo, shop.tipAccountNo, shop.soldGiftCardAccountNo].filter(
      (accountNo): accountNo is string => Boolean(accountNo),
    );
    const accounts = await em.find(GlAccount, { no: { $in: accountNos } });
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
        shippingChargesAccountNo: shop.shippingChargesAccountNo ?? null,
        tipAccountNo: shop.tipAccountNo ?? null,
        soldGiftCardAccountNo: shop.soldGiftCardAccountNo ?? null,
        shopifyOrderNoOnDocumentLine: shop.shopifyOrderNoOnDocumentLine,
        locationRequired: shop.locationRequired,
      },
      side,
      isoCode: currency.isoCode,
      lines: lines.map((line) => ({
        shopifyLineId: line.shopifyLineId,
        name: line.name,
        sku: line.sku ?? null,
        variantId: line.variantId ?? null,
        quantity: line.quantity,
        currentQuantity: billedQuantity(line, credited),
        isGiftCard: line.isGiftCard,
        isTip: line.isTip,
        taxable: line.taxable,
        unitPrice: bag(line.unitPriceShop, line.unitPricePresentment),
        discount: bag(line.discountShop, line.discountPresentment),
        fulfillmentLocationId: line.fulfillmentLocationId ?? null,
        itemNo: line.itemNo ?? null,
        variantCode: line.variantCode ?? null,
      })),
      shippingLines: shippingLines.map((shipping) => ({
        shopifyShippingLineId: shipping.shopifyShippingLineId,
        title: shipping.title,
        isRemoved: shipping.isRemoved,
        price: bag(shipping.priceShop, shipping.pricePresentment),
        discount: bag(shipping.discountShop, shipping.discountPresentment),
      })),
      totalTipReceived: bag(order.totalTipShop, order.totalTipPresentment),
      locationCodes: Object.fromEntries(
        locationMappings.map((mapping) => [mapping.shopifyLocationId, mapping.locationCode ?? null]),
      ),
      glAccounts: Object.fromEntries(
        accounts.map((account) => [account.no, { name: account.name, taxable: account.taxable }]),
      ),
      store: order.store,
      shopifyOrderId: order.shopifyOrderId,
      orderCreatedAt: order.shopifyCreatedAt.toISOString(),
      fulfillmentStatus: order.snapshot.fulfillmentStatus,
      createInvoicesForFulfilledOrders: shop.createInvoicesForFulfilledOrders,
      taxesIncluded: order.taxesIncluded,
      taxExempt: order.taxExempt,
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
      taxArea: taxArea ? { code: taxArea.code, taxRatePercent: taxArea.taxRatePercent } : null,
    });
    problems.push(...draft.problems);
  }
  await em.flush();
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
    const order = await lockImportedOrder(em, importedOrderId);
    const prepared = await prepareSalesDocument(em, order);
    const conflict = order.problems.filter((problem) => problem.code === 'DOCUMENT_CONFLICT');
    recordOrderProblems(order, [...conflict, ...prepared.problems]);
    const mapped = blockingProblems(prepared.problems).length === 0;
    if (mapped && order.stage === 'imported') order.stage = 'mapped';
    if (!mapped && order.stage === 'mapped') order.stage = 'imported';
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
