// `npm run helcim:check [-- --api https://api.helcim.com/v2/]`: asks a Helcim developer test account
// what HELCIM.md leaves open, and prints expected vs observed (main/helcim/contract-check.ts).
// Tokens are read from standard input (typed at a hidden prompt, or piped), never from an argument,
// so they stay out of shell history and process lists. Nothing is written anywhere.
import { createInterface } from 'node:readline';
import { formatCheckTable, runHelcimCheck } from '../main/helcim/contract-check';
import { HELCIM_API_BASE } from '../main/helcim/gateway';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

/** Reads one line; on a terminal the typing is not echoed. */
function secretLine(prompt: string, lines: AsyncIterator<string>): Promise<string> {
  process.stderr.write(prompt);
  return lines.next().then((r) => {
    if (process.stdin.isTTY) process.stderr.write('\n');
    return (r.done ? '' : r.value).trim();
  });
}

async function main() {
  const apiBase = arg('--api') ?? HELCIM_API_BASE;
  const rl = createInterface({ input: process.stdin, terminal: false });
  if (process.stdin.isTTY) process.stdin.setRawMode?.(false);
  const lines = rl[Symbol.asyncIterator]();
  const token = await secretLine('Helcim API token with Transaction Processing: Admin (test account): ', lines);
  const limitedToken = await secretLine(
    'Optional: a token with Transaction Processing: None or Auth (Enter to skip): ',
    lines,
  );
  const charge = await secretLine(
    'Charge $0.01 test payments on a card already on the account, and void or release each again? (y/N): ',
    lines,
  );
  rl.close();
  if (!token) {
    console.error('No token given: nothing to check.');
    process.exit(2);
  }
  console.error(`Asking ${new URL(apiBase).origin} …`);
  const rows = await runHelcimCheck({
    apiBase,
    token,
    limitedToken: limitedToken || undefined,
    charge: /^y(es)?$/i.test(charge),
  });
  console.log(formatCheckTable(rows));
  const differs = rows.filter((r) => r.verdict === 'DIFFERS').length;
  console.log(
    `\n${rows.length} facts: ${differs} differ from what the app expects, ${rows.filter((r) => r.verdict === 'by hand').length} to check by hand.`,
  );
  process.exit(differs ? 1 : 0);
}

main().catch((err) => {
  console.error(`helcim:check could not finish: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
