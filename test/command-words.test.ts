import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Intent } from '../src/domain';
import { questionKind } from '../src/domain/question-kinds';
import { loadBudgetData } from '../src/store/budget-store';
import { buildUnderstandingIndex, type UnderstandingIndex, understand } from '../src/understanding';
import { loadLexicon } from '../src/understanding/lexicon';
import { tokenize } from '../src/understanding/normalize-text';
import { findAllPhrases, wordMatches } from '../src/understanding/phrase-matcher';
import { ACCOUNTS } from './fixtures/documents/generate/city-model';
import type { QuestionCase } from './questions/score-answer';

const ROOT = path.join(import.meta.dirname, '..');
const QUESTIONS = path.join(ROOT, 'test', 'questions');

let index: UnderstandingIndex;
beforeAll(async () => {
  index = buildUnderstandingIndex(await loadBudgetData(path.join(ROOT, 'data', 'budget.json')));
});

function intentOf(text: string): Intent | null {
  const u = understand(text, null, index);
  return u.kind === 'query' ? u.query.intent : null;
}

const changesState = (intent: Intent | null) => intent !== null && questionKind(intent).changesState;

// Data questions whose words begin like a command word, or hold one: none may touch the alerts.
const DATA_QUESTIONS = [
  'Perusopetuksen menot 2023',
  'Perusopetus menot',
  'Mikä oli Tietohallinnon vuosiennuste syyskuun lopun tilanteen perusteella?',
  'ennuste syyskuun lopun tilanteen perusteella',
  'Mitkä ovat budjetin perustelut?',
  'peruspalvelujen menot 2021',
  'Paljonko tilaa on vielä Tietohallinnon budjetissa?',
  'tilaajan menot 2021',
  'Hälytysajoneuvojen menot 2023',
  'Lopeta Tietohallinnon menot 2021',
  'When will IT stop overspending?',
  'Did the elections stop spending in 2021?',
  'lopettiko Joukkoliikenne kulut 2021',
  'Tilaa jäljellä Vaalien budjetissa?',
  'Stop: how much has IT spent?',
];

// A question about the alerts lists them; it never changes them.
const ALERT_QUESTIONS = [
  'Mikä on hälytysraja?',
  'miten tilaan hälytykset?',
  'Tuliko hälytyksiä?',
  'How do I unsubscribe?',
  'what alerts do I have?',
  'onko minulla hälytyksiä tilattuna?',
];

// Unambiguous commands, each with the intent it must have.
const COMMANDS: Array<[string, Intent]> = [
  ['lopeta', 'unsubscribe'],
  ['Lopeta.', 'unsubscribe'],
  ['stop', 'unsubscribe'],
  ['stop please', 'unsubscribe'],
  ['lopeta hälytykset', 'unsubscribe'],
  ['lopeta Tietohallinto', 'unsubscribe'],
  ['peru tilaus', 'unsubscribe'],
  ['peruuta hälytykset', 'unsubscribe'],
  ['älä lähetä enää hälytyksiä', 'unsubscribe'],
  ['hälytykset pois', 'unsubscribe'],
  ['unsubscribe', 'unsubscribe'],
  ['stop alerts for IT', 'unsubscribe'],
  ['cancel my subscription', 'unsubscribe'],
  ['tilaa hälytykset', 'subscribe'],
  ['tilaa', 'subscribe'],
  ['tilaa Tietohallinto', 'subscribe'],
  ['tilaa hälytys Tietohallinto 80 %', 'subscribe'],
  ['hälytys Vaaleista 90 prosenttia', 'subscribe'],
  ['ilmoita kun Tietohallinnon käyttöaste ylittää 90 %', 'subscribe'],
  ['alert me when IT reaches 90%', 'subscribe'],
  ['subscribe to alerts, quiet 14 days', 'subscribe'],
  ['näytä tilaukset', 'listSubscriptions'],
];

