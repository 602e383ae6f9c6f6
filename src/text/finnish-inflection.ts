import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BudgetBotError } from '../domain/errors';
import { projectFile } from '../project-root';

/**
 * Finnish endings for the questions the bot writes itself (buttons, follow-ups, examples):
 * "Tietohallinnon menot", "vertaa Joukkoliikenteen menoja". The rules are data
 * (data/lexicon/inflection.json), by ending; no name is listed one by one.
 */
const RulesSchema = z.object({
  genitive: z.array(z.tuple([z.string().min(1), z.string().min(1)])),
  partitivePlural: z.array(z.tuple([z.string().min(1), z.string().min(1)])),
  unchanged: z.array(z.string()),
});
type Rules = z.infer<typeof RulesSchema>;

// From the project root, so it is found from src/ (tsx, tests) and from the bundle in dist/ alike.
const RULES_FILE = projectFile('data/lexicon/inflection.json');
let rules: Rules | null = null;

function loadRules(): Rules {
  if (rules) return rules;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(RULES_FILE, 'utf8'));
  } catch {
    throw new BudgetBotError('cannot read the inflection rules', 'bad_config', RULES_FILE.pathname);
  }
  const parsed = RulesSchema.safeParse(raw);
  if (!parsed.success)
    throw new BudgetBotError(
      'the inflection rules are not in their schema',
      'bad_config',
      RULES_FILE.pathname,
    );
  // Longest ending first, so "nto" wins over "o".
  const byLength = (xs: [string, string][]) => [...xs].sort((a, b) => b[0].length - a[0].length);
  rules = {
    genitive: byLength(parsed.data.genitive),
    partitivePlural: byLength(parsed.data.partitivePlural),
    unchanged: parsed.data.unchanged.map((w) => w.toLowerCase()),
  };
  return rules;
}

const VOWEL = /[aeiouyäöå]$/i;

/** The ending rule that fits a word, keeping the word's case ("Tietohallinto" → "Tietohallinnon"). */
function byRule(word: string, table: readonly [string, string][]): string | null {
  const lower = word.toLowerCase();
  for (const [ending, replacement] of table)
    if (lower.endsWith(ending) && lower.length > ending.length)
      return word.slice(0, word.length - ending.length) + replacement;
  return null;
}

/** The genitive of one word: by rule, else n after a vowel, ":n" after a digit or an abbreviation. */
function genitiveWord(word: string): string {
  // "IT:n", "KH:n": an abbreviation takes its ending after a colon.
  if (/\d$/.test(word) || /^\p{Lu}{2,}$/u.test(word)) return `${word}:n`;
  const ruled = byRule(word, loadRules().genitive);
  if (ruled) return ruled;
  return VOWEL.test(word) ? `${word}n` : `${word}in`;
}

/** Whether a word of a name stays as it is in the name's genitive. */
function staysAsIs(word: string, last: boolean): boolean {
  if (last) return false;
  const lower = word.toLowerCase();
  return (
    word.endsWith('-') || // "Hallinto-" of "Hallinto- ja tukipalvelut": a compound's first part
    loadRules().unchanged.includes(lower) ||
    // a genitive already ("Itä-Lapin kuntayhtymä", "Henkilöstön lomaosake"); "-nen" is a nominative ("Tekninen")
    (lower.endsWith('n') && !lower.endsWith('nen')) ||
    /\d/.test(word) ||
    /^\p{Lu}{2,}$/u.test(word)
  );
}

/**
 * A name's genitive, as a question writes it: "Tietohallinto" → "Tietohallinnon", "Muu toiminta"
 * → "Muun toiminnan" (a modifier agrees), "Itä-Lapin kuntayhtymä" → "Itä-Lapin kuntayhtymän",
 * "Kemijärvi 150" → "Kemijärvi 150:n". A parenthesis after the name ("Työllisyydenhoito
 * (työllistämispalvelut)") is left out: the name before it is what people write.
 */
export function genitive(name: string): string {
  const bare = name.replace(/\s*\([^)]*\)\s*$/, '').trim() || name.trim();
  const words = bare.split(/\s+/);
  // A name ending in a number is inflected by its number alone ("Kemijärvi 150:n").
  if (/\d$/.test(words.at(-1) ?? '')) return `${bare}:n`;
  return words.map((w, i) => (staysAsIs(w, i === words.length - 1) ? w : genitiveWord(w))).join(' ');
}

/**
 * The partitive plural of a plural word ("menot" → "menoja", "henkilöstökulut" →
 * "henkilöstökuluja"), or null when no rule fits (the question is then written without it).
 */
export function partitivePlural(word: string): string | null {
  const words = word.split(/\s+/);
  const last = words.at(-1) ?? '';
  const ruled = byRule(last, loadRules().partitivePlural);
  return ruled === null ? null : [...words.slice(0, -1), ruled].join(' ');
}
