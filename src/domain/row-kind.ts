/**
 * Whether a row is a margin (toimintakate, vuosikate, jäämä): income and costs netted, whose sign
 * is its meaning. It has no budget to "use" or "overspend": no käyttöaste, no ylitys/alitus; it
 * is better or worse than estimated, and shown signed as printed.
 */
export function isMarginRow(account: string): boolean {
  const key = account.normalize('NFC').toLowerCase();
  return key.includes('kate') || key.includes('jäämä');
}
