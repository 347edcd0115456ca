/**
 * When and what to update, as plain rules (no Electron): the feed electron-builder publishes
 * (`latest.yml`, `latest-linux.yml`: version, files with sha512 and size, `stagingPercentage`), our
 * Ed25519 signature over that exact text (`<feed file>.sig`), who is in a staged rollout, and what
 * must be closed before an install. electron-updater does the download and the install in the
 * Electron shell (main/electron/updater.ts); every decision is taken here.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import yaml from 'js-yaml';
import semver from 'semver';
import { z } from 'zod';

const sha512 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'a base64 SHA-512');
const feedSchema = z.object({
  version: z.string().refine((v) => semver.valid(v) !== null, { message: 'a version (semver)' }),
  files: z.array(z.object({ url: z.string().min(1).max(300), sha512, size: z.number().int().positive() })).min(1),
  releaseDate: z.string().optional(),
  // electron-builder's staged rollout: the share of installs that take this version (absent: all).
  stagingPercentage: z.number().min(0).max(100).optional(),
});
export type Feed = z.output<typeof feedSchema>;

/** The feed file electron-builder writes for each platform (electron-updater reads the same names). */
export const feedFileFor = (platform: NodeJS.Platform) =>
  platform === 'win32' ? 'latest.yml' : platform === 'darwin' ? 'latest-mac.yml' : 'latest-linux.yml';

export type FeedProblem = 'unsigned' | 'badSignature' | 'unreadable';

/** The feed's text, if the signature over its exact bytes is one of ours; else what is wrong. */
export function verifyFeed(text: Buffer, signature: string | null, keys: KeyObject[]): Feed | FeedProblem {
  if (!signature) return 'unsigned';
  const sig = Buffer.from(signature.trim(), 'base64');
  if (sig.length !== 64 || !keys.some((k) => verify(null, text, k, sig))) return 'badSignature';
  try {
    // JSON_SCHEMA: no YAML tags, no functions, no dates turned into objects.
    const parsed = feedSchema.safeParse(yaml.load(text.toString('utf8'), { schema: yaml.JSON_SCHEMA }));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** Public keys (PEM, Ed25519) of whoever signs releases. */
export const publicKeys = (pems: readonly string[]) => pems.map((p) => createPublicKey(p));

/**
 * Whether this counter is in a staged rollout of a version: a fixed number from 0 to 99 per counter
 * and version (so each stage adds counters and none drops out), below the percentage. 0: halted.
 */
export function inRollout(counterId: string, version: string, percentage: number | undefined): boolean {
  if (percentage === undefined || percentage >= 100) return true;
  const n = createHash('sha256').update(`${counterId}/${version}`).digest().readUInt32BE(0) % 100;
  return n < percentage;
}

export type UpdateDecision =
  { action: 'download'; version: string } | { action: 'none'; why: 'upToDate' | 'halted' | 'notYet'; version: string };

export function decide(current: string, feed: Feed, counterId: string): UpdateDecision {
  if (!semver.gt(feed.version, current)) return { action: 'none', why: 'upToDate', version: feed.version };
  if (feed.stagingPercentage === 0) return { action: 'none', why: 'halted', version: feed.version };
  if (!inRollout(counterId, feed.version, feed.stagingPercentage))
    return { action: 'none', why: 'notYet', version: feed.version };
  return { action: 'download', version: feed.version };
}

/** What is open on this counter right now (each one keeps an update from installing). */
export type OpenWork = {
  /** Sales rung up or paid in part. */
  sales: number;
  /** Card forms (HelcimPay.js) open. */
  cardForms: number;
  /** Sales on the terminal whose result main is still waiting for. */
  terminalPushes: number;
  /** Payments whose outcome is not known yet. */
  unresolved: number;
  /** A drawer count under way. */
  drawerCount: boolean;
};

export function installBlockers(w: OpenWork): (keyof OpenWork)[] {
  const out: (keyof OpenWork)[] = [];
  if (w.sales > 0) out.push('sales');
  if (w.cardForms > 0) out.push('cardForms');
  if (w.terminalPushes > 0) out.push('terminalPushes');
  if (w.unresolved > 0) out.push('unresolved');
  if (w.drawerCount) out.push('drawerCount');
  return out;
}

/** An update installs at the Z or when the app quits, never mid-shift, and only with nothing open. */
export const mayInstall = (moment: 'z' | 'quit' | 'shift', w: OpenWork) =>
  moment !== 'shift' && installBlockers(w).length === 0;

/** Whether a downloaded file is the one the signed feed names: its size and SHA-512. */
export async function matchesFeed(file: string, feed: Feed): Promise<boolean> {
  const hash = createHash('sha512');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  const digest = hash.digest('base64');
  return feed.files.some((f) => f.sha512 === digest && f.size === bytes);
}
