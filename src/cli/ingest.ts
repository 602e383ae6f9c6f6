/**
 * `npm run ingest -- [--out STORE] [--report FILE] FILE...`: parses budget reports and actuals
 * CSVs into the store; with no FILE, rebuilds data/budget.json from seeds/*.txt.
 */
import { BudgetBotError } from '../domain';
import { parseIngestArgs, runIngest } from '../ingest/ingest-command';

async function main(): Promise<number> {
  try {
    const { lines } = await runIngest(parseIngestArgs(process.argv.slice(2)));
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof BudgetBotError) {
      process.stderr.write(`ingest failed, the store was not changed:\n${e.message}\n`);
      return 1;
    }
    process.stderr.write(`ingest failed unexpectedly, the store was not changed: ${(e as Error).message}\n`);
    return 2;
  }
}

process.exitCode = await main();
