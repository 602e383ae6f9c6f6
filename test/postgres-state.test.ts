/**
 * What only the PostgreSQL state has: schema migrations (versioned, idempotent, safe with
 * instances starting at once, a newer schema refused), a clear refusal naming STATE_URL without
 * its password when the server cannot be used, health when the server goes away, and the
 * periodic sweep of stale records.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { MIGRATIONS, migrate } from '../src/store/postgres-migrations';
import { PostgresState, redactedUrl } from '../src/store/postgres-state';
import { subscription } from './fixtures/alert-store';
import { freshDatabase, POSTGRES_URL, type TestDatabase } from './support/postgres-db';

let db: TestDatabase | null = null;
const opened: PostgresState[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close().catch(() => undefined);
  await db?.drop();
  db = null;
});

async function open(url: string, options: Parameters<typeof PostgresState.open>[1] = {}) {
  const s = await PostgresState.open(url, { maintenance: false, ...options });
  opened.push(s);
  return s;
}

/**
 * A pool for looking at a test database directly. pool.end() resolves before its connections'
 * sockets have closed, and the database dropped after the test then ends them with an error the
 * pool passes on as its own 'error' event: without a listener, an uncaught exception that fails
 * the whole run (the bot's own pool has one: PostgresState.open).
 */
function quietPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url });
  pool.on('error', () => undefined);
  return pool;
}

async function versions(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ version: number }>(
      'SELECT version FROM bot_schema_migrations ORDER BY version',
    );
    return rows.map((r) => r.version);
  } finally {
    await c.end();
  }
}

describe('STATE_URL in the configuration', () => {
  it('should take a postgres:// URL and refuse anything else without echoing it', () => {
    expect(loadConfig({ STATE_URL: 'postgres://bot:pw@db:5432/budget' }).stateUrl).toBe(
      'postgres://bot:pw@db:5432/budget',
    );
    expect(loadConfig({}).stateUrl).toBeNull();
    expect(() => loadConfig({ STATE_URL: 'mysql://bot:s3cret@db/budget' })).toThrow(
      /^STATE_URL: invalid value/,
    );
    expect(() => loadConfig({ STATE_URL: 'mysql://bot:s3cret@db/budget' })).not.toThrow(/s3cret/);
  });

  it('should name the database without its password', () => {
    expect(redactedUrl('postgres://bot:s3cret@db.example.fi:5432/budget?sslmode=require')).toBe(
      'postgres://bot@db.example.fi:5432/budget',
    );
  });
});

describe.skipIf(!POSTGRES_URL)('PostgreSQL state', () => {
  it('should migrate an empty database once, even with instances starting at once', async () => {
    db = await freshDatabase();
    const url = db.url;
    await Promise.all(Array.from({ length: 4 }, () => open(url)));
    expect(await versions(url)).toEqual(MIGRATIONS.map((m) => m.version));
    // Opening again applies nothing and loses nothing.
    const first = opened[0] as PostgresState;
    await first.subscriptions.save(subscription({ id: 's1', conversationId: 'c1' }));
    await open(url);
    expect(await (opened.at(-1) as PostgresState).subscriptions.list()).toHaveLength(1);
    const pool = quietPool(url);
    try {
      expect(await migrate(pool)).toEqual([]);
    } finally {
      await pool.end();
    }
  });

  it('should refuse a database that a newer bot has migrated, and change nothing', async () => {
    db = await freshDatabase();
    await open(db.url);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query(`INSERT INTO bot_schema_migrations (version, name) VALUES (99, 'from the future')`);
    await c.end();
    await expect(PostgresState.open(db.url, { maintenance: false })).rejects.toThrow(
      /^STATE_URL: the state database has schema version 99, newer than this bot knows/,
    );
  });

  it('should roll a failed migration back whole', async () => {
    db = await freshDatabase();
    const pool = quietPool(db.url);
    try {
      await expect(
        migrate(pool, [
          { version: 1, name: 'fine', sql: 'CREATE TABLE t_fine (x int)' },
          { version: 2, name: 'broken', sql: 'CREATE TABLE t_broken (x nosuchtype)' },
        ]),
      ).rejects.toThrow(/nosuchtype/);
      const { rows } = await pool.query(
        `SELECT to_regclass('t_fine') AS t, to_regclass('bot_schema_migrations') AS m`,
      );
      expect(rows[0]).toEqual({ t: null, m: null });
    } finally {
      await pool.end();
    }
  });

  it('should sweep conversations idle past the retention (not subscribed ones), idle buckets and old day marks', async () => {
    db = await freshDatabase();
    let now = Date.parse('2026-03-02T08:00:00Z');
    const state = await open(db.url, { now: () => new Date(now), limits: { retentionMs: 86_400_000 } });
    const reference = { conversation: { id: 'x' }, serviceUrl: 'https://smba.trafficmanager.net/emea/' };
    await state.conversations.rememberTurn('idle', { reference, lastQuery: null, lang: 'fi' });
    await state.conversations.rememberTurn('subscribed', { reference, lastQuery: null, lang: 'fi' });
    await state.subscriptions.save(subscription({ id: 's', conversationId: 'subscribed' }));
    await state.questionLimits.take('u1', { perMinute: 20, burst: 10 }, now);
    await state.alertRuns.markDayDone('2026-03-02', 'r1');
    now += 2 * 86_400_000;
    await state.conversations.rememberTurn('fresh', { reference, lastQuery: null, lang: 'fi' });
    expect(await state.maintain()).toEqual({ conversations: 1, buckets: 1, days: 0 });
    expect(await state.conversations.get('idle')).toBeUndefined();
    expect(await state.conversations.get('subscribed')).toBeDefined();
    expect(await state.conversations.get('fresh')).toBeDefined();
    now += 61 * 86_400_000;
    expect((await state.maintain()).days).toBe(1);
  });

  it('should say the server is unreachable in its report, and recover when it is back', async () => {
    db = await freshDatabase();
    const state = await open(db.url, { statementTimeoutMs: 2_000 });
    expect((await state.report()).ok).toBe(true);
    // The database goes away under the running bot.
    const admin = new pg.Client({ connectionString: POSTGRES_URL as string });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [db.name]);
    await new Promise((r) => setTimeout(r, 2_100));
    const down = await state.report();
    expect(down.ok).toBe(false);
    expect(down.problem).toMatch(/^state database unreachable: /);
    await admin.query(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS true`);
    await admin.end();
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await state.report()).ok).toBe(true);
  });

  it('should refuse to start with a plain message naming STATE_URL, never its password', async () => {
    const url = new URL(POSTGRES_URL as string);
    url.username = 'nobody_here';
    url.password = 'pa55word';
    url.pathname = '/no_such_database';
    const failure = PostgresState.open(url.toString(), { maintenance: false });
    await expect(failure).rejects.toThrow(
      /^STATE_URL: state database postgres:\/\/nobody_here@.* cannot be used: /,
    );
    await expect(failure).rejects.not.toThrow(/pa55word/);
  });
});
