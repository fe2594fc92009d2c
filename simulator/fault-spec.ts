import type { FaultKind } from './faults';
import type { WebhookFault } from './webhooks';

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

/** The short names `orderbridge sim --webhook-faults` takes. */
const WEBHOOK_FAULT_NAMES: Readonly<Record<string, WebhookFault>> = {
  duplicate: 'duplicate',
  dup: 'duplicate',
  'out-of-order': 'out-of-order',
  reorder: 'out-of-order',
  drop: 'drop',
};

/**
 * Reads "5xx=0.02,429=0.01,throttled=0.02,drop=0.01,slow=0.01" into fault rates. Throws an Error
 * naming the part at fault and what is accepted; the rates must add up to at most 1.
 */
export function parseFaultSpec(spec: string): Partial<Record<FaultKind, number>> {
  return parseShares(spec, FAULT_NAMES);
}

/** Reads "duplicate=0.05,out-of-order=0.05,drop=0.1" into webhook delivery fault shares. */
export function parseWebhookFaultSpec(spec: string): Partial<Record<WebhookFault, number>> {
  return parseShares(spec, WEBHOOK_FAULT_NAMES);
}

function parseShares<Kind extends string>(
  spec: string,
  names: Readonly<Record<string, Kind>>,
): Partial<Record<Kind, number>> {
  const rates: Partial<Record<Kind, number>> = {};
  for (const part of spec.split(',').map((entry) => entry.trim())) {
    if (part === '') continue;
    const [name, value, ...rest] = part.split('=').map((entry) => entry.trim());
    const kind = name === undefined ? undefined : names[name.toLowerCase()];
    if (!kind || rest.length > 0) {
      throw new Error(
        `"${part}": expected <fault>=<share>, a fault being one of ${Object.keys(names).join(', ')}`,
      );
    }
    const rate = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new Error(`"${part}": the share must be a number from 0 to 1, e.g. ${name}=0.02`);
    }
    rates[kind] = rate;
  }
  const total = Object.values<number | undefined>(rates).reduce<number>((sum, rate) => sum + (rate ?? 0), 0);
  if (total > 1 + 1e-9) throw new Error(`the shares add up to ${total}; at most 1`);
  return rates;
}
