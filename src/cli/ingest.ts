/**
 * `npm run ingest -- [--out STORE] [--report FILE] [--accept-removals] FILE...`: builds the store
 * from budget reports and actuals CSVs (with no FILE, from seeds/*.txt); refuses to drop data
 * the store already has unless --accept-removals.
 */
import { BudgetBotError } from '../domain';
import { parseIngestArgs, runIngest } from '../ingest/ingest-command';

async function main(): Promise<number> {
  try {
    const { lines } = await runIngest(parseIngestArgs(process.argv.slice(2), process.env));
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
