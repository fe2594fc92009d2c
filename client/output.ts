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

export function printTable(rows: readonly Record<string, unknown>[], asJson: boolean): void {
  if (asJson) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const columns = Object.keys(rows[0] ?? {});
  const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row[column]).length)),
  );
  console.log(columns.map((column, index) => column.padEnd(widths[index] ?? 0)).join('  '));
  for (const row of rows) {
    console.log(columns.map((column, index) => cell(row[column]).padEnd(widths[index] ?? 0)).join('  '));
  }
}
