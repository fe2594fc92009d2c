/**
 * The one vocabulary of an order's stage: the workflow's status, the OrderStage search attribute,
 * the read model, the ERP's imported-order record and every front end spell it this way.
 * Pure: workflows may import this file.
 */
export const ORDER_STAGES = [
  'importing',
  'imported',
  'mapping',
  'needs-attention',
  'document-created',
  'waiting-for-fulfilment',
  'closing',
  'closed',
  'skipped',
] as const;

export type OrderStage = (typeof ORDER_STAGES)[number];

/** The stages the ERP's imported-order record can know by itself (no workflow needed). */
export const ERP_ORDER_STAGES = [
  'imported',
  'document-created',
  'closed',
] as const satisfies readonly OrderStage[];
export type ErpOrderStage = (typeof ERP_ORDER_STAGES)[number];

/** Stages after which nothing happens to the order unless Shopify changes it again. */
export const FINAL_ORDER_STAGES = ['closed', 'skipped'] as const satisfies readonly OrderStage[];

export function isOrderStage(value: string): value is OrderStage {
  return (ORDER_STAGES as readonly string[]).includes(value);
}
