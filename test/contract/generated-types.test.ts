import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../../codegen';

describe('shopify/generated', () => {
  it('matches what `npm run codegen` produces from shopify/operations today', async () => {
    const outputs = (await generate({ ...codegenConfig, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.map((output) => output.filename)).toEqual(['shopify/generated/graphql.ts']);
    const committed = readFileSync(new URL('../../shopify/generated/graphql.ts', import.meta.url), 'utf8');
    expect(
      outputs[0]!.content === committed,
      'shopify/generated/graphql.ts is stale: run `npm run codegen` and commit the result',
    ).toBe(true);
  });
});
