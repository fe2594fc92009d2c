import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { OrdersToImportDocument, type OrdersToImportQuery } from './generated/graphql';
import { connectionPages, type ConnectionPage } from './paging';

/** One discovered order: the lean row the orders-to-import table stores. */
export type OrderToImport = OrdersToImportQuery['orders']['nodes'][number];

export interface UpdatedWindow {
  /** Inclusive lower bound (the last watermark minus the overlap). */
  updatedFrom: Date | string;
  /** Inclusive upper bound fixed when the sync starts, so paging does not chase new changes. */
  updatedTo: Date | string;
  /** More search syntax ANDed to the window, e.g. the shop card's filters. */
  filter?: string;
}

function isoInstant(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`'${String(value)}' is not a date and time.`);
  return date.toISOString();
}

/** Shopify search syntax for "updated in [from, to]" plus an optional filter. */
export function updatedWindowQuery(window: UpdatedWindow): string {
  const range = `updated_at:>='${isoInstant(window.updatedFrom)}' AND updated_at:<='${isoInstant(window.updatedTo)}'`;
  const filter = window.filter?.trim();
  return filter ? `${range} AND (${filter})` : range;
}

/**
 * Discovery pages (125 orders, sorted by updated_at) until the last one. Each page carries the
 * cursor that resumes after it, for activity heartbeats.
 */
export async function* discoverOrderPages(
  client: ShopifyAdminClient,
  searchQuery: string,
  options: ShopifyRequestOptions & { after?: string | null } = {},
): AsyncGenerator<ConnectionPage<OrderToImport>> {
  const fetchPage = async (after: string | null): Promise<ConnectionPage<OrderToImport>> =>
    (await client.request(OrdersToImportDocument, { query: searchQuery, after }, options)).orders;
  yield* connectionPages(fetchPage, { what: `orders matching ${searchQuery}`, after: options.after ?? null });
}

/** Every order matching `searchQuery`, to the end. */
export async function* discoverOrders(
  client: ShopifyAdminClient,
  searchQuery: string,
  options: ShopifyRequestOptions & { after?: string | null } = {},
): AsyncGenerator<OrderToImport> {
  for await (const page of discoverOrderPages(client, searchQuery, options)) yield* page.nodes;
}
