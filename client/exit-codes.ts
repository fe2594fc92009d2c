import { CommanderError } from 'commander';

/** What `orderbridge` exits with, so scripts and cron jobs can branch on it (README, --help). */
export const EXIT_CODE = {
  success: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  needsAttention: 4,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  failure: the command could not do its work (the message says why and what to fix)
  2  usage: unknown command or option, a bad option value, or a bad setting in the environment
  3  not found: the order, shop card, document or other thing named does not exist
  4  needs attention: the command worked and found something for an operator (orders list
     --errors or orders-to-import list --errors listed rows; sync orders or shipments sync
     left orders with errors or shipments not sent)`;

/** A command line that cannot work as given: exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The thing a command names does not exist: exits 3. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

let attentionReason: string | undefined;

/** The command worked and found something an operator must look at: it exits 4 when it ends. */
export function flagNeedsAttention(reason: string): void {
  attentionReason = attentionReason ? `${attentionReason}; ${reason}` : reason;
}

/** What flagNeedsAttention recorded since the last call (then forgets it). */
export function takeNeedsAttention(): string | undefined {
  const reason = attentionReason;
  attentionReason = undefined;
  return reason;
}

/**
 * The exit code of a command that threw. The ERP services' own *NotFoundError classes (an item, a
 * customer, a refund...) count as not found without the CLI importing each of them.
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODE.success : EXIT_CODE.usage;
  if (error instanceof UsageError) return EXIT_CODE.usage;
  if (error instanceof Error && error.constructor.name.endsWith('NotFoundError')) return EXIT_CODE.notFound;
  return EXIT_CODE.failure;
}
