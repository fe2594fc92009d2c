import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatCsvRecords, parseCsvRecords } from '../../domain/master-data/csv-records';
import {
  importMasterRecords,
  type ImportReport,
  masterDataKind,
  MASTER_DATA_KIND_NAMES,
  type MasterDataKind,
  listMasterRecords,
} from '../../erp/services/master-data';
import type { AppContext } from '../app-context';
import { EXIT_CODE, flagNeedsAttention, UsageError } from '../exit-codes';
import { withAppContext } from '../run-command';
import { afterMasterDataChanged } from './erp-master-data-changed';
import { erpCommandOf } from './erp-master-data';

function kindNamed(name: string): MasterDataKind {
  if (!(MASTER_DATA_KIND_NAMES as readonly string[]).includes(name))
    throw new UsageError(`Unknown kind '${name}': one of ${MASTER_DATA_KIND_NAMES.join(', ')}`);
  return masterDataKind(name);
}

interface ImportCommandOptions {
  dryRun?: boolean;
  skipInvalid?: boolean;
  json?: boolean;
}

function printImportReport(report: ImportReport, options: ImportCommandOptions): void {
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const verb = report.written ? '' : options.dryRun ? 'would be ' : 'not ';
  console.log(
    `${report.kind}: ${report.rows} rows; ${report.inserted} ${verb}added, ${report.updated} ${verb}changed, ${report.rejectedRows} rejected`,
  );
  for (const cell of report.rejected) console.log(`line ${cell.line}, column ${cell.column}: ${cell.reason}`);
  if (report.rejectedRows > 0 && !report.written && !options.dryRun)
    console.log('Nothing was written: fix the rows above, or give --skip-invalid to write the others');
}

/**
 * `orderbridge erp import <kind> <file.csv>` and `erp export <kind>`: master data in bulk, in one CSV
 * format (the header names the fields as `--json` prints them).
 */
export function registerErpImportExportCommands(program: Command, context: () => AppContext): void {
  const erp = erpCommandOf(program);
  const kinds = MASTER_DATA_KIND_NAMES.join(', ');

  erp
    .command('import <kind> <file>')
    .description(`Add or change master data from a CSV file, by key (kind: ${kinds})`)
    .option('--dry-run', 'check the file and say what it would change; write nothing')
    .option('--skip-invalid', 'write the valid rows even when others are rejected')
    .option('--json', 'print the report as JSON')
    .action(async (kindName: string, file: string, options: ImportCommandOptions) =>
      withAppContext(context, async (appContext) => {
        const kind = kindNamed(kindName);
        const csv = parseCsvRecords(await readFile(file, 'utf8'));
        const report = await importMasterRecords(await appContext.erp(), kind, csv, {
          dryRun: Boolean(options.dryRun),
          skipInvalid: Boolean(options.skipInvalid),
        });
        printImportReport(report, options);
        if (report.written) await afterMasterDataChanged(appContext, kind.name);
        // A refused file failed; rows refused in a dry run or skipped by --skip-invalid need a look.
        if (report.rejectedRows === 0) return;
        if (report.written || options.dryRun) flagNeedsAttention(`${report.rejectedRows} row(s) rejected`);
        else process.exitCode = EXIT_CODE.failure;
      }),
    );

  erp
    .command('export <kind>')
    .description(`Write master data as CSV, in the format import reads (kind: ${kinds})`)
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (kindName: string, options: { output?: string }) =>
      withAppContext(context, async (appContext) => {
        const kind = kindNamed(kindName);
        const csv = formatCsvRecords(
          kind.fields.map((field) => field.name),
          await listMasterRecords(await appContext.erp(), kind),
        );
        if (options.output) await writeFile(options.output, csv, 'utf8');
        else console.log(csv.replace(/\n$/, ''));
      }),
    );
}
