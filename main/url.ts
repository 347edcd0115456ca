/**
 * The origin of a URL as Chromium sees it. Node's URL gives "null" as the origin of any
 * non-special scheme, app:// included, so it cannot be used to compare app:// origins.
 */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (!u.host || u.protocol === 'file:') return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}
