// `npm run mutants`: StrykerJS over the money code, scope by scope (scripts/stryker-scopes.mjs),
// inside the same private keyring as `npm test`; each scope's HTML report under
// test-results/stryker/<scope>/. Incremental, so a re-run only tries what changed. Slow: not in `npm test`.
//   npm run mutants                  every scope
//   npm run mutants -- money journal only those scopes
// The hand-written mutations that Stryker cannot express (a removed trigger, a dropped transaction,
// a policy row) stay in scripts/mutations.mjs: `npm run mutants:list`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCOPES } from './stryker-scopes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (process.env.POS_KEYRING_READY !== '1') {
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

const asked = process.argv.slice(2);
const unknown = asked.filter((s) => !(s in SCOPES));
if (unknown.length) {
  console.error(`unknown scope(s): ${unknown.join(', ')} — known: ${Object.keys(SCOPES).join(', ')}`);
  process.exit(2);
}
const scopes = asked.length ? asked : Object.keys(SCOPES);
const scores = [];
for (const scope of scopes) {
  console.log(`\n== Stryker: ${scope} ==`);
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'stryker.config.mjs'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, STRYKER_SCOPE: scope },
    },
  );
  let score = 'no report';
  try {
    const report = JSON.parse(readFileSync(path.join(root, `test-results/stryker/${scope}/report.json`), 'utf8'));
    const all = Object.values(report.files).flatMap((f) => f.mutants);
    const count = (...s) => all.filter((m) => s.includes(m.status)).length;
    const killed = count('Killed', 'Timeout');
    const valid = killed + count('Survived', 'NoCoverage');
    score = `${killed}/${valid} killed (${valid ? ((100 * killed) / valid).toFixed(1) : '100.0'} %), ${count('Survived')} survived, ${count('NoCoverage')} not covered, ${count('Ignored')} ignored`;
  } catch {
    // no report: Stryker failed before it could write one (its own output says why)
  }
  scores.push(`${scope.padEnd(9)} ${r.status === 0 ? score : `failed (exit ${r.status}): ${score}`}`);
}
console.log(`\nmutation scores:\n${scores.join('\n')}`);
