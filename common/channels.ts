/**
 * The one channel main sends the customer display its view on (main → display only). Its own file,
 * free of zod and of the catalogs, so the customer display's preload bundles this string and nothing
 * else (test/unit/preload-bundles.test.ts).
 */
export const CUSTOMER_VIEW_CHANNEL = 'pos:customer-view';
