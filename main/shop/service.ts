/**
 * Linking this counter to the shop database, and keeping it in step. A manager enters the server,
 * database and user once; the password goes to this PC's keychain (never a file, never the
 * settings), and the connection is tested — schema migrated, counter registered — before anything is
 * saved. The first counter founds the shop: its staff and its PIN pepper become the shop's (the
 * pepper leaves only encrypted under a link code shown once to its manager; main/shop/link-code.ts).
 * Each further counter is linked with that code: its staff list becomes the shop's. From then on,
 * every couple of seconds, the outbox ships and staff changes come back — a cashier disabled at one
 * counter is signed out and refused at every other within seconds. Staff changes are written to the
 * shop database first; while it is down they are refused, and sign-in works from this counter's copy.
 * The catalog too (main/catalog/shared.ts): items and quick keys are changed in the shop database
 * first, and every counter sells from its own copy, brought up to date at each tick.
 * A counter alone (the default) has none of it.
 */
import type { AuditCheck, AuditRow } from '../journal/audit';
import type { Db } from '../db';
import { PosError } from '../errors';
import type { Settings } from '../settings/settings';
import type { ShopZ, StaffRecord } from '../../common/contract';
import type { SharedStaff, StaffStore } from '../staff/store';
import type { DatabaseKeychain } from '../vault/vault';
import { newLinkCode, readLinkCode, unwrapPepper, wrapPepper } from './link-code';
import { SHARED_SETTINGS, type OutboxEntry } from './outbox';
import { Sealer } from '../seal';
import { probeServer } from './tls';
import { ShopDatabase, type ShopLink, type ShopSearchRow, type ShopState, type ShopTotals } from './shop-database';
import type { CatalogCopy } from '../catalog/shared';
import type { ShopTerminalBoard } from './terminal-board';

/** What this counter remembers of its sync with the shop database (and `applying`: a pull is being written). */
type SyncKey = 'staff_version' | 'settings_version' | 'applying';

/** What a manager asks to link: where, and the certificate fingerprint they confirmed (or that a server without TLS is accepted). */
export type ShopLinkRequest = {
  host: string;
  port: number;
  database: string;
  user: string;
  certificate?: string;
  plaintext?: true;
};

/** How often a linked counter checks the shop database's copy of its audit trail (and once at start). */
export const AUDIT_COPY_EVERY_MS = 6 * 60 * 60 * 1000;

export type LinkResult = { state: ShopState; founded: boolean; linkCode: string | null };

