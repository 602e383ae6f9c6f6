import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { BudgetBotError } from '../domain/errors';

/**
 * data/aliases.json, the file a city edits: canonical names and the other names people, older
 * documents and ledgers use, by group. Ingest files the names under their cost centres; the
 * understanding step reads the file again at start, so a new alias works without a re-ingest.
 */
export interface Aliases {
  serviceAreas: Record<string, string[]>;
  costCentres: Record<string, string[]>;
  /** Other names of printed row labels ("Toimintakate" → "TOIMINTAKATE/JÄÄMÄ"). */
  accounts: Record<string, string[]>;
  /** The city's own name and its other forms: it means the whole city, never a cost centre. */
  cities?: Record<string, string[]>;
}

const GROUPS = ['serviceAreas', 'costCentres', 'accounts', 'cities'] as const;
/** The groups whose names are other names of the store's rows (not the city's). */
const ROW_GROUPS = ['serviceAreas', 'costCentres', 'accounts'] as const;

/** No aliases at all. */
export function noAliases(): Aliases {
  return { serviceAreas: {}, costCentres: {}, accounts: {}, cities: {} };
}

const NamesSchema = z.array(z.string());

/**
 * Validates an aliases file. The grouped form is the documented one; a flat map
 * (`{ "Name": ["alias"] }`) or one under an `aliases` key is read as cost centres. Keys
 * starting with "$" are comments. A value that is not a list of strings fails with its name.
 */
export function parseAliases(raw: unknown, where = 'data/aliases.json'): Aliases {
  const out = noAliases();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new BudgetBotError('aliases must be a JSON object', 'bad_config', where);
  const addGroup = (group: (typeof GROUPS)[number], node: unknown, path: string) => {
    const entries = out[group] ?? {};
    out[group] = entries;
    if (!node || typeof node !== 'object' || Array.isArray(node))
      throw new BudgetBotError(`${path} must be an object of name lists`, 'bad_config', where);
    for (const [name, listed] of Object.entries(node)) {
      if (name.startsWith('$')) continue;
      const parsed = NamesSchema.safeParse(listed);
      if (!parsed.success)
        throw new BudgetBotError(
          `aliases of "${name}" (${path}) must be a list of strings`,
          'bad_config',
          where,
        );
      entries[name] = [...(entries[name] ?? []), ...parsed.data];
    }
  };
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('$')) continue;
    if ((GROUPS as readonly string[]).includes(key)) addGroup(key as (typeof GROUPS)[number], value, key);
    else if (Array.isArray(value)) addGroup('costCentres', { [key]: value }, key);
    else addGroup('costCentres', value, key);
  }
  return out;
}

/** parseAliases as a schema, for callers that validate with zod. */
export const AliasesSchema = z.unknown().transform((raw): Aliases => parseAliases(raw));

function parseText(text: string, path: string): Aliases {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BudgetBotError(`not valid JSON (${(e as Error).message})`, 'bad_config', path);
  }
  return parseAliases(json, path);
}

function missing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Reads and validates an aliases file; a missing file means no aliases. */
export function readAliases(path: string): Aliases {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (missing(err)) return noAliases();
    throw new BudgetBotError('cannot read the aliases file', 'bad_config', path);
  }
  return parseText(text, path);
}

/** readAliases without blocking, for the ingest command. */
export async function loadAliases(path: string): Promise<Aliases> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (missing(err)) return noAliases();
    throw new BudgetBotError('cannot read the aliases file', 'bad_config', path);
  }
  return parseText(text, path);
}

/** Every row group's names by canonical name (the city's apart): what matching a name in a question needs. */
export function allAliases(aliases: Aliases): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of ROW_GROUPS)
    for (const [name, names] of Object.entries(aliases[group])) out[name] = [...(out[name] ?? []), ...names];
  return out;
}

/** Case- and space-insensitive key for comparing names. */
export function nameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}
