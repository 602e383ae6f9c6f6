/**
 * PostgreSQL for the tests: the server named by TEST_POSTGRES_URL (`.ci/run` starts a
 * throw-away cluster and sets it; locally `npx tsx test/support/postgres-cluster.ts run -- npm
 * test`). Each test gets a database of its own, dropped afterwards. Without the variable the
 * PostgreSQL tests are skipped, and say so loudly; under CI its absence is an error, never a skip.
 */
import { createDatabase, type ScratchDatabase } from './postgres-cluster';

/** The admin URL of the test server, or null when PostgreSQL tests cannot run here. */
export const POSTGRES_URL: string | null = process.env.TEST_POSTGRES_URL?.trim() || null;

/** Why PostgreSQL tests are skipped, for the skipped test's name and the warning. */
export const POSTGRES_SKIP_REASON =
  'SKIPPED: TEST_POSTGRES_URL is not set, so the PostgreSQL tests did not run (start a server with `npx tsx test/support/postgres-cluster.ts run -- npm test`)';

if (!POSTGRES_URL) {
  if (process.env.CI) {
    // In CI the server is always there: a missing one is a broken pipeline, not a reason to skip.
    throw new Error('TEST_POSTGRES_URL is not set under CI: .ci/run must start the PostgreSQL cluster');
  }
  process.stderr.write(`\n${'!'.repeat(100)}\n!! ${POSTGRES_SKIP_REASON}\n${'!'.repeat(100)}\n\n`);
}

/** A database of its own on the test server. */
export type TestDatabase = ScratchDatabase;

/** Creates an empty database on the test server. */
export function freshDatabase(): Promise<TestDatabase> {
  if (!POSTGRES_URL) throw new Error(POSTGRES_SKIP_REASON);
  return createDatabase(POSTGRES_URL);
}
