import type { EntityManager } from '@mikro-orm/postgresql';
import type { DocumentState } from '../../../domain/order-edits';
import { SalesHeader, SalesLine } from '../../entities';

/** The order-or-invoice made for an imported order, if any (credit memos are not it). */
export function findOrderDocument(em: EntityManager, importedOrderId: number): Promise<SalesHeader | null> {
  return em.findOne(SalesHeader, { importedOrderId, documentType: { $in: ['order', 'invoice'] } });
}

/** open = it may still follow edits; released = released, or anything on it shipped or invoiced. */
export function documentStateFrom(document: { status: string; touched: boolean }): DocumentState {
  return document.status === 'released' || document.touched ? 'released' : 'open';
}

export async function documentStateOf(em: EntityManager, document: SalesHeader): Promise<DocumentState> {
  if (document.status === 'released') return 'released';
  const touched = await em.count(SalesLine, {
    headerId: document.id,
    $or: [{ quantityShipped: { $ne: '0' } }, { quantityInvoiced: { $ne: '0' } }],
  });
  return documentStateFrom({ status: document.status, touched: touched > 0 });
}
