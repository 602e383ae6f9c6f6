/**
 * `npm run export -- [--store STORE] [--format csv|json]`: every fact of the store, with its
 * document and line, as CSV (default) or JSON, on standard output.
 */
import { BudgetBotError } from '../domain';
import { exportCsv, exportJson } from '../ingest/export-facts';
import { loadBudgetData } from '../store/budget-store';

const USAGE = 'usage: npm run export -- [--store STORE] [--format csv|json]';

function parseArgs(argv: readonly string[]): { store: string; format: 'csv' | 'json' } {
  // STORE_PATH names the store as it does for the bot; --store names another.
  let store = process.env.STORE_PATH || 'data/budget.json';
  let format: 'csv' | 'json' = 'csv';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--store') {
      const v = argv[++i];
      if (!v) throw new BudgetBotError(`--store needs a file\n${USAGE}`, 'bad_input');
      store = v;
    } else if (arg === '--format') {
      const v = argv[++i];
      if (v !== 'csv' && v !== 'json')
        throw new BudgetBotError(`--format must be csv or json\n${USAGE}`, 'bad_input');
      format = v;
    } else if (arg === '--') continue;
    else throw new BudgetBotError(`unknown argument ${arg}\n${USAGE}`, 'bad_input');
  }
  return { store, format };
}

async function main(): Promise<number> {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const data = await loadBudgetData(opts.store);
    process.stdout.write(opts.format === 'csv' ? exportCsv(data) : exportJson(data));
    return 0;
  } catch (e) {
    process.stderr.write(
      `export failed: ${e instanceof BudgetBotError ? e.message : (e as Error).message}\n`,
    );
    return 1;
  }
}

process.exitCode = await main();
