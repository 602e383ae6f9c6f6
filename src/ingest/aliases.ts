/** The aliases file as ingest reads it: one loader for the whole project lives in src/store/aliases-file.ts. */
export { type Aliases, AliasesSchema, loadAliases, nameKey } from '../store/aliases-file';
