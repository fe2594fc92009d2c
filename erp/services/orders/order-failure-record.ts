import type { OrderProblem } from '../../../domain/order-problems';
import { ImportedOrder } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';
import { recordOrderProblems } from './order-problem-record';

/**
 * Records problems of a step whose own transaction rolled back (the database refused its data), so
 * that `orders list --errors` shows the order. An open document conflict stays. `problemsOf` gets
 * the order's name; the problems recorded are returned.
 */
export async function recordOrderFailure(
  context: ErpContext,
  importedOrderId: number,
  problemsOf: (orderName: string) => OrderProblem[],
): Promise<OrderProblem[]> {
  return inTransaction(context, async (em) => {
    const order = await em.findOneOrFail(ImportedOrder, importedOrderId);
    const conflict = order.problems.filter((problem) => problem.code === 'DOCUMENT_CONFLICT');
    const problems = problemsOf(order.name);
    recordOrderProblems(order, [...conflict, ...problems]);
    await em.flush();
    return problems;
  });
}
