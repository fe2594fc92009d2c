import type { EntityManager } from '@mikro-orm/postgresql';
import { NumberSeries } from '../../entities';
import { nextNumber } from './number-series';

/** Number series of posted documents, created on first use when the company set-up has none. */
export const POSTED_SHIPMENT_NOS = { code: 'S-SHPT', prefix: 'SS' } as const;
export const POSTED_INVOICE_NOS = { code: 'S-PINV', prefix: 'PSI' } as const;

export async function nextPostedNumber(
  em: EntityManager,
  series: { code: string; prefix: string },
): Promise<string> {
  await em.upsert(
    NumberSeries,
    { code: series.code, prefix: series.prefix, digits: 6 },
    { onConflictFields: ['code'], onConflictAction: 'ignore' },
  );
  return nextNumber(em, series.code);
}
