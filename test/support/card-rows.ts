import type { CardTransaction } from '../../main/helcim/client';

/**
 * A row of Helcim's card-transaction list as the client hands it on (HELCIM.md, "card-transactions"):
 * a purchase of `amount` dollars, approved unless `status` says otherwise; `over` changes any field.
 */
export const cardRow = (
  amount: number | string,
  status = 'APPROVED',
  over: Partial<CardTransaction> = {},
): CardTransaction => ({
  transactionId: '7001',
  dateCreated: '2026-12-07 10:00:00',
  createdAt: null,
  status,
  type: 'purchase',
  amount,
  currency: 'CAD',
  ...over,
});
