import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldValue } from '../../../domain/master-data/field-spec';
import { keyFieldsOf, type MasterDataKind } from './master-data-kinds';
import { keyOf, type FieldProblem, type MasterRecord } from './record-values';

/** Identifiers come from the kinds' descriptors only, never from input. */
const quoted = (identifier: string) => `"${identifier}"`;

function selectList(kind: MasterDataKind): string {
  return kind.fields.map((field) => `${quoted(field.column)} as ${quoted(field.name)}`).join(', ');
}

/** Postgres returns numerics as strings already; trailing zeros go, so "12.5000" reads "12.5". */
function cleanRecord(kind: MasterDataKind, row: MasterRecord): MasterRecord {
  const record: MasterRecord = {};
  for (const field of kind.fields) {
    const value = row[field.name] ?? null;
    record[field.name] =
      typeof value === 'string' && (field.type === 'decimal' || field.type === 'percent')
        ? value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')
        : value;
  }
  return record;
}

export async function selectMasterRecords(
  em: EntityManager,
  kind: MasterDataKind,
  where: Readonly<MasterRecord> = {},
): Promise<MasterRecord[]> {
  const conditions = Object.keys(where).map((name) => {
    const field = kind.fields.find((candidate) => candidate.name === name);
    if (!field) throw new Error(`${kind.label} has no field ${name}`);
    return `${quoted(field.column)} = ?`;
  });
  const rows = await em.execute<MasterRecord[]>(
    `select ${selectList(kind)} from ${quoted(kind.table)}` +
      (conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '') +
      ` order by ${keyFieldsOf(kind)
        .map((field) => quoted(field.column))
        .join(', ')}`,
    Object.values(where),
  );
  return rows.map((row) => cleanRecord(kind, row));
}

/** Which of these records' keys exist already, as keyOf strings. */
export async function existingKeys(
  em: EntityManager,
  kind: MasterDataKind,
  records: readonly MasterRecord[],
): Promise<Set<string>> {
  const keyFields = keyFieldsOf(kind);
  if (records.length === 0) return new Set();
  const rows = await em.execute<MasterRecord[]>(
    `select ${keyFields.map((field) => `t.${quoted(field.column)} as ${quoted(field.name)}`).join(', ')}
       from ${quoted(kind.table)} t
       join json_to_recordset(?::json) as k(${keyFields.map((field) => `${quoted(field.name)} text`).join(', ')})
         on ${keyFields.map((field) => `t.${quoted(field.column)} = k.${quoted(field.name)}`).join(' and ')}`,
    [
      JSON.stringify(
        records.map((record) => Object.fromEntries(keyFields.map((f) => [f.name, record[f.name]]))),
      ),
    ],
  );
  return new Set(rows.map((row) => keyOf(kind, row)));
}

/** Values of reference fields that name no existing record, per field. */
export async function missingReferences(
  em: EntityManager,
  kind: MasterDataKind,
  records: readonly MasterRecord[],
): Promise<Map<string, Set<string>>> {
  const missing = new Map<string, Set<string>>();
  for (const field of kind.fields) {
    if (!field.references) continue;
    const values = [
      ...new Set(records.map((record) => record[field.name]).filter((value) => typeof value === 'string')),
    ];
    if (values.length === 0) continue;
    const rows = await em.execute<{ value: string }[]>(
      `select v.value from json_array_elements_text(?::json) as v(value)
        where not exists (select 1 from ${quoted(field.references.table)} r
                           where r.${quoted(field.references.column)} = v.value)`,
      [JSON.stringify(values)],
    );
    missing.set(field.name, new Set(rows.map((row) => row.value)));
  }
  return missing;
}

export function referenceProblems(
  kind: MasterDataKind,
  record: MasterRecord,
  missing: ReadonlyMap<string, ReadonlySet<string>>,
): FieldProblem[] {
  return kind.fields.flatMap((field) => {
    const value = record[field.name];
    return field.references && typeof value === 'string' && missing.get(field.name)?.has(value)
      ? [{ column: field.name, reason: `${field.references.label} '${value}' does not exist` }]
      : [];
  });
}

function columnValues(kind: MasterDataKind, record: MasterRecord): [string, FieldValue][] {
  const columns: [string, FieldValue][] = kind.fields
    .filter((field) => field.name in record)
    .map((field) => [field.column, record[field.name] ?? null]);
  return [...columns, ...Object.entries(kind.derivedColumns?.(record) ?? {})];
}

/**
 * Inserts a new record (fields it lacks get the column default), or changes the fields an existing
 * one is given. Callers know which from `existingKeys` in the same transaction: an insert's
 * on-conflict branch cannot serve partial changes, as the insert's own NOT NULL checks come first.
 */
export async function writeMasterRecord(
  em: EntityManager,
  kind: MasterDataKind,
  record: MasterRecord,
  exists: boolean,
): Promise<void> {
  const columns = columnValues(kind, record);
  const keyColumns = keyFieldsOf(kind).map((field) => field.column);
  if (!exists) {
    await em.execute(
      `insert into ${quoted(kind.table)} (${columns.map(([column]) => quoted(column)).join(', ')})
       values (${columns.map(() => '?').join(', ')})`,
      columns.map(([, value]) => value),
    );
    return;
  }
  const changed = columns.filter(([column]) => !keyColumns.includes(column));
  if (changed.length === 0) return;
  const keys = keyFieldsOf(kind).map((field) => record[field.name] ?? null);
  await em.execute(
    `update ${quoted(kind.table)} set ${changed.map(([column]) => `${quoted(column)} = ?`).join(', ')}
      where ${keyColumns.map((column) => `${quoted(column)} = ?`).join(' and ')}`,
    [...changed.map(([, value]) => value), ...keys],
  );
}
