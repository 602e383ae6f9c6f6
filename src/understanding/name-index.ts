import type { BudgetData } from '../domain/budget-data';
import type { Query } from '../domain/query';
import { englishNames, type NamePartWords } from './english-names';
import { inflectionRoot, stemFinnish } from './finnish-stem';
import type { AliasFile, Bilingual } from './lexicon';
import { foldWords, tokenize } from './normalize-text';

/** A service-area table a row label can live in. */
export type LabelTable = Exclude<NonNullable<Query['table']>, 'costCentres'>;

/** What a name points at: a cost centre, the service area, or a printed row label of a table. */
export type NameTarget =
  | { kind: 'costCentre' | 'serviceArea'; name: string; serviceArea: string | null }
  /** The city itself: every service area the store holds. */
  | { kind: 'city'; name: string; serviceArea: null }
  | { kind: 'label'; name: string; table: LabelTable; serviceArea: string | null };

/** One word of a name, with the forms matching compares. */
export interface NameWord {
  fold: string;
  stem: string;
  root: string;
  /** False for function and filler words ("ja", "yhteensä"): they need not be typed. */
  significant: boolean;
  /** A lexicon word ("menot", "income"): it counts, but cannot make a match on its own. */
  lexical: boolean;
}

/** One way of writing a target (its canonical name, an alias, a shortened form). */
export interface NameVariant {
  id: number;
  target: NameTarget;
  key: string;
  text: string;
  words: NameWord[];
  significantCount: number;
  /** Index of the head word: the last significant word ("liitto" in "Lapin liitto"). */
  head: number;
  /** A place named only by lexicon words ("Laskutus"): its lexicon words make the match. */
  lexicalName: boolean;
}

/** A distinct word of all names, and where it occurs. */
export interface VocabWord {
  fold: string;
  stem: string;
  root: string;
  refs: { variant: number; word: number }[];
  /** A lexicon word ("menot") inside some name: it never claims a question word for names. */
  lexical: boolean;
}

/** All names of a store, indexed for matching the words of a question against them. */
export interface NameIndex {
  variants: NameVariant[];
  vocab: VocabWord[];
  byFold: Map<string, VocabWord[]>;
  byStem: Map<string, VocabWord[]>;
  byRoot: Map<string, VocabWord[]>;
  /** Tails of compound words, as written and as stemmed ("liitto", "liito" → kuntaliitto), so "liitto" finds Kuntaliitto. */
  byTail: Map<string, VocabWord[]>;
  /** The same tails by the beginning their inflected forms keep ("verotu" of "verotus"), so "Verotuksen" finds Kunnallisverotus. */
  byTailRoot: Map<string, VocabWord[]>;
  /** Words by their first two letters: the candidates for typo matching. */
  byInitial: Map<string, VocabWord[]>;
  /** Places of two or more words by their first word ("harjulan" → Harjulan koulu, Harjulan kirjasto). */
  byFirstWord: Map<string, NameVariant[]>;
  /** Every cost centre's and service area's name and aliases, for suggesting the closest names. */
  names: { name: string; alias: string }[];
  /**
   * Whether a folded word stands on its own (a lexicon, filler or name word): such a word after
   * a name's beginning makes a compound ("asukas|luku"), not an inflected form of the name word.
   */
  isWord: (fold: string) => boolean;
}

/** What the index builder needs besides the store. */
export interface NameSources {
  aliases: AliasFile;
  /** The city's names (data/aliases.json, cities). */
  cities: AliasFile;
  labelAliases: (Bilingual & { label: string })[];
  /** Whether a folded word is a function or filler word (so need not be typed for a name). */
  isFillerWord: (fold: string) => boolean;
  /** The cost-centre accounts (MENOT, TULOT, NETTOMENO): rows of that name are lexicon, not labels. */
  accounts: string[];
  /** Whether a folded word is an account or other meaning-bearing lexicon word. */
  isLexiconWord: (fold: string) => boolean;
  /** The English words of Finnish name parts: a place's English names ("environmental services"). */
  nameParts?: NamePartWords;
  /** Accounts that are the sum of others: a label too where the store has all their parts. */
  lineGroups?: Readonly<Record<string, readonly string[]>>;
}

const LABEL_TABLES: readonly LabelTable[] = [
  'operatingStatement',
  'keyFigures',
  'appropriations',
  'investments',
  'accounts',
];

/** The shortest compound tail that is indexed by its inflection root: a word of its own. */
const MIN_TAIL_WORD = 6;

/** Typos are looked for among names that begin with the same letters: people rarely miss the first ones. */
export const TYPO_PREFIX = 2;

/** Whether a word as written is an acronym: two to four capitals ("IT", "ICT", "HR"). */
export function isAcronym(raw: string): boolean {
  return /^\p{Lu}{2,4}$/u.test(raw);
}

