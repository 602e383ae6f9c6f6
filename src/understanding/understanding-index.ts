import { basisKind } from '../domain/basis';
import type { BudgetData } from '../domain/budget-data';
import type { Intent, Measure } from '../domain/query';
import { questionKind } from '../domain/question-kinds';
import { buildSuggestIndex, type SuggestIndex } from '../text/closest-names';
import { foldedWords, splitPassages, yearsIn } from '../text/passages';
import { compileNameParts } from './english-names';
import { type AliasFile, type Lexicon, loadAliases, loadCities, loadLexicon } from './lexicon';
import { buildNameIndex, type LabelTable, type NameIndex } from './name-index';
import { compilePhrases, type Phrase } from './phrase-matcher';
import { buildCodeIndex, type CodeIndex } from './read-codes';
import { compilePeriodLexicon, type PeriodContext, type PeriodLexicon } from './resolve-period';

/** Everything understand() needs, built once per store load: compiled lexicon, name index, periods. */
export interface UnderstandingIndex {
  names: NameIndex;
  periods: PeriodLexicon;
  periodContext: PeriodContext;
  intents: Phrase<Intent>[];
  /** What tells a command that changes state from a question (see readCommands). */
  commands: CommandWords;
  spendVerbs: Phrase<true>[];
  /** Income verbs: they name an account only by an action, like the spending verbs. */
  earnVerbs: Phrase<true>[];
  followUp: Phrase<true>[];
  ascending: Phrase<true>[];
  /** Growth and decline words: in a ranking, they rank by change between two years. */
  change: Phrase<'increase' | 'decrease'>[];
  /** Words of change over time (growth, decline, "muuttuu"): they compare a figure with itself, not with the budget. */
  changeOnly: Phrase<'increase' | 'decrease' | 'change'>[];
  /** Words that rank by money left or by the share of the budget used. */
  rankMetric: Phrase<'remaining' | 'usedShare'>[];
  /** Words asking for a share of a whole ("osuus", "share"). */
  share: Phrase<true>[];
  /** Words pointing back at the place talked about ("siellä", "within it"). */
  within: Phrase<true>[];
  /** Words that turn an over-budget list round ("alittaneet", "behind"). */
  under: Phrase<true>[];
  /** Pace words ("tahtia edellä", "ahead of pace", "ylittymässä"). */
  pace: Phrase<true>[];
  accounts: Phrase<string>[];
  lineItemTypes: Phrase<string>[];
  measures: Phrase<Measure>[];
  /** "vuoden 2020 talousarviossa": the year between these words is the document's, not the one asked. */
  documentYear: Phrase<true>[];
  topics: Phrase<string>[];
  serviceAreaWords: Phrase<true>[];
  /** Words asking for a part of the data itself (dataInfo topics: costCentres, years, asOf…). */
  dataTopics: Phrase<string>[];
  /** Glossary terms by the words they are asked with (value = the term). */
  glossary: Phrase<string>[];
  /** Words for the whole city ("koko kaupunki"). */
  cityWords: Phrase<true>[];
  /** Words joined to a name to mean its side of things ("-puolen"), folded, longest first. */
  sides: string[];
  /** Words that end a company's or association's name ("Oy", "ry"). */
  organisationMarkers: Phrase<true>[];
  /** Words joining two names ("ja", "vs"). */
  conjunctions: Set<string>;
  /** "yhteensä", "total": the service area only when no cost centre is named. */
  totalWords: Phrase<true>[];
  /** "määrärahat", "appropriations": with no cost centre named, the service area's own figures. */
  areaBudgetWords: Phrase<true>[];
  costCentreWords: Phrase<true>[];
  /** "kustannuspaikoittain", "by cost centre": the rows are cost centres, not expense types. */
  byCostCentre: Phrase<true>[];
  tableHints: Phrase<LabelTable>[];
  tablePreference: LabelTable[];
  numberWords: Map<string, number>;
  percentWords: Phrase<true>[];
  /** Share words ("puolet", "half") with their share as a decimal string. */
  shareWords: Phrase<string>[];
  /** Words that ask for money, and the rows of counts with the label of their money row. */
  moneyWords: Phrase<true>[];
  countsInMoney: { label: string; inMoney: string }[];
  /** Words that ask for an alert subscription's quiet period, and its units in days. */
  quietWords: Phrase<true>[];
  quietUnits: Phrase<number>[];
  /** Function words by language: a word of the other language may be a name ("it-kulut"). */
  stopwords: { fi: Set<string>; en: Set<string> };
  /** Other lexicon words that carry no meaning of their own here ("vuonna", "etenee"). */
  fillerWords: Phrase<true>[];
  /** Single lexicon words: exact ones (by their first two letters, for typo repair) and prefixes. */
  lexiconWords: { exact: Set<string>; byInitial: Map<string, string[]>; prefixes: string[] };
  /** Folded words that only one language uses, for telling the languages apart. */
  langWords: { fi: Phrase<true>[]; en: Phrase<true>[] };
  /** The service areas of the store, first = the one meant when none is named. */
  serviceAreas: string[];
  /** Whether the store holds the whole city's own total (a summary of its service areas). */
  hasCity: boolean;
  /** That total's name (the city's printed name), which "koko kaupunki" then means. */
  cityNode: string | null;
  /** Names and aliases by letter pairs, for "did you mean" suggestions. */
  suggest: SuggestIndex;
  /** The places by their ledger codes, and the words a code follows ("kp 2202"). */
  codes: CodeIndex;
  /** Each place's path in the hierarchy (service area, result area, cost centre), by its name as questions see it. */
  placePaths: Map<string, string[]>;
  /** The words and years of every passage of the documents' prose, for questions only the text answers. */
  passages: { words: Set<string>; years: Set<number> }[];
}

