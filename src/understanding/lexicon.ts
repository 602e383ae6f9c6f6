import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BudgetBotError } from '../domain/errors';
import { IntentSchema, MeasureSchema } from '../domain/query';
import { projectFile } from '../project-root';

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
]);

/** data/lexicon/*.json as one validated object: every word the understanding step knows. */
export const LexiconSchema = z.object({
  accounts: z.object({
    accounts: z.record(z.string(), BilingualSchema),
    lineItemTypes: z.record(z.string(), BilingualSchema),
  }),
  measures: z.object({ measures: z.partialRecord(MeasureSchema, BilingualSchema) }),
  intents: z.object({
    intents: z.array(BilingualSchema.extend({ intent: IntentSchema })),
    spendVerbs: BilingualSchema,
    followUp: BilingualSchema,
    ascending: BilingualSchema,
    increase: BilingualSchema,
    decrease: BilingualSchema,
    under: BilingualSchema.default({ fi: [], en: [] }),
    rankRemaining: BilingualSchema.default({ fi: [], en: [] }),
    rankUsedShare: BilingualSchema.default({ fi: [], en: [] }),
  }),
  periods: z.object({
    relative: z.array(
      BilingualSchema.extend({
        offset: z.number().int(),
        asOfLatest: z.boolean(),
        /** The period ends at this month's end (6 = the first half), in the year named or implied. */
        monthEnd: z.number().int().min(1).max(12).optional(),
        /** Counted from the conversation's year ("vuotta aiemmin"), else from the newest year. */
        fromContext: z.boolean().optional(),
      }),
    ),
    /** Words before a year that make it the start of a series to the newest year ("vuodesta 2018"). */
    since: BilingualSchema.default({ fi: [], en: [] }),
    months: z.array(BilingualSchema.extend({ month: z.number().int().min(1).max(12) })),
    allYears: BilingualSchema,
    yearWords: BilingualSchema,
    monthEnd: BilingualSchema,
  }),
  topics: z.object({ topics: z.record(z.string(), BilingualSchema), progress: BilingualSchema }),
  subjects: z.object({
    serviceArea: BilingualSchema,
    totals: BilingualSchema,
    conjunctions: BilingualSchema,
    tables: z.partialRecord(TableSchema, BilingualSchema),
    tablePreference: z.array(TableSchema),
    costCentreWords: BilingualSchema,
    share: BilingualSchema.default({ fi: [], en: [] }),
  }),
  numbers: z.object({
    numbers: z.object({
      fi: z.record(z.string(), z.number().int().positive()),
      en: z.record(z.string(), z.number().int().positive()),
    }),
    percent: BilingualSchema,
    quiet: BilingualSchema,
    quietUnits: z.array(BilingualSchema.extend({ days: z.number().int().positive() })),
  }),
  stopwords: BilingualSchema,
  labels: z.object({ labels: z.array(BilingualSchema.extend({ label: z.string().min(1) })) }),
});
export type Lexicon = z.infer<typeof LexiconSchema>;

/** data/aliases.json: other names of cost centres, canonical name → aliases (a city adds its own). */
export const AliasFileSchema = z.record(z.string(), z.array(z.string()));
export type AliasFile = z.infer<typeof AliasFileSchema>;

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
    raw[name] = readJson(new URL(`lexicon/${name}.json`, dataDir), `lexicon ${name}.json`);
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

/**
 * Reads data/aliases.json when present. Accepts `{ "Name": ["alias", …] }`, the same under an
 * `aliases` key, or groups of such maps (`{ "costCentres": {…}, "serviceAreas": {…} }`); keys
 * starting with "$" are comments.
 */
export function loadAliases(dataDir: URL = defaultDataDir): AliasFile {
  const url = new URL('aliases.json', dataDir);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(url, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new BudgetBotError('aliases.json is not valid JSON', 'bad_config', url.pathname);
  }
  return parseAliasFile(raw);
}

/** Validates the content of an aliases file in any of its accepted shapes. */
export function parseAliasFile(raw: unknown): AliasFile {
  const out: AliasFile = {};
  const visit = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || Array.isArray(node) || depth > 2) return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('$')) continue;
      if (Array.isArray(value)) {
        const parsed = z.array(z.string()).safeParse(value);
        if (!parsed.success)
          throw new BudgetBotError(
            `aliases of "${key}" must be a list of strings`,
            'bad_config',
            'data/aliases.json',
          );
        out[key] = [...(out[key] ?? []), ...parsed.data];
      } else visit(value, depth + 1);
    }
  };
  visit(raw, 0);
  return out;
}
