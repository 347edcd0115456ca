/**
 * Customers at the counter (issue 29, parts 2 and 3), all optional: a cashier finds a customer in
 * Helcim (by name, business or phone) or adds one with the customer's consent, and attaches them to a
 * sale before its first tender; its card parts then carry the customer's code (the terminal push,
 * HelcimPay.js) and its invoice the customer. A sale without a customer is sent as before: Helcim's
 * docs name no way to take a payment without it creating a customer, other than one shared
 * "walk-in" customer — which this counter never uses, since its card vault would hold every
 * stranger's card (README, helcim:check).
 *
 * Saved cards, with consent: for phone orders and house accounts, a customer's card is saved through
 * a HelcimPay.js verification under their code, after the cashier records the customer's consent
 * (who, when; the card — brand and last four — once Helcim approves it). Only a card whose consent is
 * recorded here may be charged: by its token (`payment/purchase`, Positive), journaled before it is
 * sent with its idempotency key, as every money call; an answer that does not prove "nothing moved"
 * is an unknown outcome that reconciliation settles by the sale's invoice number. A manager may remove
 * a saved card (Helcim's vault, and the consent marked removed).
 *
 * Customer data comes from Helcim and goes back to the screen that asked; none of it is written to a
 * log or the audit trail (the audit names customer codes only).
 */
