import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureOrderSyncSchedule,
  listOrderSyncSchedules,
  orderSyncScheduleId,
  withOrderSyncSchedule,
} from '../../client/temporal/order-sync-schedule';
import { ShopCard } from '../../erp/entities';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard } from './order-test-kit';

let stack: TestStack;
const shopCode = `SCH${Date.now().toString(36).toUpperCase().slice(-5)}`;

beforeAll(async () => {
  stack = await startTestStack();
  await addShopCard(stack, shopCode);
});

afterAll(async () => {
  await stack.temporal.client.schedule
    .getHandle(orderSyncScheduleId(shopCode))
    .delete()
    .catch(() => undefined);
  await stack?.close();
});

describe('the order sync schedule of a shop card', () => {
  it('is created once, updated in place, triggered, paused and deleted', async () => {
    const { client } = stack.temporal;
    const spec = { shopCode, taskQueue: stack.temporal.taskQueue, every: '1 hour', paused: true };
    expect(await ensureOrderSyncSchedule(client, spec)).toBe('created');
    expect(await ensureOrderSyncSchedule(client, { ...spec, every: '30 minutes' })).toBe('updated');

    const listed = (await listOrderSyncSchedules(client)).find((schedule) => schedule.shopCode === shopCode);
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
