/**
 * Per-question latency of the assistant (understand + answer + card) on the seed store and on a
 * generated store of 2 000 cost centres × 10 years, beside a bare fuse.js search over the same
 * names measured in the same run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import type { BudgetData, Fact, Query } from '../src/domain';
import { loadBudgetData } from '../src/store/budget-store';
import { type Bench, type BenchRow, percentile } from './bench-section';

const here = path.dirname(fileURLToPath(import.meta.url));
const SEED_STORE = path.join(here, '..', 'data', 'budget.json');
const QUESTIONS = path.join(here, '..', 'test', 'questions', 'questions.jsonl');

/** A small deterministic generator so every run measures the same store and questions. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ta',
  've',
  'su',
  'ro',
  'hi',
  'ne',
  'pa',
  'jo',
  'ki',
  'lu',
  'sa',
  'to',
  'va',
  'ri',
  'mu',
  'pe',
  'no',
];
const WORDS = ['palvelut', 'toiminta', 'hallinto', 'neuvonta', 'liikenne', 'projektit', 'huolto', 'tuki'];

/** A store shaped like the seeds: per cost centre MENOT/TULOT/NETTOMENO, TP and budget for 10 years, TOT in the last. */
export function generatedStore(costCentres: number, years: number): BudgetData {
  const rnd = prng(42);
  const first = 2023 - years;
  const doc = 'generated.txt';
  const names = new Set<string>();
  while (names.size < costCentres) {
    const stem = Array.from(
      { length: 2 + Math.floor(rnd() * 3) },
      () => SYLLABLES[Math.floor(rnd() * SYLLABLES.length)],
    ).join('');
    names.add(`${stem[0]?.toUpperCase()}${stem.slice(1)}${WORDS[Math.floor(rnd() * WORDS.length)]}`);
  }
  const facts: Fact[] = [];
  let line = 1;
  const push = (
    cc: string,
    account: string,
    year: number,
    basis: string,
    asOf: string | null,
    amount: number,
  ) =>
    facts.push({
      document: doc,
      line,
      section: 'käyttösuunnitelma',
      table: 'costCentres',
      costCentre: cc,
      account,
      year,
      basis,
      asOf,
      amount: String(amount),
      unit: 'EUR',
      kind: 'figure',
    });
  for (const cc of names) {
    const base = Math.floor(rnd() * 2_000_000) + 1000;
    const income = Math.floor(base * rnd() * 0.3);
    for (const [account, sign, size] of [
      ['MENOT', -1, base],
      ['TULOT', 1, income],
      ['NETTOMENO', -1, base - income],
    ] as const) {
      line++;
      for (let y = first; y < first + years; y++) {
        push(cc, account, y, 'TA+muutos', null, sign * Math.floor(size * (0.9 + rnd() * 0.2)));
        if (y < first + years - 1)
          push(cc, account, y, 'TP', null, sign * Math.floor(size * (0.85 + rnd() * 0.3)));
        else push(cc, account, y, 'TOT', `${y}-06-30`, sign * Math.floor(size * (0.4 + rnd() * 0.2)));
      }
    }
  }
  return {
    version: 1,
    documents: [
      {
        name: doc,
        title: 'Generated',
        layout: 'tabbed',
        serviceArea: 'Generoitu palvelualue',
        reportDate: `${first + years - 1}-06-30`,
        lines: line,
      },
    ],
    costCentres: [
      {
        name: 'Generoitu palvelualue',
        aliases: [],
        level: 'serviceArea',
        serviceArea: null,
        documents: [doc],
      },
      ...[...names].map((name) => ({
        name,
        aliases: [],
        level: 'costCentre' as const,
        serviceArea: 'Generoitu palvelualue',
        documents: [doc],
      })),
    ],
    facts,
    sections: [],
    reconciliation: [],
    conflicts: [],
  };
}

function generatedQuestions(data: BudgetData, count: number): string[][] {
  const rnd = prng(7);
  const names = data.costCentres.filter((c) => c.level === 'costCentre').map((c) => c.name);
  const years = [...new Set(data.facts.map((f) => f.year))].sort();
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const templates: Array<() => string[]> = [
    () => [`${pick(names)} menot ${pick(years)}`],
    () => [`paljonko ${pick(names)} on käyttänyt?`],
    () => [`${pick(names)} budjetti ${pick(years)}`],
    () => [`vertaa ${pick(names)} menoja ${pick(years)} ja ${pick(years)}`],
    () => [`${pick(names)} menojen kehitys`],
    () => [`suurimmat menot ${pick(years)}`],
    () => [`${pick(names)} tulot ${pick(years)}`, `entä ${pick(years)}?`],
    () => [`How much did ${pick(names)} spend in ${pick(years)}?`],
    () => [`${pick(names).slice(0, -2)}x menot ${pick(years)}`],
  ];
  return Array.from({ length: count }, () => pick(templates)());
}