function targetKey(t: NameTarget): string {
  return t.kind === 'label' ? `label:${t.table}:${t.name}` : `${t.kind}:${t.name}`;
}

/**
 * Forms a printed name is also written in: without a parenthesised part ("Työllisyydenhoito
 * (työllistämispalvelut)" → "Työllisyydenhoito"), without trailing dates and units ("Vakinaiset
 * virat ja toimet 31.12."), and each side of a slash ("TOIMINTAKATE/JÄÄMÄ").
 */
export function nameForms(name: string): string[] {
  const forms = new Set<string>([name]);
  const noParen = name.replace(/\([^)]*\)/g, ' ').trim();
  if (noParen) forms.add(noParen);
  for (const f of [...forms]) {
    const noTail = f.replace(/[\s\d.,%€]+$/u, '').trim();
    if (noTail) forms.add(noTail);
    if (/[A-Za-zÀ-ÿ]\/[A-Za-zÀ-ÿ]/.test(f))
      for (const side of f.split('/')) if (side.trim()) forms.add(side.trim());
  }
  return [...forms];
}

/** Whether two names begin with the same word, inflected or not ("Helsingin kaupunki", "Helsinki"). */
function sameFirstWord(a: string, b: string): boolean {
  const [x] = foldWords(a);
  const [y] = foldWords(b);
  if (x === undefined || y === undefined) return false;
  if (stemFinnish(x) === stemFinnish(y)) return true;
  const rx = inflectionRoot(x);
  const ry = inflectionRoot(y);
  const short = Math.min(rx.length, ry.length);
  return short >= 5 && rx.slice(0, short) === ry.slice(0, short);
}

