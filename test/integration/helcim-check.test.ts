/**
 * `npm run helcim:check` run for real against the simulator (standing in for a Helcim test
 * account): the token comes in on standard input, never on the command line, and never comes out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startSimulator } from '../../main/simulator/server';
import { simulateSale } from '../support/simulated-sale';

const ROOT = path.resolve(__dirname, '../..');

test(
  'helcim:check asks the open questions and prints expected vs observed; the token stays secret',
  { timeout: 60_000 },
  async () => {
    const sim = await startSimulator();
    try {
      const admin = sim.createToken({ general: 'none', settings: 'none', transactions: 'admin' });
      const limited = sim.createToken({ general: 'none', settings: 'none', transactions: 'auth' });
      // One earlier sale puts a card on the account: the money checks charge $0.01 on it and undo it.
      const sale = await simulateSale(sim, 500);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'scripts/helcim-check.ts'), '--api', sim.baseUrl],
        { cwd: ROOT },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (b) => (out += b));
      child.stderr.on('data', (b) => (err += b));
      child.stdin.end(`${admin}\n${limited}\ny\n`);
      const code = await new Promise<number | null>((r) => child.once('exit', r));
      for (const fact of [
        'An unknown token',
        'The same key and body again',
        'The same key with another body',
        'A key shorter than 25 characters',
        'A key whose request failed, sent again',
        'A token below Admin asks to refund',
        'Rate-limit headers on answers',
        'A money call repeated with the same key and body',
        'A money call with a used key and another body',
        'The $0.01 purchase voided (reverse)',
        'A hold (preauth) released by a reverse while its batch is open',
        'A capture of the whole hold',
        'A second capture beyond the held amount',
        'The $0.01 capture voided',
      ])
        assert.match(
          out,
          new RegExp(`\\| ${fact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\|.*\\| as expected \\|`),
          fact,
        );
      assert.match(out, /\| by hand \|/);
      // The admin token here has General and Settings at No Access: Helcim's answer names the permission.
      assert.match(out, /GET devices with this token .*No access permission.*as expected/);
      assert.match(out, /A \$0 push to terminal "0" .*as expected/);
      assert.doesNotMatch(out, /DIFFERS/);
      assert.equal(code, 0, 'nothing differs from the simulator: exit 0');
      for (const t of [admin, limited]) assert.equal((out + err).includes(t), false, 'the token is never printed');
      // Everything it charged was undone: each $0.01 purchase and capture reversed, each hold released or captured.
      const made = sim.transactions().filter((t) => t.transactionId !== Number(sale) && t.status === 'APPROVED');
      const undone = new Set(made.filter((t) => t.type === 'reverse').map((t) => t.originalTransactionId));
      for (const t of made.filter((x) => x.type === 'purchase' || x.type === 'capture'))
        assert.ok(undone.has(t.transactionId), `${t.type} ${t.transactionId} voided`);
      assert.ok(
        made.every((t) => t.amount <= 0.02),
        'the smallest amounts only',
      );
    } finally {
      await sim.close();
    }
  },
);
