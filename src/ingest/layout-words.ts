// The words that give a Finnish municipal budget document its structure. They belong to the
// document family (every city prints "MENOT", "Tunnusluvut", "yhteensä"), not to one city, so
// they live here rather than in data/*.json with the names a city edits.

/** The three accounts of a cost centre and of the appropriations table. */
export const BUDGET_ACCOUNTS = ['MENOT', 'TULOT', 'NETTOMENO'] as const;
/** One of MENOT, TULOT, NETTOMENO. */
export type BudgetAccount = (typeof BUDGET_ACCOUNTS)[number];

/** The account a row label names, if it is one of MENOT / TULOT / NETTOMENO. */
export function budgetAccountOf(label: string): BudgetAccount | null {
  // Asked of every row of a report: the accounts as printed, and names that cannot be one of
  // them (a first letter other than M, T or N), are told at once.
  if (label === 'MENOT' || label === 'TULOT' || label === 'NETTOMENO') return label;
  const first = label.charCodeAt(0);
  if (first > 32 && first < 127 && !'MmTtNn'.includes(label[0]!)) return null;
  const l = label.replace(/[:.]$/, '').trim().toUpperCase();
  return (BUDGET_ACCOUNTS as readonly string[]).includes(l) ? (l as BudgetAccount) : null;
}

/** A header label or heading of the key figures table ("Tunnusluvut"). */
export function isKeyFiguresLabel(text: string): boolean {
  return /tunnusluvu/i.test(text);
}

/** A heading of the investment plan ("INVESTOINNIT VUONNA 2020-2022"). */
export function isInvestmentHeading(text: string): boolean {
  return /investoin/i.test(text);
}

/** A heading that stands for the whole service area: "YHTEENSÄ", "Hallinto- ja tukipalvelut yhteensä". */
export function isTotalLabel(label: string): boolean {
  return /(^|\s)yhteensä$/i.test(label.trim());
}

/** The grand total of an investment plan ("NETTO", "Investoinnit yhteensä"). */
export function isGrandTotalLabel(label: string): boolean {
  return /^(netto|nettoinvestoinnit|investoinnit yhteensä|kaikki yhteensä|yhteensä)$/i.test(label.trim());
}

/** The key-figures row that gives the change of the row above it ("Muutos %"). */
export function isChangePercentLabel(label: string): boolean {
  return /^muutos\s*%$/i.test(label.trim());
}
