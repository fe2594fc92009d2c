import { documentTotals } from '../../../domain/document-totals';
import { Decimal, formatMoney } from '../../../domain/money';
import { documentProgress } from '../../../domain/order-closing';
import { ImportedOrder, PostedSalesInvoice, PostedSalesInvoiceLine, SalesLine } from '../../entities';
import { archiveSalesDocument } from './archive-document';
import { inTransaction, type ErpContext } from '../shared/context';
import { getErpSetup } from '../settings/erp-setup';
import { nextPostedNumber, POSTED_INVOICE_NOS } from '../shared/number-series-defaults';
import { documentLabel, ErpDocumentError, lockSalesDocument } from './sales-document-lookup';

export interface PostedInvoice {
  invoiceNo: string;
  documentNo: string;
  amount: string;
  taxAmount: string;
  amountIncludingTax: string;
  lines: { lineNo: number; no: string | null; quantity: string; amount: string }[];
  /** The document was archived by this posting (its order is closed in Shopify and it is complete). */
  archived: boolean;
  shopify: { store: string; shopifyOrderId: string; orderName: string; shopCode: string } | null;
}

/**
 * Posts the invoice of a sales order's shipped, not yet invoiced quantities (item lines), with
 * its other lines (shipping charges, tips, gift cards) on the first invoice; or posts a sales
 * invoice whole. One transaction: posted invoice, quantities invoiced, and the document archived
 * when this completes it and Shopify has closed the order.
 */
export async function postSalesInvoice(
  context: ErpContext,
  input: { document: string; postingDate?: string },
): Promise<PostedInvoice> {
  return inTransaction(context, async (em) => {
    const document = await lockSalesDocument(em, input.document);
    if (document.archivedAt)
      throw new ErpDocumentError(`${documentLabel(document)} is archived: everything on it is invoiced`);
    if (document.documentType !== 'order' && document.documentType !== 'invoice')
      throw new ErpDocumentError(`${documentLabel(document)} is not invoiced from here`);
    const lines = await em.find(SalesLine, { headerId: document.id }, { orderBy: { lineNo: 'asc' } });
    const isOrder = document.documentType === 'order';
    const toInvoice = (line: SalesLine): Decimal => {
      if (line.type === 'comment') return new Decimal(0);
      const upTo = isOrder && line.type === 'item' ? line.quantityShipped : line.quantity;
      const open = new Decimal(upTo).minus(line.quantityInvoiced);
      return open.gt(0) ? open : new Decimal(0);
    };
    const itemLines = lines.filter((line) => line.type === 'item');
    const shippedItems = itemLines.some((line) => toInvoice(line).gt(0));
    if (isOrder && itemLines.length > 0 && !shippedItems) {
      throw new ErpDocumentError(
        `${documentLabel(document)} has nothing shipped that is not invoiced yet: post a shipment first (\`orderbridge erp ship ${document.no}\`)`,
      );
    }
    const invoiced = lines.filter((line) => toInvoice(line).gt(0));
    if (invoiced.length === 0)
      throw new ErpDocumentError(`${documentLabel(document)} has nothing left to invoice`);

    const isoCode = document.currencyCode ?? (await getErpSetup(em)).lcyCode;
    const invoiceLines = invoiced.map((line) => {
      const quantity = toInvoice(line);
      const share = new Decimal(line.quantity).isZero()
        ? new Decimal(line.amount)
        : new Decimal(line.amount).times(quantity).dividedBy(line.quantity);
      return { line, quantity, amount: formatMoney(share, isoCode) };
    });
    const totals = documentTotals(
      invoiceLines.map((entry) => ({ amount: entry.amount, taxable: entry.line.taxable })),
      { pricesIncludingTax: document.pricesIncludingTax, taxRatePercent: document.taxRatePercent, isoCode },
    );
    const invoice = em.create(PostedSalesInvoice, {
      no: await nextPostedNumber(em, POSTED_INVOICE_NOS),
      documentNo: document.no,
      documentType: document.documentType,
      salesHeaderId: document.id,
      sellToCustomerNo: document.sellToCustomerNo,
      billToCustomerNo: document.billToCustomerNo,
      currencyCode: document.currencyCode ?? null,
      store: document.store ?? null,
      shopifyOrderId: document.shopifyOrderId ?? null,
      shopCode: document.shopCode ?? null,
      postingDate: input.postingDate ?? new Date().toISOString().slice(0, 10),
      ...totals,
    });
    await em.flush();
    invoiceLines.forEach(({ line, quantity, amount }, index) => {
      line.quantityInvoiced = new Decimal(line.quantityInvoiced).plus(quantity).toFixed();
      em.create(PostedSalesInvoiceLine, {
        invoiceId: invoice.id,
        lineNo: (index + 1) * 10000,
        orderLineNo: line.lineNo,
        type: line.type,
        no: line.no ?? null,
        description: line.description,
        quantity: quantity.toFixed(),
        unitPrice: line.unitPrice,
        amount,
        taxable: line.taxable,
        locationCode: line.locationCode ?? null,
      });
    });
    await em.flush();

    const progress = documentProgress({
      documentType: isOrder ? 'order' : 'invoice',
      documentNo: document.no,
      lines: lines.map((line) => ({
        type: line.type,
        quantity: line.quantity,
        quantityShipped: line.quantityShipped,
        quantityInvoiced: line.quantityInvoiced,
      })),
    });
    const order = document.importedOrderId ? await em.findOne(ImportedOrder, document.importedOrderId) : null;
    let archived = false;
    if (progress.fullyShipped && progress.fullyInvoiced && order?.closed) {
      archived = (await archiveSalesDocument(em, document, 'closed in Shopify, shipped and invoiced'))
        .archived;
    }
    return {
      invoiceNo: invoice.no,
      documentNo: document.no,
      ...totals,
      lines: invoiceLines.map(({ line, quantity, amount }) => ({
        lineNo: line.lineNo,
        no: line.no ?? null,
        quantity: quantity.toFixed(),
        amount,
      })),
      archived,
      shopify:
        document.store && document.shopifyOrderId && document.shopCode
          ? {
              store: document.store,
              shopifyOrderId: document.shopifyOrderId,
              orderName: document.shopifyOrderName ?? document.shopifyOrderId,
              shopCode: document.shopCode,
            }
          : null,
    };
  });
}
