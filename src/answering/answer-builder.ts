import type { Answer, AnswerBody, AnswerFigure, Fact, Intent, Lang, Option, Query } from '../domain';
import { basisKind, derivedOf, formatDate, formatEuro, statusOf } from '../domain';
import { loadLexicon } from '../understanding/lexicon';
import { tokenize } from '../understanding/normalize-text';
import { compilePhrases, findAllPhrases, type Phrase } from '../understanding/phrase-matcher';
import { type AnswerIndex, issueOf } from './answer-index';
import { messages } from './messages';
import { sourceSentence } from './phrases';

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
  if (issueOf(index, fact)) figure.unreconciled = true;
  return figure;
}

/** "lähteen luvut eivät täsmää" notes for the figures of an answer that take part in a reconciliation issue. */
export function reconciliationNotes(index: AnswerIndex, figures: UsedFigure[], lang: Lang): string[] {
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const { fact } of figures) {
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
function statementsNotes(query: Query, figures: UsedFigure[], lang: Lang): string[] {
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
  return [messages(lang).noStatementsYet(partYear.fact.year, formatDate(partYear.fact.asOf!, lang))];
}

/** Assembles a schema-shaped Answer from an intent handler's parts: status and derived come from the body. */
export function buildAnswer(index: AnswerIndex, query: Query, parts: AnswerParts): Answer {
  const figures = parts.figures ?? [];
  const lang = query.lang;
  const sources = [
    ...figures.map((f) => ({
      document: f.fact.document,
      line: f.fact.line,
      ...(f.fact.page !== undefined ? { page: f.fact.page } : {}),
      ...(f.fact.sheet !== undefined ? { sheet: f.fact.sheet } : {}),
    })),
    ...(parts.sources ?? []),
  ];
  const source = sourceSentence(sources, lang);
  // How a relative period was read ("viime vuonna → 2021") is said beside the figures it chose.
  const period = query.periodNote && figures.length > 0 ? [messages(lang).periodRead(query.periodNote)] : [];
  const notes = [
    ...period,
    ...(query.city ? [] : cityNotes(index, figures, lang)),
    ...statementsNotes(query, figures, lang),
    ...(parts.notes ?? []),
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
