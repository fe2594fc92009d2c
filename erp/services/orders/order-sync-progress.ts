import { ImportedOrder, OrderToImport } from '../../entities';
import { entityManagerOf, type ErpContext } from '../shared/context';

export interface OrderSyncProgress {
  /** Orders of the shop card imported (or imported again) since the sync started. */
  imported: number;
  /** Of those, and of the shop card's orders to import changed since, the ones with an error. */
  problems: number;
}

/** What the order workflows a sync woke have done so far, for the CLI's progress line. */
export async function orderSyncProgress(
  context: ErpContext,
  shopCode: string,
  since: Date,
): Promise<OrderSyncProgress> {
  const em = entityManagerOf(context);
  const [imported, importProblems, queueProblems] = await Promise.all([
    em.count(ImportedOrder, { shopCode, lastImportedAt: { $gte: since } }),
    em.count(ImportedOrder, { shopCode, hasError: true, updatedAt: { $gte: since } }),
    em.count(OrderToImport, { claimedByShopCode: shopCode, hasError: true, updatedAt: { $gte: since } }),
  ]);
  return { imported, problems: importProblems + queueProblems };
}
