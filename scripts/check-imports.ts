/**
 * Fails on an import circle, between files or between top-level folders (type imports count: a
 * type-only circle still ties the folders together). Run by `npm run check:imports` and CI.
 */
import { createRequire } from 'node:module';

interface MadgeResult {
  obj(): Record<string, string[]>;
  circular(): string[][];
}
type Madge = (paths: string[], config: Record<string, unknown>) => Promise<MadgeResult>;

const SOURCE_FOLDERS = [
  'activities',
  'bench',
  'client',
  'console',
  'domain',
  'erp',
  'platform',
  'scripts',
  'shopify',
  'simulator',
  'temporal',
  'webhooks',
  'worker',
  'workflows',
];

const madge = createRequire(import.meta.url)('madge') as Madge;
const result = await madge(SOURCE_FOLDERS, {
  fileExtensions: ['ts'],
  tsConfig: 'tsconfig.json',
  excludeRegExp: [/(^|\/)generated\//],
});

const fileCircles = result.circular();
for (const circle of fileCircles) console.error(`file circle: ${circle.join(' -> ')} -> ${circle[0]}`);

/** One example import per folder edge, to name in the message. */
const folderEdges = new Map<string, Map<string, string>>();
const folderOf = (file: string) => file.split('/')[0] ?? file;
for (const [file, imports] of Object.entries(result.obj())) {
  for (const imported of imports) {
    const [from, to] = [folderOf(file), folderOf(imported)];
    if (from === to) continue;
    const edges = folderEdges.get(from) ?? new Map<string, string>();
    if (!edges.has(to)) edges.set(to, `${file} -> ${imported}`);
    folderEdges.set(from, edges);
  }
}

/** Strongly connected folders (Tarjan): every group of two or more is a circle. */
function folderCircles(): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (folder: string) => {
    index.set(folder, index.size);
    lowLink.set(folder, index.get(folder)!);
    stack.push(folder);
    onStack.add(folder);
    for (const next of folderEdges.get(folder)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(folder, Math.min(lowLink.get(folder)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(folder, Math.min(lowLink.get(folder)!, index.get(next)!));
      }
    }
    if (lowLink.get(folder) !== index.get(folder)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== folder);
    if (group.length > 1) circles.push(group.sort());
  };
  for (const folder of folderEdges.keys()) if (!index.has(folder)) visit(folder);
  return circles;
}

const circles = folderCircles();
for (const group of circles) {
  console.error(`folder circle: ${group.join(', ')}`);
  for (const from of group)
    for (const [to, example] of folderEdges.get(from) ?? [])
      if (group.includes(to)) console.error(`  ${from} -> ${to}: ${example}`);
}

const files = Object.keys(result.obj()).length;
if (fileCircles.length > 0 || circles.length > 0) {
  console.error(`${fileCircles.length} file circles, ${circles.length} folder circles in ${files} files`);
  process.exit(1);
}
console.log(`No import circle between ${files} files or their ${SOURCE_FOLDERS.length} folders.`);