describe('commands that change state', () => {
  it.each(DATA_QUESTIONS)('should read "%s" as no command', (text) => {
    const intent = intentOf(text);
    expect(changesState(intent), `${text} → ${intent}`).toBe(false);
  });

  it.each(ALERT_QUESTIONS)('should list the alerts, not change them, for "%s"', (text) => {
    expect(intentOf(text)).toBe('listSubscriptions');
  });

  it.each(COMMANDS)('should read "%s" as %s', (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});

/** Every folded word of a text. */
function words(text: string): string[] {
  return tokenize(text, Number.MAX_SAFE_INTEGER).map((t) => t.fold);
}

function questionCases(): QuestionCase[] {
  return readdirSync(QUESTIONS)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) =>
      readFileSync(path.join(QUESTIONS, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as QuestionCase),
    );
}

// Words of budget documents and questions that begin like a command word: "perus…" like
// "peru" (cancel), "tila…" like "tilaa" (subscribe), "lopu…" like "lopeta" (stop).
const LOOKALIKES = [
  'perus',
  'perusopetus',
  'perusopetuksen',
  'perusteet',
  'perustelut',
  'perusteella',
  'peruspalvelut',
  'perusparannus',
  'perusturva',
  'tilaa',
  'tilaaja',
  'tilaajan',
  'tilaajat',
  'tilat',
  'tilapäinen',
  'tilaus',
  'tilauksen',
  'tilausliikenne',
  'lopussa',
  'lopun',
  'loppu',
  'lopullinen',
  'lopettaminen',
  'lopetetut',
  'ilmoitus',
  'ilmoitukset',
  'muistutus',
  'hälytysajoneuvot',
  'hälytyskeskus',
  'stopping',
  'cancellation',
  'cancelled',
];

/** The words of the documents: the seeds, the whole-city fixtures' names and the store's names. */
function documentWords(): Map<string, string> {
  const vocab = new Map<string, string>();
  const add = (text: string, where: string) => {
    for (const w of words(text)) if (!vocab.has(w)) vocab.set(w, where);
  };
  for (const f of readdirSync(path.join(ROOT, 'seeds')))
    add(readFileSync(path.join(ROOT, 'seeds', f), 'utf8'), `seeds/${f}`);
  const csv = path.join(
    ROOT,
    'test',
    'fixtures',
    'documents',
    'city',
    'lumijarvi-kuukausitoteumat-2015-2024.csv',
  );
  const names = new Set(
    readFileSync(csv, 'utf8')
      .split('\n')
      .map((l) => l.split(';')[1] ?? ''),
  );
  add([...names].join(' '), 'the whole-city fixtures');
  add(ACCOUNTS.map((a) => a.name).join(' '), 'the whole-city chart of accounts');
  for (const n of index.names.names) add(`${n.name} ${n.alias}`, 'data/budget.json');
  add(LOOKALIKES.join(' '), 'words that begin like a command');
  return vocab;
}

/** Every turn of the question set's data conversations (its own commands, "lopeta hälytykset", aside). */
function dataTurns(): Array<{ id: string; turn: string }> {
  return questionCases()
    .filter((c) => !(c.expect.intent && questionKind(c.expect.intent as Intent).group === 'command'))
    .flatMap((c) => c.turns.map((turn) => ({ id: c.id, turn })));
}

describe('command words against the documents and the question set', () => {
  const changing = () => index.intents.filter((p) => questionKind(p.value).changesState);

  it('should have the words that once swallowed data questions among those checked', () => {
    const vocab = documentWords();
    expect(vocab.size).toBeGreaterThan(1500);
    for (const w of ['perusopetus', 'halytysajoneuvot']) expect(vocab.has(w)).toBe(true);
    expect(dataTurns().length).toBeGreaterThan(1000);
    expect(changing().length).toBeGreaterThan(10);
  });

  it('should let no one-word command that changes state match a word of the documents', () => {
    // Budget documents never speak of alerts: a command word read from one of their words
    // ("peru*" from "Perusopetus", "hälyty*" from "Hälytysajoneuvot") swallows a name. Bare
    // commands ("lopeta", "tilaa") are everyday words: they count only alone (the cases above).
    const vocab = documentWords();
    const fired: string[] = [];
    for (const p of changing().filter((p) => p.words.length === 1))
      for (const [word, where] of vocab)
        if (wordMatches(p.words[0]!, word)) fired.push(`"${p.source}" reads "${word}" (${where})`);
    expect(fired).toEqual([]);
  });

  it('should fire no command phrase that changes state on a data question or a line of the documents', () => {
    const seedLines = readdirSync(path.join(ROOT, 'seeds')).flatMap((f) =>
      readFileSync(path.join(ROOT, 'seeds', f), 'utf8')
        .split('\n')
        .map((line, i) => ({ id: `seeds/${f}:${i + 1}`, turn: line })),
    );
    const fired: string[] = [];
    for (const { id, turn } of [...dataTurns(), ...seedLines]) {
      const tokens = tokenize(turn);
      for (const hit of findAllPhrases(changing(), tokens, () => true))
        fired.push(`${id}: "${hit.phrase.source}" in ${JSON.stringify(turn.slice(0, 100))}`);
      // A bare command counts only when it is nearly the whole message.
      const bare = findAllPhrases(index.commands.bare, tokens, () => true);
      if (bare.length > 0 && tokens.length <= 2)
        fired.push(`${id}: bare "${bare[0]!.phrase.source}" in ${turn}`);
    }
    expect(fired).toEqual([]);
  });

  it('should write no bare command as a prefix, and give bare commands only to kinds that change state', () => {
    // Bare commands are whole words or short phrases: "peru*" read "Perusopetus".
    const lexicon = loadLexicon();
    const bare = lexicon.intents.intents.flatMap((e) => [...(e.bare?.fi ?? []), ...(e.bare?.en ?? [])]);
    expect(bare.length).toBeGreaterThan(0);
    expect(bare.filter((w) => w.includes('*'))).toEqual([]);
    for (const e of lexicon.intents.intents)
      if (e.bare) expect(questionKind(e.intent).changesState, e.intent).toBe(true);
  });
});
