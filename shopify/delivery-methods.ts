import type { ShopifyAdminClient, ShopifyRequestOptions } from './client';
import { ShopifyNotFoundError } from './errors';
import {
  DeliveryMethodDefinitionsDocument,
  DeliveryProfileZonesPageDocument,
  DeliveryZoneMethodsPageDocument,
  type DeliveryMethodDefinitionsQuery,
} from './generated/graphql';
import { completeConnection, connectionPages, type ConnectionPage } from './paging';

/**
 * Where the store's shipping method names come from: delivery profiles → location groups → zones
 * → method definitions. A definition's name is what checkout offers and what an order's shipping
 * line carries as its title, so it is what the shipment method mapping lists.
 */
export interface DeliveryMethodDefinitionEntry {
  methodDefinitionId: string;
  name: string;
  active: boolean;
  description: string | null;
  profileId: string;
  profileName: string;
  locationGroupId: string;
  zoneId: string;
  zoneName: string;
}

type DeliveryProfile = DeliveryMethodDefinitionsQuery['deliveryProfiles']['nodes'][number];
type ZoneConnection = DeliveryProfile['profileLocationGroups'][number]['locationGroupZones'];
type MethodDefinition = ZoneConnection['edges'][number]['node']['methodDefinitions']['nodes'][number];

/** Every method definition of every delivery profile, with where it sits; all levels paged to the end. */
export async function listDeliveryMethodDefinitions(
  client: ShopifyAdminClient,
  options: ShopifyRequestOptions = {},
): Promise<DeliveryMethodDefinitionEntry[]> {
  const entries: DeliveryMethodDefinitionEntry[] = [];
  const notFound = (operationName: string, id: string) =>
    new ShopifyNotFoundError({ shopDomain: client.shopDomain, operationName }, id);

  const fetchProfiles = async (after: string | null): Promise<ConnectionPage<DeliveryProfile>> =>
    (await client.request(DeliveryMethodDefinitionsDocument, { after }, options)).deliveryProfiles;

  for await (const profilePage of connectionPages(fetchProfiles, { what: 'delivery profiles' })) {
    for (const profile of profilePage.nodes) {
      for (const group of profile.profileLocationGroups) {
        const locationGroupId = group.locationGroup.id;
        let zones: ZoneConnection = group.locationGroupZones;
        let zonesAfter: string | null = null;
        for (;;) {
          // A zone's methods can only be paged by reaching the zone again: through the cursor before it.
          let cursorBeforeZone = zonesAfter;
          for (const edge of zones.edges) {
            const zoneCursor = cursorBeforeZone;
            const methods: ConnectionPage<MethodDefinition> = edge.node.methodDefinitions;
            await completeConnection(
              methods,
              async (after) => {
                const page = await client.request(
                  DeliveryZoneMethodsPageDocument,
                  { profileId: profile.id, locationGroupId, zoneCursor, after },
                  options,
                );
                const zone = page.deliveryProfile?.profileLocationGroups[0]?.locationGroupZones.nodes[0];
                if (!zone) throw notFound('DeliveryZoneMethodsPage', edge.node.zone.id);
                return zone.methodDefinitions;
              },
              `method definitions of zone ${edge.node.zone.name}`,
            );
            for (const method of methods.nodes) {
              entries.push({
                methodDefinitionId: method.id,
                name: method.name,
                active: method.active,
                description: method.description,
                profileId: profile.id,
                profileName: profile.name,
                locationGroupId,
                zoneId: edge.node.zone.id,
                zoneName: edge.node.zone.name,
              });
            }
            cursorBeforeZone = edge.cursor;
          }
          if (!zones.pageInfo.hasNextPage) break;
          if (!zones.pageInfo.endCursor || zones.pageInfo.endCursor === zonesAfter) {
            throw new Error(
              `Paging zones of delivery profile ${profile.name}: Shopify gave no new end cursor.`,
            );
          }
          zonesAfter = zones.pageInfo.endCursor;
          const page = await client.request(
            DeliveryProfileZonesPageDocument,
            { profileId: profile.id, locationGroupId, after: zonesAfter },
            options,
          );
          const nextZones = page.deliveryProfile?.profileLocationGroups[0]?.locationGroupZones;
          if (!nextZones) throw notFound('DeliveryProfileZonesPage', profile.id);
          zones = nextZones;
        }
      }
    }
  }
  return entries;
}

/** The distinct shipping method names of the store, sorted, for the shipment method mapping. */
export async function listShippingMethodNames(
  client: ShopifyAdminClient,
  options: ShopifyRequestOptions = {},
): Promise<string[]> {
  const names = new Set((await listDeliveryMethodDefinitions(client, options)).map((entry) => entry.name));
  return [...names].sort((left, right) => left.localeCompare(right));
}
