// One language for the counter's screens: its catalog with FormatJS, one chunk fetched when it is
// needed (../catalogs.ts). FormatJS is shared with the other language's chunk, never on the first page.
import { EN_CA } from '../../../../common/i18n/en-CA';
import { registerCatalog } from '../../../../common/i18n/translator';

registerCatalog('en-CA', EN_CA);

export { translator } from '../../../../common/i18n/translator';
