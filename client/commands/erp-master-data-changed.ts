import type { ConfigurationChange } from '../../domain/configuration-fixes';
import type { MasterDataKindName } from '../../erp/services/master-data';
import type { AppContext } from '../app-context';
import { wakeWorkFixedBy } from '../wake-after-change';

/**
 * The configuration change whose waiting orders a master-data kind can unblock. A wider change
 * than needed only costs those orders one early re-check.
 */
const CHANGE_OF_KIND: Record<MasterDataKindName, ConfigurationChange> = {
  item: 'item-mapping',
  'item-variant': 'item-mapping',
  customer: 'customer-mapping',
  'tax-area': 'customer-template',
  'gl-account': 'shop-card',
  location: 'location-mapping',
  'shipment-method': 'shipment-method-mapping',
};

/**
 * Run after master data changed through the CLI (add, set, a written import, `map items
 * --from-shopify`): wakes the orders and refunds whose open problem the change can fix.
 */
export async function afterMasterDataChanged(
  appContext: AppContext,
  kind: MasterDataKindName,
): Promise<void> {
  await wakeWorkFixedBy(appContext, CHANGE_OF_KIND[kind]);
}
