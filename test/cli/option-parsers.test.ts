import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../client/exit-codes';
import { decimalNumber, wholeNumber, wholeNumberOf } from '../../client/option-parsers';

describe('option parsers', () => {
  it('takes whole numbers within bounds and refuses anything else', () => {
    const limit = wholeNumber({ min: 1 });
    expect(limit('25')).toBe(25);
    for (const bad of ['abc', '', '0', '-3', '2.5', '1e3', '12abc', '99999999999999999999'])
      expect(() => limit(bad), bad).toThrow(InvalidArgumentError);
    expect(() => limit('0')).toThrow('Expected a whole number ≥ 1.');
    const port = wholeNumber({ min: 0, max: 65535 });
    expect(port('0')).toBe(0);
    expect(() => port('65536')).toThrow('Expected a whole number from 0 to 65535.');
  });

  it('names the value an action checks itself', () => {
    expect(wholeNumberOf('id', '7', { min: 1 })).toBe(7);
    expect(() => wholeNumberOf('id', 'seven', { min: 1 })).toThrow(
      new UsageError('id seven: expected a whole number ≥ 1'),
    );
  });

  it('keeps decimals as text and refuses what is not one', () => {
    expect(decimalNumber(' 11.52 ')).toBe('11.52');
    expect(decimalNumber('-2')).toBe('-2');
    for (const bad of ['abc', '1,5', '1.', '.5', '1e2', ''])
      expect(() => decimalNumber(bad), bad).toThrow(InvalidArgumentError);
  });
});
