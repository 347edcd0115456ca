/**
 * Cash at the counter: no Helcim call, so it works when Helcim is unreachable. A cash tender is
 * journaled approved with what the customer handed over (the change is the difference), as a part of
 * its sale; cash handed back for a cash sale needs a manager, as a card refund does. The amounts are
 * checked here (the bridge schema has already bounded each one): nothing is recorded on a refusal.
 */
import { randomUUID } from 'node:crypto';
import type { CashRefund, CashSale, Currency, PrintResult, Mode } from '../../common/contract';
import { MAX_CHANGE_CENTS } from '../../common/limits';
import { PosError } from '../errors';
import type { Journal } from '../journal/journal';
import type { Session } from '../session';
import type { Approval } from '../policy/approvals';
import type { NewSale, SalesService } from './sales';
import type { CashRounding } from './rounding';
import { say } from '../language';
import { amount } from '../../common/i18n';

export class CashService {
  constructor(
    private readonly deps: {
      journal: Journal;
      sales: SalesService;
      mode: () => Mode;
      /** What the open drawer should hold now (null: no drawer open). */
      cashInDrawer: () => number | null;
      /** The counter counts its cash in drawer sessions (it has opened one): cash needs an open drawer. */
      drawerInUse: () => boolean;
      audit: (actor: string, action: string, detail: string) => void;
      /** Opens the drawer through the receipt printer, once per cash attempt (main/hardware/printer.ts). */
      openDrawer: (why: { attemptId: string; for: 'cash taken' | 'cash back' }) => Promise<PrintResult | null>;
      /** Cash rounding to 5¢ where it applies (rounding.ts); none: amounts to the cent. */
      rounding: CashRounding;
    },
  ) {}

  /** `amountCents` is what this tender pays toward the sale (all that is due, or a part of it). */
  async sale(
    amountCents: number,
    tenderedCents: number,
    currency: Currency,
    session: Session,
    saleId?: string,
    newSale?: NewSale,
  ): Promise<CashSale> {
    // A counter that counts its drawer takes cash only into an open one: cash taken between sessions
    // would be in no count at all (the close would say "over" by it), so the cashier opens it first.
    if (this.deps.drawerInUse() && this.deps.cashInDrawer() === null)
      throw new PosError('invalid_payload', 'error.drawer.openFirst');
    const sale = this.deps.sales.tenderFor(saleId, amountCents, currency, session, newSale);
    // The cash that settles a sale is rounded to 5¢ where pennies are gone (rounding.ts): the drawer takes that.
    const roundingCents = this.deps.rounding.forTender(amountCents, sale.dueCents, currency);
    const inDrawerCents = amountCents + roundingCents;
    if (tenderedCents < inDrawerCents)
      throw new PosError('invalid_payload', 'error.cash.tooLittle', {
        tendered: amount(tenderedCents, currency),
        due: amount(inDrawerCents, currency),
      });
    const changeCents = tenderedCents - inDrawerCents;
    if (changeCents > MAX_CHANGE_CENTS)
      throw new PosError('invalid_payload', 'error.cash.tooMuchChange', {
        change: amount(changeCents, currency),
        max: amount(MAX_CHANGE_CENTS, currency),
      });
    const id = randomUUID();
    const a = this.deps.journal.recordCash({
      id,
      amountCents,
      tenderedCents,
      currency,
      staffId: session.staffId,
      saleId: sale.saleId,
      within: () => {
        sale.create?.();
        this.deps.rounding.record(id, roundingCents);
      },
      mode: this.deps.mode(),
    });
    // Recorded first: a printer that is off never loses the sale, it only leaves the drawer shut.
    const drawer = await this.deps.openDrawer({ attemptId: a.id, for: 'cash taken' });
    return {
      attemptId: a.id,
      amountCents,
      tenderedCents,
      changeCents,
      roundingCents,
      currency,
      sale: this.deps.sales.view(sale.saleId),
      drawer,
    };
  }

  /** Cash handed back for a sale's cash, behind the manager's approval the router consumed (bound to the sale and amount). */
  /** `within`: written with the cash refund's attempt (the lines of the sale it gives back). */
  async refund(
    saleNumber: string,
    amountCents: number,
    session: Session,
    approval: Approval,
    within?: (attemptId: string) => void,
  ): Promise<CashRefund> {
    const sale = this.deps.sales.byNumber(saleNumber);
    if (sale.cashRefundableCents === 0) throw new PosError('transaction_not_eligible', 'error.cash.noneToRefund');
    if (amountCents > sale.cashRefundableCents)
      throw new PosError('transaction_not_eligible', 'error.cash.refundAtMost', {
        amount: amount(sale.cashRefundableCents, sale.currency),
      });
    // Handed back rounded to 5¢ where pennies are gone; the refund itself is the amount main worked out.
    const roundingCents = this.deps.rounding.forRefund(amountCents, sale.currency);
    const handedBackCents = amountCents + roundingCents;
    const inDrawer = this.deps.cashInDrawer();
    if (inDrawer !== null && handedBackCents > inDrawer)
      throw new PosError('invalid_payload', 'error.drawer.cannotHandBack', {
        inDrawer: amount(inDrawer, sale.currency),
        amount: amount(handedBackCents, sale.currency),
      });
    const a = this.deps.journal.recordCashRefund({
      id: randomUUID(),
      amountCents,
      currency: sale.currency,
      staffId: session.staffId,
      approverId: approval.managerId,
      saleId: sale.saleId,
      mode: this.deps.mode(),
      why: 'cash refund',
      within: (attemptId) => {
        within?.(attemptId);
        this.deps.rounding.record(attemptId, roundingCents);
      },
    });
    this.deps.audit(
      session.staffId,
      'cash.refunded',
      `sale ${sale.number} ${amountCents} approved by ${approval.managerId}`,
    );
    return {
      attemptId: a.id,
      saleNumber: sale.number,
      amountCents,
      roundingCents,
      currency: sale.currency,
      message: say('cash.handBack', { amount: amount(handedBackCents, sale.currency) }),
      drawer: await this.deps.openDrawer({ attemptId: a.id, for: 'cash back' }),
    };
  }
}
