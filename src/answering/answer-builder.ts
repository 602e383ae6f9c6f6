import type { Answer, AnswerBody, AnswerFigure, Fact, Intent, Lang, Option, Query } from '../domain';
import { basisKind, derivedOf, formatDate, formatEuro, statusOf } from '../domain';
import { loadLexicon } from '../understanding/lexicon';
import { tokenize } from '../understanding/normalize-text';
import { compilePhrases, findAllPhrases, type Phrase } from '../understanding/phrase-matcher';
import { type AnswerIndex, issueOf, labelKey } from './answer-index';
import { documentWordsOf } from './document-label';
import { messages } from './messages';
import { periodWords, sourceSentence } from './phrases';
import { isSummed, leavesOf, type SummedFact } from './summed-figures';

/** A fact chosen for an answer, with the part it plays. */
export interface UsedFigure {
  fact: Fact;
  role: AnswerFigure['role'];
}

/** What an intent handler decides; the builder adds provenance, reconciliation notes and the source sentence. */
export interface AnswerParts {
  /** What the answer says, typed; status and derived values follow from it. */
  body: AnswerBody;
  intent?: Intent | null;
  title: string;
  sentences: string[];
  /** The figures the body refers to by index, in that order. */
  figures?: UsedFigure[];
  options?: Option[];
  notes?: string[];
  /** Extra source lines cited besides the figures' own (prose). */
  sources?: Array<{ document: string; line: number }>;
}

/** Turns a fact into the Answer's figure, flagging it when it takes part in a reconciliation difference. */
export function toAnswerFigure(index: AnswerIndex, used: UsedFigure): AnswerFigure {
  const { fact } = used;
  const figure: AnswerFigure = {
    // A place's own name, the last of its path (questions may show it with its parents).
    costCentre: fact.path ? fact.path[fact.path.length - 1]! : fact.costCentre,
    account: fact.account,
    year: fact.year,
    basis: fact.basis,
    amount: fact.amount,
    unit: fact.unit,
    role: used.role,
    source: { document: fact.document, line: fact.line },
  };
  if (fact.path) figure.path = fact.path;
  if (fact.page !== undefined) figure.source.page = fact.page;
  if (fact.sheet !== undefined) figure.source.sheet = fact.sheet;
  if (fact.cell !== undefined) figure.source.cell = fact.cell;
  if (fact.asOf) figure.asOf = fact.asOf;
  if (isSummed(fact)) figure.sum = sumOf(index, fact);
  else if (issueOf(index, fact)) figure.unreconciled = true;
  return figure;
}

/** What a summed figure adds up, and the lines of its printed parts, per document (and page or sheet). */
function sumOf(index: AnswerIndex, fact: SummedFact): NonNullable<AnswerFigure['sum']> {
  const leaves = leavesOf(fact);
  const first = leaves[0]!;
  const level = index.canonical.get(labelKey(first.costCentre))?.level;
  const of =
    first.table === 'accounts' || fact.sum.of === 'accounts'
      ? 'accounts'
      : level === 'resultArea'
        ? 'resultAreas'
        : level === 'serviceArea'
          ? 'serviceAreas'
          : 'costCentres';
  const where = new Map<string, { document: string; page?: number; sheet?: string; lines: Set<number> }>();
  for (const l of leaves) {
    const k = `${l.document}\u0000${l.page ?? ''}\u0000${l.sheet ?? ''}`;
    let e = where.get(k);
    if (!e) {
      e = {
        document: l.document,
        ...(l.page !== undefined ? { page: l.page } : {}),
        ...(l.sheet !== undefined ? { sheet: l.sheet } : {}),
        lines: new Set(),
      };
      where.set(k, e);
    }
    e.lines.add(l.line);
  }
  return {
    of,
    count: leaves.length,
    sources: [...where.values()].map((e) => ({ ...e, lines: [...e.lines].sort((a, b) => a - b) })),
  };
}

/** Says once, for the summed figures of one place, that no document prints them, and what they add up. */
function summedNotes(figures: UsedFigure[], lang: Lang, index: AnswerIndex): string[] {
  const groups = new Map<
    string,
    {
      subject: string;
      periods: string[];
      of: NonNullable<AnswerFigure['sum']>['of'];
      count: number;
      documents: Set<string>;
    }
  >();
  const seen = new Set<Fact>();
  for (const { fact } of figures) {
    if (!isSummed(fact) || seen.has(fact)) continue;
    seen.add(fact);
    const sum = sumOf(index, fact);
    const key = `${fact.costCentre}\u0000${sum.of}\u0000${sum.count}`;
    const g = groups.get(key) ?? {
      subject: fact.costCentre,
      periods: [],
      of: sum.of,
      count: sum.count,
      documents: new Set<string>(),
    };
    const period = periodWords(fact, lang);
    if (!g.periods.includes(period)) g.periods.push(period);
    for (const x of sum.sources) g.documents.add(x.document);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) =>
    messages(lang).summed(
      g.subject,
      g.periods,
      g.of,
      g.count,
      // The documents by title; the file names and lines are in the figures' sources.
      [...g.documents].map((file) => documentWordsOf(index.data.documents, file, lang)),
    ),
  );
}

