import { readFile } from 'node:fs/promises';
import type { BudgetData } from '../domain';
import { BudgetBotError, BudgetDataSchema } from '../domain';

/**
 * Reads the budget store fresh from disk. Alerts read it on every run (not once at start) so
 * that an actuals CSV imported while the bot runs is alerted on by the next run.
 */
export async function loadBudgetData(file: string): Promise<BudgetData> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    throw new BudgetBotError('store not found; run "npm run ingest" first or pass --store', 'io', file);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new BudgetBotError('store is not valid JSON', 'bad_input', file);
  }
  const parsed = BudgetDataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BudgetBotError(
      `store does not match the schema at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`,
      'bad_input',
      file,
    );
  }
  return parsed.data;
}
