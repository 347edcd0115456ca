/**
 * The catalogs (issue 17, first part): en-CA and fr-CA have the same keys and the same placeholders,
 * every key is used somewhere, French strings are not English copies, and formatting follows the
 * locale (fr-CA money « 12,34 $ », dates in French).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGS, translator } from '../../common/i18n';
import { EN_CA } from '../../common/i18n/en-CA';
import { FR_CA } from '../../common/i18n/fr-CA';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Words the same in both languages on purpose (« Terminal » is French too). */
const COGNATES = new Set<string>([
  'tender.payTerminal',
  'tx.region', // Transactions
  'tx.date', // Date
  'tx.actions', // Actions
  'history.source', // Source
  'report.total', // Total
  'report.net', // Net {amount}
  'report.csv.net', // net
  'printer.port', // Port
  'mail.card.port', // Port
  'cart.total', // Total
  'cart.lineAmount', // {quantity} × {price}
  'cart.perUnit', // {price}/{unit}
  'cart.unit.kg', // kg
  'cart.unit.lb', // lb
  'catalog.field.sku', // SKU
]);
/** The values a message takes (its arguments, plural and select included), read by FormatJS's own ICU parser. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type !== TYPE.literal && e.type !== TYPE.pound && 'value' in e) names.add(String(e.value));
      if ('options' in e) for (const o of Object.values(e.options)) walk(o.value);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    // The catalogs themselves do not count as a use.
    return /\.(ts|tsx)$/.test(f) && !/^(en|fr)-CA\.ts$/.test(f) ? [p] : [];
  });
}

test('both catalogs have exactly the same keys and the same placeholders', () => {
  assert.deepEqual(Object.keys(FR_CA).sort(), Object.keys(EN_CA).sort());
  for (const key of Object.keys(EN_CA) as (keyof typeof EN_CA)[])
    assert.deepEqual(placeholders(FR_CA[key]), placeholders(EN_CA[key]), key);
});

test('no key is unused: each appears in the code (as itself, or as the family of a key built from a template)', () => {
  const code = ['main', 'common', 'preload', 'renderer/src']
    .flatMap((d) => sources(path.join(ROOT, d)))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  // A key built from a template (`helcim.probe.${op}`, `moneyCall.${kind}.${outcome}`) is used by its family.
  const families = [...code.matchAll(/`([A-Za-z]+(?:\.[A-Za-z]+)*\.)\$\{/g)].map((m) => m[1]!);
  const unused = Object.keys(EN_CA).filter(
    (key) => !code.includes(`'${key}'`) && !families.some((f) => key.startsWith(f)),
  );
  assert.deepEqual(unused, []);
});

test('French strings are not copies of the English ones (true cognates aside)', () => {
  const copies = (Object.keys(EN_CA) as (keyof typeof EN_CA)[]).filter(
    (k) => FR_CA[k] === EN_CA[k] && !COGNATES.has(k),
  );
  assert.deepEqual(copies, []);
});

test('formatting follows the locale: money, dates, plural-free messages with values', () => {
  const fr = translator('fr-CA');
  const en = translator('en-CA');
  assert.equal(fr.money(1234, 'CAD'), '12,34\u00a0$');
  assert.equal(en.money(1234, 'CAD'), '$12.34');
  assert.match(fr.dateTime('2026-11-26T21:05:00Z'), /nov\./);
  assert.equal(fr.t('display.change', { amount: fr.money(800, 'CAD') }), 'Votre monnaie : 8,00\u00a0$');
  assert.equal(en.t('receipt.row.saleTotal', { number: 12 }), 'Sale #12 total');
  assert.equal(fr.brand('VI'), 'Visa');
  assert.equal(fr.brand(undefined), 'Carte');
  assert.equal(Object.keys(CATALOGS).length, 2);
  // ICU plurals: one and other, in both languages.
  assert.match(en.t('result.paidInFull', { number: 3, total: '$50.00', count: 2 }), /by 2 payments\.$/);
  assert.match(fr.t('result.paidInFull', { number: 3, total: '50,00 $', count: 1 }), /en 1 paiement\.$/);
});

test('one way to write a time of day per language: the same sale shows the same time on every screen', () => {
  const fr = translator('fr-CA');
  const en = translator('en-CA');
  // A journal time is an instant; Transactions gets the shop's wall time of the same instant.
  const instant = new Date(2026, 11, 6, 14, 5, 30);
  const wall = `2026-12-06 14:05:30`;
  assert.equal(fr.time(instant.toISOString()), '14 h 05');
  assert.equal(fr.time(wall), '14 h 05', 'a wall time reads as the shop’s own clock, written the French way');
  assert.equal(en.time(wall), en.time(instant.toISOString()));
  assert.match(en.time(wall), /^0?2:05\sp\.m\.$/);
});

/** Every screen of the counter and the customer display: none may hold words for people of its own. */
const SCREENS = sources(path.join(ROOT, 'renderer/src')).filter((f) => f.endsWith('.tsx'));
/** Every renderer file (screens, stores, helpers): no sentence written in English outside the catalogs. */
const RENDERER = sources(path.join(ROOT, 'renderer/src'));
/**
 * The one exception: the checkout host page runs inside Helcim's frame, apart from the counter's
 * language, and says its two failures in both languages itself (the counter says them again from the catalogs).
 */
const BILINGUAL = new Set(['renderer/src/checkout-host.ts']);

const withoutComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

test('no screen has words of its own: JSX text and labels come from the catalogs', () => {
  assert.ok(SCREENS.length >= 30, `every screen is checked (${SCREENS.length})`);
  for (const file of SCREENS) {
    const src = withoutComments(readFileSync(file, 'utf8'));
    // Text between tags (not an expression) with a letter in it, e.g. <p>Welcome</p> (an arrow's `=>` is no tag).
    const text = [...src.matchAll(/(?<!=)>([^<>{}]*[A-Za-zÀ-ÿ][^<>{}]*)</g)]
      .map((m) => m[1]!.trim())
      // (TypeScript between angle brackets — generics, comparisons — is code, not text)
      .filter((t) => t && !/[=;()&|]/.test(t));
    assert.deepEqual(text, [], `${file}: words in JSX text`);
    // Attributes people read, written as plain strings.
    const attrs = [...src.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*[A-Za-z][^"]*)"/g)].map((m) => m[0]);
    assert.deepEqual(attrs, [], `${file}: words in attributes`);
  }
});

test('no renderer file writes an English sentence outside the catalogs (stores’ messages, field errors, helpers)', () => {
  // A string or template literal that starts like a sentence: a capitalised word, then two lower-case ones.
  const sentence = /(['`"])([A-Z][a-z’']+ [a-z’']+ [a-z’']+[^'`"]*)\1/g;
  const found = RENDERER.filter((f) => !BILINGUAL.has(path.relative(ROOT, f))).flatMap((f) =>
    [...withoutComments(readFileSync(f, 'utf8')).matchAll(sentence)].map((m) => `${path.relative(ROOT, f)}: ${m[2]}`),
  );
  assert.deepEqual(found, []);
});

test('the sentence check finds what it guards: a message written in a store is caught', () => {
  const sentence = /(['`"])([A-Z][a-z’']+ [a-z’']+ [a-z’']+[^'`"]*)\1/g;
  assert.equal([..."set({ error: { message: 'Type the amount first.' } })".matchAll(sentence)].length, 1);
  assert.equal([..."set({ error: { message: t('sale.typeFirst') } })".matchAll(sentence)].length, 0);
});
