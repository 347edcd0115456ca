/**
 * Quick keys: the Sale screen's grid of items a cashier sells without scanning (bread, a coffee, a
 * bag), one page per department, arranged by a manager. A page is a list of items in the order the
 * manager chose; an item taken out of sale stays on its page but is not shown until it is back.
 */
import type { Db } from '../db';
import { PosError } from '../errors';
import type { ItemView, QuickKeyPage } from '../../common/contract';
import type { Catalog } from './catalog';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS quick_keys (
  department TEXT NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  item_id TEXT NOT NULL REFERENCES items(id),
  PRIMARY KEY (department, position)
);
`;

export type QuickKeysDeps = {
  db: Db;
  catalog: Pick<Catalog, 'get'>;
  record: (actor: string, action: string, detail: string) => void;
};

export class QuickKeys {
  constructor(private readonly deps: QuickKeysDeps) {
    deps.db.exec(SCHEMA);
  }

  /** Every page, by department name, with the items still for sale, in the manager's order. */
  pages(): QuickKeyPage[] {
    const rows = this.deps.db
      .prepare('SELECT department, item_id FROM quick_keys ORDER BY department, position')
      .all() as { department: string; item_id: string }[];
    const pages = new Map<string, ItemView[]>();
    for (const r of rows) {
      const item = this.deps.catalog.get(r.item_id);
      if (!pages.has(r.department)) pages.set(r.department, []);
      // Stryker disable next-line OptionalChaining: equivalent — items are never deleted (a key's item always exists); kept for a database edited by hand.
      if (item?.active) pages.get(r.department)!.push(item);
    }
    return [...pages].map(([department, items]) => ({ department, items }));
  }

  /** Arranges one department's page (an empty list removes the page). Every item must exist. */
  arrange(actor: string, department: string, itemIds: readonly string[]): QuickKeyPage[] {
    if (new Set(itemIds).size !== itemIds.length) throw new PosError('invalid_payload', 'error.quickKeys.twice');
    const items = itemIds.map((id) => this.deps.catalog.get(id));
    if (items.some((i) => i === null)) throw new PosError('invalid_payload', 'error.catalog.noSuchItem');
    this.deps.db.transaction(() => {
      this.deps.db.prepare('DELETE FROM quick_keys WHERE department = ?').run(department);
      const insert = this.deps.db.prepare('INSERT INTO quick_keys (department, position, item_id) VALUES (?, ?, ?)');
      itemIds.forEach((id, position) => insert.run(department, position, id));
      this.deps.record(
        actor,
        'catalog.quick_keys_arranged',
        `${department || '—'}: ${items.map((i) => i!.sku).join(', ') || 'none'}`,
      );
    })();
    return this.pages();
  }
}
