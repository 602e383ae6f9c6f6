import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BudgetBotError, type BudgetData, formatNumber } from '../domain';
import { loadBudgetData, saveBudgetData } from '../store/budget-store';
import { loadAliases } from './aliases';
import { ingestSources, readSourceFiles } from './ingest-files';
import { loadLedgerMapping } from './ledger-export';

/** Options of `npm run ingest`. */
export interface IngestOptions {
  out: string;
  report: string | null;
  aliases: string;
  /** A mapping file for ledger exports whose headers are not recognised (`--mapping FILE`). */
  mapping?: string | null;
  files: string[];
}

/** The usage line of the ingest command. */
export const INGEST_USAGE =
  'usage: npm run ingest -- [--out STORE] [--report FILE] [--aliases FILE] [--mapping FILE] [FILE...]';

/** Parses the ingest command line; BudgetBotError with the usage on a mistake. */
export function parseIngestArgs(argv: readonly string[]): IngestOptions {
  const opts: IngestOptions = {
    out: 'data/budget.json',
    report: null,
    aliases: 'data/aliases.json',
    files: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--'))
        throw new BudgetBotError(`${arg} needs a file name\n${INGEST_USAGE}`, 'bad_input');
      return v;
    };
    if (arg === '--out') opts.out = value();
    else if (arg === '--report') opts.report = value();
    else if (arg === '--aliases') opts.aliases = value();
    else if (arg === '--mapping') opts.mapping = value();
    else if (arg === '--') continue;
    else if (arg.startsWith('--'))
      throw new BudgetBotError(`unknown option ${arg}\n${INGEST_USAGE}`, 'bad_input');
    else opts.files.push(arg);
  }
  return opts;
}

function fi(amount: string): string {
  return formatNumber(amount, 'fi', amount.includes('.') ? (amount.split('.')[1]?.length ?? 0) : 0).replace(
    /\u00a0/g,
    ' ',
  );
}

/**
 * Runs the ingest: with no files, rebuilds the store from seeds/*.txt; with files, parses them
 * on top of the existing store. Writes the store atomically only when everything parsed.
 * Returns the lines to print; throws BudgetBotError on bad input (the store is then untouched).
 */
export async function runIngest(
  opts: IngestOptions,
  seedsDir = 'seeds',
): Promise<{ lines: string[]; data: BudgetData }> {
  let files = opts.files;
  let previous: BudgetData | null = null;
  if (files.length === 0) {
    const entries = existsSync(seedsDir)
      ? (await readdir(seedsDir)).filter((f) => f.endsWith('.txt')).sort()
      : [];
    if (entries.length === 0)
      throw new BudgetBotError(
        `no FILE given and no ${seedsDir}/*.txt to rebuild from\n${INGEST_USAGE}`,
        'bad_input',
      );
    files = entries.map((f) => join(seedsDir, f));
    // A rebuild re-reads the documents, but ledger actuals imported since live only in the
    // store: carry them over so a rebuild never loses a month's import.
    if (existsSync(opts.out)) {
      const old = await loadBudgetData(opts.out);
      const imported = old.documents.filter((d) => d.layout === 'actualsCsv');
      if (imported.length > 0) previous = { ...old, documents: imported };
    }
  } else if (existsSync(opts.out)) {
    previous = await loadBudgetData(opts.out);
  }
  const aliases = await loadAliases(opts.aliases);
  const mapping = opts.mapping ? await loadLedgerMapping(opts.mapping) : null;
  const sources = await readSourceFiles(files, { mapping });
  const result = ingestSources(sources, aliases, previous);

  const lines: string[] = [];
  if (opts.files.length === 0 && previous)
    lines.push(`säilytetty aiemmin tuodut toteumat: ${previous.documents.map((d) => d.name).join(', ')}`);
  for (const f of result.files) lines.push(`luettu ${f.path}: ${f.layout}, ${f.facts} lukua`);
  for (const n of result.notes) lines.push(`  huom. ${n.document}:${n.line}: ${n.message}`);
  const issues = result.reconciliation;
  lines.push('');
  lines.push(
    issues.length === 0
      ? 'Täsmäytys: kaikki summat täsmäävät.'
      : `Täsmäytys: ${issues.length} summaa ei täsmää (luvut pidetty sellaisinaan):`,
  );
  for (const r of issues) {
    lines.push(
      `  ${r.document}:${r.line}  ${r.costCentre} · ${r.account} ${r.basis} ${r.year}: ${r.check}: odotettu ${fi(r.expected)}, painettu ${fi(r.printed)}, ero ${fi(r.difference)} (rivit ${r.termLines.join(', ')})`,
    );
  }
  for (const c of result.data.conflicts) {
    lines.push(
      `  ristiriita: ${c.costCentre} · ${c.account} ${c.basis} ${c.year}: ${c.values.map((v) => `${v.document}:${v.line} ${fi(v.amount)}`).join(' vs ')}`,
    );
  }
  await saveBudgetData(opts.out, result.data);
  if (opts.report) {
    await writeFile(opts.report, `${JSON.stringify(result.data.reconciliation, null, 2)}\n`, 'utf8');
  }
  lines.push('');
  lines.push(
    `Tallennettu ${opts.out}: ${result.data.documents.length} asiakirjaa, ${result.data.costCentres.length} kustannuspaikkaa, ${result.data.facts.length} lukua, ${result.data.sections.length} tekstiosiota.`,
  );
  return { lines, data: result.data };
}
