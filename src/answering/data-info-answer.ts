import type { Answer, Lang, Query } from '../domain';
import { basisKind, formatDate } from '../domain';
import { loadLexicon } from '../understanding/lexicon';
import { buildAnswer } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { documentWords } from './document-label';
import { messages } from './messages';
import { yearList } from './year-list';

/** What the data holds, worked out once per store: years by kind of figure, the newest as-of date, documents. */
interface Coverage {
  actualYears: number[];
  budgetYears: number[];
  planYears: number[];
  /** Years that have a closed year's TP. */
  closedYears: number[];
  latestAsOf: string | null;
  documents: string[];
  /** Ledger exports, a file a month, named as a group: how many, the first and the last. */
  ledgers: { count: number; first: string; last: string } | null;
  /** Month ends with a year-to-date actual, by year: "1–12/2021", "6–12/2022". */
  months: string[];
}

/** Per store and language: the documents are named in the answer's language. */
const coverageCache = new WeakMap<AnswerIndex, Map<Lang, Coverage>>();

/** The newest as-of date of any actual in the store, or null. */
export function latestAsOf(index: AnswerIndex): string | null {
  return coverageOf(index, 'fi').latestAsOf;
}

function coverageOf(index: AnswerIndex, lang: Lang): Coverage {
  const byLang = coverageCache.get(index) ?? new Map<Lang, Coverage>();
  coverageCache.set(index, byLang);
  const cached = byLang.get(lang);
  if (cached) return cached;
  const years = { actual: new Set<number>(), budget: new Set<number>(), plan: new Set<number>() };
  let latestAsOf: string | null = null;
  const monthEnds = new Map<number, Set<number>>();
  for (const f of index.data.facts) {
    const kind = basisKind(f.basis);
    if (f.kind === 'change' || kind === 'change') continue;
    years[kind].add(f.year);
    if (!f.asOf) continue;
    if (!latestAsOf || f.asOf > latestAsOf) latestAsOf = f.asOf;
    const [y, m, d] = f.asOf.split('-').map(Number) as [number, number, number];
    if (d === new Date(Date.UTC(y, m, 0)).getUTCDate())
      monthEnds.set(y, (monthEnds.get(y) ?? new Set()).add(m));
  }
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  const byRecency = [...index.data.documents].sort(
    (a, b) => (index.documentRank.get(b.name) ?? 0) - (index.documentRank.get(a.name) ?? 0),
  );
  // Ledger exports come a file a month: named as a group (their first and last dates), not one by one.
  const ledgerFiles = byRecency
    .filter((d) => d.layout === 'actualsCsv')
    .sort((a, b) => (a.reportDate ?? a.name).localeCompare(b.reportDate ?? b.name));
  const grouped = ledgerFiles.length > 2;
  // Documents by their titles as people know them, never by file name (the figures' sources keep those).
  const documents = byRecency
    .filter((d) => !grouped || d.layout !== 'actualsCsv')
    .map((d) => documentWords(d, lang));
  const ledgerDate = (d: (typeof ledgerFiles)[number]) =>
    d.reportDate ? formatDate(d.reportDate, lang) : documentWords(d, lang);
  const made = {
    actualYears: sorted(years.actual),
    budgetYears: sorted(years.budget),
    planYears: sorted(years.plan),
    closedYears: [...index.closedYears].sort((a, b) => a - b),
    latestAsOf,
    documents,
    ledgers: grouped
      ? {
          count: ledgerFiles.length,
          first: ledgerDate(ledgerFiles[0]!),
          last: ledgerDate(ledgerFiles.at(-1)!),
        }
      : null,
    months: [...monthEnds]
      .filter(([, ms]) => ms.size > 1)
      .sort(([a], [b]) => a - b)
      .map(([y, ms]) => `${monthRuns([...ms].sort((a, b) => a - b))}/${y}`),
  };
  byLang.set(lang, made);
  return made;
}

/** The documents, the newest as-of date and the cost centres of the store, in one sentence. */
export function coverageSentence(index: AnswerIndex, lang: Lang): string {
  const c = coverageOf(index, lang);
  return messages(lang).conversation.coverage(
    c.documents,
    c.latestAsOf,
    index.costCentres.map((cc) => cc.name),
    c.ledgers,
    c.months,
  );
}

