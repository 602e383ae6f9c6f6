import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { BudgetBotError } from '../domain';

// Keys starting with "$" are comments a city may leave in the file.
const GroupsSchema = z
  .record(z.string().min(1), z.unknown())
  .transform((groups) => Object.entries(groups).filter(([k]) => !k.startsWith('$')))
  .pipe(z.array(z.tuple([z.string(), z.array(z.string())])))
  .transform((entries) => Object.fromEntries(entries) as Record<string, string[]>);

/** The file a city edits: canonical names and the other names people and older documents use. */
export const AliasesSchema = z.object({
  serviceAreas: GroupsSchema.default({}),
  costCentres: GroupsSchema.default({}),
  accounts: GroupsSchema.default({}),
});
/** The parsed aliases file. */
export type Aliases = z.infer<typeof AliasesSchema>;

/** Reads and validates data/aliases.json; a missing file means no aliases. */
export async function loadAliases(path: string): Promise<Aliases> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { serviceAreas: {}, costCentres: {}, accounts: {} };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BudgetBotError(`not valid JSON (${(e as Error).message})`, 'bad_config', path);
  }
  const parsed = AliasesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BudgetBotError(
      `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      'bad_config',
      path,
    );
  }
  return parsed.data;
}

/** Case- and space-insensitive key for comparing names. */
export function nameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}
