import type { Answer, Fact, Query } from '../domain';
import { basisKind } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import { type AnswerIndex, labelKey } from './answer-index';
import { formatFigure, periodWords, yearList } from './phrases';

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
  const fi = lang === 'fi';
  let all = keyFigureFacts(index);
  // Key figures are printed for whole areas; a cost centre has none and never borrows its area's.
  const named = query.subjects.map((s) => labelKey(s.name));
  if (named.length > 0) all = all.filter((f) => named.includes(labelKey(f.costCentre)));
  if (all.length === 0 && named.length > 0) {
    const areas = [...new Set(keyFigureFacts(index).map((f) => f.costCentre))];
    const who = query.subjects.map((s) => s.name).join(', ');
    return buildAnswer(index, query, {
      status: 'not_found',
      title: fi ? 'Tunnusluvut' : 'Key figures',
      sentences: [
        areas.length === 0
          ? fi
            ? 'Aineistossa ei ole tunnuslukuja.'
            : 'The data has no key figures.'
          : fi
            ? `Kohteelle ${who} ei ole tunnuslukuja: ne ovat vain palvelualueen tasolla (${areas.join(', ')}).`
            : `${who} has no key figures of its own: they exist only for the service area (${areas.join(', ')}).`,
      ],
      options: areas.map((a) => ({ label: a, ask: fi ? `${a} tunnusluvut` : `${a} key figures` })),
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
  const title = `${fi ? 'Tunnusluvut' : 'Key figures'} ${wanted.join(', ')}`.trim();
  if (chosen.length === 0) {
    return buildAnswer(index, query, {
      status: 'not_found',
      title,
      sentences: [
        years.length === 0
          ? fi
            ? 'Aineistossa ei ole tunnuslukuja.'
            : 'The data has no key figures.'
          : fi
            ? `Tunnuslukuja ei ole vuodelle ${wanted.join(', ')}. Niitä on vuosille ${yearList(years)}.`
            : `There are no key figures for ${wanted.join(', ')}. They cover ${yearList(years)}.`,
      ],
    });
  }
  // Ordered as the table prints them: by label's first line, then column.
  chosen.sort((a, b) => a.line - b.line || a.year - b.year || a.basis.localeCompare(b.basis));
  const figures: UsedFigure[] = chosen.map((f) => ({ fact: f, role: 'value' }));
  const list = chosen
    .map((f) => `${f.account} ${formatFigure(f, lang)} (${periodWords(f, lang)})`)
    .join('; ');
  return buildAnswer(index, query, {
    title,
    sentences: [`${fi ? 'Tunnusluvut' : 'Key figures'}: ${list}.`],
    figures,
    notes:
      query.years.length === 0
        ? [fi ? `Vuotta ei mainittu: käytetty vuotta ${wanted[0]}.` : `No year given: showing ${wanted[0]}.`]
        : [],
  });
}
