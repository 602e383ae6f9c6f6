import type { BudgetData, CostCentre, Fact } from '../domain';

function nameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

const SEP = '\u0000';

/**
 * The name a place goes by in questions and answers: its own name where that is unique in the
 * store, else its name with the nearest parents that tell it apart ("Hallinto (Perusopetus)",
 * "Toimistopalvelut (Hallinto, Sivistyspalvelut)"). The store keeps the plain names (a figure's
 * `costCentre` is the last of its `path`); the understanding and answering indexes are built
 * over this view, so a name under two parents is never one subject.
 */
export function displayNames(costCentres: readonly CostCentre[]): Map<string, string> {
  const groups = new Map<string, CostCentre[]>();
  for (const c of costCentres) {
    const k = nameKey(c.name);
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const out = new Map<string, string>();
  for (const group of groups.values()) {
    const placed = group.filter((c) => c.path && c.path.length > 1);
    if (group.length < 2 || placed.length === 0) continue;
    for (const c of placed) {
      const parents = c.path!.slice(0, -1).reverse();
      // As few parents as tell it apart from every other place of the same name.
      let n = 1;
      const label = (x: CostCentre, k: number) =>
        (x.path ?? []).slice(0, -1).reverse().slice(0, k).join(', ');
      while (n < parents.length && group.some((o) => o !== c && label(o, n) === label(c, n))) n++;
      out.set(c.path!.join(SEP), `${c.name} (${parents.slice(0, n).join(', ')})`);
    }
  }
  return out;
}

/**
 * The store as questions see it: places that share a name renamed to their display names
 * (displayNames), the plain name kept as an alias so "Hallinto" still finds every one of them
 * (and asks which). A store without such places is returned as it is.
 */
export function withUniqueNames(data: BudgetData): BudgetData {
  const names = displayNames(data.costCentres);
  if (names.size === 0) return data;
  const rename = (path: readonly string[] | undefined): string | undefined =>
    path ? names.get(path.join(SEP)) : undefined;
  const costCentres = data.costCentres.map((c) => {
    const shown = rename(c.path);
    if (!shown) return c;
    // "Perusopetuksen hallinto": the parents before the name, as people say it.
    const parents = shown
      .slice(c.name.length + 2, -1)
      .split(', ')
      .reverse();
    return { ...c, name: shown, aliases: [c.name, [...parents, c.name].join(' '), ...c.aliases] };
  });
  const facts = data.facts.map((f): Fact => {
    const shown = rename(f.path);
    return shown ? { ...f, costCentre: shown } : f;
  });
  const reconciliation = data.reconciliation.map((r) => {
    const shown = rename(r.path);
    return shown ? { ...r, costCentre: shown } : r;
  });
  return { ...data, costCentres, facts, reconciliation };
}
