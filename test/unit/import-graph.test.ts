/**
 * The import graph has no circle (issue 26): not between files, not between main's feature folders,
 * not between the renderer's floors. Imports are read with TypeScript's own pre-processor (type-only
 * imports count too: a circle of types is still a circle a reader has to untangle).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const APP_DIRS = ['main', 'common', 'preload', 'renderer/src'];

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((f) => {
    const rel = path.join(dir, f);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sources(rel);
    return /\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The app's files each file imports (relative imports resolved; packages left out). */
function fileGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of APP_DIRS.flatMap(sources)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => {
        const base = path.join(path.dirname(file), spec);
        return ['.ts', '.tsx', '/index.ts', '']
          .map((ext) => base + ext)
          .find((p) => existsSync(path.join(ROOT, p)) && statSync(path.join(ROOT, p)).isFile());
      })
      .filter((p): p is string => p !== undefined && !/\.(css|html)$/.test(p));
    graph.set(file, targets);
  }
  return graph;
}

/** The circles of a graph: its strongly connected parts with more than one member (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1) out.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** The same graph between units (a file's unit: `unitOf(file)`), arrows inside a unit left out. */
function unitGraph(files: Map<string, string[]>, unitOf: (f: string) => string | null): Map<string, string[]> {
  const g = new Map<string, Set<string>>();
  for (const [from, tos] of files) {
    const a = unitOf(from);
    if (a === null) continue;
    for (const to of tos) {
      const b = unitOf(to);
      if (b !== null && b !== a) (g.get(a) ?? g.set(a, new Set()).get(a)!).add(b);
    }
  }
  return new Map([...g].map(([k, v]) => [k, [...v]]));
}

const graph = fileGraph();

test('the circle finder finds a circle (so the checks below can fail)', () => {
  const g = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a', 'd']],
    ['d', []],
  ]);
  assert.deepEqual(circles(g), [['a', 'b', 'c']]);
  assert.deepEqual(
    circles(
      new Map([
        ['a', ['b']],
        ['b', []],
      ]),
    ),
    [],
  );
});

test('the graph is read: main imports its features, the renderer its floors', () => {
  assert.ok(graph.get('main/core.ts')!.includes('main/compose/payments.ts'));
  assert.ok(graph.get('main/compose/payments.ts')!.includes('main/payments/sales.ts'));
  assert.ok(graph.get('renderer/src/app/Workspace.tsx')!.includes('renderer/src/sale/SaleScreen.tsx'));
  assert.ok(graph.size > 150, `${graph.size} files`);
});

test('no two files import each other, directly or round a circle', () => {
  assert.deepEqual(circles(graph), []);
});

test("no circle between main's folders (payments, journal, staff, policy, reports, hardware…)", () => {
  // A file in a folder of main counts as that folder; a file straight in main/ as itself.
  const folderOf = (f: string) => {
    const parts = f.split('/');
    return parts[0] !== 'main' ? null : parts.length > 2 ? `main/${parts[1]}` : f;
  };
  assert.deepEqual(circles(unitGraph(graph, folderOf)), []);
});

test('no circle between the renderer’s floors and features, nor between the processes’ folders', () => {
  const floorOf = (f: string) =>
    f.startsWith('renderer/src/') ? (f.split('/').length > 3 ? f.split('/')[2]! : 'entries') : null;
  assert.deepEqual(circles(unitGraph(graph, floorOf)), []);
  const processOf = (f: string) => APP_DIRS.find((d) => f.startsWith(`${d}/`)) ?? null;
  assert.deepEqual(circles(unitGraph(graph, processOf)), []);
});
