/**
 * Latency of understanding alone (text + previous query → Query): the index build once per
 * store, and per-message p50/p99 on the seed store and on a generated store of 2 000 cost
 * centres × 10 years, beside tokenising the same messages (the least any reading costs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BudgetData, Query } from '../src/domain';
import { loadBudgetData } from '../src/store/budget-store';
import { buildUnderstandingIndex, type UnderstandingIndex, understand } from '../src/understanding';
import { tokenize } from '../src/understanding/normalize-text';
import { type Bench, type BenchRow, percentile } from './bench-section';
import { generatedStore } from './questions.bench';

const here = path.dirname(fileURLToPath(import.meta.url));
const SEED_STORE = path.join(here, '..', 'data', 'budget.json');
const QUESTIONS = path.join(here, '..', 'test', 'questions', 'questions.jsonl');
const ROUNDS = 5;

function conversations(): string[][] {
  return readFileSync(QUESTIONS, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { turns: string[] }).turns);
}

// Questions about the generated names, inflected and misspelt the way people write them.
function generatedQuestions(data: BudgetData): string[][] {
  const names = data.costCentres.filter((c) => c.level === 'costCentre').map((c) => c.name);
  const out: string[][] = [];
  names.forEach((name, i) => {
    if (i % 7 !== 0) return;
    const lower = name.toLowerCase();
    const typo = `${lower.slice(0, 3)}${lower.slice(4)}`;
    out.push([`${lower}n menot ${2015 + (i % 8)}`]);
    out.push([`paljonko ${typo} on käyttänyt?`, 'entä tulot?']);
  });
  return out;
}

/** Per message: the median of its timed rounds, so one scheduling stall on a busy machine does not pass for the code's cost. */
function measure(
  index: UnderstandingIndex,
  convs: string[][],
): { perMessage: number[]; raw: number[]; tokenizeSamples: number[] } {
  const byMessage: number[][] = [];
  const raw: number[] = [];
  const tokenizeSamples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let k = 0;
    for (const turns of convs) {
      let previous: Query | null = null;
      for (const turn of turns) {
        const t0 = performance.now();
        const u = understand(turn, previous, index);
        const t1 = performance.now();
        tokenize(turn, 60);
        const t2 = performance.now();
        // Round 0 warms the JIT and the stem cache; it is not counted.
        if (round > 0) {
          byMessage[k] ??= [];
          byMessage[k].push(t1 - t0);
          raw.push(t1 - t0);
          tokenizeSamples.push(t2 - t1);
        }
        k++;
        previous = u.kind === 'query' ? u.query : u.kind === 'clarify' ? u.partial : (u.partial ?? previous);
      }
    }
  }
  return { perMessage: byMessage.map((v) => percentile(v, 50)), raw, tokenizeSamples };
}

function rows(label: string, data: BudgetData, convs: string[][], target: number): BenchRow[] {
  const t0 = performance.now();
  const index = buildUnderstandingIndex(data);
  const build = performance.now() - t0;
  const { perMessage, raw, tokenizeSamples } = measure(index, convs);
  const p99 = percentile(perMessage, 99);
  const base = { name: 'tokenize p50', value: percentile(tokenizeSamples, 50), unit: 'ms' };
  return [
    { name: `${label}: index build`, value: build, unit: 'ms', note: 'once per store load' },
    {
      name: `${label}: understand p50`,
      value: percentile(perMessage, 50),
      unit: 'ms',
      baseline: base,
      note: `${perMessage.length} messages × ${ROUNDS - 1} rounds`,
    },
    {
      name: `${label}: understand p99`,
      value: p99,
      unit: 'ms',
      target: `< ${target} ms (whole question)`,
      met: p99 < target,
      baseline: { ...base, name: 'tokenize p99', value: percentile(tokenizeSamples, 99) },
      note: `of per-message medians; raw p99 over all timings ${percentile(raw, 99).toFixed(2)} ms`,
    },
  ];
}

const bench: Bench = async (progress) => {
  const seed = await loadBudgetData(SEED_STORE);
  const convs = conversations();
  progress(`seed store: ${seed.costCentres.length} names, ${convs.length} conversations`);
  const seedRows = rows('seed store', seed, convs, 2);
  const generated = generatedStore(2000, 10);
  const genConvs = [...convs, ...generatedQuestions(generated)];
  progress(`generated store: ${generated.costCentres.length} names, ${genConvs.length} conversations`);
  const genRows = rows('2 000 cost centres × 10 years', generated, genConvs, 10);
  return {
    title: 'Understanding (text + previous query → Query)',
    rows: [...seedRows, ...genRows],
    notes: [
      'The question-set conversations in both stores; on the generated store also its own names, inflected (-n) and with a letter dropped.',
      'The targets are for the whole question (understand + answer + card); understanding is a part of that budget.',
    ],
  };
};

export default bench;
