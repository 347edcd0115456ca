// The money code StrykerJS mutates, one scope per folder, each with the test files that cover it
// (issue 25). A scope's tests run against every mutant of its files (per-test-file coverage: only the
// files that reach a mutant run for it). Tests that read ../shared or need the built app are not
// listed: Stryker runs them in a sandbox copy of the project.
export const SCOPES = {
  money: {
    mutate: ['main/money.ts'],
    tests: ['test/unit/money-and-errors.test.ts', 'test/unit/simulator-amounts.test.ts'],
  },
  journal: {
    mutate: ['main/journal/**/*.ts'],
    tests: [
      'test/integration/journal-migration.test.ts',
      'test/integration/money-rules.test.ts',
      'test/integration/audit-trail.test.ts',
      'test/integration/money-model.test.ts',
      'test/integration/recovery.test.ts',
      'test/integration/holds.test.ts',
      'test/integration/cash.test.ts',
      'test/integration/terminal-owned.test.ts',
      'test/integration/reports.test.ts',
    ],
  },
  staff: {
    mutate: ['main/staff/**/*.ts', 'main/seal.ts', 'main/policy/approvals.ts'],
    // The shop database's tests cover the seals and shared staff (slow: a PostgreSQL per file run).
    tests: [
      'test/unit/approvals.test.ts',
      'test/unit/staff-rules.test.ts',
      'test/unit/names.test.ts',
      'test/integration/staff.test.ts',
      'test/integration/staff-audit.test.ts',
      'test/integration/overrides.test.ts',
      'test/integration/bridge.test.ts',
      'test/integration/cashier-flows.test.ts',
      'test/integration/recovery.test.ts',
      'test/integration/shop-database.test.ts',
    ],
  },
  payments: {
    mutate: ['main/payments/**/*.ts'],
    tests: [
      'test/integration/money-rules.test.ts',
      'test/integration/sales.test.ts',
      'test/integration/drawer.test.ts',
      'test/integration/cash.test.ts',
      'test/integration/holds.test.ts',
      'test/integration/terminal.test.ts',
      'test/integration/terminal-owned.test.ts',
      'test/integration/overrides.test.ts',
      'test/integration/money-guards.test.ts',
      'test/integration/every-door.test.ts',
      'test/integration/customer-display.test.ts',
    ],
  },
  reports: {
    mutate: ['main/reports/**/*.ts'],
    tests: [
      'test/integration/reports.test.ts',
      'test/integration/report-rules.test.ts',
      'test/unit/report-render.test.ts',
      'test/integration/reconciliation-clock.test.ts',
      'test/integration/money-rules.test.ts',
      'test/integration/cashier-flows.test.ts',
      'test/integration/sales.test.ts',
      'test/integration/drawer.test.ts',
      'test/unit/report-words.test.ts',
      'test/integration/printer.test.ts',
      'test/integration/languages.test.ts',
      'test/integration/terminal.test.ts',
      'test/integration/helcim-lists.test.ts',
      'test/integration/shop-database.test.ts',
    ],
  },
  shop: {
    mutate: ['main/shop/**/*.ts'],
    tests: [
      'test/integration/shop-database.test.ts',
      'test/integration/shop-zones.test.ts',
      'test/integration/money-model-shop.test.ts',
      'test/integration/shop-catalog.test.ts',
    ],
  },
  helcim: {
    mutate: ['main/helcim/client.ts', 'main/helcim/rate-budget.ts'],
    tests: [
      'test/unit/helcim-client-wire.test.ts',
      'test/integration/client.test.ts',
      'test/unit/rate-budget.test.ts',
      'test/integration/rate-budget.test.ts',
      'test/integration/helcim-lists.test.ts',
    ],
  },
  catalog: {
    mutate: ['main/catalog/**/*.ts'],
    tests: [
      'test/unit/barcodes.test.ts',
      'test/unit/catalog-csv.test.ts',
      'test/integration/catalog.test.ts',
      'test/integration/catalog-import.test.ts',
      'test/integration/cart.test.ts',
      'test/integration/shop-catalog.test.ts',
    ],
  },
  // The shop's catalog alone (a counter's copy and the shop database's side): quick to run after a change there.
  'shop-catalog': {
    mutate: ['main/catalog/shared.ts', 'main/shop/shop-catalog.ts'],
    tests: ['test/integration/shop-catalog.test.ts'],
  },
  cart: {
    mutate: ['main/cart/**/*.ts'],
    tests: [
      'test/unit/cart-rules.test.ts',
      'test/integration/cart.test.ts',
      'test/integration/returns-by-line.test.ts',
      'test/unit/discount-rules.test.ts',
      'test/integration/discounts.test.ts',
    ],
  },
  // Discounts (issue 28): the rules, and the cart that applies them and asks for a manager above the limit.
  discounts: {
    mutate: ['main/cart/discounts.ts', 'main/cart/cart.ts', 'main/cart/rules.ts'],
    tests: [
      'test/unit/discount-rules.test.ts',
      'test/unit/cart-rules.test.ts',
      'test/integration/discounts.test.ts',
      'test/integration/cart.test.ts',
      'test/integration/returns-by-line.test.ts',
    ],
  },
  // The payments folder one file at a time (issue 25): the whole folder is hours here (its tests start
  // servers per file), so each file runs with the tests that reach it, and its report adds up.
  'payments-drawer': {
    mutate: ['main/payments/drawer.ts'],
    tests: [
      'test/integration/drawer.test.ts',
      'test/integration/cash.test.ts',
      'test/integration/cash-rounding.test.ts',
    ],
  },
  'payments-cash': {
    mutate: ['main/payments/cash.ts'],
    tests: [
      'test/integration/cash.test.ts',
      'test/integration/cash-rounding.test.ts',
      'test/integration/drawer.test.ts',
      // The drawer's pulse for cash taken and handed back, noted on the attempt (a real printer stand-in).
      'test/integration/printer.test.ts',
    ],
  },
  'payments-holds': {
    mutate: ['main/payments/holds.ts'],
    tests: ['test/unit/holds-rules.test.ts', 'test/integration/holds.test.ts', 'test/integration/money-rules.test.ts'],
  },
  'payments-returns': {
    mutate: ['main/payments/returns.ts'],
    // Its rules one at a time (the search, the view, the three doors), then the whole path over HTTP.
    tests: [
      'test/unit/returns-rules.test.ts',
      'test/integration/money-rules.test.ts',
      'test/integration/returns-by-line.test.ts',
    ],
  },
  // The card form (HelcimPay.js): journaled first, only its window and person finish it, a result only
  // with its hash and its fields, a close believed only when Helcim's list agrees, the windows as literals.
  'payments-checkout': {
    mutate: ['main/payments/checkout.ts'],
    tests: ['test/unit/checkout-rules.test.ts', 'test/integration/money-guards.test.ts'],
  },
  // A sale and its tenders: paid, due, checking and what goes back from the journal's parts; a tender
  // above what is due; an abandon behind an approval for exactly what goes back; the Z's end-of-day rule.
  'payments-sales': {
    mutate: ['main/payments/sales.ts'],
    tests: ['test/unit/sales-rules.test.ts', 'test/integration/sales.test.ts'],
  },
  // The terminal: pairing, a push journaled first and sent once, Helcim's pace, the 3-minute limit,
  // "customer cancelled" against Helcim's list, the debit refund, linked counters' board.
  'payments-terminal': {
    mutate: ['main/payments/terminal.ts'],
    tests: ['test/unit/terminal-rules.test.ts', 'test/integration/terminal.test.ts'],
  },
  // The payments feature's bridge handlers: no card charged while an earlier outcome is unknown (every
  // door), a card part's invoice and customer, a refused first tender closing its sale, returns by line.
  'payments-handlers': {
    mutate: ['main/payments/handlers.ts'],
    tests: ['test/unit/payments-handlers.test.ts'],
  },
  // What a counter ships to the shop database beside its attempts (tax, discounts, rounding signed as the
  // drawer saw it), how the shop adds it up, what it accepts back. The shop's own day: the 'shop' scope.
  'shop-money-lines': {
    mutate: ['main/shop/money-lines.ts'],
    tests: ['test/unit/shop-money-lines.test.ts'],
  },
  // The outbox to the shop database: queued in the transaction that writes each row, batches oldest first
  // and no more than asked, the head a batch makes (each payment once, by quarter hour; the last Z).
  'shop-outbox': {
    mutate: ['main/shop/outbox.ts'],
    tests: ['test/unit/shop-outbox.test.ts'],
  },
  // Linking to the shop database without a database: the link code, the pepper sealed under it, the pinned
  // certificate, the TLS probe (real TCP servers on 127.0.0.1). SCRAM and TLS against a real PostgreSQL are
  // shop-database.test.ts's (the 'shop' scope).
  'shop-link': {
    mutate: ['main/shop/link-code.ts', 'main/shop/tls.ts'],
    tests: ['test/unit/shop-link.test.ts'],
  },
  // The shop database's board of waiting terminal sales and the lead's lease (a real PostgreSQL).
  'shop-board': {
    mutate: ['main/shop/terminal-board.ts'],
    tests: ['test/integration/shared-lookups.test.ts'],
  },
  // What a Helcim row means for an attempt, whoever finds it (terminal, card form, reconciliation, late
  // sweep): the lookup rule, what a purchase really took, the journal's two allowed changes.
  'payments-results': {
    mutate: ['main/payments/helcim-result.ts'],
    tests: [
      'test/unit/invoice-lookups.test.ts',
      'test/unit/helcim-result.test.ts',
      'test/integration/reconcile-rules.test.ts',
      'test/integration/terminal-owned.test.ts',
    ],
  },
  // Approvals found after the counter stopped waiting: recorded, told, what to give back, the day's sweep.
  'payments-late': {
    mutate: ['main/payments/late-approvals.ts'],
    tests: ['test/unit/late-approvals.test.ts', 'test/integration/terminal-owned.test.ts'],
  },
  // A money call on an earlier transaction (refund, void, capture, release): journaled before it
  // leaves, each of Helcim's answers to its own state, a lost one asked of Helcim.
  'payments-money-call': {
    mutate: ['main/payments/money-call.ts'],
    tests: ['test/unit/money-call.test.ts', 'test/integration/money-rules.test.ts'],
  },
  // Reconciliation (issue 25: "its checks are only ever asserted silent"): every attempt's fate settled
  // from Helcim's own rows, one row for one attempt, a refund or void matched by its amount too.
  'payments-reconcile': {
    mutate: ['main/payments/reconcile.ts'],
    tests: [
      'test/integration/reconcile-rules.test.ts',
      'test/integration/money-rules.test.ts',
      'test/integration/terminal-owned.test.ts',
      'test/integration/recovery.test.ts',
      'test/integration/money-guards.test.ts',
      'test/integration/holds.test.ts',
      'test/integration/terminal.test.ts',
    ],
  },
  // Shared terminal lookups (issue 31): what a counter believes of the lead's looks, the lead's pace.
  'shared-lookups': {
    mutate: ['main/payments/shared-lookups.ts', 'main/helcim/rate-budget.ts'],
    tests: [
      'test/unit/shared-lookups-rules.test.ts',
      'test/integration/shared-lookups.test.ts',
      'test/unit/rate-budget.test.ts',
    ],
  },
  // The same two files judged by their unit tests alone (no PostgreSQL: minutes, not hours), as run
  // after the lead's pace was changed on December 8.
  'lead-pace': {
    mutate: ['main/payments/shared-lookups.ts', 'main/helcim/rate-budget.ts'],
    tests: ['test/unit/shared-lookups-rules.test.ts', 'test/unit/rate-budget.test.ts'],
  },
  // Sales tax (issue 28): the rates as data, which taxes a category pays, the one tax rule.
  tax: {
    mutate: ['main/tax/**/*.ts'],
    tests: ['test/unit/tax-rules.test.ts'],
  },
  // Cash rounding to 5¢ (issue 28): the rule and where the drawer keeps it.
  rounding: {
    mutate: ['common/cash.ts', 'main/payments/rounding.ts'],
    tests: ['test/unit/money-and-errors.test.ts', 'test/integration/cash-rounding.test.ts'],
  },
  // Itemized invoices in Helcim (issue 29): the body from the sale, made once, compared in the X/Z.
  invoices: {
    mutate: ['main/invoices/**/*.ts'],
    tests: [
      'test/unit/invoice-body.test.ts',
      'test/unit/invoice-prefix.test.ts',
      'test/unit/invoices-rules.test.ts',
      'test/integration/helcim-invoices.test.ts',
      'test/integration/helcim-customers.test.ts',
    ],
  },
  // Customers at the counter and saved cards (issue 29): consent, the charge by token, removal.
  customers: {
    mutate: ['main/customers/**/*.ts'],
    tests: ['test/integration/helcim-customers.test.ts', 'test/integration/bridge-fuzz.test.ts'],
  },
  // The Sale screen's scanner/typing rule (pure, no DOM): every limit has a test at its documented value.
  scanner: {
    mutate: ['renderer/src/sale/scanner.ts'],
    tests: ['test/unit/scanner.test.ts'],
  },
};
