import { blockingProblems, formatProblems, type OrderProblem } from '../../../domain/order-problems';
import type { ImportedOrder } from '../../entities';

/**
 * Stores an imported order's current problems: has-error when any blocks (or a conflict is open),
 * the full text for people, the typed list for the workflow and the CLI.
 */
export function recordOrderProblems(
  order: Pick<ImportedOrder, 'problems' | 'hasError' | 'errorText' | 'conflictText'>,
  problems: readonly OrderProblem[],
): void {
  const blocking = blockingProblems(problems);
  order.problems = [...problems];
  order.hasError = blocking.length > 0 || Boolean(order.conflictText);
  order.errorText = blocking.length > 0 ? formatProblems(blocking) : (order.conflictText ?? null);
}
