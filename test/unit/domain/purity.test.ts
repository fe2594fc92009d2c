import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const domainFolder = fileURLToPath(new URL('../../../domain/', import.meta.url));
const sources = readdirSync(domainFolder).filter((file) => file.endsWith('.ts'));

describe('domain/ stays pure (workflows import it)', () => {
  it.each(sources)('%s imports only domain files and decimal.js', (file) => {
    const text = readFileSync(`${domainFolder}${file}`, 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    for (const source of imports)
      expect(source === 'decimal.js' || /^\.\/[a-z-]+$/.test(source ?? '')).toBe(true);
    expect(text).not.toMatch(/\b(process|require|Date\.now|Math\.random)\b/);
  });
});
