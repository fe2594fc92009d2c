import type { Command } from 'commander';
import { optionNameOf } from '../../domain/master-data/field-spec';
import {
  keyFieldsOf,
  masterDataKind,
  MASTER_DATA_KIND_NAMES,
  type MasterDataKind,
  addMasterRecord,
  listMasterRecords,
  setMasterRecord,
  showMasterRecord,
  type MasterRecord,
} from '../../erp/services/master-data';
import type { AppContext } from '../app-context';
import { printRecord, printTable } from '../output';
import { withAppContext } from '../run-command';
import { afterMasterDataChanged } from './erp-master-data-changed';

type FieldOptions = Record<string, string | boolean | undefined>;

const VALUE_HINTS = {
  text: 'text',
  code: 'code',
  decimal: 'amount',
  percent: 'percent',
  boolean: 'true|false',
  country: 'country',
  email: 'address',
  phone: 'number',
} as const;

/** The field options given, by field name; "" is kept (it clears an optional field). */
function fieldValues(kind: MasterDataKind, options: FieldOptions): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of kind.fields) {
    const value = options[field.name];
    if (typeof value === 'string') values[field.name] = value;
  }
  return values;
}

function withFieldOptions(command: Command, kind: MasterDataKind): Command {
  for (const field of kind.fields.filter((candidate) => !candidate.key)) {
    const limit = field.maxLength ? `, at most ${field.maxLength} characters` : '';
    const empty = field.required
      ? ' (required)'
      : field.emptyValue !== undefined
        ? `; "" sets ${String(field.emptyValue)}`
        : '; "" clears';
    command.option(`--${optionNameOf(field)} <${VALUE_HINTS[field.type]}>`, `${field.name}${limit}${empty}`);
  }
  return command.option('--json', 'print JSON');
}

function keyArguments(kind: MasterDataKind): string {
  return keyFieldsOf(kind)
    .map((field) => `<${field.name}>`)
    .join(' ');
}

function registerKind(erp: Command, context: () => AppContext, kind: MasterDataKind): void {
  const keyCount = keyFieldsOf(kind).length;
  const kindCommand = erp
    .command(kind.name)
    .description(
      `${kind.label}s: add, change, show and list (bulk: \`orderbridge erp import ${kind.name}\`)`,
    );

  const change = (verb: 'add' | 'set') =>
    withFieldOptions(
      kindCommand
        .command(`${verb} ${keyArguments(kind)}`)
        .description(
          verb === 'add' ? `Add a ${kind.label.toLowerCase()}` : `Change a ${kind.label.toLowerCase()}`,
        ),
      kind,
    ).action(async (...args: unknown[]) =>
      withAppContext(context, async (appContext) => {
        const key = args.slice(0, keyCount) as string[];
        const options = args[keyCount] as FieldOptions;
        const write = verb === 'add' ? addMasterRecord : setMasterRecord;
        const record = await write(await appContext.erp(), kind, key, fieldValues(kind, options));
        printRecord(record, Boolean(options.json));
        await afterMasterDataChanged(appContext, kind.name);
      }),
    );
  change('add');
  change('set');

  kindCommand
    .command(`show ${keyArguments(kind)}`)
    .description(`Show a ${kind.label.toLowerCase()}${kind.name === 'item' ? ' and its variants' : ''}`)
    .option('--json', 'print JSON')
    .action(async (...args: unknown[]) =>
      withAppContext(context, async (appContext) => {
        const key = args.slice(0, keyCount) as string[];
        const options = args[keyCount] as { json?: boolean };
        const erpStore = await appContext.erp();
        const record = await showMasterRecord(erpStore, kind, key);
        if (kind.name !== 'item') return printRecord(record, Boolean(options.json));
        const variants = await listMasterRecords(erpStore, masterDataKind('item-variant'), {
          itemNo: record.no ?? null,
        });
        if (options.json) return printRecord({ ...record, variants }, true);
        printRecord(record, false);
        console.log('variants:');
        printTable(variants, false);
      }),
    );

  const list = kindCommand
    .command('list')
    .description(`List ${kind.label.toLowerCase()}s`)
    .option('--json', 'print JSON');
  if (kind.name === 'item-variant') list.option('--item <no>', "only this item's variants");
  list.action(async (options: { json?: boolean; item?: string }) =>
    withAppContext(context, async (appContext) => {
      const where: MasterRecord = options.item ? { itemNo: options.item } : {};
      printTable(await listMasterRecords(await appContext.erp(), kind, where), Boolean(options.json));
    }),
  );
}

/** The `erp` command, made here when this module is registered before the one that makes it. */
export function erpCommandOf(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'erp') ??
    program.command('erp').description('Work with the ERP: master data and sales documents')
  );
}

/**
 * `orderbridge erp item|item-variant|customer|tax-area|gl-account|location|shipment-method
 * add|set|show|list`: master data an operator keeps without SQL. Shipping agents have their own
 * command (`orderbridge shipping-agent`).
 */
export function registerErpMasterDataCommands(program: Command, context: () => AppContext): void {
  const erp = erpCommandOf(program);
  for (const name of MASTER_DATA_KIND_NAMES) registerKind(erp, context, masterDataKind(name));
}
