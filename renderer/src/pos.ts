/** The bridge, as preload exposed it. Type-only import: no contract code is bundled here. */
import type { PosApi } from '../../preload/contract';

export const pos = (window as unknown as { pos: PosApi }).pos;
