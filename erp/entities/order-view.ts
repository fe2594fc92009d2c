import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ORDER_STAGES } from '../../domain/order-stage';
import type { OrderViewProblem } from '../../domain/order-view';

/**
 * The read model of one order (domain/order-view.ts), written only by its workflow through the
 * recordOrderView activity. A write carries the workflow's version (start of its run chain, then a
 * sequence within it): a late retry of an older write never replaces a newer one.
 */
export const OrderView = defineEntity({
  name: 'OrderView',
  tableName: 'order_view',
  properties: {
    workflowId: p.string().length(300).primary(),
    store: p.string().length(255),
    shopifyOrderId: p.string().length(100),
    shopCode: p.string().length(20).nullable(),
    orderName: p.string().length(50).nullable(),
    stage: p.enum([...ORDER_STAGES]),
    hasError: p.boolean().default(false),
    problems: p.json<OrderViewProblem[]>().default('[]'),
    importedOrderId: p.integer().nullable(),
    documentType: p.string().length(10).nullable(),
    documentNo: p.string().length(20).nullable(),
    documentState: p.string().length(10).nullable(),
    nextAction: p.text(),
    open: p.boolean().default(true),
    /** When the change happened, in workflow time. */
    updatedAt: p.datetime(),
    versionChainStartedAt: p.datetime(),
    versionSeq: p.integer(),
  },
  uniques: [{ properties: ['store', 'shopifyOrderId'] }],
  // Lists page newest first by (updated_at, workflow_id); each common filter has an index in
  // that order, so a page is an index range scan whatever the table's size.
  indexes: [
    {
      name: 'order_view_updated_idx',
      expression:
        'create index "order_view_updated_idx" on "order_view" ("updated_at" desc, "workflow_id" desc)',
    },
    {
      name: 'order_view_open_updated_idx',
      expression:
        'create index "order_view_open_updated_idx" on "order_view" ("updated_at" desc, "workflow_id" desc) where "open"',
    },
    {
      name: 'order_view_shop_updated_idx',
      expression:
        'create index "order_view_shop_updated_idx" on "order_view" ("shop_code", "updated_at" desc, "workflow_id" desc)',
    },
    {
      name: 'order_view_stage_updated_idx',
      expression:
        'create index "order_view_stage_updated_idx" on "order_view" ("stage", "updated_at" desc, "workflow_id" desc)',
    },
    {
      name: 'order_view_error_updated_idx',
      expression:
        'create index "order_view_error_updated_idx" on "order_view" ("updated_at" desc, "workflow_id" desc) where "has_error"',
    },
    {
      name: 'order_view_problems_idx',
      expression:
        'create index "order_view_problems_idx" on "order_view" using gin ("problems" jsonb_path_ops)',
    },
  ],
});

export type OrderView = InferEntity<typeof OrderView>;
