import type { EntityManager } from '@mikro-orm/postgresql';
import type { ErpOrm } from '../../orm';

/** What every service accepts: the ORM (a fresh EntityManager is forked) or a caller's EntityManager. */
export type ErpContext = ErpOrm | EntityManager;

export function entityManagerOf(context: ErpContext): EntityManager {
  return 'em' in context ? (context.em.fork() as EntityManager) : context;
}

/** Runs `work` in one transaction on a fork of the context's EntityManager. */
export function inTransaction<T>(context: ErpContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return entityManagerOf(context)
    .fork()
    .transactional((em) => work(em as EntityManager));
}

/**
 * Serialises every unit of work on one Shopify order (import, mapping, document creation) across
 * processes, for the rest of the transaction. Keyed by store and order id, so it also covers the
 * first import, before any row exists to lock.
 */
export async function lockShopifyOrder(
  em: EntityManager,
  store: string,
  shopifyOrderId: string,
): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `order:${store}:${shopifyOrderId}`,
  ]);
}
