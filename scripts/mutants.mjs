// `npm run mutants`: proves the tests can fail. Applies each named mutation (one deliberate bug in a
// guard) to a scratch copy of the project, runs the tests that guard it, and prints a table with the
// mutation score. A mutation that survives means a guard no test would miss. Slow (a few minutes),
// so it is not part of `npm test`.
//   npm run mutants                 all mutations
//   npm run mutants -- approval     only those whose name contains "approval"
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTATIONS } from './mutations.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.env.POS_KEYRING_READY !== '1') {
  // The tests use the real keychain: run inside the same private keyring as `npm test`.
  const r = spawnSync(
    'bash',
    [
      path.join(root, 'scripts/with-keyring.sh'),
      process.execPath,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    {
      stdio: 'inherit',
    },
  );
  process.exit(r.status ?? 1);
}

// `npm run mutants -- 'terminal|budget'`: only the mutations whose name matches (a regular expression).
const filter = new RegExp(process.argv[2] ?? '');
const chosen = MUTATIONS.filter((m) => filter.test(m.name));
if (chosen.length === 0) {
  console.error(`no mutation matches "${filter}"`);
  process.exit(2);
}

// A scratch copy: the project's sources, with node_modules linked (never copied, never mutated).
const scratch = mkdtempSync(path.join(tmpdir(), 'pos-mutants-'));
// Every file git tracks (the tests read some of them: README, lockfile, electron-builder.yml…).
const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .stdout.split('\0')
  .filter(Boolean);
for (const file of tracked) cpSync(path.join(root, file), path.join(scratch, file), { recursive: true });
symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');

// The fault matrix (341 cells, some waiting out late answers) is the slowest file: about five minutes.
const PER_FILE_MS = 900_000;
function runTests(files) {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      `--test-timeout=${PER_FILE_MS}`,
      '--test-reporter=dot',
      ...files,
    ],
    {
      cwd: scratch,
      encoding: 'utf8',
      // Each file has its own per-test limit; the whole run gets one per file it runs.
      timeout: PER_FILE_MS * Math.max(2, files.length),
      env: { ...process.env },
    },
  );
  return {
    passed: r.status === 0,
    timedOut: /** @type {NodeJS.ErrnoException | undefined} */ (r.error)?.code === 'ETIMEDOUT',
    output: `${r.stdout ?? ''}${r.stderr ?? ''}`,
  };
}

// The unmutated copy must pass, or every "kill" below would mean nothing.
const allFiles = [...new Set(chosen.flatMap((m) => m.tests))];
console.log(`baseline: ${allFiles.length} test files on the unmutated copy…`);
const base = runTests(allFiles);
if (!base.passed) {
  console.error(
    `baseline failed${base.timedOut ? ' (timed out)' : ''}: the tests do not pass without mutations; fix that first.`,
  );
  console.error(
    base.output
      .split('\n')
      .filter((l) => /✖|not ok|Error/.test(l))
      .slice(0, 20)
      .join('\n'),
  );
  rmSync(scratch, { recursive: true, force: true });
  process.exit(1);
}

const rows = [];
for (const m of chosen) {
  const file = path.join(scratch, m.file);
  const original = readFileSync(file, 'utf8');
  let mutated;
  if (m.apply) mutated = m.apply(original);
  else {
    const count = original.split(m.find).length - 1;
    mutated = count === 1 ? original.replace(m.find, m.replace) : null;
  }
  if (!mutated || mutated === original) {
    rows.push({ name: m.name, verdict: 'STALE', note: `the code to mutate was not found once in ${m.file}` });
    continue;
  }
  writeFileSync(file, mutated);
  const started = Date.now();
  const r = runTests(m.tests);
  writeFileSync(file, original);
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (m.equivalent) rows.push({ name: m.name, verdict: r.passed ? 'equivalent' : 'killed', note: m.equivalent });
  else
    rows.push({
      name: m.name,
      verdict: r.passed ? 'SURVIVED' : 'killed',
      note: `${r.timedOut ? 'timed out, ' : ''}${secs} s`,
    });
  console.log(`${rows[rows.length - 1].verdict.padEnd(10)} ${m.name}`);
}
rmSync(scratch, { recursive: true, force: true });

const killed = rows.filter((r) => r.verdict === 'killed').length;
const equivalent = rows.filter((r) => r.verdict === 'equivalent').length;
const scored = rows.length - equivalent;
const w = Math.max(...rows.map((r) => r.name.length), 8);
console.log(`\n| ${'mutation'.padEnd(w)} | verdict    | note`);
console.log(`|${'-'.repeat(w + 2)}|------------|------`);
for (const r of rows) console.log(`| ${r.name.padEnd(w)} | ${r.verdict.padEnd(10)} | ${r.note}`);
console.log(
  `\nmutation score: ${killed}/${scored} killed (${scored ? ((100 * killed) / scored).toFixed(0) : 0} %), ${equivalent} shown equivalent`,
);
process.exit(killed === scored ? 0 : 1);
