import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FieldValue } from './field-spec';

/** One data row of a CSV file with the file line it starts on (the header is line 1). */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export interface CsvRecords {
  columns: string[];
  rows: CsvRow[];
}

export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvFormatError';
  }
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * A CSV text with a header row. Every row must have as many cells as the header: a short row is a
 * format error naming its line, not a row whose last fields are silently emptied.
 */
export function parseCsvRecords(text: string): CsvRecords {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text.replace(/^\uFEFF/, ''), {
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      // The typings do not model `info: true`, which wraps each record with its position.
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new CsvFormatError(line, (error as Error).message);
  }
  const [header, ...data] = parsed;
  if (!header) throw new CsvFormatError(1, 'the file is empty: the first line must name the columns');
  const columns = header.record.map((column) => column.trim());
  return {
    columns,
    rows: data.map(({ record, info }) => ({
      // info.lines is the line the record ends on; a quoted cell may span several lines.
      line: info.lines - record.reduce((breaks, cell) => breaks + cell.split('\n').length - 1, 0),
      values: Object.fromEntries(columns.map((column, index) => [column, record[index] ?? ''])),
    })),
  };
}

/** Records as CSV in the given column order: empty cells for null, true/false for booleans. */
export function formatCsvRecords(
  columns: readonly string[],
  records: readonly Record<string, FieldValue>[],
): string {
  return stringify(
    records.map((record) =>
      columns.map((column) => {
        const value = record[column];
        return value === null || value === undefined ? '' : String(value);
      }),
    ),
    { header: true, columns: [...columns] },
  );
}
