import type { Option } from '../domain/answer';
import { formatDate } from '../domain/format';
import { emptyQuery, type Lang, type Query } from '../domain/query';
import { isDataIntent, questionKind } from '../domain/question-kinds';
import { closestNames } from '../text/closest-names';
import { genitive } from '../text/finnish-inflection';
import { matchedWords } from '../text/passages';
import { buildFresh, freshIntent, mergeFollowUp, namesData } from './build-query';
import { looksLikeCode, looksLikeWord, MAX_TEXT_LENGTH } from './input-guard';
import { findNameCandidates } from './match-cost-centre';
import { isAcronym } from './name-index';
import { type Token, tokenize } from './normalize-text';
import { findAllPhrases } from './phrase-matcher';
import { nearestCodes } from './read-codes';
import { withLevel, withWholeCity } from './read-level';
import { type Reading, readMessage, underParents } from './read-message';
import type { UnderstandingIndex } from './understanding-index';

// Module level: the bundler writes a \p{…} regex literal as `new RegExp(…)`, which in a function
// body would build a new regex on every call.
const UPPER = /\p{Lu}/u;

/** What a message was understood as: a query, a question back, or an honest "not found". */
export type Understanding =
  | {
      kind: 'query';
      query: Query;
      /** Accounts the message also named that the query leaves out ("tulot ja menot"): one is answered at a time. */
      alsoAsked?: string[];
    }
  | {
      kind: 'clarify';
      lang: Lang;
      term: string;
      options: Option[];
      partial: Query;
      /** subject: the question named no subject where its kind needs one; the answer offers every cost centre. */
      asks?: 'subject';
    }
  | {
      kind: 'not_found';
      lang: Lang;
      /**
       * costCentre: a name we lack; measure: words about a named subject we cannot read;
       * period: a period finer than the data gives ("viikolla 40"); date: a date the calendar
       * lacks ("31.4.2021").
       */
      what: 'costCentre' | 'measure' | 'period' | 'date' | 'money' | 'nothing';
      term: string;
      closest: string[];
      partial: Query | null;
      /** what 'date': the month said, its length, and the question at the nearest month ends. */
      noSuchDate?: { month: number; days: number; offered: Option[] };
      /** what 'money': the row that gives the count in money, and the question of it. */
      inMoney?: { label: string; offered: Option[] };
    };

export { MAX_TEXT_LENGTH } from './input-guard';

const MAX_CLOSEST = 3;
const MAX_OPTIONS = 6;
// Below this a name matched only in part (a head word alone, a compound's tail).
const STRONG_NAME = 0.8;

/** A name we do not know, with the closest real names to offer instead. */
function unknownName(
  term: string,
  lang: Lang,
  index: UnderstandingIndex,
  partial: Query | null,
): Understanding {
  return {
    kind: 'not_found',
    lang,
    what: 'costCentre',
    term,
    closest: closestNames(term, index.suggest, MAX_CLOSEST, { closeOnly: true }),
    partial,
  };
}

function nothing(lang: Lang, term: string): Understanding {
  return { kind: 'not_found', lang, what: 'nothing', term, closest: [], partial: null };
}

function spanText(
  text: string,
  tokens: readonly Token[],
  idx: readonly number[],
): { start: number; end: number; term: string } {
  const start = Math.min(...idx.map((i) => tokens[i]!.start));
  const end = Math.max(...idx.map((i) => tokens[i]!.end));
  return { start, end, term: text.slice(start, end) };
}

/** A message read, and the query made of it: what the checks of understandText look at. */
export interface Composed {
  text: string;
  index: UnderstandingIndex;
  r: Reading;
  /** The query, or null when the message asks nothing we know. */
  query: Query | null;
  /** The message continues the previous data question ("entä 2020?", a bare name or year). */
  followUp: boolean;
  /** The message names a subject or a row, or two names equally well. */
  namedSubject: boolean;
  /** The conversation's previous query (null at its start). */
  previous: Query | null;
}

