/**
 * Helcim's clock: `dateCreated` ("YYYY-MM-DD HH:MM:SS", no zone) and the `dateFrom`/`dateTo` filters
 * of card-transactions are Mountain Time (America/Edmonton), whatever the shop's zone (HELCIM.md).
 * This is the one place that converts, with the platform's time-zone data (Intl), never a
 * hand-made offset: DST changes on Helcim's side and on the shop's side both come out right.
 */
export const HELCIM_ZONE = 'America/Edmonton';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: HELCIM_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Mountain wall time of an instant, as Helcim writes it: "2026-11-26 21:30:00". */
export function helcimWallTime(instant: number | Date): string {
  const p = Object.fromEntries(parts.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Mountain calendar day of an instant, as Helcim's date filters take it. */
export const helcimDay = (instant: number | Date): string => helcimWallTime(instant).slice(0, 10);

/** Milliseconds Mountain wall time is ahead of UTC at this instant (negative: -6 h or -7 h). */
function offsetAt(instant: number): number {
  const wall = helcimWallTime(instant);
  return Date.parse(`${wall.replace(' ', 'T')}Z`) - Math.floor(instant / 1000) * 1000;
}

/**
 * The real instant of a Mountain wall time Helcim sent, or null if it is not one. In the hour
 * repeated when DST ends, the earlier instant is taken; a time skipped when DST starts is read
 * with the offset from before the change (Helcim never writes one).
 */
export function instantFromHelcim(dateCreated: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(dateCreated.trim());
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (Number.isNaN(asUtc)) return null;
  // Try the offsets on either side of the wall time; keep the earliest instant that reads back the same.
  const candidates = [asUtc - offsetAt(asUtc - 12 * 3_600_000), asUtc - offsetAt(asUtc + 12 * 3_600_000)].sort(
    (a, b) => a - b,
  );
  const exact = candidates.find((c) => helcimWallTime(c) === `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`);
  return new Date(exact ?? candidates[1]!);
}

/** The Mountain days to ask Helcim for so that every transaction between two instants is in the answer. */
export function helcimDaysCovering(from: Date, to: Date): { dateFrom: string; dateTo: string } {
  return { dateFrom: helcimDay(from), dateTo: helcimDay(new Date(Math.max(from.getTime(), to.getTime() - 1))) };
}
