import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/** The Admin API version every operation, generated type and the simulator follow. */
export const SHOPIFY_ADMIN_API_VERSION = '2026-10';

/** Fetched by scripts/fetch-shopify-schema.sh (pinned @shopify/dev-mcp, sha256 checked); never committed. */
export const ADMIN_SCHEMA_PATH =
  process.env.SHOPIFY_SCHEMA_PATH ??
  fileURLToPath(new URL('../.cache/shopify/admin_2026-10.json.gz', import.meta.url));

let cached: GraphQLSchema | undefined;

/** The real Shopify Admin 2026-10 schema, built from its introspection result (once per process). */
export function loadAdminSchema(): GraphQLSchema {
  if (cached) return cached;
  if (!existsSync(ADMIN_SCHEMA_PATH)) {
    throw new Error(
      `Shopify Admin schema not found at ${ADMIN_SCHEMA_PATH}: run \`npm run setup\` (it fetches it with npm pack).`,
    );
  }
  const introspection = JSON.parse(gunzipSync(readFileSync(ADMIN_SCHEMA_PATH)).toString('utf8')) as {
    data: IntrospectionQuery;
  };
  cached = buildClientSchema(introspection.data);
  return cached;
}
