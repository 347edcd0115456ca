/**
 * The shop's languages, both catalogs registered: main (receipts in the customer's language, reports)
 * and the customer display use this. The counter's screens import translator.ts and fetch only the
 * language in use (renderer/src/base/catalogs.ts).
 */
import { EN_CA } from './en-CA';
import { FR_CA } from './fr-CA';
import { registerCatalog } from './translator';

registerCatalog('en-CA', EN_CA);
registerCatalog('fr-CA', FR_CA);

export const CATALOGS = { 'en-CA': EN_CA, 'fr-CA': FR_CA } as const;
export * from './translator';
