import type { Answer, ProseSection, Query } from '../domain';
import { formatDate } from '../domain';
import { foldedWords, hasWord, matchedWords, splitParagraphs, yearsIn } from '../text/passages';
import { loadLexicon } from '../understanding/lexicon';
import { buildAnswer } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { messages } from './messages';

const MAX_PROSE = 420;
// The rest of an answering paragraph up to this many times the limit is quoted whole, not cut.
const WHOLE_PARAGRAPH = 1.25;
// A section and its status report share the room: evenly, or mostly the status's when progress is asked.
const SHARED_PROSE = 300;
const SHORT_PROSE = 200;

let progressWords: Set<string> | null = null;

/** Whether a question asks how something has progressed ("etenee", "toteutunut", "status"). */
function asksProgress(text: string): boolean {
  if (!progressWords) {
    const progress = loadLexicon().topics.progress;
    progressWords = new Set([...progress.fi, ...progress.en].flatMap((w) => foldedWords(w)));
  }
  const words = progressWords;
  return foldedWords(text).some((w) => hasWord(words, w));
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

let functionWords: Set<string> | null = null;

/** The words of a question that can find a passage: not function or question words ("mitkä", "ovat"). */
function contentWords(text: string): string[] {
  if (!functionWords) {
    const stop = loadLexicon().stopwords;
    functionWords = new Set([...stop.fi, ...stop.en].flatMap((w) => foldedWords(w)));
  }
  const stop = functionWords;
  return foldedWords(text).filter((w) => !stop.has(w));
}

/** A section's passages with their words, made once per index. */
export type Passage = { text: string; words: Set<string>; years: Set<number>; paragraph: number };
const passageCache = new WeakMap<ProseSection, Passage[]>();

export function passagesOf(section: ProseSection): Passage[] {
  let passages = passageCache.get(section);
  if (!passages) {
    passages = splitParagraphs(section.text).flatMap((ps, paragraph) =>
      ps.map((text) => ({ text, words: new Set(foldedWords(text)), years: yearsIn(text), paragraph })),
    );
    passageCache.set(section, passages);
  }
  return passages;
}

const lineCache = new WeakMap<ProseSection, number[]>();

/**
 * The source line each passage of a section begins on (by passagesOf's order): a passage is
 * found in the text (its line breaks read as spaces, as the passages join wrapped lines), and
 * the section's line marks say which line that place is on. Without marks (an older store), the
 * heading's line.
 */
export function passageLines(section: ProseSection): number[] {
  let lines = lineCache.get(section);
  if (lines) return lines;
  const flat = section.text.replace(/\n/g, ' ');
  const marks = section.lines ?? [];
  let from = 0;
  lines = passagesOf(section).map((p) => {
    const at = flat.indexOf(p.text, from);
    if (at < 0) return section.line;
    from = at + p.text.length;
    let line = section.line;
    for (const m of marks) if (m.at <= at) line = m.line;
    return line;
  });
  lineCache.set(section, lines);
  return lines;
}

/** The source lines of the passages an excerpt quotes (whole or begun), in the text's order. */
function quotedLines(section: ProseSection, excerpt: string): number[] {
  const lines = passageLines(section);
  const quoted = passagesOf(section).flatMap((p, i) =>
    excerpt.includes(p.text.slice(0, 40).replace(/\s+/g, ' ').trim()) ? [lines[i] as number] : [],
  );
  const unique = [...new Set(quoted)];
  return unique.length > 0 ? unique : [section.line];
}

/**
 * The passage of a section that has the most of the asked words (besides those of its heading),
 * with how many; of passages alike, the one that names a year asked ("Tiedonohjaussuunnitelman
 * hyväksyminen vuoden 2020 aikana" for "…tehdä vuonna 2020?").
 */
export function bestPassage(
  section: ProseSection,
  asked: readonly string[],
  /** Words that choose the section, not the passage (the topic's). */
  besides: readonly string[] = [],
  years: readonly number[] = [],
): { index: number; matched: number } {
  const heading = foldedWords(section.heading);
  const own = asked.filter((w) => !hasWord(heading, w) && !hasWord(besides, w));
  let best = { index: -1, matched: 0, year: false };
  passagesOf(section).forEach((p, i) => {
    const matched = matchedWords(own, p.words).length;
    const year = matched > 0 && years.some((y) => p.years.has(y));
    if (matched > best.matched || (matched === best.matched && matched > 0 && year && !best.year))
      best = { index: i, matched, year };
  });
  return { index: best.index, matched: best.matched };
}

/**
 * An overview of a section for a question no passage answers better ("Mitkä ovat
 * painopistealueet?"): the first sentence of every paragraph, then the second ones, while they
 * fit, in the order of the text.
 */
function overview(section: ProseSection, limit: number): { text: string; truncated: boolean } {
  const paragraphs = splitParagraphs(section.text);
  if (paragraphs.length <= 1) return shorten(section.text, limit);
  const taken = new Set<string>();
  let length = 0;
  const depth = Math.max(...paragraphs.map((p) => p.length));
  for (let d = 0; d < depth; d++)
    for (const [pi, ps] of paragraphs.entries()) {
      const text = ps[d];
      if (text === undefined) continue;
      if (length + text.length + 1 > limit) {
        if (taken.size === 0) return shorten(section.text, limit);
        continue;
      }
      taken.add(`${pi}:${d}`);
      length += text.length + 1;
    }
  const parts = paragraphs.flatMap((ps, pi) => ps.filter((_, d) => taken.has(`${pi}:${d}`)));
  const all = paragraphs.reduce((n, ps) => n + ps.length, 0);
  return { text: parts.join(' ').replace(/\s+/g, ' ').trim(), truncated: parts.length < all };
}

/**
 * The section whose heading (weighted), text and best passage share the most of the topic's and
 * the question's words; newest document wins ties. Dated status reports are reached through their
 * main section, unless the question names their date or its passages answer the question.
 */
export function bestSection(
  index: AnswerIndex,
  topic: string,
  asOf: string | null = null,
  /** A year the question names: the document of that year's budget or report is preferred. */
  year: number | null = null,
  /** The question's own words, to find the passage that answers it. */
  question = '',
): ProseSection | null {
  const said = contentWords(question);
  // The topic chooses the section by its heading; without one, the question's own words do.
  const topicWords = foldedWords(topic);
  const asked = new Set(topicWords.length > 0 ? topicWords : said);
  if (asked.size === 0) return null;
  const askedDate = asOf ? formatDate(asOf, 'fi') : null;
  let best: ProseSection | null = null;
  let bestScore = 0;
  for (const section of index.sections) {
    const dated = section.heading.match(DATE)?.[0] ?? null;
    const passage = bestPassage(section, said, topicWords);
    // A dated status report is reached through its main section, unless its passage answers the question.
    if (
      dated &&
      dated !== askedDate &&
      section.heading.includes(' – ') &&
      passage.matched < Math.max(1, Math.min(2, said.length))
    )
      continue;
    const heading = foldedWords(section.heading);
    const body = new Set(foldedWords(section.text));
    let score = dated && dated === askedDate ? 1 : 0;
    if (
      year !== null &&
      (documentYear(index, section.document) === year || section.heading.includes(String(year)))
    )
      score += 2;
    for (const w of asked) score += (hasWord(heading, w) ? 3 : 0) + (hasWord(body, w) ? 1 : 0);
    // A passage that answers the question weighs more when no topic chose the section.
    score += (topicWords.length > 0 ? 1 : 2) * passage.matched;
    if (score > bestScore) {
      best = section;
      bestScore = score;
    }
  }
  return best;
}

/** The excerpt of a section for a question: the passage that answers it and what follows it, else the section's beginning. */
function excerptFor(
  section: ProseSection,
  question: string,
  limit = MAX_PROSE,
  years: readonly number[] = [],
): { text: string; truncated: boolean } {
  const found = bestPassage(section, contentWords(question), [], years);
  if (found.matched === 0) return overview(section, limit);
  // The passage and the rest of its paragraph: what follows in another paragraph is about something else.
  const all = passagesOf(section);
  const paragraph = all[found.index]?.paragraph;
  const passages = all.slice(found.index).filter((p) => p.paragraph === paragraph);
  // The rest of the paragraph a little over the limit is said whole: its last sentence is often
  // who or what it comes to ("… johtaa palvelualuejohtaja"), and a cut there misleads.
  const rest = passages.map((p) => p.text).join(' ');
  const excerpt = shorten(rest, rest.length <= limit * WHOLE_PARAGRAPH ? rest.length : limit);
  return { text: excerpt.text, truncated: excerpt.truncated || found.index > 0 };
}

/** Answers what/why questions with the matching prose section (and its dated status report), shortened, with source lines. */
export function answerProse(index: AnswerIndex, query: Query): Answer {
  const m = messages(query.lang).prose;
  const section = bestSection(index, query.topic ?? '', query.asOf, query.years[0] ?? null, query.text);
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
  // "Miten organisaatiouudistus etenee?": a question of progress is answered by the status report
  // first; the plan it reports on gets the smaller share.
  const progress = followUp !== null && asksProgress(query.text);
  const excerpt = excerptFor(
    section,
    query.text,
    followUp ? (progress ? SHORT_PROSE : SHARED_PROSE) : MAX_PROSE,
    query.years,
  );
  const sentences = [m.excerpt(section.heading, section.document, excerpt.text)];
  // Every quoted passage cites its own line, not the heading's.
  const quoted = quotedLines(section, excerpt.text);
  const sources = quoted.map((line) => ({ document: section.document, line }));
  if (followUp) {
    const status = excerptFor(followUp, query.text, progress ? MAX_PROSE : SHARED_PROSE, query.years);
    sentences.push(`${followUp.heading.slice(section.heading.length + 3)}: ${status.text}`);
    for (const line of quotedLines(followUp, status.text))
      sources.push({ document: followUp.document, line });
  }
  return buildAnswer(index, query, {
    body: {
      kind: 'prose',
      heading: section.heading,
      text: excerpt.text,
      truncated: excerpt.truncated,
      source: { document: section.document, line: quoted[0] ?? section.line },
    },
    title: section.heading,
    sentences,
    sources,
  });
}
