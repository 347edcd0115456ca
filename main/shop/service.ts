/**
 * Linking this counter to the shop database, and keeping it shipping. A manager enters the server,
 * database and user once; the password goes to this PC's keychain (never a file, never the settings),
 * the connection is tested — schema migrated, counter registered — before anything is saved, and
 * from then on the outbox ships every couple of seconds. A counter alone (the default) has none of it.
 */
import type { Db } from '../db';
import { PosError } from '../errors';
import type { Settings } from '../settings/settings';
import type { DatabaseKeychain } from '../vault/vault';
import { ShopDatabase, type ShopLink, type ShopState, type ShopTotals } from './shop-database';
import type { OutboxEntry } from './outbox';

export class ShopLinkService {
  private shop: ShopDatabase | null = null;

  constructor(
    private readonly d: {
      db: Db;
      settings: Settings;
      keychain: DatabaseKeychain;
      counterId: string;
      invoicePrefix: string;
      now: () => number;
      audit: (actor: string, action: string, detail: string) => void;
      afterCommit?: (entries: OutboxEntry[]) => void;
    },
  ) {
    const link = d.settings.get('shop.link');
    if (link) {
      this.shop = this.open(link);
      this.shop.outbox.open();
    }
  }

  private open(link: ShopLink): ShopDatabase {
    return new ShopDatabase({
      db: this.d.db,
      counterId: this.d.counterId,
      invoicePrefix: this.d.invoicePrefix,
      link,
      password: () => this.d.keychain.secret('shop-db-password'),
      now: this.d.now,
      afterCommit: this.d.afterCommit,
    });
  }

  /** Tests the connection with what the manager typed; only then keeps it and starts shipping. */
  async link(link: ShopLink, password: string, actor: string): Promise<ShopState> {
    const candidate = new ShopDatabase({ ...this.params(), link, password: async () => password });
    const reached = await candidate.reach();
    await candidate.close();
    if (!reached.ok) throw new PosError('invalid_payload', 'error.shop.unreachable', { why: reached.why });
    await this.d.keychain.setSecret('shop-db-password', password);
    this.d.settings.set('shop.link', link);
    await this.shop?.close();
    this.shop = this.open(link);
    this.d.audit(actor, 'shop.linked', `${link.user}@${link.host}:${link.port}/${link.database}`);
    await this.shop.link();
    return this.shop.state();
  }

  private params() {
    return { db: this.d.db, counterId: this.d.counterId, invoicePrefix: this.d.invoicePrefix, now: this.d.now };
  }

  /** One batch shipped, if linked (the core's timer calls it). */
  async tick(): Promise<void> {
    await this.shop?.shipOnce();
  }

  state(): ShopState | null {
    return this.shop?.state() ?? null;
  }

  database(): ShopDatabase | null {
    return this.shop;
  }

  async totals(from: string, to: string): Promise<ShopTotals | null> {
    return this.shop ? this.shop.shopTotals(from, to) : null;
  }

  async close(): Promise<void> {
    await this.shop?.close();
  }
}
