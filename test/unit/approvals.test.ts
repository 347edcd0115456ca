/**
 * Manager approvals are bound to (action, transaction, amount, cashier, window). Each test changes
 * exactly one bound value against a consume that succeeds, so dropping any one binding fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApprovalStore, linesKey } from '../../main/policy/approvals';

/** A manager's approval lasts 60 seconds: a literal, so a window changed in the code fails here. */
const APPROVAL_TTL_MS = 60_000;
import { PosError } from '../../main/errors';

const ISSUED = {
  action: 'refund' as const,
  subject: '40000001',
  amountCents: 1500,
  lines: '1:1000,3:2000',
  cashierId: 'casey',
  windowId: 1,
  managerId: 'morgan',
  managerName: 'Morgan',
};
const WANT: {
  action: 'refund' | 'reverse';
  subject: string;
  cashierId: string;
  windowId: number;
  amountCents: number;
  lines: string | null;
} = {
  action: 'refund',
  subject: '40000001',
  cashierId: 'casey',
  windowId: 1,
  amountCents: 1500,
  lines: '1:1000,3:2000',
};

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof PosError ? err.code : 'untyped';
  }
  return 'ok';
};

test('control: an approval used with every bound value matching works, once', () => {
  const store = new ApprovalStore();
  const a = store.issue(ISSUED);
  assert.equal(
    refusal(() => store.consume(a.id, WANT)),
    'ok',
  );
  assert.equal(
    refusal(() => store.consume(a.id, WANT)),
    'forbidden',
    'single use',
  );
});

const ONE_VALUE: [string, Partial<typeof WANT>][] = [
  ['action', { action: 'reverse' }],
  ['subject', { subject: '40000002' }],
  ['cashier', { cashierId: 'jo' }],
  ['window', { windowId: 2 }],
  ['amount', { amountCents: 1499 }],
  ['set of lines', { lines: '1:1000' }],
  ['quantity of a line', { lines: '1:1000,3:1000' }],
  ['return without lines', { lines: null }],
];
for (const [name, change] of ONE_VALUE) {
  test(`an approval used for another ${name} is refused and burned`, () => {
    const store = new ApprovalStore();
    const a = store.issue(ISSUED);
    assert.equal(
      refusal(() => store.consume(a.id, { ...WANT, ...change })),
      'forbidden',
    );
    assert.equal(
      refusal(() => store.consume(a.id, WANT)),
      'forbidden',
      'burned by the wrong try',
    );
  });
}

test('an approval expires after its time to live, not before', () => {
  let now = 1_000_000;
  const store = new ApprovalStore(() => now);
  const a = store.issue(ISSUED);
  now += APPROVAL_TTL_MS;
  assert.equal(
    refusal(() => store.consume(a.id, WANT)),
    'ok',
    'at exactly 60 s it still works',
  );
  const b = store.issue(ISSUED);
  now += APPROVAL_TTL_MS + 1;
  assert.equal(
    refusal(() => store.consume(b.id, WANT)),
    'forbidden',
  );
});

test('lines as one text: by position whatever the order picked; none is null', () => {
  assert.equal(
    linesKey([
      { position: 3, quantityMilli: 2000 },
      { position: 1, quantityMilli: 1000 },
    ]),
    '1:1000,3:2000',
  );
  assert.equal(linesKey(undefined), null);
  assert.notEqual(linesKey([{ position: 1, quantityMilli: 1000 }]), linesKey([{ position: 1, quantityMilli: 2000 }]));
});
