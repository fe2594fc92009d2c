import { ApplicationFailure } from '@temporalio/common';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptorsFactory,
  Next,
} from '@temporalio/worker';
import { databaseFailureOf, describeDatabaseFailure } from '../erp/database-errors';

/** Failure type of a database error once it is sanitised; retried like any transient error. */
export const ERP_DATABASE_FAILURE = 'ErpDatabaseError';

/**
 * A database error as it may cross into Temporal history and the worker log: the SQLSTATE, the
 * table and column, no message, no cause, no stack of the original (each would quote the
 * statement's parameters: e-mails, phones, addresses). Other errors pass unchanged.
 */
export function sanitisedFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  const failure = databaseFailureOf(error);
  if (!failure) return error;
  return ApplicationFailure.create({
    message: describeDatabaseFailure(failure),
    type: ERP_DATABASE_FAILURE,
    details: [{ sqlState: failure.sqlState, tables: failure.tables, column: failure.column ?? null }],
  });
}

class SanitisingActivityInbound implements ActivityInboundCallsInterceptor {
  async execute(
    input: ActivityExecuteInput,
    next: Next<ActivityInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      throw sanitisedFailure(error);
    }
  }
}

/** Every activity's failure is sanitised before the SDK logs it or records it in history. */
export const sanitisingActivityInterceptor: ActivityInterceptorsFactory = () => ({
  inbound: new SanitisingActivityInbound(),
});
