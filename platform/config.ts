import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotEnv } from 'dotenv';
import { z } from 'zod';

/**
 * Every setting orderbridge reads from the environment, validated once at start.
 * A bad value stops the process with one message per variable naming what is expected;
 * secrets are kept in the config object but never printed (see describeConfig).
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    errorMap: () => ({ message: 'expected true or false' }),
  })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce
  .number({ invalid_type_error: 'expected a TCP port number' })
  .int('expected a whole number')
  .min(0, 'expected a TCP port between 0 and 65535')
  .max(65535, 'expected a TCP port between 0 and 65535');

const positiveInt = z.coerce
  .number({ invalid_type_error: 'expected a positive whole number' })
  .int('expected a whole number')
  .positive('expected a positive whole number');

const environmentSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a PostgreSQL URL like postgres://user@host:5432/dbname')
    .default('postgres://postgres@127.0.0.1:5432/orderbridge'),
  LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error'], {
      errorMap: () => ({ message: 'expected one of trace, debug, info, warn, error' }),
    })
    .default('info'),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'expected host:port of a Temporal frontend, e.g. temporal.example.com:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1, 'expected a namespace name').default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1, 'expected a task queue name').default('orderbridge'),
  TEMPORAL_TLS: booleanFromEnv.optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().min(1, 'expected a non-empty API key').optional(),
  TEMPORAL_CLI_PATH: z.string().optional(),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_DEV_DB_FILE: z.string().default('.temporal/dev.db'),
  WORKER_MAX_CONCURRENT_ACTIVITIES: positiveInt.default(20),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: positiveInt.default(40),
  WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: positiveInt.default(20),
  WORKER_MAX_CACHED_WORKFLOWS: positiveInt.default(100),
  WORKER_SHUTDOWN_GRACE_SECONDS: positiveInt.default(30),
  /**
   * Prometheus: the worker's business metrics on WORKER_METRICS_PORT (GET /metrics), Temporal's
   * SDK metrics on TEMPORAL_METRICS_PORT (the SDK core's own exporter). 0 picks a free port.
   */
  METRICS_HOST: z.string().min(1, 'expected an interface address like 0.0.0.0').default('127.0.0.1'),
  WORKER_METRICS_PORT: port.default(9464),
  TEMPORAL_METRICS_PORT: port.default(9465),
  /** A workflow bundle built ahead by `npm run build:workflows`; unset, the worker bundles at start. */
  WORKER_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  SHOPIFY_SHOP: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'expected a shop domain like my-store.myshopify.com')
    .optional(),
  SHOPIFY_ACCESS_TOKEN: z.string().min(1, 'expected an Admin API access token').optional(),
  SHOPIFY_API_VERSION: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'expected an Admin API version like 2026-10')
    .default('2026-10'),
  SIMULATOR_PORT: port.default(8380),
  SHOPIFY_API_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+$/, 'expected scheme and host only, e.g. http://127.0.0.1:8380')
    .optional(),
  SHOPIFY_SCHEMA_PATH: z.string().optional(),
  WEBHOOK_PORT: port.default(8390),
  /** Loopback by default: a public receiver belongs behind a TLS-terminating proxy. */
  WEBHOOK_HOST: z.string().min(1, 'expected an interface address like 0.0.0.0').default('127.0.0.1'),
  WEBHOOK_BODY_LIMIT_BYTES: positiveInt.default(1_048_576),
  /** The app's client secret for shop cards that hold none of their own: it signs webhooks. */
  SHOPIFY_CLIENT_SECRET: z.string().min(1, 'expected the app client secret').optional(),
});

export type OrderbridgeConfig = Readonly<z.infer<typeof environmentSchema>>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Names of variables whose values must never be printed or logged. */
export const SECRET_VARIABLES = [
  'SHOPIFY_ACCESS_TOKEN',
  'SHOPIFY_CLIENT_SECRET',
  'TEMPORAL_API_KEY',
  'DATABASE_URL',
] as const;

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): OrderbridgeConfig {
  if (environment === process.env) {
    const dotEnvPath = resolve(process.cwd(), '.env');
    if (existsSync(dotEnvPath)) loadDotEnv({ path: dotEnvPath, quiet: true });
  }
  // Empty strings mean "not set" so that `FOO= cmd` falls back to the default.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const config = parsed.data;
  const problems: string[] = [];
  if (config.SHOPIFY_SHOP && !config.SHOPIFY_ACCESS_TOKEN) {
    problems.push('SHOPIFY_ACCESS_TOKEN: required when SHOPIFY_SHOP is set (an Admin API access token)');
  }
  if (Boolean(config.TEMPORAL_TLS_CERT_PATH) !== Boolean(config.TEMPORAL_TLS_KEY_PATH)) {
    problems.push('TEMPORAL_TLS_CERT_PATH / TEMPORAL_TLS_KEY_PATH: set both for mTLS, or neither');
  }
  for (const pathVariable of [
    'TEMPORAL_TLS_CERT_PATH',
    'TEMPORAL_TLS_KEY_PATH',
    'TEMPORAL_CLI_PATH',
  ] as const) {
    const path = config[pathVariable];
    if (path && !existsSync(path))
      problems.push(`${pathVariable}: expected an existing file, ${path} does not exist`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/**
 * Where the Admin API of a store lives when it is not https://<domain>: SHOPIFY_API_BASE_URL (a
 * local simulator) for every store. The worker and the CLI both ask here, so they reach the same
 * Shopify. Undefined when unset.
 */
export function shopifyBaseUrlOf(
  config: Pick<OrderbridgeConfig, 'SHOPIFY_API_BASE_URL'>,
): ((shopDomain: string) => string | undefined) | undefined {
  const baseUrl = config.SHOPIFY_API_BASE_URL;
  return baseUrl ? () => baseUrl : undefined;
}

/** The database URL with its password replaced, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}

/** The configuration as printable pairs, secrets masked. */
export function describeConfig(config: OrderbridgeConfig): Record<string, string> {
  const described: Record<string, string> = {};
  for (const [name, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (name === 'DATABASE_URL') described[name] = redactUrl(String(value));
    else if ((SECRET_VARIABLES as readonly string[]).includes(name)) described[name] = '***';
    else described[name] = String(value);
  }
  return described;
}
