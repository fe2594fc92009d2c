import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * One logger for the process: JSON lines when stdout is not a terminal (log shippers),
 * a short human line when it is. Keys that could hold secrets are redacted at the source.
 */
const REDACTED_PATHS = [
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
  'refreshToken',
  '*.refreshToken',
  'clientSecret',
  '*.clientSecret',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'client_secret',
  '*.client_secret',
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
