// Signs a release's update feed file (latest.yml, latest-linux.yml) for main/updates/policy.ts:
// writes <file>.sig, the Ed25519 signature (base64) over the file's exact bytes.
//   COUNTER_POS_RELEASE_KEY=/path/to/release-key.pem node scripts/sign-update-feed.mjs release/latest.yml
// The key is the release key's private half (PKCS#8 PEM); it never goes in the repository.
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const keyFile = process.env.COUNTER_POS_RELEASE_KEY;
const files = process.argv.slice(2);
if (!keyFile || files.length === 0) {
  console.error('Usage: COUNTER_POS_RELEASE_KEY=key.pem node scripts/sign-update-feed.mjs <feed file>…');
  process.exit(2);
}
const key = createPrivateKey(readFileSync(keyFile));
for (const file of files) {
  writeFileSync(`${file}.sig`, `${sign(null, readFileSync(file), key).toString('base64')}\n`);
  console.log(`signed ${file} -> ${file}.sig`);
}