/**
 * Milliseconds per question (each turn, with earlier turns as context). Every conversation runs
 * `rounds` times and a turn's latency is the median of its runs, so a scheduler pause on a busy
 * machine does not count as the question's own cost; the raw samples are returned too.
 */
function measure(
  assistant: BudgetAssistant,
  conversations: string[][],
  rounds: number,
): { medians: number[]; raw: number[] } {
  const medians: number[] = [];
  const raw: number[] = [];
  for (const turns of conversations) {
    const perTurn: number[][] = turns.map(() => []);
    for (let r = 0; r < rounds; r++) {
      let previous: Query | null = null;
      turns.forEach((turn, i) => {
        const t0 = performance.now();
        const answer = assistant.ask(turn, previous);
        const ms = performance.now() - t0;
        perTurn[i]?.push(ms);
        raw.push(ms);
        previous = answer.query ?? previous;
      });
    }
    for (const runs of perTurn) medians.push(percentile(runs, 50));
  }
  return { medians, raw };
}

function fuseBaseline(names: string[], queries: string[]): number[] {
  const fuse = new Fuse(names, { includeScore: true, threshold: 0.4 });
  const samples: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    fuse.search(q.slice(0, 100), { limit: 5 });
    samples.push(performance.now() - t0);
  }
  return samples;
}

function rowsFor(
  label: string,
  assistant: BudgetAssistant,
  conversations: string[][],
  target: number,
  rounds: number,
): BenchRow[] {
  measure(assistant, conversations.slice(0, 50), 1); // warm-up: JIT, lazy caches
  const { medians, raw } = measure(assistant, conversations, rounds);
  const names = assistant.data.costCentres.map((c) => c.name);
  const base: number[][] = Array.from({ length: rounds }, () => fuseBaseline(names, conversations.flat()));
  const baseMedians = (base[0] ?? []).map((_, i) =>
    percentile(
      base.map((b) => b[i] as number),
      50,
    ),
  );
  const p50 = percentile(medians, 50);
  const p99 = percentile(medians, 99);
  return [
    {
      name: `${label}: p50 per question`,
      value: p50,
      unit: 'ms',
      baseline: { name: 'bare fuse.js search p50', value: percentile(baseMedians, 50), unit: 'ms' },
    },
    {
      name: `${label}: p99 per question`,
      value: p99,
      target: `< ${target} ms`,
      met: p99 < target,
      unit: 'ms',
      baseline: { name: 'bare fuse.js search p99', value: percentile(baseMedians, 99), unit: 'ms' },
      note: `${medians.length} questions, median of ${rounds} runs each; raw p99 ${percentile(raw, 99).toFixed(2)} ms`,
    },
  ];
}

const bench: Bench = async (progress) => {
  const rows: BenchRow[] = [];
  progress('seed store');
  let t0 = performance.now();
  const seed = BudgetAssistant.fromData(await loadBudgetData(SEED_STORE));
  rows.push({ name: 'seed store: load + build indexes', value: performance.now() - t0, unit: 'ms' });
  const seedQuestions = readFileSync(QUESTIONS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { turns: string[] }).turns);
  rows.push(...rowsFor('seed store', seed, seedQuestions, 2, 5));

  progress('generated store 2 000 × 10');
  const data = generatedStore(2000, 10);
  t0 = performance.now();
  const big = BudgetAssistant.fromData(data);
  rows.push({
    name: 'generated store: build indexes',
    value: performance.now() - t0,
    unit: 'ms',
    note: `${data.facts.length} facts`,
  });
  rows.push(
    ...rowsFor('generated store 2 000 cost centres × 10 years', big, generatedQuestions(data, 600), 10, 5),
  );
  return {
    title: 'Questions: understand + answer + card, per question',
    rows,
    notes: [
      'Seed store: every turn of test/questions/questions.jsonl, five runs after a warm-up; a turn counts with the median of its runs (raw p99 in the note).',
      'Generated store: 600 conversations over 2 000 synthetic cost centres (figures, budgets, comparisons, trends, rankings, follow-ups, English, typos).',
      'Baseline: fuse.js alone searching the same names for the same texts, in the same process, also the median of five runs.',
    ],
  };
};

export default bench;
