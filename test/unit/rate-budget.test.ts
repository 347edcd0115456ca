/** The rate budget: what Helcim's remaining-calls headers let a counter's background calls do. One case per rule. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MONEY_RESERVE, OTHERS_AVERAGED_OVER_MS, PLENTY, RateBudget, SHARED_BY } from '../../main/helcim/rate-budget';

const headers = (minute: string | null, hour: string | null) => {
  const h = new Headers();
  if (minute !== null) h.set('minute-limit-remaining', minute);
  if (hour !== null) h.set('hour-limit-remaining', hour);
  return h;
};

test('no report, a stale one, or plenty left: background calls at the base pace', () => {
  let now = 1_000_000;
  const b = new RateBudget(() => now);
  assert.equal(b.backgroundSpacingMs(1000), 1000, 'nothing heard yet');
  b.observe(headers(String(PLENTY), '3000'));
  assert.equal(b.backgroundSpacingMs(1000), 1000, 'exactly plenty');
  b.observe(headers('20', '3000'));
  now += 60_001;
  assert.equal(b.backgroundSpacingMs(1000), 1000, 'a report older than a minute says nothing');
});

test('running low: spaced as if shared by several counters; at the reserve, only money calls', () => {
  const b = new RateBudget(() => 0);
  b.observe(headers(String(PLENTY - 1), '3000'));
  assert.equal(b.backgroundSpacingMs(1000), Math.ceil((60_000 * SHARED_BY) / (PLENTY - 1 - MONEY_RESERVE)));
  assert.equal(b.low(), true);
  b.observe(headers(String(MONEY_RESERVE), '3000'));
  assert.equal(b.backgroundSpacingMs(1000), 30_000);
  b.observe(headers(String(MONEY_RESERVE + 1), '3000'));
  assert.equal(b.backgroundSpacingMs(1000), 60_000 * SHARED_BY);
});

test('the last calls of a minute are kept for money calls: background calls wait for the next minute', () => {
  const b = new RateBudget(() => 0);
  b.observe(headers('5', '3000'));
  assert.equal(b.backgroundSpacingMs(1000), 30_000);
  b.observe(headers('15', '3000'));
  assert.equal(b.backgroundSpacingMs(1000), 60_000, '5 spare calls, spread over 5 counters: one a minute each');
});

test('the hour binds near its end, whatever the minute says', () => {
  const b = new RateBudget(() => 0);
  b.observe(headers('100', '20'));
  assert.equal(b.spare(), 20 - MONEY_RESERVE);
  assert.equal(b.low(), true);
});

test('unreadable headers are ignored, never read as zero', () => {
  const b = new RateBudget(() => 0);
  b.observe(headers('100', '3000'));
  b.observe(headers('lots', '-5'));
  assert.equal(b.spare(), 100 - MONEY_RESERVE);
  b.observe(headers(null, null));
  assert.equal(b.spare(), 100 - MONEY_RESERVE);
});

test('one window reported alone still counts: a minute without an hour, an hour without a minute', () => {
  const b = new RateBudget(() => 0);
  b.observe(headers('30', null));
  assert.equal(b.spare(), 30 - MONEY_RESERVE);
  b.observe(headers(null, '25'));
  assert.equal(b.spare(), 25 - MONEY_RESERVE);
});

test('a number with anything after it is not a number of calls', () => {
  const b = new RateBudget(() => 0);
  b.observe(headers('100', '3000'));
  b.observe(headers('20x', '3000x'));
  assert.equal(b.spare(), 100 - MONEY_RESERVE);
  b.observe(headers('12345678', null));
  assert.equal(b.spare(), 100 - MONEY_RESERVE, 'more than 7 digits');
});

test('a report is good for exactly one minute (60 s is still now, 60.001 s is not)', () => {
  let now = 5_000;
  const b = new RateBudget(() => now);
  b.observe(headers('20', '3000'));
  now += 60_000;
  assert.equal(b.spare(), 20 - MONEY_RESERVE);
  now += 1;
  assert.equal(b.spare(), Infinity);
});

test('low: below 50 calls left this minute, counted with the reserve', () => {
  const b = new RateBudget(() => 0);
  b.observe(headers('50', '3000'));
  assert.equal(b.low(), false, 'exactly 50 left is not low');
  b.observe(headers('55', '3000'));
  assert.equal(b.low(), false, '55 left');
  b.observe(headers('49', '3000'));
  assert.equal(b.low(), true);
  assert.equal(new RateBudget(() => 0).low(), false, 'nothing heard yet is not low');
});

// The shop's lead (shared terminal lookups): each rule at the values the code documents, as literals.
test('the lead: the hour’s average (50 a minute less 3) binds a shop always busy; a second report of its own calls comes back', () => {
  const b = new RateBudget(() => 0);
  b.observe(headers('100', '3000'));
  // Nobody else calls: 47 a minute → one every 1277 ms.
  assert.equal(b.leadSpacingMs(1000, [], 1), 1277);
  // 40 left, 30 of them the lead's own: the others made 30 → 17 a minute for the lead.
  b.observe(headers('40', '3000'));
  assert.equal(b.leadSpacingMs(1000, Array<number>(30).fill(0), 1), 3530);
});

test('the lead: busy half the time, it may look twice as fast while a sale waits; never more than 4 times', () => {
  const b = new RateBudget(() => 0);
  b.observe(headers('100', '3000'));
  assert.equal(b.leadSpacingMs(1000, [], 0.5), 1000, 'twice 47 a minute: the base pace');
  b.observe(headers('60', '3000'));
  // Others made 40: 7 a minute on average; busy a tenth of the time counts as a quarter → 28 a minute.
  assert.equal(b.leadSpacingMs(1000, [], 0.1), 2143);
  assert.equal(b.leadSpacingMs(1000, [], 0.25), 2143);
  assert.equal(b.leadSpacingMs(1000, [], 1), Math.ceil(60_000 / 7));
});

test('the lead: the minute keeps the money reserve and 20 calls for the counters’ own', () => {
  const b = new RateBudget(() => 0);
  b.observe(headers('80', '3000'));
  // 80 left, none its own: 80 − 10 − 20 = 50 a minute → 1200 ms (the average, 27 × 4, allows more).
  assert.equal(b.leadSpacingMs(1000, [], 0.25), 1200);
});

test('the lead: only money calls when the minute or the hour is at the reserve; a stale report says nothing', () => {
  let now = 0;
  const b = new RateBudget(() => now);
  b.observe(headers('30', '3000'));
  assert.equal(b.leadSpacingMs(1000, [], 1), 30_000, 'the others used 70 of the minute');
  b.observe(headers('100', '10'));
  assert.equal(b.leadSpacingMs(1000, [], 1), 30_000, 'the hour at the reserve');
  b.observe(headers('100', '11'));
  assert.equal(b.leadSpacingMs(1000, [], 1), 1277, 'one above the reserve');
  b.observe(headers(null, '2000'));
  assert.equal(b.leadSpacingMs(1000, [], 1), 1000, 'no minute reported: the base pace');
  b.observe(headers('30', '3000'));
  now += 60_001;
  assert.equal(b.leadSpacingMs(1000, [], 1), 1000, 'a report older than a minute says nothing');
});

test('the lead: a report is good for exactly one minute, on any clock (60 s still counts, 60.001 s does not)', () => {
  let now = 7_200_000;
  const b = new RateBudget(() => now);
  b.observe(headers('100', '3000'));
  assert.equal(b.leadSpacingMs(1000, [], 1), 1277, 'a report of now');
  now += 60_000;
  assert.equal(b.leadSpacingMs(1000, [], 1), 1277, '60 s old: still the minute it spoke of');
  now += 1;
  assert.equal(b.leadSpacingMs(1000, [], 1), 1000, '60.001 s old: says nothing');
});

test('the lead: a minute reported without the hour is read for the minute alone (an hour not said is not at the reserve)', () => {
  const b = new RateBudget(() => 0);
  b.observe(headers('100', null));
  assert.equal(b.leadSpacingMs(1000, [], 1), 1277);
});

test('the lead: the hour’s average at nothing left for it (others made 47 of the minute) means only money calls; one call left means one a minute', () => {
  const b = new RateBudget(() => 0);
  // 53 left: the others made 47, the held pace's 50 less 3 — nothing left for the lead.
  b.observe(headers('53', '3000'));
  assert.equal(b.leadSpacingMs(1000, [], 1), 30_000);
  // 54 left: one call a minute for the lead's average.
  b.observe(headers('54', '3000'));
  assert.equal(b.leadSpacingMs(1000, [], 1), 60_000);
});

test('the lead: its own calls are those of the minute the report speaks of, not of the minute before now', () => {
  let now = 0;
  const b = new RateBudget(() => now);
  // 40 left at 0 s; 30 of the 60 used were the lead's, made from 59.999 s before the report to the report.
  b.observe(headers('40', '3000'));
  const own = [-59_999, ...Array<number>(28).fill(-30_000), 0];
  assert.equal(b.leadSpacingMs(1000, own, 1), 3530, 'the others made 30: 17 a minute');
  now = 30_000; // no newer report: the same minute, though half the lead's calls are older than a minute now
  assert.equal(b.leadSpacingMs(1000, own, 1), 3530);
  assert.equal(
    b.leadSpacingMs(1000, [-60_000, ...own.slice(1)], 1),
    3750,
    'a call 60 s before the report is not in it: the others made 31',
  );
  assert.equal(b.leadSpacingMs(1000, [...own, 1], 1), 3530, 'a call after the report is not in it');
});

test('the lead: the others’ calls are averaged over 5 minutes of reports, one sample a report, once it has led a minute', () => {
  let now = 0;
  const b = new RateBudget(() => now);
  const since = -60_000; // leading for exactly a minute
  b.observe(headers('100', '3000'));
  assert.equal(b.leadSpacingMs(1000, [], 1, since), 1277, 'nobody else: 47 a minute');
  assert.equal(b.leadSpacingMs(1000, [], 1, since), 1277, 'the same report asked again is not a second sample');
  now = 1_000;
  b.observe(headers('60', '3000')); // a burst: the others made 40 this minute
  // The mean of 0 and 40: 20 → 27 a minute (the last minute alone would have left 7).
  assert.equal(b.leadSpacingMs(1000, [], 1, since), 2223);
  assert.equal(OTHERS_AVERAGED_OVER_MS, 300_000);
  now = 300_000;
  b.observe(headers('100', '3000'));
  // The sample of 0 s is 5 minutes old: gone. Left: 40 (1 s) and 0 (now) → 20.
  assert.equal(b.leadSpacingMs(1000, [], 1, since), 2223);
  now = 300_999;
  b.observe(headers('100', '3000'));
  // 40, 0, 0 → 13.33 a minute.
  assert.equal(b.leadSpacingMs(1000, [], 1, since), 1783);
  now = 301_000;
  b.observe(headers('100', '3000'));
  // The burst's sample (1 s) is 5 minutes old: 0, 0, 0.
  assert.equal(b.leadSpacingMs(1000, [], 1, since), 1277);
});

test('the lead: in its first minute (and for a counter that does not lead) the last minute alone speaks', () => {
  let now = 0;
  const b = new RateBudget(() => now);
  b.observe(headers('100', '3000'));
  assert.equal(b.leadSpacingMs(1000, [], 1, -60_000), 1277);
  now = 1_000;
  b.observe(headers('60', '3000'));
  assert.equal(b.leadSpacingMs(1000, [], 1, now - 59_999), Math.ceil(60_000 / 7), 'led 59.999 s: the minute alone');
  assert.equal(b.leadSpacingMs(1000, [], 1, null), Math.ceil(60_000 / 7), 'not leading: the minute alone');
  // What it saw before it led does not count either: a lead of a minute starts its average afresh.
  assert.equal(b.leadSpacingMs(1000, [], 1, now - 60_000), Math.ceil(60_000 / 7));
});

test('the lead: the minute’s own rule reads the minute as it is, whatever the average', () => {
  let now = 0;
  const b = new RateBudget(() => now);
  const since = -60_000;
  for (let i = 0; i < 4; i++) {
    now = i * 1_000;
    b.observe(headers('100', '3000'));
    b.leadSpacingMs(1000, [], 0.25, since);
  }
  now = 4_000;
  b.observe(headers('35', '3000')); // 65 used, none the lead's: 35 − 10 − 20 = 5 a minute for it
  assert.equal(b.leadSpacingMs(1000, [], 0.25, since), 12_000);
});

test('the lead: a counter that does not lead never averages, however late in the day (no lead time is not an old lead)', () => {
  let now = 7_200_000;
  const b = new RateBudget(() => now);
  b.observe(headers('100', '3000'));
  assert.equal(b.leadSpacingMs(1000, [], 1, null), 1277);
  now += 1_000;
  b.observe(headers('60', '3000'));
  assert.equal(b.leadSpacingMs(1000, [], 1, null), Math.ceil(60_000 / 7), 'the minute alone, not the mean of 0 and 40');
});
