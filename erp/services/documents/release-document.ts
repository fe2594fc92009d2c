import { SalesLine } from '../../entities';
import type { SalesDocumentStatus } from '../../entities/sales-header';
import { inTransaction, type ErpContext } from '../shared/context';
import { documentLabel, ErpDocumentError, lockSalesDocument } from './sales-document-lookup';

export interface DocumentStatusChange {
  documentNo: string;
  documentType: string;
  status: SalesDocumentStatus;
  /** False when it already had that status. */
  changed: boolean;
}

/** Releases a sales document: it may then be shipped, and Shopify edits no longer rebuild its lines. */
export async function releaseSalesDocument(
  context: ErpContext,
  reference: string,
): Promise<DocumentStatusChange> {
  return inTransaction(context, async (em) => {
    const document = await lockSalesDocument(em, reference);
    if (document.archivedAt)
      throw new ErpDocumentError(`${documentLabel(document)} is archived: it cannot change`);
    const changed = document.status !== 'released';
    if (changed) {
      document.status = 'released';
      document.releasedAt = new Date();
      await em.flush();
    }
    return { documentNo: document.no, documentType: document.documentType, status: document.status, changed };
  });
}

/** Re-opens a released document so its lines can be edited; refused once anything is shipped or invoiced. */
export async function reopenSalesDocument(
  context: ErpContext,
  reference: string,
): Promise<DocumentStatusChange> {
  return inTransaction(context, async (em) => {
    const document = await lockSalesDocument(em, reference);
    if (document.archivedAt)
      throw new ErpDocumentError(`${documentLabel(document)} is archived: it cannot change`);
    const posted = await em.count(SalesLine, {
      headerId: document.id,
      $or: [{ quantityShipped: { $ne: '0' } }, { quantityInvoiced: { $ne: '0' } }],
    });
    if (posted > 0)
      throw new ErpDocumentError(
        `${documentLabel(document)} has shipped or invoiced lines: it stays released (post what is left instead)`,
      );
    const changed = document.status !== 'open';
    if (changed) {
      document.status = 'open';
      document.releasedAt = null;
      await em.flush();
    }
    return { documentNo: document.no, documentType: document.documentType, status: document.status, changed };
  });
}
