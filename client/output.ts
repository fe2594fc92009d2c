/** Prints either JSON (for scripts, never shortened) or aligned text (for people) that fits the terminal. */

const COLUMN_GAP = 2;
/** Narrower than this a column says too little to be worth keeping on one line. */
const NARROWEST_COLUMN = 4;

/**
 * How wide text output may be: the terminal's width, or COLUMNS when output goes elsewhere and
 * the caller set it; unlimited otherwise (a file or a pipe gets whole rows).
 */
export function outputWidth(): number | undefined {
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  const fromEnvironment = Number(process.env.COLUMNS);
  return Number.isInteger(fromEnvironment) && fromEnvironment > 0 ? fromEnvironment : undefined;
}

function cellText(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return text.replace(/\s*\n\s*/g, ' ');
}

function shortened(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Column widths that fit `available` characters: narrow columns keep their width, the wide ones
 * share what is left equally. When even that is too narrow, the natural widths stand.
 */
export function fitColumnWidths(natural: readonly number[], available: number | undefined): number[] {
  const gaps = COLUMN_GAP * Math.max(0, natural.length - 1);
  const total = natural.reduce((sum, width) => sum + width, 0) + gaps;
  if (available === undefined || total <= available) return [...natural];
  let room = available - gaps;
  if (room < NARROWEST_COLUMN * natural.length) return [...natural];
  const fitted = [...natural];
  const byWidth = natural.map((width, index) => ({ width, index })).sort((a, b) => a.width - b.width);
  byWidth.forEach(({ width, index }, position) => {
    const share = Math.floor(room / (byWidth.length - position));
    fitted[index] = Math.min(width, share);
    room -= fitted[index];
  });
  return fitted;
}

export function printRecord(record: Record<string, unknown>, asJson: boolean): void {
  if (asJson) {
    console.log(JSON.stringify(record, null, 2));
    return;
  }
  const width = Math.max(...Object.keys(record).map((key) => key.length));
  const valueRoom = (outputWidth() ?? Infinity) - width - COLUMN_GAP;
  for (const [key, value] of Object.entries(record)) {
    const shown = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    // A long value wraps under itself: a record shows everything, unlike a table row.
    const pieces: string[] = [];
    for (const line of shown.split('\n')) {
      if (valueRoom < 20 || line.length <= valueRoom) pieces.push(line);
      else
        for (let start = 0; start < line.length; start += valueRoom)
          pieces.push(line.slice(start, start + valueRoom));
    }
    pieces.forEach((piece, index) =>
      console.log(`${(index === 0 ? key : '').padEnd(width)}${' '.repeat(COLUMN_GAP)}${piece}`.trimEnd()),
    );
  }
}

/** One line per row; cells too long for the terminal end in … (`--json` has them whole). */
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
  const cells = records.map((row) => columns.map((column) => cellText(row[column])));
  const natural = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((rowCells) => rowCells[index]?.length ?? 0)),
  );
  const widths = fitColumnWidths(natural, outputWidth());
  const line = (texts: readonly string[]) =>
    texts
      .map((text, index) => shortened(text, widths[index] ?? 0).padEnd(widths[index] ?? 0))
      .join(' '.repeat(COLUMN_GAP))
      .trimEnd();
  console.log(line(columns));
  for (const rowCells of cells) console.log(line(rowCells));
}
