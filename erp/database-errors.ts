/**
 * What a PostgreSQL error may say outside the ERP: its SQLSTATE, the table(s) and column, the
 * constraint. Never the message of the driver or the ORM: MikroORM puts the whole statement with
 * its parameters there, and PostgreSQL's `detail` and `where` quote the values.
 */
export interface DatabaseFailure {
  sqlState: string;
  /** The tables the failed statement writes, as PostgreSQL names them or the statement shows them. */
  tables: string[];
  column?: string;
  constraint?: string;
  /**
   * The same data fails the same way on every attempt: a data exception (class 22) or an integrity
   * violation (class 23) other than a unique key. Unique keys are how two attempts of one step meet
   * (the retry finds the other's row), so they stay transient.
   */
  deterministic: boolean;
  /** PostgreSQL's condition name for the code, when known. */
  condition: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
// "do update set" (upserts) and "for update" (locks) name no table.
const WRITTEN_TABLE = /\b(?<!(?:do|for)\s+)(?:insert\s+into|update|delete\s+from)\s+"?([a-z_][a-z0-9_]*)"?/gi;

const CONDITIONS: Readonly<Record<string, string>> = {
  '22001': 'value too long for its column',
  '22003': 'number out of range',
  '22007': 'invalid date or time',
  '22008': 'date or time out of range',
  '22021': 'character not valid in UTF-8',
  '22P02': 'invalid text representation',
  '22P05': 'character not storable (NUL or broken character)',
  '23502': 'required value missing',
  '23503': 'reference to a missing row',
  '23505': 'unique key already taken',
  '23514': 'check constraint failed',
  '40001': 'serialization failure',
  '40P01': 'deadlock',
  '57P01': 'database shutting down',
  '08006': 'connection failure',
};

function stringField(source: Record<string, unknown>, key: string): string | undefined {
  const value = source[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The PostgreSQL error in `error` (MikroORM's exception or pg's own), sanitised; undefined otherwise. */
export function databaseFailureOf(error: unknown): DatabaseFailure | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const source = error as Record<string, unknown>;
  const sqlState = stringField(source, 'code') ?? stringField(source, 'sqlState');
  if (!sqlState || !SQLSTATE.test(sqlState) || !('severity' in source || 'sqlState' in source)) {
    return 'cause' in source ? databaseFailureOf(source.cause) : undefined;
  }
  const table = stringField(source, 'table');
  const message = typeof source.message === 'string' ? source.message : '';
  const tables = table
    ? [table]
    : [...new Set([...message.matchAll(WRITTEN_TABLE)].map((match) => match[1]!.toLowerCase()))];
  const column = stringField(source, 'column');
  const constraint = stringField(source, 'constraint');
  const sqlClass = sqlState.slice(0, 2);
  return {
    sqlState,
    tables,
    ...(column ? { column } : {}),
    ...(constraint ? { constraint } : {}),
    deterministic: sqlClass === '22' || (sqlClass === '23' && sqlState !== '23505'),
    condition: CONDITIONS[sqlState] ?? `SQLSTATE class ${sqlClass}`,
  };
}

/** Where the failure lies, as an order problem's field: table.column, or the table(s) written. */
export function failureField(failure: DatabaseFailure): string {
  const tables = failure.tables.length > 0 ? failure.tables.join('/') : 'unknown table';
  return failure.column ? `${tables}.${failure.column}` : tables;
}

/** One line for Temporal and the log: code, condition, where; no values. */
export function describeDatabaseFailure(failure: DatabaseFailure): string {
  const constraint = failure.constraint ? ` (constraint ${failure.constraint})` : '';
  return `PostgreSQL ${failure.sqlState} ${failure.condition} at ${failureField(failure)}${constraint}`;
}
