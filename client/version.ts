import { readFileSync } from 'node:fs';

/** orderbridge's version, as package.json states it (read at run time: the build does not copy it). */
export function orderbridgeVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
