import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ShopifyTarget } from '../../simulator/generator/admin-client';
import { createOrder } from '../../simulator/generator/create-order';
import type { CreateOrderRequest } from '../../simulator/generator/order-request';
import type { OrderStatus } from '../../workflows/messages';
import { waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard, runSync, shopifyTarget } from './order-test-kit';

/**
 * A run of the real `orderbridge worker` process (SHOPIFY_API_BASE_URL pointing it at the
 * simulator) over generated customers and hostile orders: no workflow history and no line of the
 * worker's log may hold a customer's e-mail, phone, name or address.
 */

let stack: TestStack;
let target: ShopifyTarget;
let worker: ChildProcess;
let workerLog = '';
const shopifyOrderIds: string[] = [];

interface GeneratedCustomer {
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
  street: string;
  company: string;
}

/** Distinctive values, so a match can only be a leak. */
function customer(index: number): GeneratedCustomer {
  const tag = ['Quillfeather', 'Brambleton', 'Ostravik', 'Zephyrine', 'Marlowcrest', 'Tindrell'][index % 6]!;
  return {
    email: `${tag.toLowerCase()}.${index}@leakcheck.example`,
    phone: `+4791${String(234500 + index * 7).padStart(6, '0')}`,
    firstName: `Ylva${tag}`,
    lastName: `${tag}sen${index}`,
    street: `${tag}gata ${index + 11}`,
    company: `${tag} Handel AS`,
  };
}

const customers = Array.from({ length: 8 }, (_, index) => customer(index));

function personalValues(entry: GeneratedCustomer): string[] {
  return [entry.email, entry.phone, entry.firstName, entry.lastName, entry.street, entry.company];
}

function orderRequest(entry: GeneratedCustomer, variantId: string, index: number): CreateOrderRequest {
  const address = {
    firstName: entry.firstName,
    lastName: entry.lastName,
    company: entry.company,
    address1: entry.street,
    city: 'Oslo',
    zip: '0155',
    countryCode: 'NO',
    phone: entry.phone,
  };
  const hostile: Partial<CreateOrderRequest>[] = [
    {},
    { note: `Ring ${entry.phone}\u0000 or mail ${entry.email}` },
    { billingAddress: { ...address, address1: `${entry.street}\u0000` } },
    { billingAddress: { ...address, address1: `${entry.street} ${'x'.repeat(3000)}` } },
    // numeric(20,4) cannot hold it: refused by the database, shown as a problem.
    {},
    { email: `${'e'.repeat(200)}.${entry.email}` },
    { note: `${entry.firstName} ${entry.lastName}, ${entry.street}` },
    {},
  ];
  return {
    lines: [
      {
        variantId,
        title: 'Organic T-shirt',
        sku: 'TSHIRT-M',
        quantity: 1,
        unitPrice: index === 4 ? '100000000000000000.00' : '25.00',
      },
    ],
    customer: {
      email: entry.email,
      firstName: entry.firstName,
      lastName: entry.lastName,
      phone: entry.phone,
      addresses: [address],
    },
    shippingAddress: address,
    billingAddress: address,
    ...hostile[index % hostile.length],
  };
}

function startWorkerProcess(): ChildProcess {
  const scratch = mkdtempSync(join(tmpdir(), 'ob-pii-'));
  const bundlePath = join(scratch, 'workflow-bundle.js');
  writeFileSync(bundlePath, stack.temporal.workflowBundle.code);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('../../client/main.ts', import.meta.url)), 'worker'],
    {
      env: {
        ...process.env,
        DATABASE_URL: stack.erp.databaseUrl,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: stack.temporal.taskQueue,
        SHOPIFY_API_BASE_URL: stack.simulator.baseUrl,
        WORKER_WORKFLOW_BUNDLE: bundlePath,
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (chunk: Buffer) => (workerLog += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (workerLog += chunk.toString('utf8')));
  return child;
}

beforeAll(async () => {
  stack = await startTestStack({ workers: 0 });
  const variantId = stack.simulator.store.addProduct({
    title: 'Organic T-shirt',
    variants: [{ title: 'M', sku: 'TSHIRT-M', price: '25.00' }],
  }).sim.variantIds[0]!;
  await addShopCard(stack, 'WEB', { items: [{ no: 'TSHIRT-M', description: 'Organic T-shirt M' }] });
  target = shopifyTarget(stack);
  for (const [index, entry] of customers.entries()) {
    const order = await createOrder(target, orderRequest(entry, variantId, index));
    shopifyOrderIds.push(order.id);
  }
  worker = startWorkerProcess();
});

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGTERM');
    await exited;
  }
  await stack?.close();
});

const settled = (status: OrderStatus) => status.document !== undefined || status.stage === 'needs-attention';

/** Every string in a history, payload bytes decoded (their JSON is UTF-8 text). */
function textsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (value instanceof Uint8Array) into.push(Buffer.from(value).toString('utf8'));
  else if (Array.isArray(value)) for (const entry of value) textsOf(entry, into);
  else if (value !== null && typeof value === 'object')
    for (const entry of Object.values(value)) textsOf(entry, into);
  return into;
}

describe('personal data stays out of Temporal and the log', { timeout: 240_000 }, () => {
  it('finds no customer e-mail, phone, name or address in any workflow history or in the worker log', async () => {
    await runSync(stack, 'WEB');
    const statuses = await Promise.all(
      shopifyOrderIds.map((id) =>
        waitForOrder(stack.temporal.client, stack.simulator.shopDomain, id, settled, 120_000),
      ),
    );
    // The run did meet the hostile cases: at least the refused amount is a problem on its order.
    expect(statuses.some((status) => status.problems.some((p) => p.code === 'DATA_REJECTED'))).toBe(true);
    expect(statuses.filter((status) => status.document !== undefined).length).toBeGreaterThanOrEqual(5);

    const histories: string[] = [];
    for await (const execution of stack.temporal.client.workflow.list({
      query: `TaskQueue = '${stack.temporal.taskQueue}'`,
    })) {
      const history = await stack.temporal.client.workflow
        .getHandle(execution.workflowId, execution.runId)
        .fetchHistory();
      histories.push(textsOf(history).join('\n'));
    }
    expect(histories.length).toBeGreaterThanOrEqual(customers.length);
    // The log is read: it holds the worker's lines (debug level, activity failures included).
    expect(workerLog).toMatch(/worker running/);

    const leaks: string[] = [];
    for (const value of customers.flatMap(personalValues)) {
      const needle = value.toLowerCase();
      if (histories.some((text) => text.toLowerCase().includes(needle))) leaks.push(`history: ${value}`);
      if (workerLog.toLowerCase().includes(needle)) leaks.push(`worker log: ${value}`);
    }
    expect(leaks).toEqual([]);
  });
});
