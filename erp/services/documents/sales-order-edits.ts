import type { EntityManager } from '@mikro-orm/postgresql';
import { documentTotals } from '../../../domain/document-totals';
import { Decimal, formatMoney, isDecimalString } from '../../../domain/money';
import { Item, Location, SalesLine, type SalesHeader } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';
import { getErpSetup } from '../settings/erp-setup';
import { documentLabel, ErpDocumentError, lockSalesDocument } from './sales-document-lookup';

/**
 * Edits an operator makes to an open sales order before shipping it (SPEC §4.3): a line's
 * quantity or location, or an added item line. A released document is re-opened first
 * (`orderbridge erp reopen`), as in any ERP.
 */

export interface EditedLine {
  documentNo: string;
  lineNo: number;
  no: string | null;
  quantity: string;
  locationCode: string | null;
  amount: string;
}

function requireEditable(document: SalesHeader): void {
  if (document.archivedAt)
    throw new ErpDocumentError(`${documentLabel(document)} is archived: it cannot change`);
  if (document.documentType !== 'order')
    throw new ErpDocumentError(
      `${documentLabel(document)} is not a sales order: only sales orders are edited here`,
    );
  if (document.status !== 'open')
    throw new ErpDocumentError(
      `${documentLabel(document)} is released: re-open it with \`orderbridge erp reopen ${document.no}\` to edit its lines`,
    );
}

async function requireLocation(em: EntityManager, locationCode: string | null): Promise<void> {
  if (locationCode !== null && !(await em.findOne(Location, locationCode)))
    throw new ErpDocumentError(`Location ${locationCode} does not exist in the ERP: check the code`);
}

function requireQuantity(quantity: string): Decimal {
  if (!isDecimalString(quantity) || new Decimal(quantity).lt(0))
    throw new ErpDocumentError(`Quantity must be a number of 0 or more, got '${quantity}'`);
  return new Decimal(quantity);
}

/** Recomputes the header totals (and the difference to Shopify's total) from its lines. */
async function refreshTotals(em: EntityManager, document: SalesHeader): Promise<string> {
  const isoCode = document.currencyCode ?? (await getErpSetup(em)).lcyCode;
  const lines = await em.find(SalesLine, { headerId: document.id });
  const totals = documentTotals(lines, {
    pricesIncludingTax: document.pricesIncludingTax,
    taxRatePercent: document.taxRatePercent,
    isoCode,
  });
  em.assign(document, {
    ...totals,
    ...(document.shopifyTotal !== null && document.shopifyTotal !== undefined
      ? { totalDifference: new Decimal(totals.amountIncludingTax).minus(document.shopifyTotal).toFixed() }
      : {}),
  });
  return isoCode;
}

function view(document: SalesHeader, line: SalesLine): EditedLine {
  return {
    documentNo: document.no,
    lineNo: line.lineNo,
    no: line.no ?? null,
    quantity: new Decimal(line.quantity).toFixed(),
    locationCode: line.locationCode ?? null,
    amount: new Decimal(line.amount).toFixed(),
  };
}

/** Changes a line's quantity (its discount scales with it) and/or its location. */
export async function setSalesLine(
  context: ErpContext,
  input: { document: string; lineNo: number; quantity?: string; locationCode?: string | null },
): Promise<EditedLine> {
  return inTransaction(context, async (em) => {
    const document = await lockSalesDocument(em, input.document);
    requireEditable(document);
    const line = await em.findOne(SalesLine, { headerId: document.id, lineNo: input.lineNo });
    if (!line) throw new ErpDocumentError(`${documentLabel(document)} has no line ${input.lineNo}`);
    if (input.locationCode !== undefined) {
      if (line.type !== 'item')
        throw new ErpDocumentError(`Line ${input.lineNo} is not an item line: it has no location`);
      await requireLocation(em, input.locationCode);
      line.locationCode = input.locationCode;
    }
    if (input.quantity !== undefined) {
      const quantity = requireQuantity(input.quantity);
      const previous = new Decimal(line.quantity);
      const isoCode = document.currencyCode ?? (await getErpSetup(em)).lcyCode;
      const discount = previous.isZero()
        ? new Decimal(0)
        : new Decimal(line.lineDiscountAmount).times(quantity).dividedBy(previous);
      line.quantity = quantity.toFixed();
      line.lineDiscountAmount = formatMoney(discount, isoCode);
      line.amount = formatMoney(quantity.times(line.unitPrice).minus(line.lineDiscountAmount), isoCode);
    }
    await em.flush();
    await refreshTotals(em, document);
    await em.flush();
    return view(document, line);
  });
}

/** Adds an item line the Shopify order does not have (it is never sent to Shopify). */
export async function addSalesLine(
  context: ErpContext,
  input: {
    document: string;
    itemNo: string;
    quantity: string;
    unitPrice?: string;
    locationCode?: string | null;
  },
): Promise<EditedLine> {
  return inTransaction(context, async (em) => {
    const document = await lockSalesDocument(em, input.document);
    requireEditable(document);
    const item = await em.findOne(Item, input.itemNo.toUpperCase());
    if (!item)
      throw new ErpDocumentError(`Item ${input.itemNo} does not exist in the ERP: check the item no.`);
    if (item.blocked) throw new ErpDocumentError(`Item ${item.no} is blocked`);
    const quantity = requireQuantity(input.quantity);
    if (input.unitPrice !== undefined && !isDecimalString(input.unitPrice))
      throw new ErpDocumentError(`Unit price must be a decimal number, got '${input.unitPrice}'`);
    const locationCode = input.locationCode ?? null;
    await requireLocation(em, locationCode);
    const isoCode = document.currencyCode ?? (await getErpSetup(em)).lcyCode;
    const unitPrice = new Decimal(input.unitPrice ?? item.unitPrice);
    const last = await em.findOne(SalesLine, { headerId: document.id }, { orderBy: { lineNo: 'desc' } });
    const line = em.create(SalesLine, {
      headerId: document.id,
      lineNo: (last?.lineNo ?? 0) + 10000,
      type: 'item',
      origin: 'item',
      no: item.no,
      variantCode: null,
      description: item.description,
      quantity: quantity.toFixed(),
      unitPrice: unitPrice.toFixed(),
      lineDiscountAmount: '0',
      amount: formatMoney(unitPrice.times(quantity), isoCode),
      taxable: true,
      locationCode,
      shopifyLineId: null,
    });
    await em.flush();
    await refreshTotals(em, document);
    await em.flush();
    return view(document, line);
  });
}