/** "lähteen luvut eivät täsmää" notes for the figures of an answer that take part in a reconciliation issue. */
export function reconciliationNotes(index: AnswerIndex, figures: UsedFigure[], lang: Lang): string[] {
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const { fact } of figures) {
    if (isSummed(fact)) continue;
    const issue = issueOf(index, fact);
    if (!issue) continue;
    const key = `${issue.document}:${issue.line}:${issue.year}:${issue.basis}:${issue.check}`;
    if (seen.has(key)) continue;
    seen.add(key);
    notes.push(messages(lang).unreconciled(issue, formatEuro(issue.difference, lang, { signed: true })));
  }
  return notes;
}

/** The whole city's figure says which service areas it covers (DOMAIN.md, "Several service areas"). */
function cityNotes(index: AnswerIndex, figures: UsedFigure[], lang: Lang): string[] {
  const city = index.data.costCentres.find(
    (c) => c.level === 'city' && figures.some((f) => f.fact.costCentre === c.name),
  );
  if (!city) return [];
  const areas = index.serviceAreas.map((a) => a.name);
  return areas.length > 0 ? [messages(lang).cityAreas(city.name, areas)] : [];
}

let closedYearWords: Phrase<true>[] | null = null;

/**
 * "Tietohallinnon tilinpäätös 2022" while 2022 is still open: the answer gives the year-to-date
 * actual, and says there are no financial statements for that year yet.
 */
function statementsNotes(index: AnswerIndex, query: Query, figures: UsedFigure[], lang: Lang): string[] {
  closedYearWords ??= compilePhrases(loadLexicon().measures.closedYear, true as const);
  const partYear = figures.find(
    (f) =>
      f.role !== 'budget' &&
      basisKind(f.fact.basis) === 'actual' &&
      f.fact.asOf &&
      !f.fact.asOf.endsWith('-12-31'),
  );
  if (!partYear || !query.years.includes(partYear.fact.year)) return [];
  if (findAllPhrases(closedYearWords, tokenize(query.text), () => true).length === 0) return [];
  const { year, asOf } = partYear.fact;
  // "30.9.2022 vs TP 2021": the year's statements exist, but a part year is compared with the
  // same date of that year; say why the statements were not used.
  if (index.closedYears.has(year)) {
    const compared = figures.some((f) => f.fact.year !== year && f.fact.asOf?.slice(5) === asOf!.slice(5));
    return compared ? [messages(lang).sameDateInstead(year, formatDate(asOf!, lang))] : [];
  }
  return [messages(lang).noStatementsYet(year, formatDate(asOf!, lang))];
}

/** Assembles a schema-shaped Answer from an intent handler's parts: status and derived come from the body. */
export function buildAnswer(index: AnswerIndex, query: Query, parts: AnswerParts): Answer {
  const figures = parts.figures ?? [];
  const lang = query.lang;
  const cited = (f: Fact) => ({
    document: f.document,
    line: f.line,
    ...(f.page !== undefined ? { page: f.page } : {}),
    ...(f.sheet !== undefined ? { sheet: f.sheet } : {}),
  });
  // A sum is cited by the lines of its printed parts.
  const sources = [
    ...figures.flatMap((f) => (isSummed(f.fact) ? leavesOf(f.fact) : [f.fact]).map(cited)),
    ...(parts.sources ?? []),
  ];
  const source = sourceSentence(sources, lang);
  // How a relative period was read ("viime vuonna → 2021") is said beside the figures it chose.
  const period = query.periodNote && figures.length > 0 ? [messages(lang).periodRead(query.periodNote)] : [];
  const notes = [
    ...period,
    ...(query.city ? [] : cityNotes(index, figures, lang)),
    ...statementsNotes(index, query, figures, lang),
    ...(parts.notes ?? []),
    ...summedNotes(figures, lang, index),
    ...reconciliationNotes(index, figures, lang),
  ];
  const body = parts.body;
  const answer: Answer = {
    status: statusOf(body),
    lang,
    intent: parts.intent === undefined ? query.intent : parts.intent,
    title: parts.title,
    text: [...parts.sentences, source].filter((s) => s.length > 0).join(' '),
    figures: figures.map((f) => toAnswerFigure(index, f)),
    derived: derivedOf(body),
    options: parts.options ?? [],
    body,
    notes,
    query,
  };
  if (body.kind === 'prose')
    answer.prose = { heading: body.heading, text: body.text, truncated: body.truncated, source: body.source };
  return answer;
}
