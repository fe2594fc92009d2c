import { planShipmentPosting } from '../../../domain/shipment-posting';
import { Decimal } from '../../../domain/money';
import {
  Location,
  PostedShipmentHeader,
  PostedShipmentLine,
  SalesLine,
  ShippingAgent,
  ShipmentSync,
} from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';
import { nextPostedNumber, POSTED_SHIPMENT_NOS } from '../shared/number-series-defaults';
import { ErpDocumentError, lockSalesDocument } from '../documents/sales-document-lookup';

export interface PostShipmentInput {
  /** Sales order no. or its Shopify order's name. */
  document: string;
  /** Lines and quantities; absent = everything left to ship. */
  lines?: { lineNo: number; quantity: string }[];
  /** Ship every line from this location instead of its own. */
  locationCode?: string;
  shippingAgentCode?: string;
  packageTrackingNo?: string;
  /** YYYY-MM-DD; today by default. */
  postingDate?: string;
}

export interface PostedShipment {
  shipmentId: number;
  shipmentNo: string;
  documentNo: string;
  /** Set when the sales order comes from Shopify: its workflow is woken with the shipment. */
  shopify: { store: string; shopifyOrderId: string; orderName: string; shopCode: string } | null;
  lines: {
    lineNo: number;
    orderLineNo: number;
    no: string | null;
    quantity: string;
    locationCode: string | null;
  }[];
}

/**
 * Posts a shipment from a released sales order, in one transaction: a posted shipment (header
 * and lines, with shipping agent and package tracking no.), quantities shipped on the order
 * lines, and a pending fulfilment sync record for Shopify-linked orders. Refuses over-shipping
 * and unreleased orders (ShipmentPostingError), unknown locations and agents (ErpDocumentError).
 */
export async function postSalesShipment(
  context: ErpContext,
  input: PostShipmentInput,
): Promise<PostedShipment> {
  return inTransaction(context, async (em) => {
    const document = await lockSalesDocument(em, input.document);
    const orderLines = await em.find(SalesLine, { headerId: document.id }, { orderBy: { lineNo: 'asc' } });
    const toPost = planShipmentPosting({
      documentNo: document.no,
      documentType: document.documentType,
      status: document.status,
      archived: Boolean(document.archivedAt),
      lines: orderLines.map((line) => ({
        lineNo: line.lineNo,
        type: line.type,
        no: line.no ?? null,
        description: line.description,
        quantity: line.quantity,
        quantityShipped: line.quantityShipped,
        locationCode: line.locationCode ?? null,
      })),
      ...(input.lines ? { requested: input.lines } : {}),
      ...(input.locationCode !== undefined ? { locationCode: input.locationCode } : {}),
    });
    const locationCodes = [
      ...new Set(toPost.map((line) => line.locationCode).filter((code) => code !== null)),
    ];
    const known = new Set((await em.find(Location, { code: { $in: locationCodes } })).map((row) => row.code));
    const unknown = locationCodes.filter((code) => !known.has(code));
    if (unknown.length > 0)
      throw new ErpDocumentError(`Location ${unknown.join(', ')} does not exist in the ERP: check the code`);
    // Without an agent named, the one the order's shipment method mapping put on the document.
    const agentCode = input.shippingAgentCode?.trim().toUpperCase() || document.shippingAgentCode;
    if (agentCode && !(await em.findOne(ShippingAgent, agentCode)))
      throw new ErpDocumentError(
        `Shipping agent ${agentCode} does not exist: add it with \`orderbridge shipping-agent add ${agentCode} --name <name>\``,
      );

    const header = em.create(PostedShipmentHeader, {
      no: await nextPostedNumber(em, POSTED_SHIPMENT_NOS),
      orderNo: document.no,
      salesHeaderId: document.id,
      store: document.store ?? null,
      shopifyOrderId: document.shopifyOrderId ?? null,
      shopifyOrderName: document.shopifyOrderName ?? null,
      shopCode: document.shopCode ?? null,
      importedOrderId: document.importedOrderId ?? null,
      postingDate: input.postingDate ?? new Date().toISOString().slice(0, 10),
      shippingAgentCode: agentCode || null,
      packageTrackingNo: input.packageTrackingNo?.trim() || null,
    });
    await em.flush();
    const byLineNo = new Map(orderLines.map((line) => [line.lineNo, line]));
    const posted: PostedShipment['lines'] = [];
    toPost.forEach((entry, index) => {
      const orderLine = byLineNo.get(entry.lineNo)!;
      orderLine.quantityShipped = new Decimal(orderLine.quantityShipped).plus(entry.quantity).toFixed();
      em.create(PostedShipmentLine, {
        shipmentId: header.id,
        lineNo: (index + 1) * 10000,
        orderLineNo: orderLine.lineNo,
        type: orderLine.type,
        no: orderLine.no ?? null,
        variantCode: orderLine.variantCode ?? null,
        description: orderLine.description,
        quantity: entry.quantity,
        locationCode: entry.locationCode,
        shopifyLineId: orderLine.shopifyLineId ?? null,
      });
      posted.push({
        lineNo: (index + 1) * 10000,
        orderLineNo: orderLine.lineNo,
        no: orderLine.no ?? null,
        quantity: entry.quantity,
        locationCode: entry.locationCode,
      });
    });
    const shopify =
      document.store && document.shopifyOrderId && document.shopCode
        ? {
            store: document.store,
            shopifyOrderId: document.shopifyOrderId,
            orderName: document.shopifyOrderName ?? document.shopifyOrderId,
            shopCode: document.shopCode,
          }
        : null;
    if (shopify) em.create(ShipmentSync, { shipmentId: header.id });
    await em.flush();
    return { shipmentId: header.id, shipmentNo: header.no, documentNo: document.no, shopify, lines: posted };
  });
}
