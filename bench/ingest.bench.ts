/**
 * Ingest: both seeds into a store; a 100 000-line actuals CSV with them; a 5 MB report (and a
 * 1 MB one, to show the time grows in proportion); 5 MB junk files refused with file:line.
 * Each figure stands beside the baseline of decoding and splitting the same bytes.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { AliasesSchema } from '../src/ingest/aliases';
import { importActualsCsv } from '../src/ingest/import-actuals-csv';
import { ingestSources, type SourceFile } from '../src/ingest/ingest-files';
import { type Bench, type BenchRow, percentile, timeMs } from './bench-section';
import { ambiguousJunk, generateReport, repeatedReport } from './report-generator';

const root = new URL('../', import.meta.url);
const SEEDS = ['000_d3382b3632755c54.txt', '001_a49d1ed256dc6eed.txt'];
const MB = 1_000_000;

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

// The least any reader does with the same bytes: decode them and split lines and fields.
function splitBaseline(bytes: Uint8Array): number[] {
  return timeMs(
    () =>
      new TextDecoder()
        .decode(bytes)
        .split('\n')
        .map((l) => l.split(/\s+/)),
    3,
  );
}

const file = (path: string, text: string): SourceFile => ({ path, bytes: new TextEncoder().encode(text) });

const bench: Bench = async (progress) => {
  const loadBefore = os.loadavg()[0]!;
  const aliases = AliasesSchema.parse(JSON.parse(readFileSync(new URL('data/aliases.json', root), 'utf8')));
  const seedFiles: SourceFile[] = SEEDS.map((n) => ({
    path: `seeds/${n}`,
    bytes: new Uint8Array(readFileSync(new URL(`seeds/${n}`, root))),
  }));
  const texts = seedFiles.map((f) => new TextDecoder().decode(f.bytes));

  progress('ingesting both seeds 50 times (parse, place, merge, reconcile)');
  const store = ingestSources(seedFiles, aliases).data; // warm-up
  const seedMs = timeMs(() => ingestSources(seedFiles, aliases), 50);
  const seedCpu = cpuMsPerRun(() => ingestSources(seedFiles, aliases), 20);
  const splitMs = timeMs(() => texts.map((t) => t.split('\n').map((l) => l.split('\t'))), 50);

  progress('generating a 100 000-line actuals CSV and ingesting it with the seeds 5 times');
  const names = store.costCentres.filter((c) => c.level === 'costCentre').map((c) => c.name);
  const csv = generateCsv(100_000, names);
  const csvFile = file('ledger.csv', csv);
  ingestSources([...seedFiles, csvFile], aliases); // warm-up
  const csvMs = timeMs(() => ingestSources([...seedFiles, csvFile], aliases), 5);
  const importOnlyMs = timeMs(
    () => importActualsCsv(csv, 'ledger.csv', { costCentres: store.costCentres, accounts: [] }),
    5,
  );
  const csvCpu = cpuMsPerRun(() => ingestSources([...seedFiles, csvFile], aliases), 3);
  const csvSplitMs = timeMs(() => csv.split('\n').map((l) => l.split(';')), 5);

  // Large reports: the seed budget with its cost-centre table grown (bench/report-generator.ts).
  const reportRow = (mb: number): BenchRow => {
    progress(`generating a ${mb} MB report and ingesting it (1 cold run, then 3)`);
    const report = generateReport(mb * MB);
    const f = file(`report-${mb}mb.txt`, report.text);
    const cold = timeMs(() => ingestSources([f], aliases), 1)[0]!;
    const runs = timeMs(() => ingestSources([f], aliases), 3);
    const facts = ingestSources([f], aliases).data.facts.length;
    const cpu = cpuMsPerRun(() => ingestSources([f], aliases), 1);
    const median = percentile(runs, 50);
    return {
      name: `${(f.bytes.length / MB).toFixed(1)} MB report (${report.costCentres} cost centres) → store (median of 3)`,
      value: median,
      unit: 'ms',
      target: '< 3 s',
      met: median < 3000,
      baseline: {
        name: 'decode and split the same bytes',
        value: percentile(splitBaseline(f.bytes), 50),
        unit: 'ms',
      },
      note: `first (cold) run ${cold.toFixed(0)} ms; CPU ${cpu.toFixed(0)} ms per run; ${facts} facts; ${(median / (f.bytes.length / MB)).toFixed(0)} ms per MB`,
    };
  };
  const junkRow = (name: string, text: string): BenchRow => {
    progress(`ingesting ${name} (refused), 3 times`);
    const f = file('junk.txt', text);
    let message = '';
    const refuse = (): void => {
      try {
        ingestSources([f], aliases);
        message = 'ACCEPTED';
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
    };
    const cold = timeMs(refuse, 1)[0]!;
    const runs = timeMs(refuse, 3);
    const median = percentile(runs, 50);
    const where = /^junk\.txt:\d+/.exec(message)?.[0];
    return {
      name: `${(f.bytes.length / MB).toFixed(1)} MB ${name} → refused (median of 3)`,
      value: median,
      unit: 'ms',
      target: '< 3 s, with file:line',
      met: median < 3000 && where !== undefined,
      baseline: {
        name: 'decode and split the same bytes',
        value: percentile(splitBaseline(f.bytes), 50),
        unit: 'ms',
      },
      note: `first (cold) run ${cold.toFixed(0)} ms; "${message.slice(0, 110)}${message.length > 110 ? '…' : ''}"`,
    };
  };
  const oneMb = reportRow(1);
  const fiveMb = reportRow(5);
  const repeated = junkRow('of one report pasted again and again', repeatedReport(5 * MB));
  const ambiguous = junkRow('of rows of 14 three-digit groups each', ambiguousJunk(5 * MB));

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
        name: 'both seeds + a 100 000-line actuals CSV → store (median of 5)',
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
      oneMb,
      fiveMb,
      repeated,
      ambiguous,
    ],
    notes: [
      'The figures are the whole in-memory ingest: layout parsing, placing PDF rows by the row sums, merging names, reconciliation, the checks for repeated figures and cut-off reports, and schema validation; reading and writing files is not included (writing the store of the 5 MB report, a JSON file of some 70 MB, adds about as much again).',
      'The large reports are the seed budget (001, text of a PDF) with its cost-centre table grown to thousands of generated cost centres, every seventh TULOT row with an empty cell for the sums to place (bench/report-generator.ts). The time per MB of the 1 MB and 5 MB reports shows the ingest grows in proportion to its input.',
      'The junk files are refused by bounds that grow with the file: a figure printed twice under the same heading, and a per-document allowance for reading ambiguous digit groups (src/ingest/pdf-row-readings.ts, ReadingBudget) and for the placement search by row sums (src/ingest/resolve-placements.ts, PlacementBudget).',
      `Wall times on this shared 2-core machine move with the other work on it; the CPU figures move less. Load average (1 min) ${loadBefore.toFixed(1)} at the start of this section, ${os.loadavg()[0]!.toFixed(1)} at its end.`,
    ],
  };
};

export default bench;