/** Pass 1: the query of a message: the previous one with what the follow-up names changed, or a fresh one. */
export function composeQuery(
  text: string,
  previous: Query | null,
  index: UnderstandingIndex,
  r: Reading,
): Composed {
  const prevIsData = previous !== null && isDataIntent(previous.intent);
  const namedSubject = r.subjects.length > 0 || r.label !== null || r.ambiguous !== null;
  const chat = r.explicit !== null && !isDataIntent(r.explicit);
  // A bare name or period ("Tilintarkastus?", "2020?") continues the conversation too.
  const bare = !r.account && !r.measure && !r.bothMeasures && !r.explicit && !r.spendVerb && !r.topic;
  const followUp = prevIsData && !chat && (r.followUp || !namedSubject || bare);
  let query: Query | null;
  if (
    followUp &&
    previous &&
    (namesData(r) || r.explicit || r.ambiguous || r.unknown.length > 0 || r.topN !== null || r.percentWord)
  ) {
    query = mergeFollowUp(r, previous, text, index.periodContext);
  } else {
    const intent = freshIntent(r, index.periodContext.newestYear);
    query = intent ? buildFresh(r, text, intent, index.periodContext) : null;
  }
  return { text, index, r, query, followUp, namedSubject, previous };
}

/** A check of a composed message: an answer shape when the message cannot be taken as its query, else null. */
export type UnderstandingCheck = (c: Composed) => Understanding | null;

/** Whether unclear names are asked back for the query's kind (a what/why question needs no name). */
function clarifies(c: Composed): boolean {
  return c.query === null || questionKind(c.query.intent).clarifiesNames;
}

/** A weak, partial name beside a word we do not know ("social services", "koulujen toiminta") is another name we do not have. */
export const weakNameBesideUnknown: UnderstandingCheck = (c) => {
  const { r } = c;
  const weak = r.ambiguous ? r.ambiguous.candidates : [];
  if (weak.length === 0 || !weak.every((m) => m.score < STRONG_NAME) || !clarifies(c)) return null;
  const at = r.ambiguous!.tokens;
  const near = r.unknown.filter(
    (u) => at.some((t) => Math.abs(t - u) === 1) && looksLikeWord(r.tokens[u]!.fold),
  );
  if (near.length === 0) return null;
  return unknownName(spanText(c.text, r.tokens, [...near, ...at]).term, r.lang, c.index, c.query);
};

/** "kp 2299": a code no place of the store has is a place we do not know, never the first area's figures. */
export const unknownCode: UnderstandingCheck = (c) => {
  const { r } = c;
  const unknown = r.codes.find((code) => code.place === null);
  if (!unknown) return null;
  return {
    kind: 'not_found',
    lang: r.lang,
    what: 'costCentre',
    term: spanText(c.text, r.tokens, unknown.tokens).term,
    closest: nearestCodes(c.index.codes, unknown, MAX_CLOSEST).map((p) => p.target.name),
    partial: c.query,
  };
};

/** "Kemijärven Kehitys Oy:n avustus": a company or association the data does not have. */
export const unknownOrganisation: UnderstandingCheck = (c) => {
  const { r } = c;
  if (r.unknownOrganisation.length === 0) return null;
  return unknownName(spanText(c.text, r.tokens, r.unknownOrganisation).term, r.lang, c.index, c.query);
};

// A passage answers a question it shares this many content words with, one of them a word
// nothing else read; or one word nothing else read, when that word is this long (distinctive).
const PASSAGE_WORDS = 2;
const DISTINCTIVE_WORD = 8;

/**
 * "Mitä tilintarkastus sisältää?", "Milloin paikallisliikenne kilpailutettiin?": a question that
 * asks for no figure, with words nothing else read that a passage of the documents has, is
 * answered with that passage.
 */
