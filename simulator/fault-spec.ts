import type { FaultKind } from './faults';

/** The short names `orderbridge sim --faults` takes, as operators say them. */
const FAULT_NAMES: Readonly<Record<string, FaultKind>> = {
  '5xx': 'server-error',
  'server-error': 'server-error',
  '429': 'too-many-requests',
  'too-many-requests': 'too-many-requests',
  throttled: 'throttled',
  drop: 'drop',
  slow: 'slow',
};

/**
 * Reads "5xx=0.02,429=0.01,throttled=0.02,drop=0.01,slow=0.01" into fault rates. Throws an Error
 * naming the part at fault and what is accepted; the rates must add up to at most 1.
 */
export function parseFaultSpec(spec: string): Partial<Record<FaultKind, number>> {
  const rates: Partial<Record<FaultKind, number>> = {};
  for (const part of spec.split(',').map((entry) => entry.trim())) {
    if (part === '') continue;
    const [name, value, ...rest] = part.split('=').map((entry) => entry.trim());
    const kind = name === undefined ? undefined : FAULT_NAMES[name.toLowerCase()];
    if (!kind || rest.length > 0) {
      throw new Error(
        `"${part}": expected <fault>=<share>, a fault being one of ${Object.keys(FAULT_NAMES).join(', ')}`,
      );
    }
    const rate = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new Error(`"${part}": the share must be a number from 0 to 1, e.g. ${name}=0.02`);
    }
    rates[kind] = rate;
  }
  const total = Object.values(rates).reduce((sum, rate) => sum + rate, 0);
  if (total > 1 + 1e-9) throw new Error(`the shares add up to ${total}; at most 1`);
  return rates;
}
