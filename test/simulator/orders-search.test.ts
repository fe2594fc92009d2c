import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type RunningSimulator } from '../../simulator';
import { createOrder, gql, gqlData, seedCatalog, startTestSimulator } from './helpers';

const ORDERS = /* GraphQL */ `
  query Orders(
    $query: String
    $first: Int
    $last: Int
    $after: String
    $before: String
    $sortKey: OrderSortKeys
    $reverse: Boolean
  ) {
    orders(
      query: $query
      first: $first
      last: $last
      after: $after
      before: $before
      sortKey: $sortKey
      reverse: $reverse
    ) {
      edges {
        cursor
        node {
          name
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

/**
 * Ten orders, one a day from 2026-10-01, with different states:
 *   #1001 web paid tags[VIP]         #1002 pos pending            #1003 web paid, fulfilled
 *   #1004 web closed                 #1005 web cancelled          #1006 web partially paid, tag Wholesale
 *   #1007 web high risk              #1008 draft order, tag vip    #1009 web, partially fulfilled
 *   #1010 web refunded
 */
describe('orders search and paging', () => {
  let simulator: RunningSimulator;
  const clock = new ManualClock(Date.parse('2026-10-01T09:00:00.000Z'));
  const ids: string[] = [];

  beforeAll(async () => {
    simulator = await startTestSimulator({ clock });
    const { mug, shirtM } = seedCatalog(simulator);
    const plan: Record<string, unknown>[] = [
      { financialStatus: 'PAID', tags: ['VIP'] },
      { sourceName: 'pos' },
      { financialStatus: 'PAID', fulfillmentStatus: 'FULFILLED' },
      { financialStatus: 'PAID' },
      { financialStatus: 'PAID' },
      {
        transactions: [{ amountSet: { shopMoney: { amount: '1.00', currencyCode: 'USD' } } }],
        tags: ['Wholesale'],
      },
      {},
      { sourceName: 'shopify_draft_order', tags: ['vip'] },
      { financialStatus: 'PAID', fulfillmentStatus: 'PARTIAL' },
      { financialStatus: 'PAID' },
    ];
    for (const [index, extra] of plan.entries()) {
      clock.set(Date.parse(`2026-10-${String(index + 1).padStart(2, '0')}T09:00:00.000Z`));
      ids.push(
        await createOrder(simulator, {
          email: `buyer${index + 1}@example.com`,
          lineItems: [
            { variantId: mug, quantity: 1 },
            { variantId: shirtM, quantity: 1 },
          ],
          ...extra,
        }),
      );
    }
    clock.set(Date.parse('2026-10-20T09:00:00.000Z'));
    await gqlData(
      simulator,
      'mutation($id: ID!) { orderClose(input: { id: $id }) { userErrors { message } } }',
      { id: ids[3] },
    );
    clock.set(Date.parse('2026-10-21T09:00:00.000Z'));
    await gqlData(
      simulator,
      'mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true, refund: true) { orderCancelUserErrors { message } } }',
      { id: ids[4] },
    );
    simulator.store.setOrderRisk(ids[6]!, 'HIGH');
    clock.set(Date.parse('2026-10-22T09:00:00.000Z'));
    const order = simulator.store.order(ids[9])!;
    await gqlData(
      simulator,
      'mutation($input: RefundInput!) { refundCreate(input: $input) { userErrors { message } } }',
      {
        input: {
          orderId: ids[9],
          transactions: [
            {
              orderId: ids[9],
              kind: 'REFUND',
              gateway: 'manual',
              amount: order.totalPriceSet.shopMoney.amount,
            },
          ],
        },
      },
    );
  });
  afterAll(() => simulator.stop());

  async function names(query: string, extra: Record<string, unknown> = {}): Promise<string[]> {
    const data = await gqlData(simulator, ORDERS, { query, first: 50, sortKey: 'ID', ...extra });
    return data.orders.edges.map((edge: { node: { name: string } }) => edge.node.name);
  }

  it('returns open, closed and cancelled orders when no status is given', async () => {
    expect(await names('')).toHaveLength(10);
  });

  it('filters by status', async () => {
    expect(await names('status:open')).toEqual([
      '#1001',
      '#1002',
      '#1003',
      '#1006',
      '#1007',
      '#1008',
      '#1009',
      '#1010',
    ]);
    expect(await names('status:closed')).toEqual(['#1004', '#1005']);
    expect(await names('status:cancelled')).toEqual(['#1005']);
    expect(await names('status:any')).toHaveLength(10);
  });

  it('compares updated_at and created_at with every comparator, quoted or not', async () => {
    expect(await names("updated_at:>'2026-10-20T09:00:00Z'")).toEqual(['#1005', '#1007', '#1010']);
    expect(await names('updated_at:>=2026-10-20T09:00:00Z')).toEqual(['#1004', '#1005', '#1007', '#1010']);
    expect(await names('created_at:<2026-10-03')).toEqual(['#1001', '#1002']);
    expect(await names('created_at:<=2026-10-03')).toEqual(['#1001', '#1002', '#1003']);
    expect(await names('created_at:2026-10-05')).toEqual(['#1005']);
    expect(await names('created_at:>="2026-10-09T00:00:00Z" created_at:<"2026-10-10T00:00:00Z"')).toEqual([
      '#1009',
    ]);
  });

  it('filters by financial and fulfillment status', async () => {
    expect(await names('financial_status:paid')).toEqual(['#1001', '#1003', '#1004', '#1009']);
    expect(await names('financial_status:pending')).toEqual(['#1002', '#1007', '#1008']);
    expect(await names('financial_status:partially_paid')).toEqual(['#1006']);
    expect(await names('financial_status:refunded')).toEqual(['#1005', '#1010']);
    expect(await names('fulfillment_status:shipped')).toEqual(['#1003']);
    expect(await names('fulfillment_status:partial')).toEqual(['#1009']);
    expect(await names('fulfillment_status:unshipped status:open')).toEqual([
      '#1001',
      '#1002',
      '#1006',
      '#1007',
      '#1008',
      '#1010',
    ]);
  });

  it('matches tags case-insensitively, with tag_not, wildcards and negation', async () => {
    expect(await names('tag:vip')).toEqual(['#1001', '#1008']);
    expect(await names('tag:VIP')).toEqual(['#1001', '#1008']);
    expect(await names('tag:whole*')).toEqual(['#1006']);
    expect(await names('tag_not:vip status:open')).toEqual([
      '#1002',
      '#1003',
      '#1006',
      '#1007',
      '#1009',
      '#1010',
    ]);
    expect(await names('-tag:vip -tag:wholesale status:open')).toEqual([
      '#1002',
      '#1003',
      '#1007',
      '#1009',
      '#1010',
    ]);
    expect(await names('NOT tag:vip AND NOT status:open')).toEqual(['#1004', '#1005']);
  });

  it('filters by source name, risk level, name and id', async () => {
    expect(await names('source_name:pos')).toEqual(['#1002']);
    expect(await names('-source_name:web')).toEqual(['#1002', '#1008']);
    expect(await names('risk_level:high')).toEqual(['#1007']);
    expect(await names('name:#1003')).toEqual(['#1003']);
    expect(await names('name:1004')).toEqual(['#1004']);
    const third = ids[2]!.split('/').pop();
    expect(await names(`id:>${third}`)).toHaveLength(7);
    expect(await names(`id:${ids[2]}`)).toEqual(['#1003']);
  });

  it('combines AND, OR and parentheses', async () => {
    expect(await names('(source_name:pos OR tag:wholesale) status:open')).toEqual(['#1002', '#1006']);
    expect(await names('financial_status:paid OR financial_status:partially_paid AND tag:wholesale')).toEqual(
      ['#1001', '#1003', '#1004', '#1006', '#1009'],
    );
  });

  it('ignores unknown fields with a warning in extensions.search, and returns nothing for unparsable queries', async () => {
    const answer = await gql(simulator, ORDERS, { query: 'colour:red status:cancelled', first: 10 });
    expect((answer.body.data as { orders: { edges: unknown[] } }).orders.edges).toHaveLength(1);
    expect(answer.body.extensions?.search).toEqual([
      expect.objectContaining({
        path: ['orders'],
        query: 'colour:red status:cancelled',
        warnings: [{ field: 'colour', message: 'Invalid search field for this query.' }],
      }),
    ]);
    const broken = await gql(simulator, ORDERS, { query: '(status:open', first: 10 });
    expect((broken.body.data as { orders: { edges: unknown[] } }).orders.edges).toEqual([]);
    expect(broken.body.extensions?.search).toHaveLength(1);
  });

  it('sorts by UPDATED_AT, CREATED_AT, ID and PROCESSED_AT, reversed on request', async () => {
    expect((await names('', { sortKey: 'UPDATED_AT' })).slice(-4)).toEqual([
      '#1004',
      '#1005',
      '#1007',
      '#1010',
    ]);
    expect((await names('', { sortKey: 'CREATED_AT', reverse: true })).slice(0, 2)).toEqual([
      '#1010',
      '#1009',
    ]);
    expect((await names('', { sortKey: 'ID', reverse: true }))[0]).toBe('#1010');
    expect((await names('', { sortKey: 'PROCESSED_AT' }))[0]).toBe('#1001');
  });

  it('pages forward with first/after and backward with last/before, pageInfo exact at both ends', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const infos: { hasNextPage: boolean; hasPreviousPage: boolean }[] = [];
    do {
      const page: {
        orders: {
          edges: { node: { name: string } }[];
          pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string };
        };
      } = await gqlData(simulator, ORDERS, { first: 4, after, sortKey: 'UPDATED_AT' });
      seen.push(...page.orders.edges.map((edge) => edge.node.name));
      infos.push(page.orders.pageInfo);
      after = page.orders.pageInfo.hasNextPage ? page.orders.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    expect(infos.map((info) => [info.hasPreviousPage, info.hasNextPage])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);

    const backward: string[] = [];
    let before: string | null = null;
    do {
      const page: {
        orders: {
          edges: { node: { name: string } }[];
          pageInfo: { hasPreviousPage: boolean; startCursor: string };
        };
      } = await gqlData(simulator, ORDERS, { last: 3, before, sortKey: 'UPDATED_AT' });
      backward.unshift(...page.orders.edges.map((edge) => edge.node.name));
      before = page.orders.pageInfo.hasPreviousPage ? page.orders.pageInfo.startCursor : null;
    } while (before);
    expect(backward).toEqual(seen);

    const reversed = await gqlData(simulator, ORDERS, { first: 3, sortKey: 'UPDATED_AT', reverse: true });
    expect(reversed.orders.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(
      seen.slice(-3).reverse(),
    );
    const nextReversed = await gqlData(simulator, ORDERS, {
      first: 3,
      after: reversed.orders.pageInfo.endCursor,
      sortKey: 'UPDATED_AT',
      reverse: true,
    });
    expect(nextReversed.orders.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(
      seen.slice(-6, -3).reverse(),
    );
  });

  it('keeps a cursor valid while the order it points at changes', async () => {
    const first = await gqlData(simulator, ORDERS, { first: 2, sortKey: 'ID' });
    await gqlData(
      simulator,
      'mutation($id: ID!) { tagsAdd(id: $id, tags: ["touched"]) { userErrors { message } } }',
      { id: ids[1] },
    );
    const next = await gqlData(simulator, ORDERS, {
      first: 2,
      after: first.orders.pageInfo.endCursor,
      sortKey: 'ID',
    });
    expect(next.orders.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual([
      '#1003',
      '#1004',
    ]);
    const bad = await gql(simulator, ORDERS, { first: 2, after: 'not-a-cursor' });
    expect(bad.body.errors?.[0]?.message).toMatch(/cursor/i);
  });

  it('pages nested connections (line items) both ways', async () => {
    const query = `query($id: ID!, $first: Int, $last: Int, $after: String, $before: String) { order(id: $id) { lineItems(first: $first, last: $last, after: $after, before: $before) { nodes { sku } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
    const firstPage = await gqlData(simulator, query, { id: ids[0], first: 1 });
    expect(firstPage.order.lineItems).toMatchObject({
      nodes: [{ sku: 'MUG' }],
      pageInfo: { hasNextPage: true, hasPreviousPage: false },
    });
    const second = await gqlData(simulator, query, {
      id: ids[0],
      first: 1,
      after: firstPage.order.lineItems.pageInfo.endCursor,
    });
    expect(second.order.lineItems).toMatchObject({
      nodes: [{ sku: 'TSHIRT-M' }],
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
    });
    const back = await gqlData(simulator, query, {
      id: ids[0],
      last: 1,
      before: second.order.lineItems.pageInfo.startCursor,
    });
    expect(back.order.lineItems.nodes).toEqual([{ sku: 'MUG' }]);
  });
});
