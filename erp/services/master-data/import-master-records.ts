import type { CsvRecords } from '../../../domain/master-data/csv-records';
import { inTransaction, type ErpContext } from '../shared/context';
import { MasterDataError } from './master-data-error';
import { keyFieldsOf, type MasterDataKind } from './master-data-kinds';
import { existingKeys, missingReferences, referenceProblems, writeMasterRecord } from './master-record-store';
import { checkRecordValues, keyOf, missingForNewRecord, type MasterRecord } from './record-values';

export interface RejectedCell {
  line: number;
  column: string;
  reason: string;
}

export interface ImportReport {
  kind: string;
  rows: number;
  /** Rows that insert a new record / change an existing one (written only when `written`). */
  inserted: number;
  updated: number;
  rejectedRows: number;
  rejected: RejectedCell[];
  written: boolean;
}

export interface ImportOptions {
  dryRun: boolean;
  /** Write the valid rows of a file that has rejected ones (else a file with errors writes nothing). */
  skipInvalid: boolean;
}

interface CandidateRow {
  line: number;
  record: MasterRecord;
}

function headerProblems(kind: MasterDataKind, columns: readonly string[]): RejectedCell[] {
  const known = kind.fields.map((field) => field.name);
  const seen = new Set<string>();
  const problems: RejectedCell[] = [];
  for (const column of columns) {
    if (seen.has(column)) problems.push({ line: 1, column, reason: 'column named twice' });
    else if (!known.includes(column))
      problems.push({ line: 1, column, reason: `no such column; the columns are ${known.join(', ')}` });
    seen.add(column);
  }
  for (const field of keyFieldsOf(kind)) {
    if (!seen.has(field.name))
      problems.push({ line: 1, column: field.name, reason: 'key column missing: every row needs it' });
  }
  return problems;
}

/** Rows whose values are well formed, each key once (a repeated key is refused on its later line). */
function candidateRows(kind: MasterDataKind, csv: CsvRecords, rejected: RejectedCell[]): CandidateRow[] {
  const firstLineOfKey = new Map<string, number>();
  const candidates: CandidateRow[] = [];
  for (const row of csv.rows) {
    const { values, problems } = checkRecordValues(kind, row.values);
    if (problems.length > 0) {
      rejected.push(...problems.map((problem) => ({ line: row.line, ...problem })));
      continue;
    }
    const key = keyOf(kind, values);
    const firstLine = firstLineOfKey.get(key);
    if (firstLine !== undefined) {
      rejected.push({
        line: row.line,
        column: keyFieldsOf(kind)[0]!.name,
        reason: `${key} is on line ${firstLine} already`,
      });
      continue;
    }
    firstLineOfKey.set(key, row.line);
    candidates.push({ line: row.line, record: values });
  }
  return candidates;
}

/**
 * Upserts a CSV file's records by key in one transaction. Every refused cell is reported with its
 * line and column; a file with any refused row writes nothing unless `skipInvalid` is given.
 */
export async function importMasterRecords(
  context: ErpContext,
  kind: MasterDataKind,
  csv: CsvRecords,
  options: ImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = {
    kind: kind.name,
    rows: csv.rows.length,
    inserted: 0,
    updated: 0,
    rejectedRows: 0,
    rejected: headerProblems(kind, csv.columns),
    written: false,
  };
  if (report.rejected.length > 0) return report;
  const candidates = candidateRows(kind, csv, report.rejected);
  return inTransaction(context, async (em) => {
    const existing = await existingKeys(
      em,
      kind,
      candidates.map((candidate) => candidate.record),
    );
    const missing = await missingReferences(
      em,
      kind,
      candidates.map((candidate) => candidate.record),
    );
    const accepted: (CandidateRow & { isNew: boolean })[] = [];
    for (const candidate of candidates) {
      const isNew = !existing.has(keyOf(kind, candidate.record));
      const problems = [
        ...(isNew ? missingForNewRecord(kind, candidate.record) : []),
        ...referenceProblems(kind, candidate.record, missing),
      ];
      if (problems.length > 0)
        report.rejected.push(...problems.map((problem) => ({ line: candidate.line, ...problem })));
      else accepted.push({ ...candidate, isNew });
    }
    report.rejected.sort((left, right) => left.line - right.line);
    report.rejectedRows = new Set(report.rejected.map((cell) => cell.line)).size;
    report.inserted = accepted.filter((row) => row.isNew).length;
    report.updated = accepted.length - report.inserted;
    if (options.dryRun || (report.rejectedRows > 0 && !options.skipInvalid)) return report;
    for (const row of accepted) {
      try {
        await writeMasterRecord(em, kind, row.record, !row.isNew);
      } catch (error) {
        throw new MasterDataError(
          `line ${row.line}: ${(error as Error).message.split('\n')[0]}; nothing was written`,
        );
      }
    }
    report.written = true;
    return report;
  });
}
