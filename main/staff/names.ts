/**
 * Staff names as the sign-in screen shows them. Two names that look the same on a tile must not both
 * exist: "Morgan", "Morgan\u200b" (zero-width space) and "Mοrgan" (Greek omicron) would let one
 * person pose as another at the counter. A name is normalized (NFC, single spaces), may not hold
 * invisible, control, bidi or private-use characters, and is keyed by its confusable skeleton
 * (Unicode's confusables data via `unhomoglyph`), so look-alikes collide with the existing name.
 */
import unhomoglyph from 'unhomoglyph';
import { PosError } from '../errors';

export const NAME_MAX = 40;

/**
 * Control (Cc), format (Cf: zero-width, bidi marks and overrides, soft hyphen…), surrogate (Cs),
 * private-use (Co) and unassigned (Cn) characters, line/paragraph separators, and every space
 * other than the plain one.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;
/** Hangul fillers and other blank-looking letters that Unicode does not class as format characters. */
const BLANK_LETTERS = /[\u115f\u1160\u3164\uffa0\u2800]/u;

/** Returns the name as stored and shown, or throws a plain-words `invalid_payload`. */
export function checkStaffName(raw: string): string {
  if (INVISIBLE.test(raw) || BLANK_LETTERS.test(raw)) throw new PosError('invalid_payload', 'error.name.invisible');
  const clean = raw.normalize('NFC').trim().replace(/ +/g, ' ');
  if (clean.length < 1 || clean.length > NAME_MAX)
    throw new PosError('invalid_payload', 'error.name.length', { max: NAME_MAX });
  if (!/\p{L}/u.test(clean)) throw new PosError('invalid_payload', 'error.name.letter');
  if (mixesScripts(clean)) throw new PosError('invalid_payload', 'error.name.scripts');
  return clean;
}

/**
 * The key two names collide on when they look alike: confusables folded before and after case
 * folding ("Ian" and "lan" meet through capital I → l; "MORGAN" and "morgan" through m → rn).
 */
export function nameKey(clean: string): string {
  return unhomoglyph(unhomoglyph(clean.normalize('NFD')).toLowerCase()).normalize('NFC');
}

const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Thai',
  'Devanagari',
  'Cherokee',
];

/** More than one alphabet among the letters (Han with Hiragana/Katakana is one writing system). */
function mixesScripts(name: string): boolean {
  const found = new Set<string>();
  for (const ch of name) {
    if (!/\p{L}/u.test(ch)) continue;
    const script = SCRIPTS.find((s) => new RegExp(`\\p{Script=${s}}`, 'u').test(ch)) ?? 'Other';
    found.add(script === 'Hiragana' || script === 'Katakana' ? 'Han' : script);
  }
  return found.size > 1;
}
