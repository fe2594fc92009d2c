import type { Client } from '@temporalio/client';
import { syncOrdersWorkflowId, syncShipmentsWorkflowId } from '../workflows/messages';
import type { SyncOrdersInput, syncOrdersWorkflow } from '../workflows/sync-orders';
import type { SyncShipmentsWorkflowInput, syncShipmentsWorkflow } from '../workflows/sync-shipments';

/**
 * A sync run started now, beside the scheduled ones. Its id is its own (`<sync id>:<label>-<ms>`),
 * so it never collides with a scheduled run; orders and shipments stay exactly-once through their
 * per-order workflows.
 */
interface SyncRun {
  taskQueue: string;
  /** Names the run in its workflow id, e.g. 'manual' or 'first'. */
  label: string;
  startedAt: number;
}

export function startOrderSync(client: Client, run: SyncRun, input: SyncOrdersInput) {
  return client.workflow.start<typeof syncOrdersWorkflow>('syncOrdersWorkflow', {
    taskQueue: run.taskQueue,
    workflowId: `${syncOrdersWorkflowId(input.shopCode)}:${run.label}-${run.startedAt}`,
    args: [input],
  });
}

export function startShipmentSync(client: Client, run: SyncRun, input: SyncShipmentsWorkflowInput) {
  return client.workflow.start<typeof syncShipmentsWorkflow>('syncShipmentsWorkflow', {
    taskQueue: run.taskQueue,
    workflowId: `${syncShipmentsWorkflowId(input.shopCode)}:${run.label}-${run.startedAt}`,
    args: [input],
  });
}
