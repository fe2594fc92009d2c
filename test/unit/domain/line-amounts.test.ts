import { describe, expect, it } from 'vitest';
import { negativeLinePriceProblems } from '../../../domain/line-amounts';
import { bag, line, snapshot } from './order-snapshot-fixture';

describe('line prices the ERP accepts', () => {
  it('takes zero and positive prices, refuses each negative one naming its line', () => {
    const order = snapshot({
      lines: [
        line(1, { originalUnitPrice: bag('0.00') }),
        line(2, { originalUnitPrice: bag('-5.00') }),
        line(3, { originalUnitPrice: bag('12.50') }),
      ],
    });
    const problems = negativeLinePriceProblems(order);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'AMOUNT_NOT_ACCEPTED',
      severity: 'error',
      field: 'lines[1].originalUnitPrice',
    });
    expect(problems[0]!.fix).toMatch(/discount|refund/);
  });
});
