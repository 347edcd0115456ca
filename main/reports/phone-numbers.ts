/**
 * Phone numbers on a receipt, for the paper (hardware/escpos.ts) and the page (render.ts) alike.
 * A phone number as people write one: digits with spaces, dots, dashes or brackets between them,
 * at least seven characters ("514 555-0199", "(514) 555-0199", "+1 514 555 0199"). A receipt line
 * never breaks inside one: half a number on each line is a wrong number.
 */
export const PHONE_NUMBER = /\+?\(?\d[\d ().-]{5,}\d/g;
