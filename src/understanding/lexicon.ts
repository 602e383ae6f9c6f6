import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BudgetBotError } from '../domain/errors';
import { IntentSchema, MeasureSchema } from '../domain/query';
import { projectFile } from '../project-root';
import { allAliases, readAliases } from '../store/aliases-file';

const Words = z.array(z.string().min(1));
/** Finnish and English words or phrases for one meaning. */
const BilingualSchema = z.object({ fi: Words.default([]), en: Words.default([]) });
export type Bilingual = z.infer<typeof BilingualSchema>;

const TableSchema = z.enum([
  'costCentres',
  'operatingStatement',
  'keyFigures',
  'appropriations',
  'investments',
  'accounts',
]);

/** data/lexicon/*.json as one validated object: every word the understanding step knows. */
export const LexiconSchema = z.object({
  accounts: z.object({
    accounts: z.record(z.string(), BilingualSchema),
    lineItemTypes: z.record(z.string(), BilingualSchema),
    /** Accounts of the chart that are the sum of others ("Henkilöstökulut" = palkat + sivukulut). */
    lineGroups: z.record(z.string(), z.array(z.string().min(1)).min(2)).default({}),
  }),
  measures: z.object({
    measures: z.partialRecord(MeasureSchema, BilingualSchema),
    /** Words that ask for the financial statements, a closed year's actual ("tilinpäätös", "TP"). */
    closedYear: BilingualSchema.default({ fi: [], en: [] }),
    /** Words around a year naming the document it is printed in ("vuoden 2020 talousarviossa"). */
    documentYear: BilingualSchema.default({ fi: [], en: [] }),
    /** Words that ask for an amount in euros ("euroina", "cost"): a row in another unit has none. */
    inEuros: BilingualSchema.default({ fi: [], en: [] }),
  }),
  intents: z.object({
    intents: z.array(
      BilingualSchema.extend({
        intent: IntentSchema,
        /** Bare commands ("lopeta", "stop"): the intent only in a message that asks nothing else. */
        bare: BilingualSchema.optional(),
      }),
    ),
    /** Words that make a message a question wherever they stand ("paljonko", "how"). */
    questionWords: BilingualSchema.default({ fi: [], en: [] }),
    /** Words that make a message a question when they open it ("is", "did"). */
    questionOpeners: BilingualSchema.default({ fi: [], en: [] }),
    /** Words naming alerts or subscriptions: a question with one asks about the alerts. */
    alertWords: BilingualSchema.default({ fi: [], en: [] }),
    spendVerbs: BilingualSchema,
    /** Income verbs ("tuotti", "earned"): an account named by a noun wins over them. */
    earnVerbs: BilingualSchema.default({ fi: [], en: [] }),
    followUp: BilingualSchema,
    ascending: BilingualSchema,
    increase: BilingualSchema,
    decrease: BilingualSchema,
    /** Change words that compare a figure over time, never with the budget ("muuttuu"). */
    changeOnly: BilingualSchema.default({ fi: [], en: [] }),
    under: BilingualSchema.default({ fi: [], en: [] }),
    /** Pace words: an open year's over- or under-budget list by pace rather than by the budget itself. */
    pace: BilingualSchema.default({ fi: [], en: [] }),
    rankRemaining: BilingualSchema.default({ fi: [], en: [] }),
    rankUsedShare: BilingualSchema.default({ fi: [], en: [] }),
  }),
  periods: z.object({
    relative: z.array(
      BilingualSchema.extend({
        offset: z.number().int(),
        asOfLatest: z.boolean(),
        /** Counted from the conversation's year ("vuotta aiemmin"), else from the newest year. */
        fromContext: z.boolean().optional(),
        /** The other side of a comparison ("viime vuodesta"): the change runs to the year counted from. */
        comparedTo: z.boolean().optional(),
      }),
    ),
    /** Quarters and halves: the months from one month's start to another's end (from January: the year to date). */
    spans: z
      .array(
        BilingualSchema.extend({
          from: z.number().int().min(1).max(12),
          to: z.number().int().min(1).max(12),
        }),
      )
      .default([]),
    /** Words before a year that make it the start of a series to the newest year ("vuodesta 2018"). */
    since: BilingualSchema.default({ fi: [], en: [] }),
    /** Words that start a series at the conversation's year ("tästä eteenpäin"). */
    sinceThen: BilingualSchema.default({ fi: [], en: [] }),
    /** Periods finer than the data gives ("viikolla 40", "eilen", "weekly"). */
    finerThanData: BilingualSchema.default({ fi: [], en: [] }),
    /** Words before a year that make it the year a plan is for ("vuodelle 2022"). */
    forYear: BilingualSchema.default({ fi: [], en: [] }),
    /** Words before a relative year that make it the other side of a comparison ("compared to last year"). */
    comparedToWords: BilingualSchema.default({ fi: [], en: [] }),
    months: z.array(
      BilingualSchema.extend({
        month: z.number().int().min(1).max(12),
        /** The month's name without "kuu", written before a hyphen in a span ("heinä–syyskuussa"). */
        stem: z.string().min(1).optional(),
      }),
    ),
    /** Words between two months that make them one span ("July to September", "kesä- ja heinäkuussa"). */
    monthRange: BilingualSchema.default({ fi: [], en: [] }),
    /** Words that join months into one span when the months follow each other ("June and July"). */
    monthList: BilingualSchema.default({ fi: [], en: [] }),
    /** Words before a day number that make it a date with the month after it ("on 15 September"). */
    dayBefore: BilingualSchema.default({ fi: [], en: [] }),
    /** A month counted from the conversation's date ("edellinen kuukausi", "a month later"). */
    monthShifts: z.array(BilingualSchema.extend({ offset: z.number().int() })).default([]),
    /** The date the conversation is at, in the year asked ("samaan aikaan", "the same month"). */
    sameDate: BilingualSchema.default({ fi: [], en: [] }),
    /** The end of the year named or talked about ("vuoden lopussa"). */
    yearEnd: BilingualSchema.default({ fi: [], en: [] }),
    allYears: BilingualSchema,
    yearWords: BilingualSchema,
    monthEnd: BilingualSchema,
    /** Words that ask a series month by month ("kuukausittain", "monthly"). */
    byMonth: BilingualSchema.default({ fi: [], en: [] }),
  }),
  topics: z.object({ topics: z.record(z.string(), BilingualSchema), progress: BilingualSchema }),
  subjects: z.object({
    serviceArea: BilingualSchema,
    /** Words for the whole city ("koko kaupunki"): every service area the store holds. */
    city: BilingualSchema.default({ fi: [], en: [] }),
    /** Words that end a company's or association's name ("Oy", "ry"): a name the data does not have. */
    organisationMarkers: BilingualSchema.default({ fi: [], en: [] }),
    totals: BilingualSchema,
    /** Appropriation words: with no cost centre named they ask the service area's own figures. */
    areaBudgets: BilingualSchema.default({ fi: [], en: [] }),
    conjunctions: BilingualSchema,
    tables: z.partialRecord(TableSchema, BilingualSchema),
    tablePreference: z.array(TableSchema),
    costCentreWords: BilingualSchema,
    /** Words that break figures down by cost centre ("kustannuspaikoittain"): the ranking's rows are cost centres. */
    byCostCentre: BilingualSchema.default({ fi: [], en: [] }),
    /** Words a place's code follows ("kp 2202", "tulosalue 22"), by the level they name; `any` names none. */
    codeWords: z
      .object({
        costCentre: BilingualSchema.default({ fi: [], en: [] }),
        resultArea: BilingualSchema.default({ fi: [], en: [] }),
        serviceArea: BilingualSchema.default({ fi: [], en: [] }),
        any: BilingualSchema.default({ fi: [], en: [] }),
      })
      .default({
        costCentre: { fi: [], en: [] },
        resultArea: { fi: [], en: [] },
        serviceArea: { fi: [], en: [] },
        any: { fi: [], en: [] },
      }),
    share: BilingualSchema.default({ fi: [], en: [] }),
    /** Words pointing back at the place talked about ("siellä"): a list asked next ranges over its parts. */
    within: BilingualSchema.default({ fi: [], en: [] }),
    /** Words joined to a name to mean its side of things ("työllisyyspuolen"): the name is the rest. */
    sides: BilingualSchema.default({ fi: [], en: [] }),
  }),
  numbers: z.object({
    numbers: z.object({
      fi: z.record(z.string(), z.number().int().positive()),
      en: z.record(z.string(), z.number().int().positive()),
    }),
    /** Words for a share ("puolet", "half"), with the share as a decimal string. */
    shares: z.array(BilingualSchema.extend({ share: z.string().regex(/^0\.\d+$/) })).default([]),
    percent: BilingualSchema,
    quiet: BilingualSchema,
    quietUnits: z.array(BilingualSchema.extend({ days: z.number().int().positive() })),
  }),
  stopwords: BilingualSchema,
  /** Words Finnish place names are made of, with their English words: a place's English names. */
  nameWords: z
    .object({ parts: z.record(z.string(), z.array(z.string().min(1)).min(1)) })
    .default({ parts: {} }),
  labels: z.object({
    labels: z.array(
      BilingualSchema.extend({
        label: z.string().min(1),
        /** A count's row: the label of the row that gives it in money ("Henkilöstömenot"). */
        inMoney: z.string().min(1).optional(),
      }),
    ),
  }),
  aboutData: z.object({
    /** Which words ask which part of the data (a dataInfo question's topic). */
    topics: z.record(z.string(), BilingualSchema),
    /** Terms of budget documents, the words they are asked with, and their meaning in each language. */
    glossary: z.array(
      z.object({
        term: z.string().min(1),
        asked: BilingualSchema,
        fi: z.string().min(1),
        en: z.string().min(1),
      }),
    ),
  }),
});
export type Lexicon = z.infer<typeof LexiconSchema>;

