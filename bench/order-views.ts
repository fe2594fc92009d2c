/**
 * How the read model's paged list holds up with many orders: fills a scratch database with
 * --orders generated order_view rows (default 100,000; a realistic mix of stages, shops and
 * problems), then prints EXPLAIN ANALYZE figures of the console's and the CLI's queries.
 * Usage: npm run bench:order-views [-- --orders 100000]
 */
import { randomBytes } from 'node:crypto';
import { dropDatabase, openErp } from '../erp/orm';
import { listOrderViews, orderViewPageSql, type OrderViewFilter } from '../erp/services/orders';
import { benchArgument } from './bench-environment';

const orders = benchArgument('orders', 100_000);
const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/orderbridge';
const databaseUrl = base.replace(/\/[^/]*$/, `/orderbridge_bench_views_${randomBytes(3).toString('hex')}`);

const orm = await openErp({ databaseUrl, migrate: true });
try {
  const em = orm.em.fork();
  // Stages and problems in the shares a live store has: most orders closed, a few waiting on people.
  await em.execute(
    `insert into order_view (workflow_id, store, shopify_order_id, shop_code, order_name, stage, has_error, problems,
       imported_order_id, document_type, document_no, document_state, next_action, open, updated_at,
       version_chain_started_at, version_seq)
     select 'order:bench.myshopify.com:' || i, 'bench.myshopify.com', 'gid://shopify/Order/' || i,
            (array['WEB','POS','B2B','EU'])[1 + i % 4], '#' || (1000 + i),
            s.stage, s.problem is not null,
            case when s.problem is null then '[]'::jsonb else jsonb_build_array(jsonb_build_object(
              'category', s.category, 'code', s.problem, 'severity', 'error', 'field', 'x', 'fix', 'y', 'message', 'z')) end,
            i, 'order', 'SO' || i, 'released', 'next', s.stage not in ('closed', 'skipped'),
            now() - (i || ' minutes')::interval, 'epoch', 1
       from generate_series(1, ?) i
       cross join lateral (select case
            when i % 100 < 80 then 'closed' when i % 100 < 88 then 'document-created'
            when i % 100 < 92 then 'waiting-for-fulfilment' when i % 100 < 95 then 'needs-attention'
            when i % 100 < 97 then 'imported' else 'skipped' end as stage,
            case when i % 100 between 92 and 94 then (array['ITEM_NOT_MAPPED','CUSTOMER_NOT_FOUND','EXCHANGE_RATE_MISSING'])[1 + i % 3]
                 when i % 100 = 85 then 'SHIPMENT_NOT_SYNCED' end as problem,
            case when i % 100 = 85 then 'shipment' else 'mapping' end as category) s`,
    [orders],
  );
  await em.execute('analyze order_view');
  const day = new Date(Date.now() - 24 * 3600_000);
  const cases: [string, OrderViewFilter][] = [
    ['open orders (CLI default)', {}],
    ['errors only', { errorsOnly: true }],
    ['shop POS, all', { shopCode: 'POS', includeClosed: true }],
    ['stage needs-attention', { stages: ['needs-attention'] }],
    ['problem SHIPMENT_NOT_SYNCED', { problemCode: 'SHIPMENT_NOT_SYNCED', includeClosed: true }],
    [
      'shop EU + stage closed + last day',
      { shopCode: 'EU', stages: ['closed'], includeClosed: true, updatedFrom: day },
    ],
  ];
  console.log(`order_view rows: ${orders}`);
  for (const [label, filter] of cases) {
    const { sql, params } = orderViewPageSql(filter);
    const plan = await em.execute<{ 'QUERY PLAN': string }[]>(`explain analyze ${sql}`, params);
    const lines = plan.map((row) => row['QUERY PLAN']);
    const execution = lines.find((line) => line.startsWith('Execution Time'));
    const index = lines.map((line) => /using (\w+)/i.exec(line)?.[1]).find(Boolean) ?? 'seq scan';
    console.log(`${label.padEnd(38)} ${execution?.padEnd(28)} ${index}`);
  }
  // Deep pages stay flat: keyset paging, page 50 of the open orders.
  let cursor: string | undefined;
  let started = performance.now();
  for (let page = 1; page <= 50; page += 1) {
    if (page === 50) started = performance.now();
    const result = await listOrderViews(orm, { limit: 50, ...(cursor ? { cursor } : {}) });
    cursor = result.nextCursor;
  }
  console.log(
    `page 50 of open orders (listOrderViews, with the join): ${(performance.now() - started).toFixed(1)} ms`,
  );
} finally {
  await orm.close(true);
  await dropDatabase(databaseUrl);
}
