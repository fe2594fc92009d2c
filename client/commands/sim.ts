import { InvalidArgumentError, type Command } from 'commander';
import { PLAN_LIMITS, startShopifySimulator, type PlanName, type RunningSimulator } from '../../simulator';
import type { FaultKind } from '../../simulator/faults';
import { parseFaultSpec, parseWebhookFaultSpec } from '../../simulator/fault-spec';
import type { WebhookFault } from '../../simulator/webhooks';
import { printRecord } from '../output';
import { whenStopRequested } from '../shutdown';
import { wholeNumber } from '../option-parsers';

export interface SimCommandOptions {
  port: number;
  host: string;
  plan: PlanName;
  unthrottled?: boolean;
  shop: string;
  token: string;
  webhookSecret: string;
  currency: string;
  seed?: number;
  orders?: number;
  /** Share of requests meeting each fault (see parseFaultSpec). */
  faults?: Partial<Record<FaultKind, number>>;
  faultSeed?: number;
  /** Share of webhook deliveries duplicated, reordered or dropped (see parseWebhookFaultSpec). */
  webhookFaults?: Partial<Record<WebhookFault, number>>;
  json?: boolean;
}

function faultRates(value: string): Partial<Record<FaultKind, number>> {
  try {
    return parseFaultSpec(value);
  } catch (error) {
    throw new InvalidArgumentError(`--faults ${(error as Error).message}.`);
  }
}

function webhookFaultShares(value: string): Partial<Record<WebhookFault, number>> {
  try {
    return parseWebhookFaultSpec(value);
  } catch (error) {
    throw new InvalidArgumentError(`--webhook-faults ${(error as Error).message}.`);
  }
}

function planName(value: string): PlanName {
  if (!(value in PLAN_LIMITS))
    throw new InvalidArgumentError(`plan must be one of ${Object.keys(PLAN_LIMITS).join(', ')}.`);
  return value as PlanName;
}

/** Starts the simulator and, with --orders, fills it through the scenario generator. */
export async function startSimulatorFromCli(
  options: SimCommandOptions,
  log: (line: string) => void = console.log,
): Promise<RunningSimulator> {
  const simulator = await startShopifySimulator({
    port: options.port,
    host: options.host,
    plan: options.plan,
    ...(options.unthrottled ? { throttle: 'unthrottled' as const } : {}),
    shopDomain: options.shop,
    accessToken: options.token,
    webhookSecret: options.webhookSecret,
    currencyCode: options.currency,
    ...(options.faults ? { faults: { rates: options.faults, seed: options.faultSeed ?? 1 } } : {}),
    ...(options.webhookFaults
      ? { webhooks: { faultShares: options.webhookFaults, faultSeed: options.faultSeed ?? 1 } }
      : {}),
  });
  if (options.orders !== undefined && options.orders > 0) {
    const started = Date.now();
    const { generateStore } = await import('../../simulator/generator/index');
    const generated = await generateStore(
      { graphqlUrl: simulator.graphqlUrl, accessToken: simulator.accessToken, seedApi: simulator.store },
      { seed: options.seed ?? 1, orders: options.orders, currencyCode: options.currency },
    );
    log(
      `generated ${generated.orders.length} orders (seed ${options.seed ?? 1}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return simulator;
}

export function registerSimCommand(program: Command): void {
  program
    .command('sim')
    .description(
      'Run the local Shopify (Admin API 2026-10 on the real schema) until Ctrl-C; with --orders, fill it with seeded demo data',
    )
    .option(
      '--port <port>',
      'port to listen on (0 = any free port)',
      wholeNumber({ min: 0, max: 65535 }),
      Number(process.env.SIMULATOR_PORT ?? 8380),
    )
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--plan <plan>', `rate-limit plan: ${Object.keys(PLAN_LIMITS).join(', ')}`, planName, 'basic')
    .option('--unthrottled', 'no cost throttling (benchmarks)')
    .option('--shop <domain>', 'shop domain', 'orderbridge-demo.myshopify.com')
    .option('--token <token>', 'Admin API access token clients must send', 'shpat_simulator')
    .option('--webhook-secret <secret>', 'app secret that signs webhooks', 'simulator-webhook-secret')
    .option('--currency <code>', 'shop currency', 'USD')
    .option('--seed <n>', 'seed of the demo data (with --orders)', wholeNumber({ min: 0 }))
    .option('--orders <n>', 'create this many demo orders through the generator', wholeNumber({ min: 0 }))
    .option(
      '--faults <spec>',
      'share of requests that fail, per fault: 5xx, 429, throttled, drop, slow (e.g. "5xx=0.02,429=0.01,drop=0.01")',
      faultRates,
    )
    .option(
      '--webhook-faults <spec>',
      'share of webhook deliveries duplicated, reordered or dropped (e.g. "duplicate=0.05,out-of-order=0.05,drop=0.1")',
      webhookFaultShares,
    )
    .option(
      '--fault-seed <n>',
      'seed of the fault draw (with --faults or --webhook-faults)',
      wholeNumber({ min: 0 }),
    )
    .option('--json', 'print the connection details as JSON')
    .action(async (options: SimCommandOptions) => {
      const stopRequested = whenStopRequested();
      const simulator = await startSimulatorFromCli(options, (line) => console.error(line));
      printRecord(
        {
          graphqlUrl: simulator.graphqlUrl,
          shopDomain: simulator.shopDomain,
          accessToken: simulator.accessToken,
          plan: options.unthrottled ? 'unthrottled' : options.plan,
          throttle: simulator.throttle.status(),
          orders: simulator.store.orders.length,
          faults: options.faults ? JSON.stringify(options.faults) : 'none',
          webhookFaults: options.webhookFaults ? JSON.stringify(options.webhookFaults) : 'none',
        },
        Boolean(options.json),
      );
      console.error('simulator running; Ctrl-C stops it');
      await stopRequested;
      await simulator.stop();
    });
}
