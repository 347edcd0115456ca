/**
 * The Sale screen's keys: a focused control keeps its own Enter; fields keep their typing; Escape
 * cancels an open card form. One case per rule, each against one that acts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { saleKeyAction } from '../../renderer/src/sale/keys';

test('amount entry: digits, Backspace, Escape and Enter act when nothing is focused', () => {
  assert.deepEqual(
    ['5', 'Backspace', 'Escape', 'Enter'].map((k) => saleKeyAction('entry', k, 'none', false)),
    ['digit', 'backspace', 'clear', 'charge'],
  );
});

test('Enter on a focused control (Verify card, Sign out, a tab, Receipt…) is that control’s, never a charge or a new sale', () => {
  assert.equal(saleKeyAction('entry', 'Enter', 'control', false), null);
  assert.equal(saleKeyAction('result', 'Enter', 'control', false), null);
  assert.equal(saleKeyAction('result', 'Enter', 'none', false), 'new-sale');
});

test('a field keeps its own keys; modifier shortcuts are not the numpad', () => {
  assert.equal(saleKeyAction('entry', '5', 'field', false), null);
  assert.equal(saleKeyAction('entry', 'Enter', 'field', false), null);
  assert.equal(saleKeyAction('entry', '5', 'none', true), null);
});

test('with a card form open only Escape acts, and it cancels the form', () => {
  assert.equal(saleKeyAction('checkout', 'Escape', 'none', false), 'cancel-checkout');
  assert.equal(saleKeyAction('checkout', 'Enter', 'none', false), null);
  assert.equal(saleKeyAction('checkout', '5', 'none', false), null);
  assert.equal(saleKeyAction('starting', 'Enter', 'none', false), null, 'no second charge while one is opening');
});