export const documentPassage: UnderstandingCheck = (c) => {
  const { r, query } = c;
  const asksFigure =
    r.account !== null ||
    r.label !== null ||
    r.measure !== null ||
    r.bothMeasures ||
    r.spendVerb ||
    r.topN !== null;
  const kind = query?.intent ?? null;
  // A what/why question has its passage found by the answer already; other kinds ask for figures.
  if (asksFigure || (kind !== null && kind !== 'figure') || r.unknown.length === 0) return null;
  const unread = r.unknown.map((i) => r.tokens[i]!.fold).filter((w) => w.length >= 4);
  // A name written with capitals inside it ("LapIT") is distinctive however short.
  const proper = new Set(
    r.unknown.filter((i) => UPPER.test(r.tokens[i]!.raw.slice(1))).map((i) => r.tokens[i]!.fold),
  );
  const named = r.tokens.flatMap((t, i) => (r.unknown.includes(i) || t.fold.length < 4 ? [] : [t.fold]));
  // The question's most telling word nothing else read ("kirjastossa" of "Mitä kirjastossa
  // tapahtuu?") must be in the passage: a passage that has only its verb answers another question.
  const weight = (w: string) => (proper.has(w) ? DISTINCTIVE_WORD + w.length : w.length);
  const telling = [...unread].sort((a, b) => weight(b) - weight(a))[0];
  let best = { unread: 0, all: 0, longest: 0 };
  for (const { words: passage, years } of c.index.passages) {
    // A year asked is a year the passage speaks of ("Järjestetäänkö vaaleja vuonna 2020?").
    if (r.years.some((y) => !years.has(y))) continue;
    const own = matchedWords(unread, passage);
    if (own.length === 0 || (telling !== undefined && !own.includes(telling))) continue;
    const all =
      own.length + matchedWords(named, passage).filter((w) => !c.index.stopwords[r.lang].has(w)).length;
    const longest = Math.max(...own.map((w) => (proper.has(w) ? DISTINCTIVE_WORD : w.length)));
    if (all > best.all || (all === best.all && longest > best.longest))
      best = { unread: own.length, all, longest };
  }
  if (best.unread === 0 || (best.all < PASSAGE_WORDS && best.longest < DISTINCTIVE_WORD)) return null;
  const prose = emptyQuery(r.lang, c.text, 'prose');
  return { kind: 'query', query: { ...prose, subjects: r.subjects, years: r.years, asOf: r.asOf } };
};

/**
 * "Kuntaliiton menot viikolla 40", "IT spending yesterday": a period finer than any figure of the
 * data; a year-to-date figure in its place would answer another question.
 */
export const periodFinerThanData: UnderstandingCheck = (c) => {
  const { r, query } = c;
  if (!r.finerPeriod || !query || !isDataIntent(query.intent) || query.intent === 'prose') return null;
  return {
    kind: 'not_found',
    lang: r.lang,
    what: 'period',
    term: r.finerPeriod,
    closest: [],
    partial: query,
  };
};

