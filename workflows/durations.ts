import { msToNumber } from '@temporalio/common/lib/time';

/** A Temporal duration ('15 minutes', '2s') or milliseconds, as milliseconds. */
export function durationMs(duration: string | number): number {
  return typeof duration === 'number' ? duration : msToNumber(duration as Parameters<typeof msToNumber>[0]);
}
