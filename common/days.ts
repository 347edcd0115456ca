/** The shop's calendar day of an instant, as this computer's clock and zone see it: "2026-11-26". */
export function localDay(instant: Date | number | string = new Date()): string {
  const d = new Date(instant);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** The instants a shop day runs between: its local midnight and the next one (23 or 25 hours across DST). */
export function localDayBounds(day: string): { from: Date; to: Date } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { from: new Date(y, m - 1, d), to: new Date(y, m - 1, d + 1) };
}

/** The shop's wall-clock time of an instant: "2026-11-26 23:30:00". */
export function localWallTime(instant: Date | number | string): string {
  const d = new Date(instant);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().replace('T', ' ').slice(0, 19);
}
