/**
 * Opening a journal written by an older version: the columns that came later are added with their
 * checks, the table of attempts is rebuilt only when its kinds are out of date (and only once), the
 * indexes are there, and a rebuild that would leave a broken reference is refused and undone. Real
 * SQLite files; the old schemas are written out here as those versions wrote them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ATTEMPT_KINDS, Journal } from '../../main/journal/journal';
import { BEFORE_CASH, BEFORE_HOLDS } from '../support/old-journals';

function withFile(run: (file: string) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-journal-migration-'));
  try {
    run(path.join(dir, 'old.sqlite'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const oldFile = (file: string, sql: string) => {
  const db = new Database(file);
  db.pragma('foreign_keys = OFF'); // better-sqlite3 turns them on; an old or damaged file may break them
  db.exec(sql);
  db.close();
};
const schemaVersion = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('schema_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};

test('the kinds of attempt are these seven', () => {
  assert.deepEqual([...ATTEMPT_KINDS].sort(), [
    'capture',
    'preauth',
    'purchase',
    'refund',
    'release',
    'reverse',
    'verify',
  ]);
});

test(
  'columns added since an old version come with their checks and types; the table is not rebuilt for them',
  { timeout: 30_000 },
  () => {
    withFile((file) => {
      oldFile(file, BEFORE_CASH);
      const j = new Journal(file);
      try {
        const columns = Object.fromEntries(
          (
            j.db.prepare("SELECT name, type, dflt_value FROM pragma_table_info('attempts')").all() as {
              name: string;
              type: string;
              dflt_value: string | null;
            }[]
          ).map((c) => [c.name, [c.type, c.dflt_value]]),
        );
        assert.deepEqual(columns.tip_cents, ['INTEGER', '0']);
        assert.deepEqual(columns.tender, ['TEXT', "'card'"]);
        assert.deepEqual(columns.tendered_cents, ['INTEGER', null]);
        assert.deepEqual(columns.sale_id, ['TEXT', null]);
        assert.deepEqual(columns.flag, ['TEXT', null]);
        const set = (sql: string) => () => j.db.prepare(`UPDATE attempts SET ${sql} WHERE id = 'a1'`).run();
        assert.throws(set('tip_cents = -1'), /CHECK constraint/);
        assert.throws(set("tender = 'cheque'"), /CHECK constraint/);
        assert.throws(set('tendered_cents = -1'), /CHECK constraint/);
        assert.throws(set("flag = 'anything'"), /CHECK constraint/);
        set("flag = 'refund_other_card'")();
        assert.equal(j.get('a1')!.kind, 'preauth', 'the old row is kept');
      } finally {
        j.close();
      }
    });
  },
);

test(
  'a table whose kinds are out of date is rebuilt once: opening it again changes no schema',
  { timeout: 30_000 },
  () => {
    withFile((file) => {
      oldFile(file, BEFORE_HOLDS);
      new Journal(file).close();
      const after = schemaVersion(file);
      new Journal(file).close();
      assert.equal(schemaVersion(file), after, 'the second opening rebuilt or altered nothing');
      // And a journal made by this version is never rebuilt either.
      const fresh = `${file}.new`;
      new Journal(fresh).close();
      const v = schemaVersion(fresh);
      new Journal(fresh).close();
      assert.equal(schemaVersion(fresh), v);
    });
  },
);

test('the indexes the totals and lookups rely on are made, on an old journal too', { timeout: 30_000 }, () => {
  withFile((file) => {
    oldFile(file, BEFORE_HOLDS);
    const j = new Journal(file);
    try {
      const names = (
        j.db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attempts' AND name NOT LIKE 'sqlite_%'",
          )
          .all() as { name: string }[]
      )
        .map((r) => r.name)
        .sort();
      assert.deepEqual(names, [
        'attempts_amount',
        'attempts_created',
        'attempts_open',
        'attempts_original',
        'attempts_sale',
        'attempts_totals_by_tender',
      ]);
    } finally {
      j.close();
    }
  });
});

test(
  'a rebuild that would leave a broken reference is refused and undone; foreign keys are back on',
  { timeout: 30_000 },
  () => {
    withFile((file) => {
      // An event whose attempt is gone (written with foreign keys off, as a damaged file could be).
      oldFile(
        file,
        `${BEFORE_HOLDS}\nINSERT INTO attempt_events (attempt_id, at, kind, detail) VALUES ('ghost','2026-01-01T10:00:00.000Z','begin','x');`,
      );
      const db = new Database(file);
      db.pragma('foreign_keys = ON');
      try {
        assert.throws(() => new Journal(db), /journal migration broke a reference/);
        assert.equal(db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are on again');
        const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'attempts'").get() as { sql: string }).sql;
        assert.doesNotMatch(sql, /'preauth'/, 'the old table is still there, untouched');
        assert.equal((db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n, 1);
        assert.equal(
          db.prepare("SELECT name FROM sqlite_master WHERE name = 'attempts_next'").get(),
          undefined,
          'no half-made table left',
        );
      } finally {
        db.close();
      }
    });
  },
);

test('a rebuild puts foreign keys back as it found them: off stays off', { timeout: 30_000 }, () => {
  withFile((file) => {
    oldFile(file, BEFORE_HOLDS);
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    try {
      new Journal(db);
      assert.match(
        (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'attempts'").get() as { sql: string }).sql,
        /'preauth'/,
        'rebuilt',
      );
      assert.equal(db.pragma('foreign_keys', { simple: true }), 0);
    } finally {
      db.close();
    }
  });
});
