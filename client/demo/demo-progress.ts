import { ImportedOrder, OrderToImport, SalesHeader } from '../../erp/entities';
import type { ErpOrm } from '../../erp/orm';

export interface DemoCounts {
  found: number;
  imported: number;
  documents: number;
  errors: number;
}

export async function demoCounts(orm: ErpOrm, store: string): Promise<DemoCounts> {
  const em = orm.em.fork();
  const [found, imported, documents, errors] = await Promise.all([
    em.count(OrderToImport, { store }),
    em.count(ImportedOrder, { store }),
    em.count(SalesHeader, { store, documentType: { $in: ['order', 'invoice'] } }),
    em.count(ImportedOrder, { store, hasError: true }),
  ]);
  return { found, imported, documents, errors };
}

/**
 * Prints progress until every dispatched order has a document or an error (or the time is up),
 * on one updating line on a terminal and one line per change otherwise.
 */
export async function followDemoProgress(
  orm: ErpOrm,
  store: string,
  dispatched: number,
  options: { timeoutMs: number; stopRequested: () => boolean },
): Promise<DemoCounts> {
  const deadline = Date.now() + options.timeoutMs;
  let last = '';
  for (;;) {
    const counts = await demoCounts(orm, store);
    const line = `waiting to import ${counts.found}  imported ${counts.imported}/${dispatched}  documents ${counts.documents}  errors ${counts.errors}`;
    if (line !== last) {
      if (process.stdout.isTTY) process.stdout.write(`\r${line}   `);
      else console.log(line);
      last = line;
    }
    const settled = counts.documents + counts.errors >= dispatched;
    if (settled || Date.now() > deadline || options.stopRequested()) {
      if (process.stdout.isTTY) process.stdout.write('\n');
      return counts;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
