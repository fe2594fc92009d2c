import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { LocationsDocument, type LocationsQuery } from './generated/graphql';
import { collectNodes } from './paging';

export type ShopifyLocation = LocationsQuery['locations']['nodes'][number];

/** Every location, active or not, including those fulfillment-service apps manage. */
export async function listLocations(
  client: ShopifyAdminClient,
  options: ShopifyRequestOptions = {},
): Promise<ShopifyLocation[]> {
  return collectNodes(
    async (after) => (await client.request(LocationsDocument, { after }, options)).locations,
    {
      what: 'locations',
    },
  );
}
