import type { MasterDataKindName } from '../../erp/services/master-data';
import type { AppContext } from '../app-context';

/**
 * Hook run after master data changed through the CLI (add, set, a written import, `map items
 * --from-shopify`): the place to wake the orders whose open problem the change can fix. Until the
 * service that finds and wakes them is on this branch, they re-check on their own back-off and the
 * note says so. The problems each kind can fix: item, item-variant → ITEM_NOT_MAPPED; customer →
 * CUSTOMER_NOT_FOUND; tax-area → TAX_AREA_NOT_FOUND; gl-account → ACCOUNT_NOT_SET; location →
 * LOCATION_NOT_MAPPED; shipment-method → SHIPMENT_METHOD_NOT_MAPPED.
 */
export function afterMasterDataChanged(appContext: AppContext, kind: MasterDataKindName): Promise<string> {
  void appContext;
  return Promise.resolve(
    `orders waiting on a ${kind} re-check by themselves; \`orderbridge order retry <#name>\` re-checks one now`,
  );
}
