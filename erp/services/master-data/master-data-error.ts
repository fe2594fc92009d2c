import type { FieldProblem } from './record-values';

/** A master-data change refused as given; the message names each field and what to do. */
export class MasterDataError extends Error {
  constructor(
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(
      problems.length > 0
        ? `${message}: ${problems.map((problem) => `${problem.column}: ${problem.reason}`).join('; ')}`
        : message,
    );
    this.name = 'MasterDataError';
  }
}
