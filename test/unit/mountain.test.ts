/**
 * Helcim's Mountain Time, converted at the client edge (main/helcim/mountain.ts). Literal instants
 * worked out by hand from the zone rules (MST = UTC−7, MDT = UTC−6; 2026 DST from 8 March 02:00 to
 * 1 November 02:00), not with the code under test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helcimDay, helcimDaysCovering, helcimWallTime, instantFromHelcim } from '../../main/helcim/mountain';
import { localDayBounds } from '../../common/days';

const CASES: [string, string][] = [
  ['2026-11-26 21:30:00', '2026-11-27T04:30:00.000Z'], // MST
  ['2026-07-01 12:00:00', '2026-07-01T18:00:00.000Z'], // MDT
  ['2026-03-08 01:30:00', '2026-03-08T08:30:00.000Z'], // just before spring forward
  ['2026-03-08 03:30:00', '2026-03-08T09:30:00.000Z'], // just after
  ['2026-11-01 01:30:00', '2026-11-01T07:30:00.000Z'], // the repeated hour: the first (MDT) one
  ['2026-11-01 02:00:00', '2026-11-01T09:00:00.000Z'], // after fall back (MST)
];

test('Helcim wall times read as the right instants, across both DST changes', () => {
  for (const [wall, iso] of CASES) assert.equal(instantFromHelcim(wall)?.toISOString(), iso, wall);
  for (const bad of ['', '2026-11-26', '26/11/2026 10:00', 'not a date'])
    assert.equal(instantFromHelcim(bad), null, bad);
});

test('instants write back as Helcim’s wall time and day', () => {
  for (const [wall, iso] of CASES) assert.equal(helcimWallTime(Date.parse(iso)), wall, iso);
  assert.equal(
    helcimDay(Date.parse('2026-11-27T04:30:00Z')),
    '2026-11-26',
    'late evening in Mountain, next day in UTC',
  );
});

test('the Mountain days that cover a shop’s day', () => {
  // Toronto's 26 November (UTC−5): 05:00Z to 05:00Z next day = 22:00 MT on the 25th to 22:00 MT on the 26th.
  assert.deepEqual(helcimDaysCovering(new Date('2026-11-26T05:00:00Z'), new Date('2026-11-27T05:00:00Z')), {
    dateFrom: '2026-11-25',
    dateTo: '2026-11-26',
  });
  // Vancouver's 26 November (UTC−8): 08:00Z to 08:00Z = 01:00 MT on the 26th to 01:00 MT on the 27th.
  assert.deepEqual(helcimDaysCovering(new Date('2026-11-26T08:00:00Z'), new Date('2026-11-27T08:00:00Z')), {
    dateFrom: '2026-11-26',
    dateTo: '2026-11-27',
  });
});

test('a shop day across a DST change is 23 or 25 hours long', () => {
  const saved = process.env.TZ;
  try {
    process.env.TZ = 'America/Toronto';
    const spring = localDayBounds('2026-03-08');
    assert.equal((spring.to.getTime() - spring.from.getTime()) / 3_600_000, 23);
    const fall = localDayBounds('2026-11-01');
    assert.equal((fall.to.getTime() - fall.from.getTime()) / 3_600_000, 25);
    assert.equal(spring.from.toISOString(), '2026-03-08T05:00:00.000Z');
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
