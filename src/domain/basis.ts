/** What kind of figure a basis code stands for (DOMAIN.md, "Bases"). */
export type BasisKind = 'budget' | 'actual' | 'plan' | 'change';

/** Classifies a basis code such as "TA+muutos" or "TOT". */
export function basisKind(basis: string): BasisKind {
  const b = basis.toUpperCase().replace(/\s+/g, '');
  if (b === 'TP' || b === 'TOT') return 'actual';
  if (b === 'TS') return 'plan';
  if (b.startsWith('MUUTOS')) return 'change';
  return 'budget';
}

/**
 * Rank of a budget basis: when a year has several budget columns, the final one is the
 * year's budget: TA+muutos or TA/KS+muutos over KS over TA. Higher is more final.
 */
export function budgetFinality(basis: string): number {
  const b = basis.toUpperCase().replace(/\s+/g, '');
  if (b.includes('MUUTOS')) return 3;
  if (b.includes('KS')) return 2;
  if (b === 'TA') return 1;
  return 0;
}
