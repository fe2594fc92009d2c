import type { MasterDataKindName } from '../../erp/services/master-data';
import type { AppContext } from '../app-context';

/**
 * Hook run after master data changed through the CLI (add, set, a written import): the place to
 * wake the orders whose open problem the change may fix. Until a service that finds and wakes those
 * orders exists, waiting orders re-check on their own back-off; the returned note says so.
 */
export function afterMasterDataChanged(appContext: AppContext, kind: MasterDataKindName): Promise<string> {
  void appContext;
  return Promise.resolve(
    `orders waiting on a ${kind} re-check by themselves; \`orderbridge order retry <#name>\` re-checks one now`,
  );
}
