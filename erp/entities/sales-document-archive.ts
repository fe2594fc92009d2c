import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SalesHeader } from './sales-header';

/**
 * An archived version of a sales document, taken when the order is done in both systems:
 * closed in Shopify, and shipped and invoiced in the ERP. The live document stays (marked
 * archived) so it remains the one document of its Shopify order.
 */
export const SalesDocumentArchive = defineEntity({
  name: 'SalesDocumentArchive',
  tableName: 'sales_document_archive',
  properties: {
    id: p.integer().primary().autoincrement(),
    salesHeaderId: p.manyToOne(SalesHeader).mapToPk().joinColumn('sales_header_id').deleteRule('cascade'),
    documentType: p.string().length(20),
    documentNo: p.string().length(20),
    version: p.integer(),
    reason: p.string().length(100),
    header: p.json<Record<string, unknown>>(),
    lines: p.json<Record<string, unknown>[]>(),
    archivedAt: p.datetime().defaultRaw('current_timestamp'),
  },
  uniques: [{ properties: ['salesHeaderId', 'version'] }],
});

export type SalesDocumentArchive = InferEntity<typeof SalesDocumentArchive>;
