/**
 * Shops the journeys sell in, set up the way a manager would leave them: items in the catalog and the
 * sales tax where the shop is. Written straight into the core (the screens that set them have their
 * own journeys), then the page reloaded so the Sale screen reads them.
 */
import type { Page } from '@playwright/test';
import type { Harness } from './harness';

/** A Quebec grocery: milk (zero-rated) and soap (taxable), the tax set by a manager. */
export async function quebecShop(page: Page, h: Harness) {
  const by = h.staff!.manager.id;
  const add = (sku: string, en: string, fr: string, priceCents: number, taxCategory: string, code: string) =>
    h.core.catalog.add(by, {
      sku,
      name: { en, fr },
      priceCents,
      taxCategory,
      department: 'Épicerie',
      soldBy: 'unit',
      barcodes: [code],
    });
  add('MILK', 'Milk 2%', 'Lait 2 %', 4_29, 'zero_rated', '036000241457');
  add('SOAP', 'Soap', 'Savon', 3_50, 'standard', '4006381333931');
  h.core.settings.set('tax', {
    jurisdiction: 'QC',
    pricesInclude: false,
    roundCash: false,
    usRates: [],
    categories: [],
    legalName: 'Épicerie Tremblay inc.',
    gstHstNumber: '123456789 RT 0001',
    qstNumber: '1234567890 TQ 0001',
  });
  await page.reload();
  await page.getByTestId('amount').waitFor();
}
