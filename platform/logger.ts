import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** A customer's personal fields, as the snapshot, the Shopify answers and the ERP name them. */
const PERSONAL_FIELDS = [
  'email',
  'phone',
  'firstName',
  'lastName',
  'company',
  'address1',
  'address2',
  'zip',
  'note',
  'customer',
  'billingAddress',
  'shippingAddress',
  'sellToAddress',
  'billToAddress',
  'shipToAddress',
];

/**
 * One logger for the process: JSON lines when stdout is not a terminal (log shippers),
 * a short human line when it is. Keys that could hold secrets or a customer's personal data are
 * redacted at the source, at the top level and one level down.
 */
export const REDACTED_PATHS = [
  ...PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`]),
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'headers["x-shopify-access-token"]',
  '*.headers["x-shopify-access-token"]',
  'headers["X-Shopify-Access-Token"]',
  '*.headers["X-Shopify-Access-Token"]',
];

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

function humanLineStream(target: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try {
          const {
            level,
            time,
            msg,
            pid: _pid,
            hostname: _hostname,
            component,
            ...rest
          } = JSON.parse(line) as Record<string, unknown>;
          const clock = new Date(Number(time)).toISOString().slice(11, 19);
          const extra = Object.entries(rest)
            .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
            .join(' ');
          const scope = component ? `[${String(component)}] ` : '';
          target.write(
            `${clock} ${LEVEL_NAMES[Number(level)] ?? level} ${scope}${String(msg ?? '')}${extra ? ` ${extra}` : ''}\n`,
          );
        } catch {
          target.write(`${line}\n`);
        }
      }
      callback();
    },
  });
}

export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  const destination = pretty ? humanLineStream(process.stdout) : pino.destination({ dest: 1, sync: false });
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '***' }, base: { pid: process.pid } },
    destination,
  );
}
