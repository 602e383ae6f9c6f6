/**
 * Writes examples/ledger/: the monthly ledger exports of the seed cost centres, 2021-01 … 2021-12
 * (ending at TP 2021) and 2022-07 … 2022-12 (continuing from TOT 30.6.2022), as
 * bench/ledger-generator.ts makes them. `npx tsx bench/generate-example-ledgers.ts`; a test
 * checks that the committed files are what this writes.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AliasesSchema } from '../src/ingest/aliases';
import { ingestSources } from '../src/ingest/ingest-files';
import { generateLedgerRows, ledgerFiles } from './ledger-generator';

const root = new URL('../', import.meta.url);

/** How the 2021 ledger spells the cost centres that were renamed in 2022 (see data/aliases.json). */
export const NAMES_2021: Readonly<Record<string, string>> = {
  Kaupunginvaltuusto: 'Valtuusto',
  Kaupunginhallitus: 'Hallitus',
  'Itä-Lapin kuntayhtymä': 'Itä-Lapin Ky',
};

/** The example ledger files by name, generated from the seed reports. */
export function exampleLedgers(): Map<string, string> {
  const seeds = readdirSync(new URL('seeds/', root))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ path: `seeds/${f}`, bytes: new Uint8Array(readFileSync(new URL(`seeds/${f}`, root))) }));
  const aliases = AliasesSchema.parse(JSON.parse(readFileSync(new URL('data/aliases.json', root), 'utf8')));
  const store = ingestSources(seeds, aliases).data;
  const rows = generateLedgerRows(store, {
    closedYear: 2021,
    openYear: 2022,
    reportAsOf: '2022-06-30',
    seed: 2022,
  });
  return new Map([
    ...ledgerFiles(
      rows.filter((r) => r.asOf.startsWith('2021')),
      NAMES_2021,
    ),
    ...ledgerFiles(rows.filter((r) => r.asOf.startsWith('2022'))),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('examples/ledger/', root);
  for (const old of readdirSync(dir).filter((f) => f.endsWith('.csv'))) rmSync(new URL(old, dir));
  for (const [name, text] of exampleLedgers()) writeFileSync(new URL(name, dir), text);
  process.stdout.write(`wrote ${[...exampleLedgers().keys()].join(', ')} to examples/ledger/\n`);
}
