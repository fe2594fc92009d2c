import { webhookDeliveriesRejected, webhookDeliveryOutcomes } from '../platform/metrics';

/** What the receiver counts: in this object (tests read it) and in the process' Prometheus registry. */
export const WEBHOOK_COUNTER_NAMES = [
  'received',
  'accepted',
  'invalid_signature',
  'unknown_shop',
  'too_large',
  'duplicate',
  'unreadable',
  'deferred_to_sync',
  'temporal_unavailable',
] as const;

export type WebhookCounterName = (typeof WEBHOOK_COUNTER_NAMES)[number];

/** The outcomes that refuse a delivery before its signature could be trusted. */
const REJECTIONS: ReadonlySet<WebhookCounterName> = new Set([
  'invalid_signature',
  'unknown_shop',
  'too_large',
]);

export class WebhookCounters {
  private readonly values = new Map<WebhookCounterName, number>(
    WEBHOOK_COUNTER_NAMES.map((name) => [name, 0]),
  );

  increment(name: WebhookCounterName): void {
    this.values.set(name, (this.values.get(name) ?? 0) + 1);
    webhookDeliveryOutcomes.inc({ outcome: name });
    if (REJECTIONS.has(name)) webhookDeliveriesRejected.inc({ reason: name });
  }

  get(name: WebhookCounterName): number {
    return this.values.get(name) ?? 0;
  }

  snapshot(): Record<WebhookCounterName, number> {
    return Object.fromEntries(this.values) as Record<WebhookCounterName, number>;
  }
}
