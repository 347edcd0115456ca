/**
 * Journals as older versions of the app wrote them (their SQL written out here, never built from the
 * app's own schema), for the tests that open them with this version.
 */
/** The attempts table as the version with holds but before tips, cash, split sales and flags wrote it. */
export const BEFORE_CASH = `CREATE TABLE attempts (
  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('purchase','verify','preauth','capture','refund','reverse','release')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0), currency TEXT NOT NULL CHECK (currency IN ('CAD','USD')),
  idempotency_key TEXT NOT NULL UNIQUE, staff_id TEXT NOT NULL, approver_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending','approved','declined','cancelled','unknown')),
  helcim_transaction_id TEXT, original_transaction_id TEXT, reference TEXT,
  mode TEXT NOT NULL DEFAULT 'training' CHECK (mode IN ('training','live')),
  card_type TEXT, card_last4 TEXT, approval_code TEXT, detail TEXT);
CREATE TABLE attempt_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, attempt_id TEXT NOT NULL REFERENCES attempts(id), at TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL);
INSERT INTO attempts VALUES ('a1','2026-01-01T10:00:00.000Z','2026-01-01T10:00:01.000Z','preauth',1234,'CAD','k-old-1','s1',NULL,'approved','4001',NULL,'POS-OLD','live','VI','9990','T1','ok');`;
/** The same before holds: its CHECK refuses preauth, capture and release, so the table must be rebuilt. */
export const BEFORE_HOLDS = BEFORE_CASH.replace(
  "'purchase','verify','preauth','capture','refund','reverse','release'",
  "'purchase','verify','refund','reverse'",
).replace("'preauth',1234", "'purchase',1234");
