import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BudgetBotError, type BudgetData, BudgetDataSchema } from '../domain';

/**
 * Reads data/budget.json (or another store) and validates it. Throws BudgetBotError naming
 * the file when it is missing, not JSON, or not a budget store.
 */
export async function loadBudgetData(path: string): Promise<BudgetData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BudgetBotError(
      code === 'ENOENT'
        ? 'the budget store does not exist; run "npm run ingest" to build it'
        : `cannot read the budget store (${code ?? 'error'})`,
      'no_data',
      path,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BudgetBotError(
      `the budget store is not valid JSON (${(e as Error).message}); run "npm run ingest" to rebuild it`,
      'io',
      path,
    );
  }
  const parsed = BudgetDataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BudgetBotError(
      `the budget store is not in the expected format at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      'io',
      path,
    );
  }
  return parsed.data;
}

/**
 * The store as text: two-space JSON with a final newline, keys in schema order, no timestamps.
 * `validated`: the data is the schema's own output already (an ingest parses what it builds), so
 * its keys are in order and a second pass over 100 000 figures would only cost time.
 */
export function serialiseBudgetData(data: BudgetData, validated = false): string {
  return `${JSON.stringify(validated ? data : BudgetDataSchema.parse(data), null, 2)}\n`;
}

function tempName(path: string): string {
  return `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A temporary file older than this is an orphan even if its writer's process id was reused. */
const ORPHAN_AGE_MS = 10 * 60 * 1000;

/**
 * Removes the temporary files that writers killed mid-write (an ingest stopped with SIGKILL, a
 * full disk) left beside the store, so they do not pile up. A file whose writer still runs is
 * left alone. Returns the names removed.
 */
export async function removeOrphanTempFiles(path: string, now = Date.now()): Promise<string[]> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (!m) continue;
    const pid = Number(m[1]);
    const file = join(dir, name);
    try {
      const age = now - (await stat(file)).mtimeMs;
      if (pid !== process.pid && isRunning(pid) && age < ORPHAN_AGE_MS) continue;
      if (pid === process.pid && age < ORPHAN_AGE_MS) continue;
      await rm(file, { force: true });
      removed.push(name);
    } catch {
      // Gone already (another run cleaned it): nothing to do.
    }
  }
  return removed;
}

/**
 * Writes the store atomically: a temporary file beside the target, then a rename, so a
 * reader never sees half a file and a failed write leaves the old store as it was. The data is
 * validated first unless `validated` says it is the schema's output already.
 */
export async function saveBudgetData(
  path: string,
  data: BudgetData,
  options: { validated?: boolean } = {},
): Promise<void> {
  const text = serialiseBudgetData(data, options.validated === true);
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), tempName(path));
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new BudgetBotError(`cannot write the budget store (${(e as Error).message})`, 'io', path);
  }
}
