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

/** The record a command names does not exist (the CLI exits "not found" for it). */
export class MasterRecordNotFoundError extends MasterDataError {
  constructor(message: string) {
    super(message);
    this.name = 'MasterRecordNotFoundError';
  }
}