/** The last day of a month, ISO. */
function monthEnd(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * "Vaalien menot 31.6.2021": a date the calendar lacks. The year's figure would answer another
 * question; the nearest month ends (the month's own, the next one's) are offered instead, the
 * question asked again with each.
 */
export const impossibleDate: UnderstandingCheck = (c) => {
  const { r, text } = c;
  const bad = r.impossibleDate;
  if (!bad) return null;
  const query =
    c.query ?? emptyQuery(r.lang, text, r.explicit && isDataIntent(r.explicit) ? r.explicit : 'figure');
  if (!isDataIntent(query.intent)) return null;
  const ends = [
    monthEnd(bad.year, bad.month),
    ...(bad.month < 12 ? [monthEnd(bad.year, bad.month + 1)] : []),
  ];
  const options: Option[] = ends.map((d) => {
    const label = formatDate(d, r.lang);
    return { label, ask: `${text.slice(0, bad.start)}${label}${text.slice(bad.end)}` };
  });
  const days = new Date(Date.UTC(bad.year, bad.month, 0)).getUTCDate();
  return {
    kind: 'not_found',
    lang: r.lang,
    what: 'date',
    term: bad.said,
    closest: [],
    partial: query,
    noSuchDate: { month: bad.month, days, offered: options },
  };
};

/**
 * "Montako euroa vakinaiset virat maksoivat 2021?": a count (posts) asked in euros. The count
 * would answer another question; the row that gives it in money is offered instead.
 */
export const countAskedInMoney: UnderstandingCheck = (c) => {
  const { r, query, index } = c;
  if (!r.moneyWord || !query?.account || !isDataIntent(query.intent)) return null;
  const fold = (s: string) => s.toLocaleLowerCase('fi').normalize('NFD').replace(/\p{M}/gu, '');
  const row = index.countsInMoney.find((e) => fold(query.account!).startsWith(fold(e.label)));
  if (!row) return null;
  const ask = [row.inMoney, ...query.years.map(String)].join(' ');
  return {
    kind: 'not_found',
    lang: r.lang,
    what: 'money',
    term: query.account,
    closest: [],
    partial: query,
    inMoney: { label: row.inMoney, offered: [{ label: ask, ask }] },
  };
};

/**
 * A name written where the question had a word of it: in the genitive where that word was one
 * ("liiton menot" → "Kuntaliiton menot"), as it is otherwise ("paljonko liitto on…" → "paljonko
 * Kuntaliitto on…").
 */
function nameInPlaceOf(word: string, name: string, lang: Lang): string {
  const genitiveWord = /[^n]n$/i.test(word.trim()) && !/nen$/i.test(word.trim());
  return lang === 'fi' && genitiveWord && !/n$/i.test(name) ? genitive(name) : name;
}

/** Two names equally good on the same words ("liitto"): ask which, one button per name. */
export const ambiguousName: UnderstandingCheck = (c) => {
  const { r, text } = c;
  if (!r.ambiguous || !clarifies(c)) return null;
  const span = spanText(text, r.tokens, r.ambiguous.tokens);
  // Higher levels first: of 35 places called "Hallinto", the result areas are the ones shown.
  const depth = (name: string) => c.index.placePaths.get(name)?.length ?? 0;
  // Each name once, and one level per choice: a choice between places lists only places (a row
  // label such as "Palvelujen ostot" mixed in is another kind of answer); a row and one place
  // ("Avustuksen menot": Avustukset or Yksinyrittäjän avustus) are asked between as they are.
  const isPlace = (m: (typeof r.ambiguous.candidates)[number]) => m.target.kind !== 'label';
  const places = new Set(r.ambiguous.candidates.filter(isPlace).map((m) => m.target.name)).size > 1;
  const candidates = r.ambiguous.candidates
    .filter(
      (m, i, all) => (!places || isPlace(m)) && all.findIndex((o) => o.target.name === m.target.name) === i,
    )
    .sort((a, b) => depth(a.target.name) - depth(b.target.name));
  const options: Option[] = candidates.slice(0, MAX_OPTIONS).map((m) => ({
    label: m.target.name,
    ask: `${text.slice(0, span.start)}${nameInPlaceOf(span.term, m.target.name, r.lang)}${text.slice(span.end)}`,
  }));
  const partial =
    c.query ?? emptyQuery(r.lang, text, r.explicit && isDataIntent(r.explicit) ? r.explicit : 'figure');
  const among = candidates
    .filter((m) => m.target.kind === 'costCentre' || m.target.kind === 'serviceArea')
    .map((m) => m.target.name);
  return {
    kind: 'clarify',
    lang: r.lang,
    term: span.term,
    options,
    partial: among.length > 1 ? { ...partial, among } : partial,
  };
};

/**
 * The message after a question asked back ("Hallinto" → "Sivistyspalveluiden", "entä 2022?"):
 * a parent named chooses the place under it (the nearest one); a message that names no place
 * asks about the same places, so it is asked back again rather than answered for a default.
 * Returns the message's query with the place chosen, the question back, or null (no choice pending).
 */
function pendingChoice(c: Composed, previous: Query | null): Composed | Understanding | null {
  const among = previous?.among;
  const { r, query } = c;
  if (!among || among.length < 2 || !c.followUp || !query || r.ambiguous) return null;
  const named = query.subjects.map((s) => s.name);
  if (named.some((n) => among.includes(n))) return null;
  const { parents, under } = underParents(c.index.placePaths, named, among);
  // Another place named outright is another question.
  if (named.length > 0 && under.length === 0) return null;
  const kept = under.length > 0 ? under : among;
  if (kept.length === 1) {
    const name = kept[0]!;
    const kind = c.index.serviceAreas.includes(name) ? 'serviceArea' : 'costCentre';
    const subjects = [...query.subjects.filter((s) => !parents.includes(s.name)), { kind, name } as const];
    const chosen: Query = { ...query, subjects };
    delete chosen.city;
    return { ...c, query: chosen, namedSubject: true };
  }
  // The name they share ("Tiedotus" of "Tiedotus (Hallinto, Ympäristöpalvelut)") is what is asked back.
  const plain = new Set(kept.map((name) => name.replace(/\s*\([^)]*\)$/, '')));
  const term = plain.size === 1 ? [...plain][0]! : c.text.trim();
  return {
    kind: 'clarify',
    lang: r.lang,
    term,
    options: kept.slice(0, MAX_OPTIONS).map((name) => ({ label: name, ask: `${name}: ${c.text.trim()}` })),
    partial: { ...query, subjects: query.subjects.filter((s) => !parents.includes(s.name)), among: kept },
  };
}

