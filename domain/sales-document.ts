import type { DocumentAddress } from './document-address';
import type { DocumentCurrency } from './document-currency';
import type { DocumentTaxDecision } from './document-tax';
import { buildDocumentLines, type DocumentLinesInput, type DraftSalesLine } from './document-lines';
import { documentTotals, type DocumentTotals } from './document-totals';
import type { OrderProblem } from './order-problems';
import type { FulfillmentStatus } from './order-snapshot';
import { salesDocumentType, type OrderDocumentType } from './sales-document-type';

export interface DraftSalesHeader {
  documentType: OrderDocumentType;
  sellToCustomerNo: string;
  billToCustomerNo: string;
  sellToAddress: DocumentAddress;
  billToAddress: DocumentAddress;
  shipToAddress: DocumentAddress | null;
  email: string | null;
  phone: string | null;
  /** Null = LCY. */
  currencyCode: string | null;
  currencyHandling: 'shop' | 'presentment';
  exchangeRateLcyPerUnit: string;
  pricesIncludingTax: boolean;
  shipmentMethodCode: string | null;
  /** From the shipment method mapping, so the shipment later tells Shopify the right carrier. */
  shippingAgentCode: string | null;
  shippingAgentServiceCode: string | null;
  taxAreaCode: string | null;
  taxRatePercent: string;
  /** SPEC §4.1: the Shopify order name (the reference used the B2B PO number). */
  externalDocumentNo: string;
  documentDate: string;
  workDescription: string | null;
  store: string;
  shopifyOrderId: string;
  shopifyOrderName: string;
}

export interface SalesDocumentInput extends DocumentLinesInput {
  store: string;
  shopifyOrderId: string;
  /** ISO timestamp of the Shopify order; its date is the document date. */
  orderCreatedAt: string;
  fulfillmentStatus: FulfillmentStatus;
  createInvoicesForFulfilledOrders: boolean;
  taxesIncluded: boolean;
  email: string | null;
  phone: string | null;
  note: string | null;
  sellToCustomerNo: string;
  billToCustomerNo: string;
  /** The ERP customers' own addresses, used when the order carries none (POS). */
  sellToCustomerAddress: DocumentAddress;
  billToCustomerAddress: DocumentAddress;
  orderBillToAddress: DocumentAddress | null;
  orderShipToAddress: DocumentAddress | null;
  currency: DocumentCurrency;
  exchangeRateLcyPerUnit: string;
  shipmentMethodCode: string | null;
  shippingAgentCode?: string | null;
  shippingAgentServiceCode?: string | null;
  /** Header, lines and totals are all taxed by this one decision. */
  tax: DocumentTaxDecision;
}

export interface DraftSalesDocument {
  header: DraftSalesHeader;
  lines: DraftSalesLine[];
  totals: DocumentTotals;
  problems: OrderProblem[];
}

/**
 * The whole sales document for an imported order, from values already resolved by mapping.
 * Addresses: the order's bill-to and ship-to as Shopify has them, the customer's own where the order
 * has none; sell-to = bill-to (SPEC §4.2). Every tax amount follows the one tax decision given.
 */
export function buildSalesDocument(input: SalesDocumentInput): DraftSalesDocument {
  const { lines, problems } = buildDocumentLines(input);
  const { taxRatePercent } = input.tax;
  const totals = documentTotals(lines, {
    pricesIncludingTax: input.taxesIncluded,
    taxRatePercent,
    isoCode: input.currency.isoCode,
  });
  const billTo = input.orderBillToAddress ?? input.billToCustomerAddress;
  const sellTo = input.sellToCustomerNo === input.billToCustomerNo ? billTo : input.sellToCustomerAddress;
  return {
    header: {
      documentType: salesDocumentType(input.fulfillmentStatus, input.createInvoicesForFulfilledOrders),
      sellToCustomerNo: input.sellToCustomerNo,
      billToCustomerNo: input.billToCustomerNo,
      sellToAddress: sellTo,
      billToAddress: billTo,
      shipToAddress: input.orderShipToAddress,
      email: input.email,
      phone: input.phone,
      currencyCode: input.currency.currencyCode,
      currencyHandling: input.currency.side,
      exchangeRateLcyPerUnit: input.currency.currencyCode === null ? '1' : input.exchangeRateLcyPerUnit,
      pricesIncludingTax: input.taxesIncluded,
      shipmentMethodCode: input.shipmentMethodCode,
      shippingAgentCode: input.shippingAgentCode ?? null,
      shippingAgentServiceCode: input.shippingAgentServiceCode ?? null,
      taxAreaCode: input.tax.taxAreaCode,
      taxRatePercent,
      externalDocumentNo: input.orderName,
      documentDate: input.orderCreatedAt.slice(0, 10),
      workDescription: input.note,
      store: input.store,
      shopifyOrderId: input.shopifyOrderId,
      shopifyOrderName: input.orderName,
    },
    lines,
    totals,
    problems,
  };
}

/** The shipping line whose method decides the shipment method: the first one still charged. */
export function firstShippingTitle(
  shippingLines: readonly { title: string; isRemoved: boolean }[],
): string | null {
  return shippingLines.find((line) => !line.isRemoved)?.title ?? null;
}