/** The words that tell commands from questions. */
export interface CommandWords {
  /** Bare commands ("lopeta", "stop"), valued by their intent: only in a message that asks nothing else. */
  bare: Phrase<Intent>[];
  /** Question words anywhere in a message, and question openers as its first word. */
  questionWords: Phrase<true>[];
  questionOpeners: Phrase<true>[];
  /** Words naming alerts or subscriptions. */
  alertWords: Phrase<true>[];
  /** The intents in the order the lexicon tries them. */
  order: Intent[];
}

/** Optional overrides for tests and other cities: a lexicon and aliases instead of data/. */
export interface UnderstandingOptions {
  lexicon?: Lexicon;
  aliases?: AliasFile;
  /** The city's names; default data/aliases.json (cities). */
  cities?: AliasFile;
}

function periodContext(data: BudgetData): PeriodContext {
  const latestAsOf = new Map<number, string>();
  let newest: number | null = null;
  for (const f of data.facts) {
    const kind = basisKind(f.basis);
    if (kind === 'plan' || kind === 'change') continue;
    if (newest === null || f.year > newest) newest = f.year;
    if (f.asOf) {
      const prev = latestAsOf.get(f.year);
      if (!prev || f.asOf > prev) latestAsOf.set(f.year, f.asOf);
    }
  }
  for (const d of data.documents) {
    if (!d.reportDate) continue;
    const y = Number(d.reportDate.slice(0, 4));
    if (newest === null || y > newest) newest = y;
  }
  return { newestYear: newest, latestAsOf };
}

// Letters an inflection adds after a lexicon prefix ("budjet*" → "budjetista").
const MAX_INFLECTION_LETTERS = 4;

/**
 * Whether a folded word is one of the one-word phrases, or one inflected ("budjetti" of
 * "budjet*"). Looked up in sets made once: word matching asks this for many word endings of
 * every question word, and a scan over the whole lexicon each time was most of its cost.
 */
function oneWordOf(phrases: readonly Phrase<unknown>[]): (fold: string) => boolean {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const p of phrases) {
    if (p.words.length !== 1) continue;
    const w = p.words[0]!;
    (w.prefix ? prefixes : exact).add(w.text);
  }
  return (fold) => {
    if (exact.has(fold)) return true;
    // A prefix matches when the word begins with it and adds at most MAX_INFLECTION_LETTERS.
    for (let len = Math.max(0, fold.length - MAX_INFLECTION_LETTERS); len <= fold.length; len++)
      if (prefixes.has(fold.slice(0, len))) return true;
    return false;
  };
}

