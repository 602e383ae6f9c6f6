/** What kind of figure a basis code stands for (DOMAIN.md, "Bases"). */
export type BasisKind = 'budget' | 'actual' | 'plan' | 'change';

// A store has a handful of basis codes, asked about for every figure a list looks at.
const kinds = new Map<string, BasisKind>();

/** Classifies a basis code such as "TA+muutos" or "TOT". */
export function basisKind(basis: string): BasisKind {
  const known = kinds.get(basis);
  if (known !== undefined) return known;
  const b = basis.toUpperCase().replace(/\s+/g, '');
  const kind: BasisKind =
    b === 'TP' || b === 'TOT' ? 'actual' : b === 'TS' ? 'plan' : b.startsWith('MUUTOS') ? 'change' : 'budget';
  if (kinds.size < 1000) kinds.set(basis, kind);
  return kind;
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