/** Months as runs: [1,2,3,6,7] → "1–3, 6–7". */
function monthRuns(months: number[]): string {
  const runs: string[] = [];
  let start = months[0]!;
  for (let i = 1; i <= months.length; i++) {
    if (months[i] === months[i - 1]! + 1) continue;
    const end = months[i - 1]!;
    runs.push(start === end ? String(start) : `${start}–${end}`);
    start = months[i]!;
  }
  return runs.join(', ');
}

/**
 * Answers questions about the data itself: which cost centres or service areas it has (a list),
 * which years, up to which date, from which documents, and whether a year's statements are in yet.
 */
export function answerDataInfo(index: AnswerIndex, query: Query): Answer {
  const lang = query.lang;
  const m = messages(lang).aboutData;
  const c = coverageOf(index, lang);
  const message = (sentences: string[]) =>
    buildAnswer(index, query, {
      body: { kind: 'message', topic: 'coverage' },
      title: m.title,
      sentences,
    });
  switch (query.topic) {
    case 'costCentres':
      return buildAnswer(index, query, {
        body: {
          kind: 'list',
          of: 'costCentres',
          items: index.costCentres.map((cc) => ({ name: cc.name, serviceArea: cc.serviceArea })),
        },
        title: m.costCentresTitle,
        sentences: [
          m.costCentres(
            index.costCentres.map((cc) => cc.name),
            index.serviceAreas.map((a) => a.name),
          ),
        ],
      });
    case 'serviceAreas':
      return buildAnswer(index, query, {
        body: {
          kind: 'list',
          of: 'serviceAreas',
          items: index.serviceAreas.map((a) => ({ name: a.name, serviceArea: null })),
        },
        title: m.serviceAreasTitle,
        sentences: [
          m.serviceAreas(
            index.serviceAreas.map((a) => ({
              name: a.name,
              costCentres: index.costCentres.filter((cc) => cc.serviceArea === a.name).length,
            })),
          ),
        ],
      });
    case 'years':
      return message([
        m.years(
          yearList([...new Set([...c.actualYears, ...c.budgetYears, ...c.planYears])].sort((a, b) => a - b)),
          yearList(c.actualYears),
          yearList(c.budgetYears),
          yearList(c.planYears),
          c.latestAsOf ? formatDate(c.latestAsOf, lang) : null,
        ),
      ]);
    case 'availability': {
      const year = query.years[0] ?? (c.latestAsOf ? Number(c.latestAsOf.slice(0, 4)) : null);
      const latest = c.latestAsOf ? formatDate(c.latestAsOf, lang) : null;
      if (year !== null && c.closedYears.includes(year)) return message([m.statementsIn(year)]);
      return message([m.statementsNotIn(year, latest)]);
    }
    case 'sources':
      return message([m.sources(c.documents, c.ledgers)]);
    case 'asOf':
      return message([c.latestAsOf ? m.asOf(c.latestAsOf) : m.noActuals, m.sources(c.documents, c.ledgers)]);
    default:
      return message([c.latestAsOf ? m.asOf(c.latestAsOf) : m.noActuals, coverageSentence(index, lang)]);
  }
}

type GlossaryEntry = { term: string; fi: string; en: string };
let glossary: GlossaryEntry[] | null = null;

/** The glossary of data/lexicon/about-data.json, read once. */
function glossaryEntries(): GlossaryEntry[] {
  glossary ??= loadLexicon().aboutData.glossary;
  return glossary;
}

/** Answers "mitä tarkoittaa KS?": the term's meaning from the glossary, or the terms it knows. */
export function answerDefine(index: AnswerIndex, query: Query): Answer {
  const lang = query.lang;
  const m = messages(lang).aboutData;
  const entries = glossaryEntries();
  const entry = entries.find((e) => e.term === query.topic);
  if (!entry)
    return buildAnswer(index, query, {
      body: { kind: 'notFound', reason: 'noText', term: query.topic },
      title: m.glossaryTitle,
      sentences: [m.unknownTerm(entries.map((e) => e.term))],
    });
  return buildAnswer(index, query, {
    body: { kind: 'message', topic: 'definition' },
    title: entry.term,
    sentences: [entry[lang]],
  });
}
