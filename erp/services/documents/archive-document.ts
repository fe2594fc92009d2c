import type { EntityManager } from '@mikro-orm/postgresql';
import { SalesDocumentArchive, SalesLine, type SalesHeader } from '../../entities';

/**
 * Archives a sales document in the caller's transaction: a versioned copy of header and lines
 * goes to sales_document_archive and the document is marked archived (it stays the one document
 * of its Shopify order, so nothing can create a second). Archiving twice keeps the first.
 */
export async function archiveSalesDocument(
  em: EntityManager,
  document: SalesHeader,
  reason: string,
): Promise<{ archived: boolean; version: number }> {
  if (document.archivedAt) {
    const latest = await em.findOne(
      SalesDocumentArchive,
      { salesHeaderId: document.id },
      { orderBy: { version: 'desc' } },
    );
    return { archived: false, version: latest?.version ?? 0 };
  }
  const lines = await em.find(SalesLine, { headerId: document.id }, { orderBy: { lineNo: 'asc' } });
  const version = (await em.count(SalesDocumentArchive, { salesHeaderId: document.id })) + 1;
  const archivedAt = new Date();
  document.archivedAt = archivedAt;
  em.create(SalesDocumentArchive, {
    salesHeaderId: document.id,
    documentType: document.documentType,
    documentNo: document.no,
    version,
    reason,
    header: JSON.parse(JSON.stringify(document)) as Record<string, unknown>,
    lines: lines.map((line) => JSON.parse(JSON.stringify(line)) as Record<string, unknown>),
    archivedAt,
  });
  await em.flush();
  return { archived: true, version };
}
