import type { FieldValue } from '../../../domain/master-data/field-spec';
import { parseFieldValue } from '../../../domain/master-data/field-values';
import type { MasterDataKind } from './master-data-kinds';

/** A master-data record as its fields' names and stored values. */
export type MasterRecord = Record<string, FieldValue>;

export interface FieldProblem {
  column: string;
  reason: string;
}

export interface CheckedValues {
  values: MasterRecord;
  problems: FieldProblem[];
}

/**
 * Raw values by field name (CLI options, CSV cells) as stored values, each refused one with its
 * reason. Names that are no field of the kind are refused too, so a typo never passes silently.
 */
export function checkRecordValues(
  kind: MasterDataKind,
  raw: Readonly<Record<string, string>>,
): CheckedValues {
  const values: MasterRecord = {};
  const problems: FieldProblem[] = [];
  for (const [name, rawValue] of Object.entries(raw)) {
    const field = kind.fields.find((candidate) => candidate.name === name);
    if (!field) {
      problems.push({ column: name, reason: `no such field of ${kind.label.toLowerCase()}` });
      continue;
    }
    const parsed = parseFieldValue(field, rawValue);
    if (parsed.ok) values[name] = parsed.value;
    else problems.push({ column: name, reason: parsed.reason });
  }
  return { values, problems };
}

/** Required fields a new record lacks. */
export function missingForNewRecord(kind: MasterDataKind, values: MasterRecord): FieldProblem[] {
  return kind.fields
    .filter((field) => (field.required || field.key) && !(field.name in values))
    .map((field) => ({ column: field.name, reason: `required for a new ${kind.label.toLowerCase()}` }));
}

/** The record's key as one string, for sets and messages. */
export function keyOf(kind: MasterDataKind, values: MasterRecord): string {
  return kind.fields
    .filter((field) => field.key)
    .map((field) => String(values[field.name] ?? ''))
    .join(' ');
}
