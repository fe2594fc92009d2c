import type { PrivacyTopic } from '../../../domain/webhook-doorbell';
import { entityManagerOf, inTransaction, type ErpContext } from '../shared/context';

/** Records a privacy request as received; the same event recorded twice keeps one row. */
export async function recordPrivacyRequest(
  context: ErpContext,
  request: { shopDomain: string; eventId: string; topic: PrivacyTopic; shopifyCustomerId: string | null },
): Promise<number> {
  const rows = await entityManagerOf(context).execute<{ id: number }[]>(
    `insert into privacy_request (shop_domain, event_id, topic, shopify_customer_id) values (?, ?, ?, ?)
     on conflict (shop_domain, event_id) do update set topic = excluded.topic returning id`,
    [request.shopDomain, request.eventId, request.topic, request.shopifyCustomerId],
  );
  return rows[0]!.id;
}

export async function completePrivacyRequest(
  context: ErpContext,
  requestId: number,
  outcome: Record<string, unknown>,
): Promise<void> {
  await inTransaction(context, (em) =>
    em.execute(`update privacy_request set completed_at = now(), outcome = ?::jsonb where id = ?`, [
      JSON.stringify(outcome),
      requestId,
    ]),
  );
}

export interface PrivacyRequestView {
  id: number;
  shopDomain: string;
  topic: PrivacyTopic;
  shopifyCustomerId: string | null;
  receivedAt: string;
  completedAt: string | null;
  outcome: Record<string, unknown> | null;
}

/** The requests of a store (all stores without one), newest first, for the operator. */
export async function listPrivacyRequests(
  context: ErpContext,
  shopDomain?: string,
): Promise<PrivacyRequestView[]> {
  const rows = await entityManagerOf(context).execute<
    {
      id: number;
      shop_domain: string;
      topic: PrivacyTopic;
      shopify_customer_id: string | null;
      received_at: Date;
      completed_at: Date | null;
      outcome: Record<string, unknown> | null;
    }[]
  >(
    `select id, shop_domain, topic, shopify_customer_id, received_at, completed_at, outcome
       from privacy_request where (?::text is null or shop_domain = ?) order by id desc`,
    [shopDomain ?? null, shopDomain ?? null],
  );
  return rows.map((row) => ({
    id: row.id,
    shopDomain: row.shop_domain,
    topic: row.topic,
    shopifyCustomerId: row.shopify_customer_id,
    receivedAt: new Date(row.received_at).toISOString(),
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    outcome: row.outcome,
  }));
}
