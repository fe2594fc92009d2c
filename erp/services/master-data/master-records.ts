import { inTransaction, type ErpContext } from '../shared/context';
import { MasterDataError, MasterRecordNotFoundError } from './master-data-error';
import { keyFieldsOf, type MasterDataKind } from './master-data-kinds';
import {
  existingKeys,
  missingReferences,
  referenceProblems,
  selectMasterRecords,
  writeMasterRecord,
} from './master-record-store';
import { checkRecordValues, keyOf, missingForNewRecord, type MasterRecord } from './record-values';

function keyValues(kind: MasterDataKind, key: readonly string[]): Record<string, string> {
  const keyFields = keyFieldsOf(kind);
  if (key.length !== keyFields.length)
    throw new MasterDataError(`${kind.label}: give ${keyFields.map((field) => field.name).join(' and ')}`);
  return Object.fromEntries(keyFields.map((field, index) => [field.name, key[index] ?? '']));
}

function checked(kind: MasterDataKind, key: readonly string[], changes: Readonly<Record<string, string>>) {
  const { values, problems } = checkRecordValues(kind, { ...changes, ...keyValues(kind, key) });
  if (problems.length > 0) throw new MasterDataError(`${kind.label} refused`, problems);
  return values;
}

async function write(
  context: ErpContext,
  kind: MasterDataKind,
  values: MasterRecord,
  mustExist: boolean,
): Promise<MasterRecord> {
  const label = `${kind.label} ${keyOf(kind, values)}`;
  return inTransaction(context, async (em) => {
    const exists = (await existingKeys(em, kind, [values])).size > 0;
    if (mustExist && !exists)
      throw new MasterRecordNotFoundError(
        `${label} does not exist: add it with \`orderbridge erp ${kind.name} add\``,
      );
    if (!mustExist && exists)
      throw new MasterDataError(
        `${label} exists already: change it with \`orderbridge erp ${kind.name} set\``,
      );
    const problems = [
      ...(mustExist ? [] : missingForNewRecord(kind, values)),
      ...referenceProblems(kind, values, await missingReferences(em, kind, [values])),
    ];
    if (problems.length > 0) throw new MasterDataError(`${label} refused`, problems);
    await writeMasterRecord(em, kind, values, exists);
    const keys = Object.fromEntries(
      keyFieldsOf(kind).map((field) => [field.name, values[field.name] ?? null]),
    );
    const [record] = await selectMasterRecords(em, kind, keys);
    if (!record) throw new MasterDataError(`${label} was not written`);
    return record;
  });
}

/** Adds a record; its key must be new and its required fields given. */
export function addMasterRecord(
  context: ErpContext,
  kind: MasterDataKind,
  key: readonly string[],
  fields: Readonly<Record<string, string>>,
): Promise<MasterRecord> {
  return write(context, kind, checked(kind, key, fields), false);
}

/** Changes the given fields of an existing record; an empty value clears an optional field. */
export function setMasterRecord(
  context: ErpContext,
  kind: MasterDataKind,
  key: readonly string[],
  changes: Readonly<Record<string, string>>,
): Promise<MasterRecord> {
  if (Object.keys(changes).length === 0)
    throw new MasterDataError(
      `Nothing to change: give one of ${kind.fields
        .filter((field) => !field.key)
        .map((field) => field.name)
        .join(', ')}`,
    );
  return write(context, kind, checked(kind, key, changes), true);
}

export async function showMasterRecord(
  context: ErpContext,
  kind: MasterDataKind,
  key: readonly string[],
): Promise<MasterRecord> {
  const values = checked(kind, key, {});
  const [record] = await inTransaction(context, (em) => selectMasterRecords(em, kind, values));
  if (!record) throw new MasterRecordNotFoundError(`${kind.label} ${keyOf(kind, values)} does not exist`);
  return record;
}

/** Every record of the kind by key, optionally only those with these field values. */
export function listMasterRecords(
  context: ErpContext,
  kind: MasterDataKind,
  where: Readonly<MasterRecord> = {},
): Promise<MasterRecord[]> {
  return inTransaction(context, (em) => selectMasterRecords(em, kind, where));
}
