import type { Answer, Fact, Query } from '../domain';
import { basisKind } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import { type AnswerIndex, labelKey } from './answer-index';
import { labelAt } from './label-date';
import { messages } from './messages';
import { formatFigure, periodWords } from './phrases';

/** Key-figure facts, newest document first, once per index. */
const cache = new WeakMap<AnswerIndex, Fact[]>();
function keyFigureFacts(index: AnswerIndex): Fact[] {
  let facts = cache.get(index);
  if (!facts) {
    const rank = (d: string) => index.documentRank.get(d) ?? 0;
    facts = index.data.facts
      .filter((f) => f.table === 'keyFigures' && f.kind !== 'change')
      .sort((a, b) => rank(b.document) - rank(a.document) || a.line - b.line);
    cache.set(index, facts);
  }
  return facts;
}

/**
 * Answers "tunnusluvut 2022" / "key figures": every key figure printed for the year (all its
 * columns: a year can have a budget and an actual), from the newest document that prints it.
 * With no year, the newest year that has an actual figure, as people ask for where things stand.
 */
export function answerKeyFigures(index: AnswerIndex, query: Query): Answer {
  const lang = query.lang;
  const m = messages(lang).keyFigures;
  let all = keyFigureFacts(index);
  // Key figures are printed for whole areas; a cost centre has none and never borrows its area's.
  const named = query.subjects.map((s) => labelKey(s.name));
  if (named.length > 0) all = all.filter((f) => named.includes(labelKey(f.costCentre)));
  if (all.length === 0 && named.length > 0) {
    const areas = [...new Set(keyFigureFacts(index).map((f) => f.costCentre))];
    return buildAnswer(index, query, {
      body: { kind: 'notFound', reason: 'row', term: null },
      title: m.title,
      sentences: [
        areas.length === 0 ? m.none : m.onlyServiceArea(query.subjects.map((s) => s.name).join(', '), areas),
      ],
      options: areas.map((a) => m.areaOption(a)),
    });
  }
  const years = [...new Set(all.map((f) => f.year))].sort((a, b) => a - b);
  const actualYears = [...new Set(all.filter((f) => basisKind(f.basis) === 'actual').map((f) => f.year))];
  const defaultYear = actualYears.length > 0 ? Math.max(...actualYears) : years.at(-1);
  const wanted = query.years.length > 0 ? query.years : defaultYear === undefined ? [] : [defaultYear];
  const seen = new Set<string>();
  const chosen = all.filter((f) => {
    if (!wanted.includes(f.year)) return false;
    const key = `${labelKey(f.account)}|${f.year}|${f.basis}|${f.asOf ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const title = `${m.title} ${wanted.join(', ')}`.trim();
  if (chosen.length === 0) {
    return buildAnswer(index, query, {
      body: { kind: 'notFound', reason: 'period', term: null },
      title,
      sentences: [years.length === 0 ? m.none : m.noYear(wanted, years)],
    });
  }
  // Ordered as the table prints them: by label's first line, then column.
  chosen.sort((a, b) => a.line - b.line || a.year - b.year || a.basis.localeCompare(b.basis));
  const figures: UsedFigure[] = chosen.map((f) => ({ fact: f, role: 'value' }));
  const list = chosen
    .map((f) => `${labelAt(f.account, f)} ${formatFigure(f, lang)} (${periodWords(f, lang)})`)
    .join('; ');
  return buildAnswer(index, query, {
    body: { kind: 'keyFigures', rows: chosen.map((_, i) => i), difference: null },
    title,
    sentences: [`${m.title}: ${list}.`],
    figures,
    notes: query.years.length === 0 ? [m.noYearGiven(wanted[0] as number)] : [],
  });
}
