import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BudgetBotError, type BudgetData, formatNumber } from '../domain';
import { loadBudgetData, removeOrphanTempFiles, saveBudgetData } from '../store/budget-store';
import { findLosses, losesData, lossLines, type StoreLosses } from '../store/store-losses';
import { loadAliases } from './aliases';
import { type IngestResult, ingestSources, readSourceFiles } from './ingest-files';
import { loadLedgerMapping } from './ledger-export';

/** Options of `npm run ingest`. */
export interface IngestOptions {
  out: string;
  report: string | null;
  aliases: string;
  /** A mapping file for ledger exports whose headers are not recognised (`--mapping FILE`). */
  mapping?: string | null;
  files: string[];
  /** Write the store even when it drops cost centres or figures of the store it replaces. */
  acceptRemovals?: boolean;
  /** The ledger CSVs print expenses positive (they are stored negative, as the reports print them). */
  expensesPositive?: boolean;
}

/** The usage line of the ingest command. */
export const INGEST_USAGE =
  'usage: npm run ingest -- [--out STORE] [--report FILE] [--aliases FILE] [--mapping FILE] [--accept-removals] [--expenses-positive] [FILE...]';

/**
 * Parses the ingest command line; BudgetBotError with the usage on a mistake. The store is
 * `--out`, else STORE_PATH from the environment (as the bot reads it), else data/budget.json.
 */
export function parseIngestArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): IngestOptions {
  const opts: IngestOptions = {
    out: env.STORE_PATH || 'data/budget.json',
    report: null,
    aliases: 'data/aliases.json',
    files: [],
    acceptRemovals: false,
    expensesPositive: false,
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
    else if (arg === '--accept-removals') opts.acceptRemovals = true;
    else if (arg === '--expenses-positive') opts.expensesPositive = true;
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

/** The store the ingest would replace, or null when there is none (or none that can be read). */
async function currentStore(path: string, lines: string[]): Promise<BudgetData | null> {
  if (!existsSync(path)) return null;
  try {
    return await loadBudgetData(path);
  } catch (e) {
    // An unreadable store has nothing left to protect: rebuilding it is the repair.
    lines.push(`huom. ${e instanceof Error ? e.message : String(e)}; se korvataan uudella`);
    return null;
  }
}

function refusal(out: string, losses: StoreLosses, cutOff: IngestResult['cutOff']): BudgetBotError {
  const lines = [`this ingest would remove data from ${out}:`, ...lossLines(losses).map((l) => `  ${l}`)];
  for (const c of cutOff) lines.push(`  ${c.path}:${c.line}: probably cut off: ${c.reasons.join('; ')}`);
  lines.push(
    'An ingest builds the store from the files named: name every report and ledger file the store should keep (e.g. npm run ingest -- seeds/*.txt examples/ledger/*.csv), or add --accept-removals to remove these on purpose.',
  );
  return new BudgetBotError(lines.join('\n'), 'bad_input');
}

/**
 * Runs the ingest: builds the store from the files named (with none, from seeds/*.txt), then
 * compares it with the store it would replace. When cost centres or more than 1 % of a
 * document's figures would disappear, it refuses (BudgetBotError naming them) unless
 * `acceptRemovals`. Writes the store atomically only when everything parsed; the old store is
 * otherwise left byte for byte as it was. Returns the lines to print.
 */
export async function runIngest(
  opts: IngestOptions,
  seedsDir = 'seeds',
): Promise<{ lines: string[]; data: BudgetData }> {
  let files = opts.files;
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
  }
  const lines: string[] = [];
  for (const name of await removeOrphanTempFiles(opts.out))
    lines.push(`poistettu keskeytyneen ajon väliaikaistiedosto ${name}`);
  const aliases = await loadAliases(opts.aliases);
  const mapping = opts.mapping ? await loadLedgerMapping(opts.mapping) : null;
  const sources = await readSourceFiles(files, { mapping });
  const result = ingestSources(sources, aliases, { expensesPositive: opts.expensesPositive ?? false });
  const previous = await currentStore(opts.out, lines);
  const losses = previous ? findLosses(previous, result.data) : { costCentres: [], documents: [] };
  const removing = losesData(losses);
  if (removing && !opts.acceptRemovals) throw refusal(opts.out, losses, result.cutOff);
  const data: BudgetData = removing
    ? {
        ...result.data,
        acceptedRemovals: {
          documents: losses.documents.map((d) => d.document),
          costCentres: losses.costCentres,
        },
      }
    : result.data;

  for (const f of result.files) lines.push(`luettu ${f.path}: ${f.layout}, ${f.facts} lukua`);
  for (const n of result.notes) lines.push(`  huom. ${n.document}:${n.line}: ${n.message}`);
  for (const c of result.cutOff)
    lines.push(`  VAROITUS ${c.path}:${c.line}: raportti näyttää katkenneelta: ${c.reasons.join('; ')}`);
  if (removing) {
    lines.push('Poistettu tarkoituksella (--accept-removals):');
    for (const l of lossLines(losses)) lines.push(`  ${l}`);
  }
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
  for (const c of data.conflicts) {
    lines.push(
      `  ristiriita: ${c.costCentre} · ${c.account} ${c.basis} ${c.year}: ${c.values.map((v) => `${v.document}:${v.line} ${fi(v.amount)}`).join(' vs ')}`,
    );
  }
  // ingestSources returns the schema's own output (and acceptedRemovals is built in its order).
  await saveBudgetData(opts.out, data, { validated: true });
  if (opts.report) {
    await writeFile(opts.report, `${JSON.stringify(data.reconciliation, null, 2)}\n`, 'utf8');
  }
  lines.push('');
  lines.push(
    `Tallennettu ${opts.out}: ${data.documents.length} asiakirjaa, ${data.costCentres.length} kustannuspaikkaa, ${data.facts.length} lukua, ${data.sections.length} tekstiosiota.`,
  );
  return { lines, data };
}
