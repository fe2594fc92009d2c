import type { EntityManager } from '@mikro-orm/postgresql';

export class NumberSeriesMissingError extends Error {
  constructor(code: string) {
    super(
      `Number series '${code}' does not exist: create it (code, prefix) before documents or customers use it`,
    );
    this.name = 'NumberSeriesMissingError';
  }
}

/**
 * The next number of a series, taken with one atomic UPDATE in the caller's transaction: two
 * transactions never get the same number, and a rolled-back one gives its number back.
 */
export async function nextNumber(em: EntityManager, seriesCode: string): Promise<string> {
  const rows = await em.execute<{ prefix: string; last_no: number; digits: number }[]>(
    'update number_series set last_no = last_no + 1 where code = ? returning prefix, last_no, digits',
    [seriesCode],
  );
  const row = rows[0];
  if (!row) throw new NumberSeriesMissingError(seriesCode);
  return `${row.prefix}${String(row.last_no).padStart(row.digits, '0')}`;
}
