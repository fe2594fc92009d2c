import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureOrderSyncSchedule,
  listOrderSyncSchedules,
  orderSyncScheduleId,
  withOrderSyncSchedule,
} from '../../temporal/order-sync-schedule';
import { registerScheduleCommand } from '../../client/commands/schedule';
import { registerSyncCommand } from '../../client/commands/sync';
import { ShopCard } from '../../erp/entities';
import { stackCliRunner } from '../helpers/cli-runner';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard, shopifyTarget } from './order-test-kit';
import { createOrder } from '../../simulator/generator/create-order';

let stack: TestStack;
const shopCode = `SCH${Date.now().toString(36).toUpperCase().slice(-5)}`;
/** The card the CLI tests schedule and sync. */
const cliShopCode = `${shopCode}C`;

beforeAll(async () => {
  stack = await startTestStack();
  await addShopCard(stack, shopCode);
  await addShopCard(stack, cliShopCode);
});

afterAll(async () => {
  for (const code of [shopCode, cliShopCode]) {
    await stack.temporal.client.schedule
      .getHandle(orderSyncScheduleId(code))
      .delete()
      .catch(() => undefined);
  }
  await stack?.close();
});

/**
 * The value `read` gives once `accepted` holds, or the last one after 10 s: schedule lists come from
 * visibility, which follows writes a moment later.
 */
async function eventually<T>(read: () => Promise<T>, accepted: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (accepted(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const run = stackCliRunner(
  () => stack,
  (program, context) => {
    registerScheduleCommand(program, context);
    registerSyncCommand(program, context);
  },
);

describe('the order sync schedule of a shop card', () => {
  it('is created once, updated in place, triggered, paused and deleted', async () => {
    const { client } = stack.temporal;
    const spec = { shopCode, taskQueue: stack.temporal.taskQueue, every: '1 hour', paused: true };
    expect(await ensureOrderSyncSchedule(client, spec)).toBe('created');
    expect(await ensureOrderSyncSchedule(client, { ...spec, every: '30 minutes' })).toBe('updated');

    const listed = await eventually(
      async () => (await listOrderSyncSchedules(client)).find((schedule) => schedule.shopCode === shopCode),
      (schedule) => schedule !== undefined,
    );
    expect(listed).toMatchObject({ scheduleId: `order-sync:${shopCode}`, every: '1800s', paused: true });

    // A trigger runs one sync now, through the schedule, which moves the shop card's watermark.
    await withOrderSyncSchedule(client, shopCode, (handle) => handle.trigger());
    const deadline = Date.now() + 20_000;
    let watermark: Date | null | undefined = null;
    while (!watermark && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      watermark = (await stack.erp.orm.em.fork().findOneOrFail(ShopCard, shopCode)).lastOrderSyncAt;
    }
    expect(watermark).toBeInstanceOf(Date);

    await withOrderSyncSchedule(client, shopCode, (handle) => handle.unpause('test'));
    expect(
      (await listOrderSyncSchedules(client)).find((schedule) => schedule.shopCode === shopCode)?.paused,
    ).toBe(false);

    await withOrderSyncSchedule(client, shopCode, (handle) => handle.delete());
    await expect(withOrderSyncSchedule(client, shopCode, (handle) => handle.describe())).rejects.toThrow(
      `Shop card ${shopCode} has no order sync schedule: create it with \`orderbridge schedule create --shop ${shopCode}\`.`,
    );
  });
});

describe('orderbridge schedule and sync orders', () => {
  it('creates, lists, pauses, unpauses, triggers and deletes a shop card schedule; refuses an unknown card', async () => {
    await expect(run('schedule', 'create', '--shop', 'NO-SUCH-CARD')).rejects.toThrow(
      "Shop card 'NO-SUCH-CARD' does not exist: create it with `orderbridge shop add NO-SUCH-CARD` first",
    );
    expect(await run('schedule', 'create', '--shop', cliShopCode, '--every', '1 hour', '--paused')).toBe(
      `Schedule order-sync:${cliShopCode} created: every 1 hour.`,
    );
    const listed = () =>
      run('schedule', 'list', '--json').then((printed) =>
        (JSON.parse(printed) as { shopCode: string; every: string; paused: boolean }[]).find(
          (schedule) => schedule.shopCode === cliShopCode,
        ),
      );
    expect(await eventually(listed, (schedule) => schedule !== undefined)).toMatchObject({
      every: '3600s',
      paused: true,
    });
    await run('schedule', 'unpause', '--shop', cliShopCode);
    expect(await listed()).toMatchObject({ paused: false });
    await run('schedule', 'pause', '--shop', cliShopCode, '--note', 'stock count');
    expect(await listed()).toMatchObject({ paused: true });
    expect(JSON.parse(await run('schedule', 'trigger', '--shop', cliShopCode, '--json'))).toEqual({
      schedule: `order-sync:${cliShopCode}`,
      done: 'trigger',
    });
    await run('schedule', 'delete', '--shop', cliShopCode);
    expect(await eventually(listed, (schedule) => schedule === undefined)).toBeUndefined();
    await expect(run('schedule', 'pause', '--shop', cliShopCode)).rejects.toThrow(
      /has no order sync schedule/,
    );
  });

  it('sync orders runs one sync now with one-off filters, and reports what it found', async () => {
    await createOrder(shopifyTarget(stack), {
      lines: [
        {
          variantId: stack.simulator.store.addProduct({
            title: 'Mug',
            variants: [{ title: 'One', sku: 'MUG-1', price: '9.00' }],
          }).sim.variantIds[0]!,
          title: 'Mug',
          sku: 'MUG-1',
          quantity: 1,
          unitPrice: '9.00',
        },
      ],
      customer: null,
      tags: ['cli-sync'],
    });
    const report = JSON.parse(
      await run(
        'sync',
        'orders',
        '--shop',
        cliShopCode,
        '--tags',
        'cli-sync',
        '--since',
        '2020-01-01T00:00:00Z',
        '--json',
      ),
    ) as { found: number; matched: number; dispatched: number; watermarkCommitted: boolean };
    // Shopify's search narrows to the tag: this order alone, matched and sent to its workflow.
    expect(report).toMatchObject({ found: 1, matched: 1, dispatched: 1, watermarkCommitted: false });
    await expect(run('sync', 'orders', '--shop', cliShopCode, '--since', 'yesterday')).rejects.toThrow(
      '--since yesterday: expected an ISO time such as 2026-11-01T00:00:00Z',
    );
  });
});
