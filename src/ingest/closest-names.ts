import { nameKey } from './aliases';

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/**
 * The known names closest to `name`, best first: the nearest one, and others nearly as near
 * (edit distance under half the length, a shared prefix counting extra). Each candidate may
 * carry aliases; the answer names the canonical name the closest alias belongs to.
 */
export function closestNames(
  name: string,
  known: readonly { name: string; aliases?: readonly string[] }[],
  count = 3,
): string[] {
  const k = nameKey(name);
  const scored = known
    .flatMap((c) => [c.name, ...(c.aliases ?? [])].map((n) => ({ canonical: c.name, n })))
    .map(({ canonical, n }) => {
      const nk = nameKey(n);
      const prefix = nk.startsWith(k) || k.startsWith(nk) ? 0.2 : 0;
      return { canonical, d: levenshtein(k, nk) / Math.max(k.length, nk.length, 1) - prefix };
    })
    .sort((a, b) => a.d - b.d || a.canonical.localeCompare(b.canonical));
  const out: string[] = [];
  for (const s of scored) {
    if (out.length >= count) break;
    if (out.includes(s.canonical)) continue;
    if (out.length > 0 && (s.d > 0.5 || s.d > scored[0]!.d + 0.25)) break;
    out.push(s.canonical);
  }
  return out;
}