export class ShopLinkService {
  private shop: ShopDatabase | null = null;
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      settings: Settings;
      keychain: DatabaseKeychain;
      staff: StaffStore;
      /** This counter's own pepper (its database's), which a founding counter shares. */
      localPepper: Buffer;
      counterId: string;
      invoicePrefix: string;
      now: () => number;
      audit: (actor: string, action: string, detail: string) => void;
      /** Someone can no longer sign in here: their sessions end now, and the sign-in screen says why. */
      signOut: (staffId: string, why: 'session.joinedShop' | 'session.disabledByShop') => void;
      afterCommit?: (entries: OutboxEntry[]) => void;
      /** This counter's audit chain check, with its own key (the shop database's copy is checked with it). */
      verifyAuditChain: (rows: AuditRow[]) => AuditCheck;
    },
  ) {
    deps.db.exec('CREATE TABLE IF NOT EXISTS shop_sync (key TEXT PRIMARY KEY, value INTEGER NOT NULL)');
  }

  /** At start: a linked counter checks PINs with the shop's pepper and reopens its outbox. */
  async start(): Promise<void> {
    const link = this.deps.settings.get('shop.link');
    if (!link) return;
    const pepper = await this.deps.keychain.secret('shop-pepper');
    if (pepper) this.deps.staff.usePepper(Buffer.from(pepper, 'hex'));
    this.shop = this.open(link);
    this.shop.outbox.open();
    this.shop.outbox.reshipForSeals();
    this.shop.outbox.shipMoneyLinesOnce();
  }

  private open(link: ShopLink, password?: string): ShopDatabase {
    return new ShopDatabase({
      db: this.deps.db,
      counterId: this.deps.counterId,
      invoicePrefix: this.deps.invoicePrefix,
      link,
      password: password === undefined ? () => this.deps.keychain.secret('shop-db-password') : async () => password,
      pinnedOnFirstUse: (pinned) => {
        this.deps.settings.set('shop.link', pinned);
        const fingerprint = pinned.tls && pinned.tls !== 'none' ? pinned.tls.fingerprint : '';
        this.deps.audit('system', 'shop.pinned_on_first_use', `${pinned.host}:${pinned.port} ${fingerprint}`);
      },
      now: this.deps.now,
      sealSetting: (key, value) => this.deps.staff.sealer().setting(key, value),
      sealRow: (kind, counterId, fields) => this.deps.staff.sealer().row(kind, counterId, fields),
      afterCommit: this.deps.afterCommit,
    });
  }

  /**
   * Links this counter. The first counter of a shop founds it and gets the link code to show its
   * manager; a further counter must give that code. Nothing is saved unless it all worked.
   */
  async link(request: ShopLinkRequest, password: string, actor: string, typedCode?: string): Promise<LinkResult> {
    const link = await this.trusted(request);
    const candidate = this.open(link, password);
    try {
      const reached = await candidate.reach();
      if (!reached.ok) throw new PosError('invalid_payload', 'error.shop.unreachable', { why: reached.why });
      let pepper: Buffer;
      let linkCode: string | null = null;
      let joinStaff: SharedStaff[] | null = null;
      const wrapped = await candidate.shopKey();
      if (wrapped) {
        const code = typedCode ? readLinkCode(typedCode) : null;
        if (!typedCode) throw new PosError('invalid_payload', 'error.shop.codeNeeded');
        const unwrapped = code ? unwrapPepper(code, wrapped) : null;
        if (!code || !unwrapped) throw new PosError('invalid_payload', 'error.shop.wrongCode');
        pepper = unwrapped;
        joinStaff = (await candidate.pullStaff(0)).rows;
      } else {
        linkCode = newLinkCode();
        pepper = this.deps.localPepper;
        const founded = await candidate.found(
          wrapPepper(linkCode, pepper),
          this.deps.staff.sharedRows(),
          this.sharedSettings(),
        );
        // Another counter founded the shop a moment ago: link with its code instead.
        if (!founded) throw new PosError('invalid_payload', 'error.shop.codeNeeded');
      }
      await this.deps.keychain.setSecret('shop-db-password', password);
      await this.deps.keychain.setSecret('shop-pepper', pepper.toString('hex'));
      this.deps.settings.set('shop.link', link);
      this.deps.staff.usePepper(pepper);
      // This counter's own staff give way to the shop's: anyone signed in here who is not the shop's is signed out.
      if (joinStaff)
        for (const id of this.deps.staff.applyShared(joinStaff, true, this.refuseStaff))
          this.deps.signOut(id, 'session.joinedShop');
      const shop = this.open(link);
      this.deps.audit(
        actor,
        wrapped ? 'shop.joined' : 'shop.founded',
        `${link.user}@${link.host}:${link.port}/${link.database}`,
      );
      // A counter joining takes the shop's shared settings before its outbox opens (none of its own ship).
      if (joinStaff) await this.pullSettings(shop);
      shop.outbox.open();
      // Only now does the shipping timer see it: its outbox exists.
      await this.shop?.close();
      this.shop = shop;
      // The shop's catalog, or this counter's offered as the shop's (before the first batch ships, so
      // its audit line goes with it); if the database went away just now, at the next tick.
      await this.syncCatalog().catch(() => undefined);
      await shop.link();
      await this.pullStaff();
      this.prefixes = new Set(await shop.counterPrefixes().catch(() => []));
      return { state: shop.state(), founded: !wrapped, linkCode };
    } finally {
      await candidate.close();
    }
  }

  /**
   * The server's certificate, asked before any password is sent, must be the one the manager confirmed
   * (its fingerprint, compared with the server's own); a server with no TLS only if the manager accepted
   * that. Otherwise nothing is sent and the manager is told what the server presented.
   */
  private async trusted(r: ShopLinkRequest): Promise<ShopLink> {
    const probe = await probeServer(r.host, r.port).catch((err: unknown) => {
      throw new PosError('invalid_payload', 'error.shop.unreachable', {
        why: err instanceof Error ? err.message : String(err),
      });
    });
    const where = { host: r.host, port: r.port, database: r.database, user: r.user };
    if (probe.tls) {
      if (r.certificate !== probe.fingerprint)
        throw new PosError('invalid_payload', 'error.shop.confirmCertificate', { fingerprint: probe.fingerprint });
      return { ...where, tls: { fingerprint: probe.fingerprint, certificate: probe.certificate } };
    }
    if (!r.plaintext) throw new PosError('invalid_payload', 'error.shop.noTls');
    return { ...where, tls: 'none' };
  }

  /** Whether the server speaks TLS and the fingerprint of its certificate, for the manager to compare before linking. */
  async probe(host: string, port: number): Promise<{ tls: boolean; fingerprint: string | null }> {
    try {
      const p = await probeServer(host, port);
      return { tls: p.tls, fingerprint: p.tls ? p.fingerprint : null };
    } catch (err) {
      throw new PosError('invalid_payload', 'error.shop.unreachable', {
        why: err instanceof Error ? err.message : String(err),
      });
    }
  }

  /**
   * A new link code, shown once to the manager who asked: the shop's pepper is wrapped again under it
   * in the shop database, so the code shown before no longer links a counter (nor unwraps the pepper
   * from a copy of the database). Codes are never kept: each is seen once, where it was made.
   */
  async renewLinkCode(actor: string): Promise<string> {
    if (!this.shop) throw new PosError('invalid_payload', 'error.shop.notLinked');
    const hex = await this.deps.keychain.secret('shop-pepper');
    if (!hex || !/^[0-9a-f]{64}$/.test(hex)) throw new PosError('keychain_unavailable', 'error.database.keysMissing');
    const code = newLinkCode();
    try {
      await this.shop.rewrapPepper(wrapPepper(code, Buffer.from(hex, 'hex')));
    } catch {
      throw new PosError('forbidden', 'error.shop.codeOffline');
    }
    this.deps.audit(
      actor,
      'shop.link_code_renewed',
      'a new link code was shown once; the previous one no longer links a counter',
    );
    return code;
  }

  /** The outbox shipped and staff changes brought in (the core's timer calls it every couple of seconds). */
  async tick(): Promise<void> {
    // One at a time: with the shop database unreachable a tick waits out its connection timeouts,
    // and the next one must not start beside it.
    if (this.ticking) return this.ticking;
    this.ticking = this.tickNow().finally(() => (this.ticking = null));
    return this.ticking;
  }

  /** Whether this run has given a shop from before seals its seals (see ShopDatabase.sealUnsealed). */
  private sealedShop = false;

  private async tickNow(): Promise<void> {
    if (!this.shop) return;
    // Everything waiting, batch after batch (a busy counter never falls behind), then what changed elsewhere.
    await this.shop.shipAll();
    if (!this.sealedShop)
      this.sealedShop = await this.shop
        .sealUnsealed(this.deps.staff.sharedRows(), this.sharedSettings())
        .then(() => true)
        .catch(() => false);
    await this.pullStaff().catch(() => undefined);
    await this.pullSettings().catch(() => undefined);
    await this.syncCatalog().catch(() => undefined);
    this.prefixes = new Set(await this.shop.counterPrefixes().catch(() => [...(this.prefixes ?? [])]));
    if (this.auditCopyAt === null || this.deps.now() - this.auditCopyAt >= AUDIT_COPY_EVERY_MS)
      await this.checkAuditCopy().catch(() => undefined);
  }

  private auditCopy: AuditCheck | null = null;
  private auditCopyAt: number | null = null;

  /**
   * The shop database's copy of this counter's audit trail, checked with this counter's key: every
   * row there follows the one before, none changed, and none of what this counter shipped cut off the
   * end. Run at start and every AUDIT_COPY_EVERY_MS; a failure is audited here (once per reason) and
   * shown to managers beside the counter's own check. Null: not linked, or not checked yet.
   */
  async checkAuditCopy(): Promise<AuditCheck | null> {
    if (!this.shop) return null;
    // What has shipped is read first: a batch landing meanwhile only adds rows, never a false "cut".
    const shipped = this.shop.outbox.shippedAuditRows();
    const rows = await this.shop.shippedAudit();
    const chain = this.deps.verifyAuditChain(rows);
    const check: AuditCheck = !chain.ok
      ? chain
      : rows.length < shipped
        ? {
            ok: false,
            rows: rows.length,
            brokenAt: null,
            reason: `rows were cut off the end: it holds ${rows.length} of the ${shipped} this counter shipped`,
          }
        : { ok: true, rows: rows.length };
    const before = this.auditCopy;
    this.auditCopy = check;
    this.auditCopyAt = this.deps.now();
    if (!check.ok && (!before || before.ok || before.reason !== check.reason))
      this.deps.audit('system', 'shop.audit_copy_altered', check.reason);
    return check;
  }

  /** The last check of the shop database's copy of this counter's audit trail (see checkAuditCopy). */
  auditCopyCheck(): AuditCheck | null {
    return this.shop ? this.auditCopy : null;
  }

  private prefixes: Set<string> | null = null;

  /** The shop's counters' invoice prefixes as last read (null: this counter is in no shop). */
  shopPrefixes(): ReadonlySet<string> | null {
    return this.shop ? (this.prefixes ?? new Set()) : null;
  }

  /** This counter's own values of the shared settings (the founding counter's become the shop's). */
  private sharedSettings(): { key: string; value: string }[] {
    const keys = SHARED_SETTINGS.map(() => '?').join(', ');
    return this.deps.db.prepare(`SELECT key, value FROM settings WHERE key IN (${keys})`).all(...SHARED_SETTINGS) as {
      key: string;
      value: string;
    }[];
  }

  private syncVersion(key: SyncKey): number {
    return (
      (this.deps.db.prepare('SELECT value FROM shop_sync WHERE key = ?').get(key) as { value: number } | undefined)
        ?.value ?? 0
    );
  }

  private setSyncVersion(key: SyncKey, version: number): void {
    this.deps.db
      .prepare(
        'INSERT INTO shop_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, version);
  }

  /**
   * The shop's shared settings into this counter. Written with `applying` set, so the outbox's triggers
   * do not ship them back; each value is checked again when read (Settings.get), like any stored value.
   */
  private async pullSettings(shop = this.shop): Promise<void> {
    if (!shop) return;
    const { rows, version } = await shop.pullSettings(this.syncVersion('settings_version'));
    if (rows.length === 0) return;
    const shared = new Set<string>(SHARED_SETTINGS);
    // Only a setting sealed with the shop's key is taken: whoever holds the database's password cannot
    // set an hour's idle lock or turn blind closes off. A refused one is recorded, never applied.
    const sealer = this.deps.staff.sealer();
    const taken = rows.filter((r) => {
      const ok = shared.has(r.key) && Sealer.matches(r.seal, sealer.setting(r.key, r.value));
      if (!ok)
        this.deps.audit(
          'system',
          'shop.setting_refused',
          `${r.key}: ${shared.has(r.key) ? 'seal does not match' : 'not a shared setting'}`,
        );
      return ok;
    });
    this.deps.db.transaction(() => {
      this.setSyncVersion('applying', 1);
      for (const r of taken)
        this.deps.db
          .prepare(
            'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
          )
          .run(r.key, r.value);
      this.setSyncVersion('applying', 0);
      this.setSyncVersion('settings_version', version);
    })();
  }

  /** A staff row from the shop database this counter will not take: recorded in the audit trail, never applied. */
  private readonly refuseStaff = (row: { id: string }, why: string) =>
    this.deps.audit('system', 'shop.staff_refused', `${row.id}: ${why}`);

  private async pullStaff(): Promise<void> {
    if (!this.shop) return;
    const { rows, version } = await this.shop.pullStaff(this.syncVersion('staff_version'));
    if (rows.length === 0) return;
    for (const id of this.deps.staff.applyShared(rows, false, this.refuseStaff))
      this.deps.signOut(id, 'session.disabledByShop');
    this.setSyncVersion('staff_version', version);
  }

  /**
   * A staff change made here: applied to this counter's copy, then written to the shop database; if
   * the shop database refuses or cannot be reached, the copy is put back as it was and the error said.
   */
  async shared(staffId: string | null, change: () => Promise<StaffRecord> | StaffRecord): Promise<StaffRecord> {
    if (!this.shop) return change();
    const before = staffId ? this.deps.staff.sharedRow(staffId) : null;
    const after = await change();
    try {
      await this.shop.pushStaff(this.deps.staff.sharedRow(after.id)!);
    } catch (err) {
      this.deps.staff.restore(after.id, before);
      throw err;
    }
    return after;
  }

  private catalogCopy: CatalogCopy | null = null;
  private catalogWork: Promise<unknown> = Promise.resolve();

  /** The catalog feature's copy (built after this service); a linked counter notes its changes from now on. */
  shareCatalog(copy: CatalogCopy): void {
    this.catalogCopy = copy;
    if (this.shop) copy.share();
  }

  /** Catalog work one at a time: a change waiting on the shop database is never mixed with a pull or another change. */
  private oneCatalogStep<T>(work: () => Promise<T>): Promise<T> {
    const run = this.catalogWork.then(work, work);
    this.catalogWork = run.catch(() => undefined);
    return run;
  }

  /**
   * A catalog change made here (an item, an import, a page of quick keys): written to this counter's
   * copy, then to the shop database; if the shop database refuses it or cannot be reached, the copy is
   * put back as it was and the manager told why. A counter alone just writes it.
   */
  async sharedCatalog<T>(change: () => T): Promise<T> {
    const copy = this.catalogCopy;
    if (!this.shop || !copy) return change();
    const shop = this.shop;
    return this.oneCatalogStep(async () => {
      // What a restart left unsent goes first; while the database is away nothing new is written.
      await this.sendLeftovers(shop, copy);
      if (!copy.joined()) throw new PosError('forbidden', 'error.shop.catalogOffline', { since: this.deps.now() });
      const result = change();
      try {
        const out = copy.outgoing();
        await shop.catalog.push(out);
        copy.sent(out);
      } catch (err) {
        this.undoCatalog(copy, err);
        throw err;
      }
      return result;
    });
  }

  private undoCatalog(copy: CatalogCopy, err: unknown): void {
    const undone = copy.undo();
    const why = err instanceof PosError ? err.key : 'error';
    this.deps.audit(
      'system',
      'catalog.change_undone',
      `${undone.items} items, ${undone.pages} quick-key pages: ${why}`,
    );
  }

  /** Changes noted here but never sent (a restart between the write and the send): sent now, or undone if refused. */
  private async sendLeftovers(shop: ShopDatabase, copy: CatalogCopy): Promise<void> {
    const out = copy.outgoing();
    if (out.items.length + out.pages.length === 0) return;
    try {
      await shop.catalog.push(out);
      copy.sent(out);
    } catch (err) {
      // Away: kept for later. Refused (changed elsewhere meanwhile, a SKU taken): the shop's version stands.
      if (err instanceof PosError && err.key === 'error.shop.catalogOffline') throw err;
      this.undoCatalog(copy, err);
    }
  }

  /** The catalog brought in step with the shop database (each tick, and when linking). */
  async syncCatalog(): Promise<void> {
    const copy = this.catalogCopy;
    const shop = this.shop;
    if (!copy || !shop) return;
    await this.oneCatalogStep(async () => {
      copy.share();
      if (!copy.joined()) {
        // The first counter with a catalog gives the shop its own; every later one takes the shop's.
        const mine = copy.everything();
        if (await shop.catalog.offer(mine)) {
          copy.joinedNow();
          this.deps.audit(
            'system',
            'shop.catalog_offered',
            `${mine.items.length} items, ${mine.pages.length} quick-key pages`,
          );
          return;
        }
        const gone = copy.keepOnly(await shop.catalog.ids());
        await this.pullCatalog(shop, copy);
        copy.joinedNow();
        this.deps.audit('system', 'shop.catalog_taken', `${gone} items of this counter’s own left its copy`);
        return;
      }
      await this.sendLeftovers(shop, copy);
      await this.pullCatalog(shop, copy);
    });
  }

  private async pullCatalog(shop: ShopDatabase, copy: CatalogCopy): Promise<void> {
    // Bounded: a shop of a million items is read in 200 steps, the rest at the next tick.
    for (let step = 0; step < 200; step++) {
      const r = await shop.catalog.pull(copy.pulledVersion());
      copy.take(r.items, r.pages, r.version);
      if (!r.more) return;
    }
  }

  state(): ShopState | null {
    return this.shop?.state() ?? null;
  }

  database(): ShopDatabase | null {
    return this.shop;
  }

  /**
   * Where linked counters share their terminal lookups (main/payments/shared-lookups.ts); null for a
   * counter alone, or one a newer Counter POS stopped from writing to the shop database.
   */
  terminalBoard(): ShopTerminalBoard | null {
    if (!this.shop || this.shop.state().newerSchema !== null) return null;
    return this.shop.terminals;
  }

  /** This counter's seals with the shop's key (the board's results are sealed with it). */
  sealer(): Sealer {
    return this.deps.staff.sealer();
  }

  /** The whole shop's totals, asked of the shop database (a counter alone, or the database down: said in plain words). */
  async totals(from: string, to: string): Promise<ShopTotals> {
    if (!this.shop) throw new PosError('invalid_payload', 'error.shop.notLinked');
    try {
      // This counter's own rows first, so its line in the shop's day is never behind its own X report.
      await this.shop.shipAll();
      return await this.shop.shopTotals(from, to);
    } catch {
      throw new PosError('helcim_unavailable', 'error.shop.reportOffline');
    }
  }

  /** History → the whole shop: every counter's payments from the shop database (this counter's shipped first). */
  async searchShop(q: { from: string; to: string; amountCents?: number; last4?: string }): Promise<ShopSearchRow[]> {
    if (!this.shop) throw new PosError('invalid_payload', 'error.shop.notLinked');
    try {
      await this.shop.shipAll();
      return await this.shop.searchShop(q);
    } catch {
      throw new PosError('helcim_unavailable', 'error.shop.reportOffline');
    }
  }

  /** The shop's Z, closed by a manager at this counter (its own rows, its last Z included, shipped first). */
  async closeShopDay(actor: string): Promise<ShopZ> {
    if (!this.shop) throw new PosError('invalid_payload', 'error.shop.notLinked');
    await this.shop.shipAll();
    if (this.shop.state().offlineSince) throw new PosError('helcim_unavailable', 'error.shop.reportOffline');
    const z = await this.shop.closeShopDay(actor);
    this.deps.audit(actor, 'report.shop_z', `shop Z ${z.number} ${z.netCents}`);
    return z;
  }

  async close(): Promise<void> {
    await this.shop?.close();
  }
}
