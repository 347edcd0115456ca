/**
 * What a person leaves on the screens is forgotten when they sign out and whenever someone else is
 * at the counter (main keeps and finishes the money itself). Each store that holds a person's work
 * says here, when its module loads, how it is emptied: a store whose screen has not been fetched yet
 * (issue 31: screens load when opened) holds nothing to forget, and the shell need not import every
 * store — and so every screen — to empty them.
 */
const forgetters = new Set<() => void>();

/** Registers how a store is emptied of a person's work (called once, beside the store's `create`). */
export function forgetOnSignOut(empty: () => void): void {
  forgetters.add(empty);
}

/** Empties every store loaded so far (the shell then goes back to the Sale screen). */
export function forgetEveryStore(): void {
  for (const empty of forgetters) empty();
}
