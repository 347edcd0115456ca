/** The shop's calendar day of an instant, as this computer's clock and zone see it: "2026-11-26". */
export function localDay(instant: Date | number | string = new Date()): string {
  const d = new Date(instant);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
