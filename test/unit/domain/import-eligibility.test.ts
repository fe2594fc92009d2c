import { describe, expect, it } from 'vitest';
import { importEligibility } from '../../../domain/import-eligibility';

const order = (overrides: { closed?: boolean; cancelledAt?: string | null } = {}) => ({
  name: '#1001',
  closed: false,
  cancelledAt: null,
  ...overrides,
});

describe('importEligibility', () => {
  it('imports a new open order for the first time', () => {
    expect(importEligibility(order(), 'WEB', null)).toEqual({ import: true, firstImport: true });
  });

  it('does not import a cancelled order the first time', () => {
    const result = importEligibility(order({ cancelledAt: '2026-11-01T10:00:00Z' }), 'WEB', null);
    expect(result).toMatchObject({ import: false, reason: 'cancelled' });
  });

  it('does not import an archived order the first time', () => {
    expect(importEligibility(order({ closed: true }), 'WEB', null)).toMatchObject({
      import: false,
      reason: 'archived',
    });
  });

  it('keeps updating an imported order after it is cancelled or closed', () => {
    const cancelledAndClosed = order({ closed: true, cancelledAt: '2026-11-01T10:00:00Z' });
    expect(importEligibility(cancelledAndClosed, 'WEB', { shopCode: 'WEB' })).toEqual({
      import: true,
      firstImport: false,
    });
  });

  it('never lets a second shop card take an order over', () => {
    const result = importEligibility(order(), 'POS', { shopCode: 'WEB' });
    expect(result).toMatchObject({ import: false, reason: 'claimed-by-other-shop' });
    expect(result.import ? '' : result.detail).toContain("'WEB'");
  });
});
