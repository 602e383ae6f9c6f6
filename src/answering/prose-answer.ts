import type { Answer, ProseSection, Query } from '../domain';
import { formatDate } from '../domain';
import { buildAnswer } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { messages } from './messages';

const MAX_PROSE = 420;
// Two words are one word inflected when their common beginning is at least this share of the
// longer: "toimintaympäristössä" is "toimintaympäristö", but "toiminta" (of "Toiminta-ajatus") is not.
const SAME_WORD = 0.6;

/** Words folded for matching: lower case, no diacritics, four letters or more, no bare numbers. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4 && !/^\d+$/.test(w));
}

/** Whether a word of the question is one of the words, inflection aside. */
function hasWord(candidates: ReadonlySet<string>, word: string): boolean {
  for (const c of candidates) {
    let common = 0;
    while (common < c.length && common < word.length && c[common] === word[common]) common++;
    if (common >= 4 && common / Math.max(c.length, word.length) >= SAME_WORD) return true;
  }
  return false;
}

/** Cuts text at a sentence end before the limit, so the excerpt reads whole. */
export function shorten(text: string, limit = MAX_PROSE): { text: string; truncated: boolean } {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= limit) return { text: clean, truncated: false };
  const cut = clean.slice(0, limit);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return {
    text: end > limit / 3 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(' '))} …`,
    truncated: true,
  };
}

/** The year a document reports on (its report date's year), or null. */
function documentYear(index: AnswerIndex, document: string): number | null {
  const date = index.data.documents.find((d) => d.name === document)?.reportDate;
  return date ? Number(date.slice(0, 4)) : null;
}

const DATE = /\b\d{1,2}\.\d{1,2}\.\d{4}\b/;

/** A status report of a section as of a date ("5. Talouden sopeuttamisohjelma – Toteutuma 30.6.2022"). */
function followUpOf(index: AnswerIndex, section: ProseSection): ProseSection | null {
  return (
    index.sections.find(
      (s) =>
        s.document === section.document &&
        s.line > section.line &&
        s.heading.startsWith(`${section.heading} –`) &&
        DATE.test(s.heading),
    ) ?? null
  );
}

/**
 * The section whose heading (weighted) and text best share the topic's words; newest document
 * wins ties. Dated status reports are reached through their main section, unless the question
 * names their date.
 */
export function bestSection(
  index: AnswerIndex,
  topic: string,
  asOf: string | null = null,
  /** A year the question names: the document of that year's budget or report is preferred. */
  year: number | null = null,
): ProseSection | null {
  const asked = new Set(words(topic));
  if (asked.size === 0) return null;
  const askedDate = asOf ? formatDate(asOf, 'fi') : null;
  let best: ProseSection | null = null;
  let bestScore = 0;
  for (const section of index.sections) {
    const dated = section.heading.match(DATE)?.[0] ?? null;
    if (dated && dated !== askedDate && section.heading.includes(' – ')) continue;
    const heading = new Set(words(section.heading));
    const body = new Set(words(section.text));
    let score = dated && dated === askedDate ? 1 : 0;
    if (
      year !== null &&
      (documentYear(index, section.document) === year || section.heading.includes(String(year)))
    )
      score += 2;
    for (const w of asked) score += (hasWord(heading, w) ? 3 : 0) + (hasWord(body, w) ? 1 : 0);
    if (score > bestScore) {
      best = section;
      bestScore = score;
    }
  }
  return best;
}

/** Answers what/why questions with the matching prose section (and its dated status report), shortened, with source lines. */
export function answerProse(index: AnswerIndex, query: Query): Answer {
  const m = messages(query.lang).prose;
  const section = bestSection(index, query.topic ?? query.text, query.asOf, query.years[0] ?? null);
  if (!section) {
    const headings = [...new Set(index.sections.map((s) => s.heading))].slice(0, 6);
    return buildAnswer(index, query, {
      body: { kind: 'notFound', reason: 'noText', term: null },
      title: m.noTextTitle,
      sentences: [m.noText(headings)],
      options: headings.map((h) => ({ label: h, ask: h })),
    });
  }
  const followUp = followUpOf(index, section);
  const excerpt = shorten(section.text, followUp ? 300 : undefined);
  const sentences = [m.excerpt(section.heading, section.document, excerpt.text)];
  const sources = [{ document: section.document, line: section.line }];
  if (followUp) {
    const status = shorten(followUp.text, 300);
    sentences.push(`${followUp.heading.slice(section.heading.length + 3)}: ${status.text}`);
    sources.push({ document: followUp.document, line: followUp.line });
  }
  return buildAnswer(index, query, {
    body: {
      kind: 'prose',
      heading: section.heading,
      text: excerpt.text,
      truncated: excerpt.truncated,
      source: { document: section.document, line: section.line },
    },
    title: section.heading,
    sentences,
    sources,
  });
}