/** Builds the name index from the store's cost centres, row labels, and the alias files. */
export function buildNameIndex(data: BudgetData, sources: NameSources): NameIndex {
  const variants: NameVariant[] = [];
  const seen = new Set<string>();
  const names: { name: string; alias: string }[] = [];

  const addVariant = (target: NameTarget, text: string) => {
    const key = targetKey(target);
    for (const form of nameForms(text)) {
      const raws = tokenize(form);
      const folds = raws.map((t) => t.fold);
      if (folds.length === 0) continue;
      const dedupe = `${key}|${folds.join(' ')}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const words: NameWord[] = raws.map(({ raw, fold }) => {
        // An acronym ("IT", "HR") is a name even when it spells a function word.
        const acronym = isAcronym(raw);
        return {
          fold,
          stem: stemFinnish(fold),
          root: inflectionRoot(fold),
          // Digits ("Kemijärvi 150") count when typed but need not be.
          significant: acronym || (!sources.isFillerWord(fold) && !/^([%€]|\d+)$/.test(fold)),
          lexical: !acronym && (sources.isLexiconWord(fold) || sources.isFillerWord(fold)),
        };
      });
      // A row label made only of lexicon words ("NETTO") would shadow the lexicon: leave it
      // out. A place of that name ("Laskutus") is still a place the store has.
      const lexicalName = !words.some((w) => w.significant && !w.lexical);
      if (lexicalName && target.kind === 'label') continue;
      const significantCount = words.filter((w) => w.significant).length;
      if (significantCount === 0) continue;
      let head = words.length - 1;
      while (head > 0 && !words[head]!.significant) head--;
      variants.push({
        id: variants.length,
        target,
        key,
        text: form,
        words,
        significantCount,
        head,
        lexicalName,
      });
      if (target.kind === 'costCentre' || target.kind === 'serviceArea')
        names.push({ name: target.name, alias: form });
    }
  };

  const areaOf = new Map<string, string | null>();
  for (const cc of data.costCentres) {
    areaOf.set(cc.name, cc.serviceArea);
    // The city's own total (a store of the whole city) is the city; a result area is asked
    // about like a cost centre.
    const target: NameTarget =
      cc.level === 'city'
        ? { kind: 'city', name: cc.name, serviceArea: null }
        : {
            kind: cc.level === 'serviceArea' ? 'serviceArea' : 'costCentre',
            name: cc.name,
            serviceArea: cc.level === 'serviceArea' ? cc.name : cc.serviceArea,
          };
    addVariant(target, cc.name);
    for (const alias of cc.aliases) addVariant(target, alias);
    // "environmental services" for Ympäristöpalvelut: from its own name as printed (the last of its path).
    if (sources.nameParts && target.kind !== 'city')
      for (const en of englishNames(cc.path?.at(-1) ?? cc.name, sources.nameParts)) addVariant(target, en);
    for (const alias of sources.aliases[cc.name] ?? []) addVariant(target, alias);
    // A city names a place of its hierarchy by its path ("Sivistyspalvelut / Perusopetus / Hallinto"):
    // other names for that place alone, not for every place of the same name.
    if (cc.path) for (const alias of sources.aliases[cc.path.join(' / ')] ?? []) addVariant(target, alias);
  }

  // The aliases file's city is the store's own unless the store prints another city's total
  // ("Kemijärvi" beside a store of Lumijärven kaupunki is another city, which the data lacks).
  const ownCity = data.costCentres.find((c) => c.level === 'city');
  for (const [city, forms] of Object.entries(sources.cities)) {
    if (ownCity && ![city, ...forms].some((f) => sameFirstWord(f, ownCity.name))) continue;
    const target: NameTarget = { kind: 'city', name: city, serviceArea: null };
    for (const form of [city, ...forms]) addVariant(target, form);
  }

  // Row labels of the service-area tables, as printed; the cost-centre accounts are lexicon words.
  const accountKeys = new Set(sources.accounts.map((a) => foldWords(a).join(' ')));
  const labels = new Map<string, NameTarget>();
  for (const f of data.facts) {
    if (f.kind === 'change' || !LABEL_TABLES.includes(f.table as LabelTable)) continue;
    const folded = foldWords(f.account).join(' ');
    if (accountKeys.has(folded)) continue;
    const target: NameTarget = {
      kind: 'label',
      name: f.account,
      table: f.table as LabelTable,
      serviceArea: areaOf.get(f.costCentre) ?? f.costCentre,
    };
    const key = targetKey(target);
    if (!labels.has(key)) labels.set(key, target);
  }
  // "Henkilöstökulut" where a ledger export has its parts (palkat ja palkkiot, henkilösivukulut).
  for (const [group, members] of Object.entries(sources.lineGroups ?? {})) {
    const parts = members.map((m) =>
      labels.get(targetKey({ kind: 'label', name: m, table: 'accounts', serviceArea: null })),
    );
    if (parts.some((p) => p === undefined)) continue;
    const target: NameTarget = {
      kind: 'label',
      name: group,
      table: 'accounts',
      serviceArea: parts[0]!.serviceArea,
    };
    if (!labels.has(targetKey(target))) labels.set(targetKey(target), target);
  }
  for (const target of labels.values()) addVariant(target, target.name);
  for (const entry of sources.labelAliases) {
    const want = foldWords(entry.label).join(' ');
    for (const target of labels.values()) {
      if (!nameForms(target.name).some((f) => foldWords(f).join(' ') === want)) continue;
      for (const alias of [...entry.fi, ...entry.en]) addVariant(target, alias);
    }
  }

  const vocabByFold = new Map<string, VocabWord>();
  for (const v of variants) {
    v.words.forEach((w, i) => {
      let entry = vocabByFold.get(w.fold);
      if (!entry) {
        entry = { fold: w.fold, stem: w.stem, root: w.root, refs: [], lexical: w.lexical };
        vocabByFold.set(w.fold, entry);
      }
      entry.refs.push({ variant: v.id, word: i });
    });
  }
  const vocab = [...vocabByFold.values()];
  const push = (map: Map<string, VocabWord[]>, key: string, w: VocabWord) => {
    const list = map.get(key);
    if (list) {
      if (!list.includes(w)) list.push(w);
    } else map.set(key, [w]);
  };
  const index: NameIndex = {
    variants,
    vocab,
    byFold: new Map(),
    byStem: new Map(),
    byRoot: new Map(),
    byTail: new Map(),
    byTailRoot: new Map(),
    byInitial: new Map(),
    byFirstWord: new Map(),
    names,
    isWord: (fold) => sources.isLexiconWord(fold) || sources.isFillerWord(fold) || vocabByFold.has(fold),
  };
  for (const v of variants) {
    if (v.target.kind === 'label' || v.significantCount < 2 || !v.words[0]!.significant) continue;
    const list = index.byFirstWord.get(v.words[0]!.fold);
    if (list) list.push(v);
    else index.byFirstWord.set(v.words[0]!.fold, [v]);
  }
  for (const w of vocab) {
    push(index.byFold, w.fold, w);
    push(index.byStem, w.stem, w);
    if (w.root.length >= 4) push(index.byRoot, w.root, w);
    // Compound tails start after at least three letters and keep at least four.
    for (const form of [w.stem, w.fold])
      for (let i = 3; i + 4 <= form.length; i++) push(index.byTail, form.slice(i), w);
    // Tails long enough to be a word of their own ("verotus", "liikenne"), by their inflection root.
    for (let i = 3; i + MIN_TAIL_WORD <= w.fold.length; i++)
      push(index.byTailRoot, inflectionRoot(w.fold.slice(i)), w);
    if (w.fold.length >= 5) push(index.byInitial, w.fold.slice(0, TYPO_PREFIX), w);
  }
  return index;
}
