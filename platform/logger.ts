import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

export type { Logger } from 'pino';

/**
 * One logger for the process: JSON lines when stdout is not a terminal (log shippers),
 * pino-pretty's coloured one-line form when it is. Keys that could hold secrets are redacted at the source.
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

/**
 * pino-pretty as an in-process stream, loaded only for a terminal: a worker or a pipe never pays
 * for it. Synchronous, so a line is on screen before the CLI's own output that follows it.
 */
function prettyStream(destination: NodeJS.WritableStream | number): NodeJS.WritableStream {
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  return pretty({
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,component',
    messageFormat: '{if component}[{component}] {end}{msg}',
    singleLine: true,
    sync: true,
    destination,
  });
}

export interface LoggerOptions {
  /** Human lines instead of JSON; by default when stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go: stdout unless given. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  const destination = pretty
    ? prettyStream(options.destination ?? 1)
    : (options.destination ?? pino.destination({ dest: 1, sync: false }));
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '***' }, base: { pid: process.pid } },
    destination,
  );
}
