/** Month names, one list per language, for the answers' wording and the cards' labels. */

/** Finnish month names in the nominative; the inessive ("maaliskuussa") adds -ssa. */
export const FI_MONTHS = [
  'tammikuu',
  'helmikuu',
  'maaliskuu',
  'huhtikuu',
  'toukokuu',
  'kesäkuu',
  'heinäkuu',
  'elokuu',
  'syyskuu',
  'lokakuu',
  'marraskuu',
  'joulukuu',
] as const;

/** The Finnish months' first parts ("heinä"), written before a hyphen in a span ("heinä–syyskuussa"). */
export const FI_MONTH_STEMS: readonly string[] = FI_MONTHS.map((m) => m.slice(0, -3));

export const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A word with its first letter in capitals, as at the start of a label ("Tammikuu"). */
export function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
