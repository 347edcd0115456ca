/**
 * `npm run helcim:check` run for real against the simulator (standing in for a Helcim test
 * account): the token comes in on standard input, never on the command line, and never comes out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startSimulator } from '../../main/simulator/server';

const ROOT = path.resolve(__dirname, '../..');

test('helcim:check asks the open questions and prints expected vs observed; the token stays secret', { timeout: 60_000 }, async () => {
  const sim = await startSimulator();
  try {
    const admin = sim.createToken({ general: 'none', settings: 'none', transactions: 'admin' });
    const limited = sim.createToken({ general: 'none', settings: 'none', transactions: 'auth' });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/helcim-check.ts'), '--api', sim.baseUrl], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.stdin.end(`${admin}\n${limited}\n`);
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    for (const fact of [
      'An unknown token',
      'The same key and body again',
      'The same key with another body',
      'A key shorter than 25 characters',
      'A key whose request failed, sent again',
      'A token below Admin asks to refund',
      'Rate-limit headers on answers',
    ])
      assert.match(out, new RegExp(`\\| ${fact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\|.*\\| as expected \\|`), fact);
    assert.match(out, /\| by hand \|/);
    // The simulator has no Payment Hardware API yet: the script says so instead of pretending.
    assert.match(out, /GET devices with this token .*DIFFERS/);
    assert.equal(code, 1, 'something differs: exit 1');
    for (const t of [admin, limited]) assert.equal((out + err).includes(t), false, 'the token is never printed');
  } finally {
    await sim.close();
  }
});
