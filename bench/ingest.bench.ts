/** Ingest: how long reading both seeds into a store takes, and importing a 100 000-line actuals CSV. */
import { readFileSync } from 'node:fs';
import { AliasesSchema } from '../src/ingest/aliases';
import { importActualsCsv } from '../src/ingest/import-actuals-csv';
import { ingestSources, type SourceFile } from '../src/ingest/ingest-files';
import { type Bench, percentile, timeMs } from './bench-section';

const root = new URL('../', import.meta.url);
const SEEDS = ['000_d3382b3632755c54.txt', '001_a49d1ed256dc6eed.txt'];

// CPU time per run of the whole process: on a shared machine it moves less than wall time.
function cpuMsPerRun(fn: () => unknown, runs: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / runs;
}

// A ledger export as a city would give it: every cost centre, expenses and revenues, one
// as-of date per row block, amounts with decimal commas, ';' separated.
function generateCsv(lines: number, costCentres: readonly string[]): string {
  const out = ['cost_centre;account;as_of;amount'];
  const start = Date.UTC(2000, 0, 31);
  let n = 0;
  for (let day = 0; n < lines; day++) {
    const asOf = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    for (const cc of costCentres) {
      for (const account of ['MENOT', 'TULOT']) {
        if (n >= lines) break;
        const cents = ((n * 7919) % 10_000_000) + 1;
        const amount = `${account === 'MENOT' ? '-' : ''}${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
        out.push(`${cc};${account};${asOf};${amount}`);
        n++;
      }
    }
  }
  return `${out.join('\n')}\n`;
}

const bench: Bench = async (progress) => {
  const aliases = AliasesSchema.parse(JSON.parse(readFileSync(new URL('data/aliases.json', root), 'utf8')));
  const seedFiles: SourceFile[] = SEEDS.map((n) => ({
    path: `seeds/${n}`,
    bytes: new Uint8Array(readFileSync(new URL(`seeds/${n}`, root))),
  }));
  const texts = seedFiles.map((f) => new TextDecoder().decode(f.bytes));

  progress('ingesting both seeds 50 times (parse, place, merge, reconcile)');
  const store = ingestSources(seedFiles, aliases).data; // warm-up
  const seedMs = timeMs(() => ingestSources(seedFiles, aliases), 50);
  // Baseline: the least any reader does, splitting the same text into lines.
  const seedCpu = cpuMsPerRun(() => ingestSources(seedFiles, aliases), 20);
  const splitMs = timeMs(() => texts.map((t) => t.split('\n').map((l) => l.split('\t'))), 50);

  progress('generating a 100 000-line actuals CSV and importing it 5 times');
  const names = store.costCentres.filter((c) => c.level === 'costCentre').map((c) => c.name);
  const csv = generateCsv(100_000, names);
  const csvFile: SourceFile = { path: 'ledger.csv', bytes: new TextEncoder().encode(csv) };
  ingestSources([...seedFiles, csvFile], aliases); // warm-up
  const csvMs = timeMs(() => ingestSources([...seedFiles, csvFile], aliases), 5);
  const importOnlyMs = timeMs(
    () => importActualsCsv(csv, 'ledger.csv', { costCentres: store.costCentres, accounts: [] }),
    5,
  );
  const csvCpu = cpuMsPerRun(() => ingestSources([...seedFiles, csvFile], aliases), 3);
  const csvSplitMs = timeMs(() => csv.split('\n').map((l) => l.split(';')), 5);

  const seedP50 = percentile(seedMs, 50);
  const csvP50 = percentile(csvMs, 50);
  return {
    title: 'Ingest',
    rows: [
      {
        name: 'both seeds → store (median of 50)',
        value: seedP50,
        unit: 'ms',
        target: '< 50 ms',
        met: seedP50 < 50,
        baseline: {
          name: 'split lines and tabs of the same text',
          value: percentile(splitMs, 50),
          unit: 'ms',
        },
        note: `p95 ${percentile(seedMs, 95).toFixed(1)} ms; CPU ${seedCpu.toFixed(1)} ms per run; ${store.facts.length} facts`,
      },
      {
        name: '100 000-line actuals CSV → store (median of 5)',
        value: csvP50,
        unit: 'ms',
        target: '< 1 s',
        met: csvP50 < 1000,
        baseline: {
          name: 'split lines and fields of the same CSV',
          value: percentile(csvSplitMs, 50),
          unit: 'ms',
        },
        note: `CPU ${csvCpu.toFixed(0)} ms per run; CSV reading and resolving alone ${percentile(importOnlyMs, 50).toFixed(0)} ms; ${(csv.length / 1e6).toFixed(1)} MB`,
      },
    ],
    notes: [
      'The seed figure is the whole in-memory ingest: layout parsing, placing PDF rows by the row sums, merging names, reconciliation and schema validation; it does not include reading or writing files.',
      'The CSV figure includes merging 100 000 TOT facts into the seed store, conflict detection and schema validation.',
    ],
  };
};

export default bench;
