import type { ErpOrm } from '../erp/orm';
import type { Logger } from '../platform/logger';

/** What every activity may use; built once per worker process and closed over. */
export interface ActivityDeps {
  orm: ErpOrm;
  logger: Logger;
}
