// `npm test`: every suite, from a fresh clone. Installs what is missing, builds, then runs
// typecheck, Node unit + integration tests (real keychain, SQLite, HTTP), the Chromium journeys
// and the Electron journeys (skipped, with the reason, where the Electron binary is absent).
// Prints one closing line: "counter-pos: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env, ...opts });

// Nothing may hang: each Node test gets a time limit, and each suite as a whole gets one too.
// A suite that runs out is killed and reported as failed, with its name, instead of blocking CI.
// A file as a whole gets this too: the fault matrix (341 cells in three tests, several waiting out a
// 30-second rate-limit pause) is the longest, several minutes on a busy machine.
const NODE_TEST_TIMEOUT_MS = 900_000;
// Node and Chromium run about 15 and 10 minutes on a quiet 2-core machine; on a busy one both have
// been seen past 20 (Chromium cut at 177 of 186 journeys, all passing): 30 each keeps a hang bounded
// and leaves CI's 90 minutes room.
const SUITE_TIMEOUT_MS = { node: 30 * 60_000, chromium: 30 * 60_000, electron: 15 * 60_000, typecheck: 5 * 60_000 };
const timedOut = (r, name, ms) => {
  if (r.error?.code !== 'ETIMEDOUT') return false;
  console.error(
    `\n${name}: still running after ${Math.round(ms / 60_000)} minutes — stopped and counted as failed (a test is hanging).`,
  );
  return true;
};

// System packages first (a plain message, or apt-get as root on Debian/Ubuntu), then npm ci.
const { ensurePrerequisites } = await import('./prereqs.mjs');
ensurePrerequisites('test');
const { ensureDependencies } = await import('./deps.mjs');
ensureDependencies();

if (process.env.POS_KEYRING_READY !== '1') {
  // Re-run ourselves inside a private D-Bus session with an unlocked throwaway gnome-keyring.
  const r = run('bash', [
    path.join(root, 'scripts/with-keyring.sh'),
    process.execPath,
    fileURLToPath(import.meta.url),
    ...process.argv.slice(2),
  ]);
  process.exit(r.status ?? 1);
}

// Native modules must match the Node that runs the tests (npm start may have rebuilt them for Electron).
for (const mod of ['keytar', 'better-sqlite3']) {
  if (spawnSync(process.execPath, ['-e', `require(${JSON.stringify(mod)})`], { stdio: 'ignore' }).status !== 0) {
    console.log(`rebuilding ${mod} for Node ${process.version}`);
    if (run('npm', ['rebuild', mod]).status !== 0) process.exit(1);
    // npm start rebuilds them for Electron again when it sees its marker gone.
    rmSync('node_modules/.counter-pos-native-abi', { force: true });
  }
}

const tmp = path.join(root, '.tmp');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const suites = [];
// What failed, by name, printed again under the summary: CI keeps only the end of the output.
const failures = [];
const record = (name, t, note = '') => {
  totals.passed += t.passed;
  totals.failed += t.failed;
  totals.skipped += t.skipped;
  suites.push({ name, ...t, note });
};

console.log('\n== build ==');
const { buildAll } = await import('./build.mjs');
try {
  await buildAll({ quiet: true });
  record('build', { passed: 1, failed: 0, skipped: 0 });
} catch (err) {
  console.error(err);
  record('build', { passed: 0, failed: 1, skipped: 0 });
}

console.log('\n== typecheck ==');
// The app, its tests, and the scripts (tsconfig.scripts.json checks the .mjs files).
const tscRuns = ['tsconfig.json', 'tsconfig.scripts.json'].map((config) => {
  const r = run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', config, '--noEmit'], {
    timeout: SUITE_TIMEOUT_MS.typecheck,
    killSignal: 'SIGKILL',
  });
  timedOut(r, `typecheck ${config}`, SUITE_TIMEOUT_MS.typecheck);
  return r.status === 0;
});
record('typecheck', { passed: tscRuns.filter(Boolean).length, failed: tscRuns.filter((ok) => !ok).length, skipped: 0 });

console.log('\n== lint: ESLint (boundaries, hooks) and Prettier ==');
const eslint = run(process.execPath, ['node_modules/eslint/bin/eslint.js', '.'], {
  timeout: SUITE_TIMEOUT_MS.typecheck,
  killSignal: 'SIGKILL',
});
const prettier = run(
  process.execPath,
  ['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.'],
  {
    timeout: SUITE_TIMEOUT_MS.typecheck,
    killSignal: 'SIGKILL',
  },
);
record('lint', {
  passed: Number(eslint.status === 0) + Number(prettier.status === 0),
  failed: Number(eslint.status !== 0) + Number(prettier.status !== 0),
  skipped: 0,
});