/** Letters a command word's inflection adds after its prefix ("hälyty*" → "hälytyksille"). */
export const COMMAND_WORD_TAIL = 6;

/** Builds the understanding index for a store: call once when the store loads. */
export function buildUnderstandingIndex(
  data: BudgetData,
  options: UnderstandingOptions = {},
): UnderstandingIndex {
  const lexicon = options.lexicon ?? loadLexicon();
  const aliases = options.aliases ?? loadAliases();
  const cities = options.cities ?? loadCities();

  // A command's words match their inflections ("hälytykset"), never a compound that begins so
  // ("hälytysajoneuvot"): a command must not be read out of another word.
  const inflected = (intent: Intent) =>
    questionKind(intent).group === 'command' ? COMMAND_WORD_TAIL : undefined;
  const intents = lexicon.intents.intents.flatMap((e) =>
    compilePhrases(e, e.intent, { maxTail: inflected(e.intent) }),
  );
  const commands: CommandWords = {
    bare: lexicon.intents.intents.flatMap((e) => (e.bare ? compilePhrases(e.bare, e.intent) : [])),
    questionWords: compilePhrases(lexicon.intents.questionWords, true as const),
    questionOpeners: compilePhrases(lexicon.intents.questionOpeners, true as const),
    alertWords: compilePhrases(lexicon.intents.alertWords, true as const, { maxTail: COMMAND_WORD_TAIL }),
    order: lexicon.intents.intents.map((e) => e.intent),
  };
  const accounts = Object.entries(lexicon.accounts.accounts).flatMap(([account, words]) =>
    compilePhrases(words, account),
  );
  const lineItemTypes = Object.entries(lexicon.accounts.lineItemTypes).flatMap(([account, words]) =>
    compilePhrases(words, account),
  );
  const measures = Object.entries(lexicon.measures.measures).flatMap(([m, words]) =>
    compilePhrases(words, m as Measure),
  );
  const topics = Object.entries(lexicon.topics.topics).flatMap(([topic, words]) =>
    compilePhrases(words, topic),
  );
  const progress = compilePhrases(lexicon.topics.progress, true as const);
  const serviceAreaWords = compilePhrases(lexicon.subjects.serviceArea, true as const);
  const cityWords = compilePhrases(lexicon.subjects.city, true as const);
  const dataTopics = Object.entries(lexicon.aboutData.topics).flatMap(([topic, words]) =>
    compilePhrases(words, topic),
  );
  const glossary = lexicon.aboutData.glossary.flatMap((g) => compilePhrases(g.asked, g.term));
  const organisationMarkers = compilePhrases(lexicon.subjects.organisationMarkers, true as const);
  const totalWords = compilePhrases(lexicon.subjects.totals, true as const);
  const costCentreWords = compilePhrases(lexicon.subjects.costCentreWords, true as const);
  const tableHints = Object.entries(lexicon.subjects.tables).flatMap(([t, words]) =>
    compilePhrases(words, t as LabelTable),
  );
  const spendVerbs = compilePhrases(lexicon.intents.spendVerbs, true as const);
  const earnVerbs = compilePhrases(lexicon.intents.earnVerbs, true as const);
  const followUp = compilePhrases(lexicon.intents.followUp, true as const);
  const ascending = compilePhrases(lexicon.intents.ascending, true as const);
  const under = compilePhrases(lexicon.intents.under, true as const);
  const pace = compilePhrases(lexicon.intents.pace, true as const);
  const share = compilePhrases(lexicon.subjects.share, true as const);
  const within = compilePhrases(lexicon.subjects.within, true as const);
  const rankMetric = [
    ...compilePhrases(lexicon.intents.rankUsedShare, 'usedShare' as const),
    ...compilePhrases(lexicon.intents.rankRemaining, 'remaining' as const),
  ];
  const change = [
    ...compilePhrases(lexicon.intents.increase, 'increase' as const),
    ...compilePhrases(lexicon.intents.decrease, 'decrease' as const),
  ];
  const changeOnly = [...change, ...compilePhrases(lexicon.intents.changeOnly, 'change' as const)];
  const percentWords = compilePhrases(lexicon.numbers.percent, true as const);
  const shareWords = lexicon.numbers.shares.flatMap((s) => compilePhrases(s, s.share));
  // Read only in subscription commands, so they stay out of the words every question is read with.
  const quietWords = compilePhrases(lexicon.numbers.quiet, true as const);
  const quietUnits = lexicon.numbers.quietUnits.flatMap((u) => compilePhrases(u, u.days));
  const periods = compilePeriodLexicon(lexicon);
  const stopwordPhrases = compilePhrases(lexicon.stopwords, true as const);
  const stopwordsOf = (lang: 'fi' | 'en') =>
    new Set(
      stopwordPhrases.filter((p) => p.lang === lang && p.words.length === 1).map((p) => p.words[0]!.text),
    );
  const stopwords = { fi: stopwordsOf('fi'), en: stopwordsOf('en') };
  const numberWords = new Map<string, number>();
  for (const lang of ['fi', 'en'] as const) {
    for (const [w, n] of Object.entries(lexicon.numbers.numbers[lang]))
      for (const p of compilePhrases({ fi: [w], en: [] }, n)) numberWords.set(p.words[0]!.text, n);
  }
  const yearWords = compilePhrases(lexicon.periods.yearWords, true as const);
  // Other names of row labels are words of one language too ("operating margin"): they tell the
  // language, though they are names, not lexicon words.
  const labelWords = lexicon.labels.labels.flatMap((l) =>
    compilePhrases({ fi: l.fi, en: l.en }, true as const),
  );

  // Every lexicon phrase, by language, with its meaning dropped: for language detection and
  // for telling lexicon words from name words.
  const everything: Phrase<unknown>[] = [
    ...intents,
    ...commands.bare,
    ...commands.questionWords,
    ...commands.questionOpeners,
    ...commands.alertWords,
    ...accounts,
    ...lineItemTypes,
    ...measures,
    ...topics,
    ...progress,
    ...serviceAreaWords,
    ...cityWords,
    ...totalWords,
    ...costCentreWords,
    ...tableHints,
    ...spendVerbs,
    ...earnVerbs,
    ...followUp,
    ...ascending,
    ...change,
    ...share,
    ...within,
    ...pace,
    ...percentWords,
    ...shareWords,
    ...stopwordPhrases,
    ...yearWords,
    ...periods.relative,
    ...periods.spans,
    ...periods.months,
    ...periods.sameDate,
    ...periods.monthShifts,
    ...periods.yearEnd,
    ...periods.allYears,
  ];
  const single = (lang: 'fi' | 'en') => everything.filter((p) => p.lang === lang && p.words.length === 1);
  const exactWords = { fi: new Set<string>(), en: new Set<string>() };
  for (const lang of ['fi', 'en'] as const)
    for (const p of single(lang)) if (!p.words[0]!.prefix) exactWords[lang].add(p.words[0]!.text);
  const onlyIn = (lang: 'fi' | 'en'): Phrase<true>[] => {
    const other = lang === 'fi' ? 'en' : 'fi';
    return [...everything, ...labelWords]
      .filter(
        (p) =>
          p.lang === lang &&
          !(p.words.length === 1 && !p.words[0]!.prefix && exactWords[other].has(p.words[0]!.text)),
      )
      .map((p) => ({ ...p, value: true as const }));
  };
  // A name word is a lexicon word when it is one, or one inflected ("budjetti" of "budjet*");
  // a compound that merely begins so ("ympäristöpalvelut" of "ympäristö*") is a name word.
  const filler = [...stopwordPhrases, ...serviceAreaWords, ...totalWords, ...yearWords, ...costCentreWords];
  const names = buildNameIndex(data, {
    aliases,
    cities,
    labelAliases: lexicon.labels.labels,
    accounts: Object.keys(lexicon.accounts.accounts),
    isFillerWord: oneWordOf(filler),
    isLexiconWord: oneWordOf(everything),
    nameParts: compileNameParts(lexicon.nameWords.parts),
    lineGroups: lexicon.accounts.lineGroups,
  });
  // The whole city, where the store holds one, is what "koko kaupunki" and a total with no name mean.
  const cityNodes = new Set(data.costCentres.filter((c) => c.level === 'city').map((c) => c.name));
  const serviceAreas = [
    ...data.costCentres.filter((c) => c.level === 'city').map((c) => c.name),
    ...data.costCentres.filter((c) => c.level === 'serviceArea').map((c) => c.name),
  ];
  for (const c of data.costCentres)
    if (c.serviceArea && !serviceAreas.includes(c.serviceArea)) serviceAreas.push(c.serviceArea);

  const lexiconWords = {
    exact: new Set<string>(),
    byInitial: new Map<string, string[]>(),
    prefixes: [] as string[],
  };
  for (const p of everything) {
    for (const w of p.words) {
      if (w.prefix) {
        // Only a prefix that is a phrase on its own makes a word known ("budjet*", not the "käyt*" of "budjetista käyt*").
        if (p.words.length === 1 && !lexiconWords.prefixes.includes(w.text))
          lexiconWords.prefixes.push(w.text);
      } else if (!lexiconWords.exact.has(w.text)) {
        lexiconWords.exact.add(w.text);
        const key = w.text.slice(0, 2);
        lexiconWords.byInitial.set(key, [...(lexiconWords.byInitial.get(key) ?? []), w.text]);
      }
    }
  }

  return {
    lexiconWords,
    names,
    periods,
    periodContext: periodContext(data),
    intents,
    commands,
    spendVerbs,
    earnVerbs,
    followUp,
    ascending,
    change,
    changeOnly,
    under,
    pace,
    share,
    within,
    rankMetric,
    accounts,
    lineItemTypes,
    measures,
    topics: [...topics],
    serviceAreaWords,
    cityWords,
    organisationMarkers,
    sides: [
      ...new Set(
        compilePhrases(lexicon.subjects.sides, true as const)
          .filter((p) => p.words.length === 1)
          .map((p) => p.words[0]!.text),
      ),
    ].sort((a, b) => b.length - a.length),
    dataTopics,
    glossary,
    totalWords,
    areaBudgetWords: compilePhrases(lexicon.subjects.areaBudgets, true as const),
    conjunctions: new Set(
      compilePhrases(lexicon.subjects.conjunctions, true as const).map((p) => p.words[0]!.text),
    ),
    costCentreWords,
    documentYear: compilePhrases(lexicon.measures.documentYear, true as const),
    byCostCentre: compilePhrases(lexicon.subjects.byCostCentre, true as const),
    tableHints,
    tablePreference: lexicon.subjects.tablePreference.filter((t): t is LabelTable => t !== 'costCentres'),
    numberWords,
    percentWords,
    shareWords,
    moneyWords: compilePhrases(lexicon.measures.inEuros, true as const),
    countsInMoney: lexicon.labels.labels.flatMap((l) =>
      l.inMoney ? [{ label: l.label, inMoney: l.inMoney }] : [],
    ),
    quietWords,
    quietUnits,
    stopwords,
    fillerWords: [...progress, ...yearWords],
    langWords: { fi: onlyIn('fi'), en: onlyIn('en') },
    serviceAreas,
    hasCity: cityNodes.size > 0,
    cityNode: [...cityNodes][0] ?? null,
    suggest: buildSuggestIndex(names.names),
    codes: buildCodeIndex(data, lexicon),
    placePaths: new Map(data.costCentres.flatMap((c) => (c.path ? [[c.name, c.path] as const] : []))),
    passages: data.sections.flatMap((s) =>
      splitPassages(s.text).map((p) => ({ words: new Set(foldedWords(p)), years: yearsIn(p) })),
    ),
  };
}
