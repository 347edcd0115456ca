/**
 * Cash at the counter: no Helcim call, so it works when Helcim is unreachable. The sale is journaled
 * approved with what the customer handed over; the change is the difference. The amounts are
 * checked here (the bridge schema has already bounded each one): nothing is recorded on a refusal.
 */
import { randomUUID } from 'node:crypto';
import type { CashSale, Currency } from '../../preload/contract';
import { MAX_CHANGE_CENTS } from '../../preload/limits';
import { PosError } from '../errors';
import type { Journal } from '../journal/journal';
import type { Session } from '../session';

const dollars = (cents: number) => (cents / 100).toFixed(2);

export class CashService {
  constructor(private readonly d: { journal: Journal; mode: () => 'training' | 'live' }) {}

  sale(amountCents: number, tenderedCents: number, currency: Currency, session: Session): CashSale {
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
    const a = this.d.journal.recordCash({ id: randomUUID(), amountCents, tenderedCents, currency, staffId: session.staffId, mode: this.d.mode() });
    return { attemptId: a.id, amountCents, tenderedCents, changeCents, currency };
  }
}
