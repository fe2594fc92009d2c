import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../../simulator/generator/codegen';

const generatedPath = fileURLToPath(
  new URL('../../simulator/generator/generated/graphql.ts', import.meta.url),
);

describe('simulator/generator/generated', () => {
  it('matches what codegen produces from simulator/generator/operations today', async () => {
    const outputs = (await generate({ ...codegenConfig, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.map((output) => output.filename)).toEqual(['simulator/generator/generated/graphql.ts']);
    // The committed file is formatted like the rest of the code.
    const generated = await format(outputs[0]!.content, {
      ...(await resolveConfig(generatedPath)),
      filepath: generatedPath,
    });
    expect(
      generated === readFileSync(generatedPath, 'utf8'),
      'simulator/generator/generated/graphql.ts is stale: run `npx graphql-codegen --config simulator/generator/codegen.ts` then `npx prettier --write simulator/generator/generated`',
    ).toBe(true);
  });
});
