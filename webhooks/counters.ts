/** What the receiver counts, served as Prometheus text on GET /metrics. */
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

export class WebhookCounters {
  private readonly values = new Map<WebhookCounterName, number>(
    WEBHOOK_COUNTER_NAMES.map((name) => [name, 0]),
  );

  increment(name: WebhookCounterName): void {
    this.values.set(name, (this.values.get(name) ?? 0) + 1);
  }

  get(name: WebhookCounterName): number {
    return this.values.get(name) ?? 0;
  }

  snapshot(): Record<WebhookCounterName, number> {
    return Object.fromEntries(this.values) as Record<WebhookCounterName, number>;
  }

  prometheusText(): string {
    return WEBHOOK_COUNTER_NAMES.map(
      (name) =>
        `# TYPE orderbridge_webhooks_${name}_total counter\norderbridge_webhooks_${name}_total ${this.get(name)}`,
    ).join('\n');
  }
}
