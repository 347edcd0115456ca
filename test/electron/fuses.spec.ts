/**
 * Fuses on the packaged artifact (Playwright cannot launch it: nodeCliInspect is off there, by
 * design). Runs where `npm run dist` has produced release/linux-unpacked; skipped, with the reason,
 * elsewhere. POS_PACKAGED_BINARY can point at another build's executable.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

/** @electron/fuses does not export its FuseState enum: '0' and '1' as the wire stores them. */
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;

const ROOT = path.resolve(__dirname, '../..');
const binary = process.env.POS_PACKAGED_BINARY ?? path.join(ROOT, 'release/linux-unpacked/counter-pos');

test('fuses on the packaged app: RunAsNode off, NODE_OPTIONS off, inspect off, cookie encryption on, asar integrity on, only asar', async () => {
  test.skip(
    !existsSync(binary),
    `No packaged app at ${binary}: run \`npm run dist\` where the Electron download works.`,
  );
  const wire = await getCurrentFuseWire(binary);
  expect({
    runAsNode: wire[FuseV1Options.RunAsNode],
    nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
    inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
    cookies: wire[FuseV1Options.EnableCookieEncryption],
    asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
    onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
  }).toEqual({
    runAsNode: FuseState.DISABLE,
    nodeOptions: FuseState.DISABLE,
    inspect: FuseState.DISABLE,
    cookies: FuseState.ENABLE,
    asarIntegrity: FuseState.ENABLE,
    onlyAsar: FuseState.ENABLE,
  });
});
