/**
 * PostgreSQL for the tests: the server named by TEST_POSTGRES_URL (`.ci/run` starts a
 * throw-away cluster and sets it; locally `npx tsx test/support/postgres-cluster.ts run -- npm
 * test`). Each test gets a database of its own, dropped afterwards. Without the variable the
 * PostgreSQL tests are skipped, and say so loudly; under CI its absence is an error, never a skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
export interface TestDatabase {
  url: string;
  name: string;
  /** Drops it (closing whatever connections are left). */
  drop(): Promise<void>;
}

/** Creates an empty database on the test server. */
export async function freshDatabase(): Promise<TestDatabase> {
  if (!POSTGRES_URL) throw new Error(POSTGRES_SKIP_REASON);
  const name = `bot_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL as string });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
