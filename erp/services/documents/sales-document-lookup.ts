import type { EntityManager } from '@mikro-orm/postgresql';
import { ImportedOrder, SalesHeader } from '../../entities';
import { lockShopifyOrder } from '../shared/context';
import { findOrderDocument } from './order-document';

/** An operator's mistake on an ERP document (unknown no., wrong state): shown as it is, never retried. */
export class ErpDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ErpDocumentError';
  }
}

/**
 * The sales order or invoice an operator names: its document no. ("SO000012"), or its Shopify
 * order's name ("#1004" or "1004"), number or GID.
 */
export async function findSalesDocument(em: EntityManager, reference: string): Promise<SalesHeader> {
  const trimmed = reference.trim();
  const byNo = await em.findOne(SalesHeader, {
    no: trimmed.toUpperCase(),
    documentType: { $in: ['order', 'invoice'] },
  });
  if (byNo) return byNo;
  const name = trimmed.startsWith('#') ? trimmed : `#${trimmed}`;
  const gid = /^\d+$/.test(trimmed) ? `gid://shopify/Order/${trimmed}` : trimmed;
  const orders = await em.find(ImportedOrder, { $or: [{ name }, { shopifyOrderId: gid }] }, { limit: 3 });
  if (orders.length > 1)
    throw new ErpDocumentError(
      `${reference} names orders of several shops: give the sales document no. instead`,
    );
  const order = orders[0];
  const document = order ? await findOrderDocument(em, order.id) : null;
  if (!document) {
    throw new ErpDocumentError(
      order
        ? `Order ${order.name} has no sales document yet: create it with \`orderbridge order create-document ${order.name.replace(/^#/, '')}\``
        : `No sales document or Shopify order ${reference} is known: check the document no. (e.g. SO000012) or the order name`,
    );
  }
  return document;
}

/**
 * Finds the document and serialises this unit of work with everything else done to its order
 * (import, document creation, other postings) for the rest of the transaction.
 */
export async function lockSalesDocument(em: EntityManager, reference: string): Promise<SalesHeader> {
  const document = await findSalesDocument(em, reference);
  if (document.store && document.shopifyOrderId)
    await lockShopifyOrder(em, document.store, document.shopifyOrderId);
  else await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`document:${document.no}`]);
  await em.refresh(document);
  return document;
}

/** The document's label in messages: "sales order SO000012". */
export function documentLabel(document: Pick<SalesHeader, 'documentType' | 'no'>): string {
  return `sales ${document.documentType.replace('_', ' ')} ${document.no}`;
}
