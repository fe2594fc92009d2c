/**
 * Values read with plain SQL (em.execute) come as the driver gives them: numerics as strings, JSON
 * parsed, timestamps as PostgreSQL text ("2026-11-27 16:50:41.35+00"). This turns the latter into Dates.
 */
export function timestampOf(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const iso = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) throw new Error(`Unreadable timestamp from the database: '${value}'`);
  return parsed;
}