import { randomUUID } from 'node:crypto';
import type { CheckoutOutcome, HelcimCustomerView, SaleCustomer, SavedCardView, Mode } from '../../common/contract';
import { brandName, cardTypeOfNumber, isApproved, lastFourOf } from '../../common/cards';
import type { Db } from '../db';
import { PosError } from '../errors';
import type { HelcimClient, HelcimCustomer } from '../helcim/client';
import { LOST_ANSWER, NOTHING_STARTED, type Attempt, type Journal } from '../journal/journal';
import type { TokenSlot } from '../policy/table';
import type { Session } from '../session';
import { say } from '../language';
import { amount } from '../../common/i18n';
import { declineWords } from '../helcim/errors';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sale_customers (
  sale_id TEXT PRIMARY KEY,
  customer_code TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  name TEXT NOT NULL,
  attached_by TEXT NOT NULL,
  attached_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS card_consents (
  id TEXT PRIMARY KEY,
  customer_code TEXT NOT NULL,
  verify_attempt_id TEXT NOT NULL UNIQUE,
  staff_id TEXT NOT NULL,
  given_at TEXT NOT NULL,
  removed_by TEXT,
  removed_at TEXT
);
CREATE INDEX IF NOT EXISTS card_consents_customer ON card_consents (customer_code);`;

type ConsentRow = {
  id: string;
  customer_code: string;
  verify_attempt_id: string;
  staff_id: string;
  given_at: string;
  removed_by: string | null;
  removed_at: string | null;
};

export type CustomersDeps = {
  db: Db;
  journal: Journal;
  client: () => HelcimClient;
  token: (slot: TokenSlot) => Promise<string>;
  /** The token that reads and writes customers (General): the admin token if stored, else the sales token. */
  slot: () => TokenSlot | null;
  now: () => number;
  mode: () => Mode;
  audit: (actor: string, action: string, detail: string) => void;
  staffName: (staffId: string) => string;
  /** Settles an attempt whose answer was lost, from Helcim's list (reconciliation). */
  reconcile: (attemptId: string) => Promise<Attempt>;
  /** This counter's address for the Payment API. */
  ipAddress: () => string;
};

/** A search needs this many characters: fewer would list a shop's whole customer base. */
export const MIN_SEARCH_CHARS = 2;
/** At most this many customers per search (Helcim's limit is 100). */
export const SEARCH_LIMIT = 20;

export class Customers {
  constructor(private readonly deps: CustomersDeps) {
    deps.db.exec(SCHEMA);
  }

  private async general<T>(f: (c: HelcimClient, token: string) => Promise<T>): Promise<T> {
    const slot = this.deps.slot();
    if (!slot) throw new PosError('token_missing', 'error.token.none');
    try {
      return await f(this.deps.client(), await this.deps.token(slot));
    } catch (err) {
      if (err instanceof PosError && err.code === 'helcim_permission')
        throw new PosError('helcim_permission', 'error.customers.noAccess');
      throw err;
    }
  }

  private view(c: HelcimCustomer): HelcimCustomerView {
    const phone = (c.cellPhone ?? '').replace(/\D/g, '');
    return {
      customerCode: c.customerCode,
      name: c.contactName || c.businessName || c.customerCode,
      business: c.contactName && c.businessName ? c.businessName : null,
      phoneLast4: phone.length >= 4 ? phone.slice(-4) : null,
    };
  }

  /** Helcim's customers whose name, business, code or phone contains `text`. */
  async search(text: string): Promise<HelcimCustomerView[]> {
    const q = text.trim();
    if (q.length < MIN_SEARCH_CHARS)
      throw new PosError('invalid_payload', 'error.customers.searchShort', { count: MIN_SEARCH_CHARS });
    const found = await this.general((c, token) => c.searchCustomers(token, { search: q, limit: SEARCH_LIMIT }));
    return found.map((x) => this.view(x));
  }

  /** A new customer in Helcim, with their consent (the payload insists on it). Sent once: a lost answer says to search first. */
  async add(
    draft: { contactName: string; businessName: string; cellPhone: string },
    staffId: string,
  ): Promise<HelcimCustomerView> {
    try {
      const made = await this.general((c, token) => c.createCustomer(token, draft));
      this.deps.audit(staffId, 'customer.added', made.customerCode);
      return this.view(made);
    } catch (err) {
      if (err instanceof PosError && (err.code === 'helcim_unavailable' || err.code === 'helcim_bad_response'))
        throw new PosError('helcim_unavailable', 'error.customers.addUnknown');
      throw err;
    }
  }

  private async byCode(customerCode: string): Promise<HelcimCustomer> {
    const found = await this.general((c, token) => c.searchCustomers(token, { customerCode, limit: 1 }));
    const one = found.find((x) => x.customerCode === customerCode);
    if (!one) throw new PosError('invalid_payload', 'error.customers.noSuch');
    return one;
  }

  /** Attaches a customer to a sale that has taken no tender yet (its invoice and card parts carry them). */
  async attach(saleId: string, customerCode: string, staffId: string, tenders: number): Promise<SaleCustomer> {
    if (tenders > 0) throw new PosError('invalid_payload', 'error.customers.afterTender');
    const c = await this.byCode(customerCode);
    const name = this.view(c).name;
    this.deps.db
      .prepare(
        `INSERT INTO sale_customers (sale_id, customer_code, customer_id, name, attached_by, attached_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (sale_id) DO UPDATE SET customer_code = excluded.customer_code, customer_id = excluded.customer_id,
           name = excluded.name, attached_by = excluded.attached_by, attached_at = excluded.attached_at`,
      )
      .run(saleId, c.customerCode, String(c.id), name, staffId, new Date(this.deps.now()).toISOString());
    this.deps.audit(staffId, 'sale.customer', `${saleId}: ${c.customerCode}`);
    return { customerCode: c.customerCode, name };
  }

  detach(saleId: string, staffId: string, tenders: number): void {
    if (tenders > 0) throw new PosError('invalid_payload', 'error.customers.afterTender');
    this.deps.db.prepare('DELETE FROM sale_customers WHERE sale_id = ?').run(saleId);
    this.deps.audit(staffId, 'sale.customer', `${saleId}: none`);
  }

  /** The sale's customer, as the invoice and the card parts need it (null: none). */
  of(saleId: string): (SaleCustomer & { customerId: string }) | null {
    const r = this.deps.db
      .prepare('SELECT customer_code, customer_id, name FROM sale_customers WHERE sale_id = ?')
      .get(saleId) as { customer_code: string; customer_id: string; name: string } | undefined;
    return r ? { customerCode: r.customer_code, customerId: r.customer_id, name: r.name } : null;
  }

  // ---- saved cards ---------------------------------------------------------------------------

  /** Records the customer's consent before the card form that saves their card opens (its verification's attempt). */
  recordConsent(customerCode: string, verifyAttemptId: string, staffId: string): void {
    this.deps.db
      .prepare(
        'INSERT INTO card_consents (id, customer_code, verify_attempt_id, staff_id, given_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(randomUUID(), customerCode, verifyAttemptId, staffId, new Date(this.deps.now()).toISOString());
    this.deps.audit(staffId, 'card.consent', `${customerCode}: verification ${verifyAttemptId}`);
  }

  /** Consents whose verification Helcim approved, with the card it approved (brand, last four). */
  private consents(customerCode: string): (ConsentRow & { cardType: string | null; last4: string | null })[] {
    const rows = this.deps.db
      .prepare('SELECT * FROM card_consents WHERE customer_code = ? AND removed_at IS NULL ORDER BY given_at')
      .all(customerCode) as ConsentRow[];
    return rows.flatMap((r) => {
      const a = this.deps.journal.get(r.verify_attempt_id);
      return a && a.state === 'approved' ? [{ ...r, cardType: a.cardType, last4: a.cardLast4 }] : [];
    });
  }

  /** The customer's saved cards in Helcim, by brand and last four, each with its consent if recorded here. */
  async cards(customerCode: string): Promise<SavedCardView[]> {
    const c = await this.byCode(customerCode);
    const cards = await this.general((cl, token) => cl.customerCards(token, String(c.id)));
    const consents = this.consents(customerCode);
    return cards.map((k) => {
      const cardType = cardTypeOfNumber(k.cardF6L4);
      const last4 = lastFourOf(k.cardF6L4) ?? '????';
      const consent = consents.find((x) => x.last4 === last4 && (!x.cardType || !cardType || x.cardType === cardType));
      return {
        cardId: k.id,
        brand: brandName(cardType),
        last4,
        ...(consent ? { consent: { by: this.deps.staffName(consent.staff_id), at: consent.given_at } } : {}),
      };
    });
  }

  /** A manager removes a saved card from the customer's vault in Helcim; its consent is marked removed. */
  async removeCard(customerCode: string, cardId: number, managerId: string): Promise<SavedCardView[]> {
    const c = await this.byCode(customerCode);
    const cards = await this.general((cl, token) => cl.customerCards(token, String(c.id)));
    const card = cards.find((k) => k.id === cardId);
    if (!card) throw new PosError('invalid_payload', 'error.customers.noSuchCard');
    await this.general((cl, token) => cl.deleteCustomerCard(token, String(c.id), String(cardId)));
    const last4 = lastFourOf(card.cardF6L4);
    for (const x of this.consents(customerCode).filter((k) => k.last4 === last4))
      this.deps.db
        .prepare('UPDATE card_consents SET removed_by = ?, removed_at = ? WHERE id = ?')
        .run(managerId, new Date(this.deps.now()).toISOString(), x.id);
    this.deps.audit(
      managerId,
      'card.removed',
      `${customerCode}: ${brandName(cardTypeOfNumber(card.cardF6L4))} ${last4}`,
    );
    return this.cards(customerCode);
  }

  /**
   * Charges a saved card of the sale's customer for a card part of the sale: the card must be one whose
   * consent is recorded here. `sale`: the sale's id, its invoice number (or null: a number of its own),
   * and the journal's `create` when the sale is new.
   */
  async chargeSaved(
    p: { saleId: string; invoiceNumber: string | null; cardId: number; amountCents: number },
    currency: 'CAD' | 'USD',
    session: Session,
    slot: TokenSlot,
    invoicePrefix: string,
  ): Promise<CheckoutOutcome> {
    const customer = this.of(p.saleId);
    if (!customer) throw new PosError('invalid_payload', 'error.customers.noneOnSale');
    const cards = await this.general((cl, token) => cl.customerCards(token, customer.customerId));
    const card = cards.find((k) => k.id === p.cardId);
    if (!card) throw new PosError('invalid_payload', 'error.customers.noSuchCard');
    const cardType = cardTypeOfNumber(card.cardF6L4);
    const last4 = lastFourOf(card.cardF6L4) ?? null;
    if (
      !this.consents(customer.customerCode).some((x) => x.last4 === last4 && (!x.cardType || x.cardType === cardType))
    )
      throw new PosError('forbidden', 'error.customers.noConsent');
    const attemptId = randomUUID();
    const idempotencyKey = randomUUID();
    const invoiceNumber =
      p.invoiceNumber ?? `${invoicePrefix}-${attemptId.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    // Journaled before it is sent, like every payment.
    this.deps.journal.begin({
      id: attemptId,
      kind: 'purchase',
      amountCents: p.amountCents,
      currency,
      idempotencyKey,
      staffId: session.staffId,
      approverId: null,
      reference: invoiceNumber,
      saleId: p.saleId,
      mode: this.deps.mode(),
    });
    this.deps.journal.event(attemptId, 'saved_card', `${customer.customerCode}: ${cardType ?? '?'} ${last4 ?? '????'}`);
    const base = { attemptId, kind: 'purchase' as const, amountCents: p.amountCents, currency };
    try {
      const tx = await this.deps.client().purchaseWithCardToken(await this.deps.token(slot), {
        amountCents: p.amountCents,
        currency,
        cardToken: card.cardToken,
        customerCode: customer.customerCode,
        invoiceNumber,
        ipAddress: this.deps.ipAddress(),
        idempotencyKey,
      });
      const approved = isApproved(tx.status);
      this.deps.journal.settle(attemptId, approved ? 'approved' : 'declined', {
        helcimTransactionId: tx.transactionId,
        detail: approved ? 'saved card approved' : tx.status,
        card: {
          type: tx.cardType ?? cardType ?? undefined,
          last4: lastFourOf(tx.cardNumber) ?? last4 ?? undefined,
          approvalCode: tx.approvalCode,
        },
      });
      if (!approved)
        return { ...base, outcome: 'declined', transactionId: tx.transactionId, message: declineWords('') };
      return {
        ...base,
        outcome: 'approved',
        transactionId: tx.transactionId,
        approvalCode: tx.approvalCode || undefined,
        cardType: tx.cardType ?? cardType ?? undefined,
        cardLast4: lastFourOf(tx.cardNumber) ?? last4 ?? undefined,
        message: say('customers.savedApproved', { amount: amount(p.amountCents, currency) }),
      };
    } catch (err) {
      const code = err instanceof PosError ? err.code : 'internal';
      if (code === 'helcim_declined') {
        this.deps.journal.settle(attemptId, 'declined', { detail: code });
        return { ...base, outcome: 'declined', message: (err as PosError).message };
      }
      if (code !== 'helcim_unknown_outcome') {
        // Refused before it reached the card network: nothing moved.
        this.deps.journal.settle(attemptId, 'cancelled', {
          detail: `${NOTHING_STARTED} saved-card purchase refused (${code})`,
        });
        throw err;
      }
      // No answer that proves nothing moved: Helcim's list decides before anyone may try again.
      this.deps.journal.settle(attemptId, 'unknown', { detail: LOST_ANSWER });
      const after = await this.deps.reconcile(attemptId);
      if (after.state === 'approved')
        return {
          ...base,
          outcome: 'approved',
          transactionId: after.helcimTransactionId ?? undefined,
          cardType: after.cardType ?? undefined,
          cardLast4: after.cardLast4 ?? undefined,
          message: say('customers.savedApproved', { amount: amount(p.amountCents, currency) }),
        };
      if (after.state === 'cancelled') throw new PosError('helcim_unavailable', 'error.customers.savedNothing');
      throw err;
    }
  }
}