console.log('\n== node: unit + integration ==');
const files = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map((f) => path.join(dir, String(f)))
        .filter((f) => f.endsWith('.test.ts'))
        .sort()
    : [];
const nodeFiles = [...files('test/unit'), ...files('test/integration')];
const tap = path.join(tmp, 'node.tap');
const nodeRun = run(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    `--test-timeout=${NODE_TEST_TIMEOUT_MS}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...nodeFiles,
  ],
  { timeout: SUITE_TIMEOUT_MS.node, killSignal: 'SIGKILL' },
);
const nodeHung = timedOut(nodeRun, 'node tests', SUITE_TIMEOUT_MS.node);
// The innermost failing tests of a node:test TAP report, each with the file it is in and its first
// error line (a failing parent repeats its child's failure, so only leaves are kept).
function failedInTap(text) {
  const out = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = /^(\s*)not ok \d+ - (.*)$/.exec(line);
    if (!m) return;
    const block = [];
    for (let j = i + 1; j < lines.length && !/^\s*(not )?ok \d+ - /.test(lines[j]); j++) block.push(lines[j]);
    if (block.some((l) => /failureType: 'subtestsFailed'/.test(l))) return;
    const location =
      block
        .find((l) => /^\s*location: /.test(l))
        ?.trim()
        .replace(/^location: /, '') ?? '';
    const error =
      block
        .find((l) => /^\s*error: /.test(l))
        ?.trim()
        .replace(/^error: /, '') ?? '';
    out.push(`${m[2]} (${location.replace(/^'|'$/g, '')}) ${error}`.trim());
  });
  return out;
}
const count = (text, key) => Number((new RegExp(`^# ${key} (\\d+)`, 'm').exec(text) ?? [])[1] ?? 0);
if (existsSync(tap)) {
  const t = readFileSync(tap, 'utf8');
  record('node', {
    passed: count(t, 'pass'),
    failed: count(t, 'fail') + count(t, 'cancelled'),
    skipped: count(t, 'skipped') + count(t, 'todo'),
  });
  failures.push(...failedInTap(t).map((f) => `node: ${f}`));
} else record('node', { passed: 0, failed: 1, skipped: 0 }, 'no report');
if ((nodeRun.status !== 0 || nodeHung) && suites.at(-1).failed === 0) suites.at(-1).failed = totals.failed += 1;

for (const [name, config] of [
  ['chromium', 'test/e2e/playwright.config.ts'],
  ['electron', 'test/electron/playwright.config.ts'],
]) {
  console.log(`\n== ${name} journeys ==`);
  const out = path.join(tmp, `${name}.json`);
  const cmd = [process.execPath, 'node_modules/@playwright/test/cli.js', 'test', '-c', config];
  // Electron needs a display; give it a virtual one when there is none (Chromium runs headless).
  const needsX = name === 'electron' && !process.env.DISPLAY && spawnSync('which', ['xvfb-run']).status === 0;
  const r = run(needsX ? 'xvfb-run' : cmd[0], needsX ? ['-a', ...cmd] : cmd.slice(1), {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    timeout: SUITE_TIMEOUT_MS[name],
    killSignal: 'SIGKILL',
  });
  if (timedOut(r, `${name} journeys`, SUITE_TIMEOUT_MS[name])) {
    record(name, { passed: 0, failed: 1, skipped: 0 }, 'timed out');
    continue;
  }
  if (!existsSync(out)) {
    record(name, { passed: 0, failed: 1, skipped: 0 }, 'no report');
    continue;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const s = report.stats ?? {};
  const reasons = new Set();
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? []) {
        for (const a of t.annotations ?? []) if (a.type === 'skip' && a.description) reasons.add(a.description);
        if (t.status === 'unexpected') {
          const error = t.results?.at(-1)?.error?.message?.split('\n')[0] ?? '';
          failures.push(`${name}: ${spec.file}:${spec.line} › ${spec.title}${error ? ` — ${error}` : ''}`);
        }
      }
    for (const child of suite.suites ?? []) walk(child);
  };
  (report.suites ?? []).forEach(walk);
  const t = { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
  if (r.status !== 0 && t.failed === 0) t.failed = 1;
  record(name, t, [...reasons].join(' | '));
}

console.log('\n== summary ==');
for (const s of suites) {
  console.log(
    `${s.name.padEnd(10)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(3)} failed ${String(s.skipped).padStart(3)} skipped${s.note ? `  — ${s.note}` : ''}`,
  );
}
if (failures.length > 0) {
  console.log('\nfailed:');
  for (const f of failures.slice(0, 20)) console.log(`  ${f.slice(0, 400)}`);
  if (failures.length > 20) console.log(`  … and ${failures.length - 20} more`);
}
console.log(`counter-pos: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
