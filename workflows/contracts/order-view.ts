import type { OrderView } from '../../domain/order-view';

/** What the order workflow hands the read model writer. Types only; activities/ implements it. */

export interface RecordOrderViewInput {
  workflowId: string;
  view: OrderView;
  /** When the change happened, in workflow time (ISO 8601). */
  updatedAt: string;
  /** Start of the run chain, then the write's number within it: the newest write wins. */
  version: { chainStartedAt: string; seq: number };
}

export interface OrderViewActivities {
  /** Idempotent: a repeated or late write of an older version changes nothing. */
  recordOrderView(input: RecordOrderViewInput): Promise<'written' | 'stale'>;
}
