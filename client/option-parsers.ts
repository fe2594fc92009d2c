import { InvalidArgumentError } from 'commander';
import { UsageError } from './exit-codes';

export interface WholeNumberBounds {
  min?: number;
  max?: number;
}

function expectedWholeNumber({ min = 0, max }: WholeNumberBounds): string {
  return max === undefined ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
}

function parseWholeNumber(value: string, bounds: WholeNumberBounds): number | undefined {
  const parsed = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = bounds;
  return Number.isSafeInteger(parsed) && parsed >= min && parsed <= max ? parsed : undefined;
}

/**
 * Commander's parser for a numeric option or argument, e.g. `.option('--limit <n>', '…',
 * wholeNumber({ min: 1 }), 100)`: anything else stops the command with a usage error (exit 2)
 * instead of reaching a query as NaN.
 */
export function wholeNumber(bounds: WholeNumberBounds = {}): (value: string) => number {
  return (value) => {
    const parsed = parseWholeNumber(value, bounds);
    if (parsed === undefined) throw new InvalidArgumentError(`Expected ${expectedWholeNumber(bounds)}.`);
    return parsed;
  };
}

/** The same check for values an action reads itself (variadic ids): `what` names them in the message. */
export function wholeNumberOf(what: string, value: string, bounds: WholeNumberBounds = {}): number {
  const parsed = parseWholeNumber(value, bounds);
  if (parsed === undefined) throw new UsageError(`${what} ${value}: expected ${expectedWholeNumber(bounds)}`);
  return parsed;
}

/**
 * Commander's parser for a quantity, rate or amount: a plain decimal, kept as its text so that
 * money and quantities never pass through a float.
 */
export function decimalNumber(value: string): string {
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed))
    throw new InvalidArgumentError('Expected a decimal number such as 12 or 11.52.');
  return trimmed;
}
