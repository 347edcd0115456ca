/**
 * Cash at the counter: no Helcim call, so it works when Helcim is unreachable. A cash tender is
 * journaled approved with what the customer handed over (the change is the difference), as a part of
 * its sale; cash handed back for a cash sale needs a manager, as a card refund does. The amounts are
 * checked here (the bridge schema has already bounded each one): nothing is recorded on a refusal.
 */
import { randomUUID } from 'node:crypto';
import type { CashRefund, CashSale, Currency, PrintResult } from '../../preload/contract';
import { MAX_CHANGE_CENTS } from '../../preload/limits';
import { PosError } from '../errors';
import type { Journal } from '../journal/journal';
import type { Session } from '../session';
import type { Approval } from '../staff/approvals';
import type { SalesService } from './sales';

const dollars = (cents: number) => (cents / 100).toFixed(2);

export class CashService {
  constructor(
    private readonly d: {
      journal: Journal;
      sales: SalesService;
      mode: () => 'training' | 'live';
      /** What the open drawer should hold now (null: no drawer open). */
      cashInDrawer: () => number | null;
      audit: (actor: string, action: string, detail: string) => void;
      /** Opens the drawer through the receipt printer, once per cash attempt (main/hardware/printer.ts). */
      openDrawer: (why: { attemptId: string; for: 'cash taken' | 'cash back' }) => Promise<PrintResult | null>;
    },
  ) {}

  /** `amountCents` is what this tender pays toward the sale (all that is due, or a part of it). */
  async sale(amountCents: number, tenderedCents: number, currency: Currency, session: Session, saleId?: string): Promise<CashSale> {
    if (tenderedCents < amountCents)
      throw new PosError(
        'invalid_payload',
        `The customer handed over ${dollars(tenderedCents)}, less than the ${dollars(amountCents)} due. Nothing was recorded.`,
      );
    const changeCents = tenderedCents - amountCents;
    if (changeCents > MAX_CHANGE_CENTS)
      throw new PosError(
        'invalid_payload',
        `That would give ${dollars(changeCents)} in change, more than the ${dollars(MAX_CHANGE_CENTS)} a counter gives: check the amount tendered. Nothing was recorded.`,
      );
    const sale = this.d.sales.tenderFor(saleId, amountCents, currency, session);
    const a = this.d.journal.recordCash({
      id: randomUUID(),
      amountCents,
      tenderedCents,
      currency,
      staffId: session.staffId,
      saleId: sale.saleId,
      within: sale.create,
      mode: this.d.mode(),
    });
    // Recorded first: a printer that is off never loses the sale, it only leaves the drawer shut.
    const drawer = await this.d.openDrawer({ attemptId: a.id, for: 'cash taken' });
    return { attemptId: a.id, amountCents, tenderedCents, changeCents, currency, sale: this.d.sales.view(sale.saleId), drawer };
  }

  /** Cash handed back for a sale's cash, behind the manager's approval the router consumed (bound to the sale and amount). */
  async refund(saleNumber: string, amountCents: number, session: Session, approval: Approval): Promise<CashRefund> {
    const sale = this.d.sales.byNumber(saleNumber);
    if (sale.cashRefundableCents === 0) throw new PosError('transaction_not_eligible', 'No cash was paid on this sale (or it was all handed back already).');
    if (amountCents > sale.cashRefundableCents)
      throw new PosError(
        'transaction_not_eligible',
        `At most ${dollars(sale.cashRefundableCents)} in cash can be handed back for this sale. Nothing was recorded.`,
      );
    const inDrawer = this.d.cashInDrawer();
    if (inDrawer !== null && amountCents > inDrawer)
      throw new PosError(
        'invalid_payload',
        `The drawer should hold ${dollars(inDrawer)}: ${dollars(amountCents)} cannot be handed back from it. Nothing was recorded.`,
      );
    const a = this.d.journal.recordCashRefund({
      id: randomUUID(),
      amountCents,
      currency: sale.currency,
      staffId: session.staffId,
      approverId: approval.managerId,
      saleId: sale.saleId,
      mode: this.d.mode(),
      why: 'cash refund',
    });
    this.d.audit(session.staffId, 'cash.refunded', `sale ${sale.number} ${amountCents} approved by ${approval.managerId}`);
    return {
      attemptId: a.id,
      saleNumber: sale.number,
      amountCents,
      currency: sale.currency,
      message: `Hand back ${dollars(amountCents)} in cash from the drawer.`,
      drawer: await this.d.openDrawer({ attemptId: a.id, for: 'cash back' }),
    };
  }
}