/** "Tietohallinnon ja kirjaston menot": answering for Tietohallinto alone would answer another question. */
export const unknownBesideName: UnderstandingCheck = (c) => {
  const { r, query } = c;
  const besides = r.unknownBesideName.filter((u) => looksLikeWord(r.tokens[u]!.fold));
  if (besides.length === 0 || !query || !questionKind(query.intent).checksNamesBeside) return null;
  return unknownName(spanText(c.text, r.tokens, besides).term, r.lang, c.index, query);
};

/** "kaupunginjohtajan palkka": the row of someone we have no figures for is not the service area's. */
export const unknownOwner: UnderstandingCheck = (c) => {
  const { r, query } = c;
  const owner = r.unknownOwner.filter((u) => looksLikeWord(r.tokens[u]!.fold) || isAcronym(r.tokens[u]!.raw));
  if (owner.length === 0 || !query || !clarifies(c)) return null;
  // The row was the service area's; a name picked instead keeps the period, not the row.
  return unknownName(spanText(c.text, r.tokens, owner).term, r.lang, c.index, {
    ...query,
    account: null,
    table: null,
    subjects: [],
  });
};

// A word that only begins names ("Lapin" of "Lapin liitto") scores this much at least.
const NAME_BEGINNING = 0.45;

/**
 * "Lapin menot", "työllisyyspuolen tulot": the one word where a name was expected begins one or
 * more names (a modifier, not the head word): ask which, one button per name, rather than say
 * the data has no such name.
 */
export const nameBeginning: UnderstandingCheck = (c) => {
  const { r, query } = c;
  const needsName = query === null || questionKind(query.intent).subject === 'required';
  if (c.namedSubject || !needsName || !clarifies(c)) return null;
  const words = r.unknown.filter((i) => looksLikeWord(r.tokens[i]!.fold));
  if (words.length !== 1 || r.unknown.length !== 1) return null;
  const at = words[0]!;
  const names = findNameCandidates(r.tokens, (i) => i === at, c.index.names, NAME_BEGINNING)
    .filter((m) => m.target.kind !== 'label' && m.target.kind !== 'city')
    .slice(0, MAX_OPTIONS + 1);
  if (names.length === 0 || names.length > MAX_OPTIONS) return null;
  const span = spanText(c.text, r.tokens, [at]);
  const options: Option[] = names.map((m) => ({
    label: m.target.name,
    ask: `${c.text.slice(0, span.start)}${nameInPlaceOf(span.term, m.target.name, r.lang)}${c.text.slice(span.end)}`,
  }));
  const partial =
    query ?? emptyQuery(r.lang, c.text, r.explicit && isDataIntent(r.explicit) ? r.explicit : 'figure');
  return { kind: 'clarify', lang: r.lang, term: span.term, options, partial };
};

/** Words that are no name we know, where a name was expected: say so, never guess another. */
export const unknownWhereNameExpected: UnderstandingCheck = (c) => {
  const { r, query } = c;
  const needsName = query === null || questionKind(query.intent).subject === 'required';
  if (r.unknown.length === 0 || c.namedSubject || !needsName) return null;
  const words = r.unknown.map((i) => r.tokens[i]!);
  const plausible = words.filter((t) => looksLikeWord(t.fold));
  if (query === null && !r.signal && (plausible.length === 0 || words.length > 3))
    return nothing(r.lang, c.text.slice(0, 80));
  if (plausible.length === 0 && query === null) return null;
  const at = (plausible.length > 0 ? plausible : words).map((t) => r.tokens.indexOf(t));
  return unknownName(spanText(c.text, r.tokens, at).term, r.lang, c.index, query);
};

/** Nothing we know was asked. */
export const nothingAsked: UnderstandingCheck = (c) =>
  c.query ? null : nothing(c.r.lang, c.text.slice(0, 80));

/**
 * "kuinka monta työntekijää Tietohallinnossa on": a named subject, nothing we know asked of it,
 * and words we cannot read. Its default figure (the expenses) would answer another question.
 */
export const unreadMeasure: UnderstandingCheck = (c) => {
  const { r, query } = c;
  if (!query) return null;
  const bareDefault =
    query.intent === 'figure' &&
    query.account === null &&
    !r.explicit &&
    !r.spendVerb &&
    !r.measure &&
    !r.bothMeasures &&
    !r.label;
  const unread = r.unknown.filter((i) => looksLikeWord(r.tokens[i]!.fold));
  if (!bareDefault || !c.namedSubject || c.followUp || unread.length === 0) return null;
  return {
    kind: 'not_found',
    lang: r.lang,
    what: 'measure',
    term: spanText(c.text, r.tokens, unread).term,
    closest: [],
    partial: query,
  };
};

