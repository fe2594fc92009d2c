import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { ADMIN_SCHEMA_PATH } from './shopify/schema';

/**
 * Types for every operation in shopify/operations, generated from the real Admin 2026-10 schema
 * (the same .cache file the contract test and the simulator read). The JSON file loader cannot
 * read gzip, so the introspection result is unpacked beside it first, only when it is newer.
 */
const introspectionPath = ADMIN_SCHEMA_PATH.replace(/\.gz$/, '');
if (!existsSync(ADMIN_SCHEMA_PATH)) {
  throw new Error(`Shopify Admin schema not found at ${ADMIN_SCHEMA_PATH}: run \`npm run setup\` first.`);
}
if (
  !existsSync(introspectionPath) ||
  statSync(introspectionPath).mtimeMs < statSync(ADMIN_SCHEMA_PATH).mtimeMs
) {
  writeFileSync(introspectionPath, gunzipSync(readFileSync(ADMIN_SCHEMA_PATH)));
}

// Shopify sends these as JSON strings; money (Decimal, Money) stays a string until decimal.js reads it.
const stringScalars = [
  'ARN',
  'BigInt',
  'Color',
  'Date',
  'DateTime',
  'Decimal',
  'FormattedString',
  'HTML',
  'Money',
  'StorefrontID',
  'URL',
  'UnsignedInt64',
  'UtcOffset',
];

const config: CodegenConfig = {
  overwrite: true,
  schema: introspectionPath,
  documents: ['shopify/operations/**/*.graphql'],
  generates: {
    'shopify/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: {
        onlyOperationTypes: true,
        disableDescriptions: true,
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        strictScalars: true,
        scalars: {
          ...Object.fromEntries(stringScalars.map((name) => [name, 'string'])),
          JSON: 'unknown',
        },
      },
    },
  },
};

export default config;
