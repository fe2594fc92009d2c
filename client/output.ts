/** Prints either JSON (for scripts) or aligned text (for people). */
export function printRecord(record: Record<string, unknown>, asJson: boolean): void {
  if (asJson) {
    console.log(JSON.stringify(record, null, 2));
    return;
  }
  const width = Math.max(...Object.keys(record).map((key) => key.length));
  for (const [key, value] of Object.entries(record)) {
    const shown = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    console.log(`${key.padEnd(width)}  ${shown}`);
  }
}

export function printTable(rows: readonly object[], asJson: boolean): void {
  if (asJson) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const records = rows as readonly Record<string, unknown>[];
  const columns = records[0] ? Object.keys(records[0]) : [];
  const cell = (value: unknown) =>
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  const widths = columns.map((column) =>
    Math.max(column.length, ...records.map((row) => cell(row[column]).length)),
  );
  console.log(columns.map((column, index) => column.padEnd(widths[index] ?? 0)).join('  '));
  for (const row of records) {
    console.log(columns.map((column, index) => cell(row[column]).padEnd(widths[index] ?? 0)).join('  '));
  }
}