/**
 * "paljonko on käytetty?", "mikä on budjetti?", "how much is left?": a question about one
 * subject's figures that names none. The service area's total would answer a question nobody
 * asked; ask back which cost centre (the answer offers them all). Words for the whole area
 * ("koko palvelualue", "yhteensä"), a row only the area has (Henkilöstökulut), the city, or a
 * follow-up of a question that named its subject, all name the subject and are never asked back.
 */
export const subjectNotNamed: UnderstandingCheck = (c) => {
  const { r, query } = c;
  if (!query || query.subjects.length > 0 || query.city || r.city) return null;
  if (questionKind(query.intent).subject !== 'required') return null;
  // A table of the service area's own (key figures, investments) has one owner: nothing to ask.
  if (query.table !== null && query.table !== 'costCentres') return null;
  // "Määrärahat 2022": the appropriations granted to the area, which the area's rows are; a
  // follow-up of such a question ("entä 2021?") asks the same.
  const asksArea = (tokens: Token[]) =>
    findAllPhrases(c.index.areaBudgetWords, tokens, () => true).length > 0;
  if (asksArea(r.tokens) || (c.followUp && c.previous && asksArea(tokenize(c.previous.text)))) return null;
  return { kind: 'clarify', lang: r.lang, term: '', options: [], partial: query, asks: 'subject' };
};

/** The checks a composed message goes through, in order; the first that objects decides. */
export const UNDERSTANDING_CHECKS: readonly UnderstandingCheck[] = [
  unknownCode,
  impossibleDate,
  periodFinerThanData,
  countAskedInMoney,
  unknownOrganisation,
  documentPassage,
  weakNameBesideUnknown,
  ambiguousName,
  unknownBesideName,
  unknownOwner,
  nameBeginning,
  unknownWhereNameExpected,
  nothingAsked,
  unreadMeasure,
  subjectNotNamed,
];

/** The query, noting accounts the message also named ("tulot ja menot"): one is answered at a time. */
function withAlsoAsked(r: Reading, query: Query): Understanding {
  const alsoAsked = r.accountsNamed.filter((a) => a !== query.account);
  if (alsoAsked.length > 0 && query.account !== null && r.accountsNamed.includes(query.account))
    return { kind: 'query', query, alsoAsked };
  return { kind: 'query', query };
}

/** Reads a message, composes its query, and runs the checks over it. */
function understandText(text: string, previous: Query | null, index: UnderstandingIndex): Understanding {
  const r = readMessage(text, previous, index);
  if (r.tokens.length === 0) return nothing(r.lang, text);
  const first = composeQuery(text, previous, index, r);
  const pending = pendingChoice(first, previous);
  if (pending && 'kind' in pending) return pending;
  const composed = pending ?? first;
  for (const check of UNDERSTANDING_CHECKS) {
    const objection = check(composed);
    if (objection) return objection;
  }
  const levelled = withLevel(composed.query as Query, text, previous);
  return withAlsoAsked(r, withWholeCity(levelled, text, index.serviceAreas, index.hasCity));
}

/**
 * Understands one message like understand(), but lets a defect throw: for tests, which must
 * see every exception rather than the safe fallback.
 */
export function understandStrict(
  text: string,
  previous: Query | null,
  index: UnderstandingIndex,
): Understanding {
  const lang: Lang = previous?.lang ?? 'fi';
  const input = typeof text === 'string' ? text.normalize('NFC').trim() : '';
  if (input.length === 0 || input.length > MAX_TEXT_LENGTH || looksLikeCode(input))
    return nothing(lang, input.slice(0, 80));
  return understandText(input, previous, index);
}

/**
 * Understands one message: text plus the conversation's previous query in, a Query, a
 * clarifying question, or "not found" out. Pure and total: any string gives an answer shape.
 */
export function understand(text: string, previous: Query | null, index: UnderstandingIndex): Understanding {
  try {
    return understandStrict(text, previous, index);
  } catch {
    // A defect must not take the conversation down; the property test (on understandStrict)
    // keeps this path unused.
    const input = typeof text === 'string' ? text.trim() : '';
    return nothing(previous?.lang ?? 'fi', input.slice(0, 80));
  }
}
