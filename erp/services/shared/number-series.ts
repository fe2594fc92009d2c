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

/**
 * The same step as nextNumber, as a common table expression `taken(no)` for statements that use the
 * number at once (one parameter: the series code). The number is formatted as nextNumber does:
 * zero-padded to the series' digits, never cut.
 */
export const TAKE_NUMBER_CTE = `taken as (
  update number_series set last_no = last_no + 1 where code = ?
  returning prefix || lpad(last_no::text, greatest(digits, length(last_no::text)), '0') as no
)`;
