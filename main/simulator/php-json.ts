/**
 * The simulator's own PHP `json_encode` (default flags), written independently of the app's
 * encoder in main/helcim/helcimpay.ts on purpose: the simulator signs HelcimPay.js results the
 * way Helcim's PHP does, so an encoding bug in the app makes the hash check fail in the tests
 * instead of agreeing with itself. It walks the value and escapes each UTF-16 code unit by hand,
 * the way PHP's `php_json_escape_string` does; it never calls JSON.stringify.
 *
 * Scope: what HelcimPay.js `data` holds — objects of strings (HELCIM.md: "HelcimPay.js `data` uses
 * strings"), plus integers, booleans, null and arrays for completeness. Floats are refused: PHP
 * writes 15.0 and 1.0e+21 where JavaScript has lost the distinction after JSON.parse.
 */
const SHORT_ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x2f: '\\/',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
};

const hex4 = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;

function encodeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) out += short;
    else if (unit < 0x20 || unit > 0x7e) out += unit === 0x7f ? s[i] : hex4(unit);
    else out += s[i];
  }
  return `${out}"`;
}

export function phpJsonEncodeIndependent(value: unknown): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return encodeString(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error('php-json: only integers (PHP writes floats differently)');
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(phpJsonEncodeIndependent).join(',')}]`;
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      parts.push(`${encodeString(k)}:${phpJsonEncodeIndependent(v)}`);
    return `{${parts.join(',')}}`;
  }
  throw new Error(`php-json: cannot encode a ${typeof value}`);
}
