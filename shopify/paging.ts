/** The part of a Relay connection that paging needs (every connection operation selects it). */
export interface ConnectionPage<TNode> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: TNode[];
}

export type FetchPage<TNode> = (after: string | null) => Promise<ConnectionPage<TNode>>;

function nextCursor(
  page: ConnectionPage<unknown>,
  previousCursor: string | null,
  what: string,
): string | null {
  if (!page.pageInfo.hasNextPage) return null;
  const cursor = page.pageInfo.endCursor;
  if (!cursor || cursor === previousCursor) {
    // Following it would loop forever or stop early without saying so.
    throw new Error(
      `Paging ${what}: Shopify said there is a next page but gave ${cursor ? 'the same cursor again' : 'no end cursor'}; ` +
        'make sure the operation selects pageInfo { hasNextPage endCursor }.',
    );
  }
  return cursor;
}

/**
 * Every page of a connection, following pageInfo.endCursor while hasNextPage. Starts from
 * `firstPage` when the caller already has it (e.g. the first page nested in a bigger query).
 */
export async function* connectionPages<TNode>(
  fetchPage: FetchPage<TNode>,
  options: { what?: string; after?: string | null; firstPage?: ConnectionPage<TNode> } = {},
): AsyncGenerator<ConnectionPage<TNode>> {
  const what = options.what ?? 'a connection';
  let cursor = options.after ?? null;
  let page = options.firstPage ?? (await fetchPage(cursor));
  for (;;) {
    yield page;
    const next = nextCursor(page, cursor, what);
    if (next === null) return;
    cursor = next;
    page = await fetchPage(cursor);
  }
}

/** Every node of a connection, to the end, one page at a time. */
export async function* connectionNodes<TNode>(
  fetchPage: FetchPage<TNode>,
  options: { what?: string; after?: string | null; firstPage?: ConnectionPage<TNode> } = {},
): AsyncGenerator<TNode> {
  for await (const page of connectionPages(fetchPage, options)) yield* page.nodes;
}

/** All nodes of a connection in one array. */
export async function collectNodes<TNode>(
  fetchPage: FetchPage<TNode>,
  options: { what?: string; after?: string | null; firstPage?: ConnectionPage<TNode> } = {},
): Promise<TNode[]> {
  const nodes: TNode[] = [];
  for await (const node of connectionNodes(fetchPage, options)) nodes.push(node);
  return nodes;
}

/**
 * Completes a connection that arrived as the first page of a bigger query: appends the nodes of
 * the following pages in place and marks it finished. Returns how many extra requests it took.
 */
export async function completeConnection<TNode>(
  connection: ConnectionPage<TNode>,
  fetchPage: FetchPage<TNode>,
  what: string,
): Promise<number> {
  let requests = 0;
  let cursor: string | null = null;
  let page = connection;
  for (;;) {
    const next = nextCursor(page, cursor, what);
    if (next === null) break;
    cursor = next;
    page = await fetchPage(cursor);
    requests++;
    connection.nodes.push(...page.nodes);
  }
  connection.pageInfo = { hasNextPage: false, endCursor: page.pageInfo.endCursor };
  return requests;
}