/** Other names by canonical name, every group of data/aliases.json together. */
export type AliasFile = Record<string, string[]>;

const LEXICON_FILES = [
  'accounts',
  'measures',
  'intents',
  'periods',
  'topics',
  'subjects',
  'numbers',
  'stopwords',
  'labels',
  'about-data',
  'name-words',
] as const;

const defaultDataDir = projectFile('data/');

function readJson(url: URL, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch {
    throw new BudgetBotError(`cannot read ${what}`, 'bad_config', url.pathname);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BudgetBotError(`${what} is not valid JSON`, 'bad_config', url.pathname);
  }
}

/** Reads and validates data/lexicon/*.json; a broken file fails with its name, not later with a crash. */
export function loadLexicon(dataDir: URL = defaultDataDir): Lexicon {
  const raw: Record<string, unknown> = {};
  for (const name of LEXICON_FILES)
    raw[name === 'about-data' ? 'aboutData' : name === 'name-words' ? 'nameWords' : name] = readJson(
      new URL(`lexicon/${name}.json`, dataDir),
      `lexicon ${name}.json`,
    );
  const parsed = LexiconSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BudgetBotError(
      `lexicon is invalid: ${issue?.message ?? 'unknown'}`,
      'bad_config',
      `data/lexicon/${issue?.path.join('.') ?? ''}`,
    );
  }
  return parsed.data;
}

/** Reads data/aliases.json (when present) for matching: every group's names by canonical name. */
export function loadAliases(dataDir: URL = defaultDataDir): AliasFile {
  return allAliases(readAliases(fileURLToPath(new URL('aliases.json', dataDir))));
}

/** The city's names from data/aliases.json: the city by canonical name, with its other forms. */
export function loadCities(dataDir: URL = defaultDataDir): AliasFile {
  return readAliases(fileURLToPath(new URL('aliases.json', dataDir))).cities ?? {};
}
