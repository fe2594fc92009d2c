import type { Client } from '@temporalio/client';
import type { ErpOrm } from '../erp/orm';
import type { Logger } from '../platform/logger';

/** What the console needs: the same ERP store and Temporal client the CLI uses. */
export interface ConsoleDeps {
  orm: ErpOrm;
  temporalClient(): Promise<Client>;
  taskQueue: string;
  namespace: string;
  /** The Temporal UI, for links to each order's workflow; none hides the links. */
  temporalUiUrl?: string;
  logger: Logger;
  sessionHours: number;
  /** Signs the session cookie (32+ characters). */
  sessionSecret: string;
  /** Behind a TLS proxy: trust X-Forwarded-Proto (then cookies are Secure). */
  trustProxy: boolean;
  /** How often pages poll for changes. */
  pollMs?: number;
}
