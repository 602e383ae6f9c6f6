/**
 * The PostgreSQL schema of the bot state, as numbered migrations applied at start. Each runs
 * once, in order, inside one transaction that first takes a transaction-level advisory lock:
 * two instances starting at once apply them one after the other (the second finds nothing left
 * to do), and a failed migration leaves the database as it was. A database migrated by a newer
 * version of the bot than this one is refused, never written with an older idea of the schema.
 */
import type { Pool } from 'pg';
import { BudgetBotError } from '../domain/errors';

/** One schema change. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Key of the advisory lock that serialises migrations (any constant; "budget" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x627564676574;

/** The schema, oldest change first. Never edit an applied one: add the next. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'conversations, subscriptions, alert log, leases, rate buckets',
    sql: `
      CREATE TABLE bot_conversations (
        id text PRIMARY KEY,
        reference jsonb NOT NULL,
        last_query jsonb,
        lang text NOT NULL,
        updated_at timestamptz NOT NULL,
        greeted_at timestamptz
      );
      CREATE INDEX bot_conversations_updated ON bot_conversations (updated_at);

      CREATE TABLE bot_subscriptions (
        id text PRIMARY KEY,
        conversation_id text NOT NULL,
        -- the cost centre, or '' for "all cost centres": one subscription per conversation and subject
        subject text NOT NULL,
        body jsonb NOT NULL,
        paused boolean NOT NULL DEFAULT false,
        paused_reason text,
        paused_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (conversation_id, subject)
      );
      CREATE INDEX bot_subscriptions_paused ON bot_subscriptions (paused) WHERE paused;

      CREATE TABLE bot_alert_log (
        key text PRIMARY KEY,
        run_id text NOT NULL,
        subscription_id text NOT NULL,
        conversation_id text NOT NULL,
        cost_centre text NOT NULL,
        rule text NOT NULL,
        step text NOT NULL,
        as_of text NOT NULL,
        state text NOT NULL CHECK (state IN ('claimed', 'sent', 'failed', 'uncertain')),
        attempts integer NOT NULL,
        error text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX bot_alert_log_subscription ON bot_alert_log (subscription_id);
      CREATE INDEX bot_alert_log_open ON bot_alert_log (state) WHERE state IN ('claimed', 'uncertain');

      CREATE TABLE bot_leases (
        name text PRIMARY KEY,
        run_id text NOT NULL,
        instance text NOT NULL,
        acquired_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );

      CREATE TABLE bot_alert_days (
        day text PRIMARY KEY,
        run_id text NOT NULL,
        finished_at timestamptz NOT NULL
      );

      CREATE TABLE bot_rate_buckets (
        key text PRIMARY KEY,
        tokens double precision NOT NULL,
        at_ms bigint NOT NULL,
        allowed boolean NOT NULL
      );
      CREATE INDEX bot_rate_buckets_at ON bot_rate_buckets (at_ms);
    `,
  },
];

/** Applies what is missing; resolves with the versions applied now (empty when up to date). */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('BEGIN');
    // Held to the end of the transaction: a second instance waits here, then finds it all done.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS bot_schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM bot_schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const ahead = [...done].filter((v) => v > newest);
    if (ahead.length > 0) {
      throw new BudgetBotError(
        `the state database has schema version ${Math.max(...ahead)}, newer than this bot knows (${newest}); run the newer bot, or restore a backup`,
        'bad_config',
        'STATE_URL',
      );
    }
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO bot_schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
