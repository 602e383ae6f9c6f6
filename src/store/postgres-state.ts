/**
 * The state ports on PostgreSQL (STATE_URL=postgres://…), for any number of instances. Every
 * change is one statement or one short transaction on the record it touches; what must happen
 * once (a welcome, a delivery claim, the 51st subscription of a conversation, a question over
 * the limit) is decided by the database, not by the instance that asks.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { BudgetBotError } from '../domain/errors';
import type { Lang, Query } from '../domain/query';
import { type AlertLogEntry, AlertLogStateSchema, type AlertRule, type Subscription } from './alert-records';
import { ABANDONED_CLAIM, cappedSubscription } from './document-state';
import { migrate } from './postgres-migrations';
import {
  type AlertClaim,
  type AlertLog,
  type AlertOutcome,
  type AlertRunLeases,
  type BucketLimit,
  type ClaimOptions,
  type ConversationContext,
  type ConversationRecord,
  type ConversationStore,
  type LeaseHolder,
  type LeaseResult,
  MAX_SUBSCRIPTIONS_PER_CONVERSATION,
  PAUSED_LISTED,
  pausedSummary,
  type RateDecision,
  type RateLimitStore,
  type SaveSubscriptionResult,
  type StateBackend,
  type StateReport,
  type SubscriptionStore,
  type TurnMemory,
} from './state-ports';
import { DEFAULT_STATE_LIMITS, type StateLimits } from './state-store';
import { capText, MAX_STORED_NAME, storableReference } from './stored-reference';

/** The one lease all delivering alert runs share. */
const ALERT_LEASE = 'alerts';
/** Namespace of the per-conversation advisory locks (the second key is the conversation's hash). */
const SUBSCRIPTION_LOCK_CLASS = 7426;
/** How long a /healthz answer may be reused: probes every second cost one query per two seconds. */
const REPORT_CACHE_MS = 2_000;
/** How often stale conversations, idle rate buckets and old day marks are swept. */
const MAINTENANCE_MS = 10 * 60_000;
/** Finished daily runs older than this are forgotten. */
const ALERT_DAYS_KEPT_MS = 60 * 86_400_000;

/** What the PostgreSQL state is opened with. */
export interface PostgresStateOptions {
  limits?: Partial<StateLimits>;
  now?: () => Date;
  /** Connections per instance (default 10). */
  maxConnections?: number;
  /** A statement running longer is cancelled (default 15 s): waits stay bounded. */
  statementTimeoutMs?: number;
  /** Where pool errors go (idle connections dropped by the server). */
  onError?: (err: Error) => void;
  /** Sweep stale records every 10 minutes (default true). */
  maintenance?: boolean;
}

/** postgres://user@host:port/db without the password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

/** PostgreSQL cannot store U+0000 in text or jsonb: it is dropped from everything stored. */
function noNul<T>(value: T): T {
  if (typeof value === 'string')
    return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  if (Array.isArray(value)) return value.map(noNul) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[noNul(k)] = noNul(v);
    return out as T;
  }
  return value;
}

/**
 * Runs a statement again when PostgreSQL broke a deadlock by cancelling it (SQLSTATE 40P01): the
 * cancelled statement changed nothing. Claims insert their keys in key order, so two claimers
 * take row locks in the same order; a run marking stopped claims uncertain may still cross one.
 */
async function retryOnDeadlock<T>(statement: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (err) {
      if ((err as { code?: unknown }).code !== '40P01' || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}

function iso(v: Date | string | null): string | null {
  if (v === null) return null;
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

interface SubscriptionRow {
  body: Subscription;
  paused: boolean;
  paused_reason: string | null;
  paused_at: Date | null;
}

function subscriptionOf(r: SubscriptionRow): Subscription {
  return { ...r.body, paused: r.paused, pausedReason: r.paused_reason, pausedAt: iso(r.paused_at) };
}

interface AlertRow {
  key: string;
  run_id: string;
  subscription_id: string;
  conversation_id: string;
  cost_centre: string;
  rule: string;
  step: string;
  as_of: string;
  state: string;
  attempts: number;
  error: string | null;
  created_at: Date;
  updated_at: Date;
}

const ALERT_COLUMNS =
  'key, run_id, subscription_id, conversation_id, cost_centre, rule, step, as_of, state, attempts, error, created_at, updated_at';

function entryOf(r: AlertRow): AlertLogEntry {
  return {
    key: r.key,
    runId: r.run_id,
    subscriptionId: r.subscription_id,
    conversationId: r.conversation_id,
    costCentre: r.cost_centre,
    rule: r.rule as AlertRule,
    step: r.step,
    asOf: r.as_of,
    state: AlertLogStateSchema.parse(r.state),
    attempts: r.attempts,
    error: r.error,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
  };
}

class PgConversations implements ConversationStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly limits: StateLimits,
    private readonly now: () => Date,
  ) {}

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const { rows } = await this.pool.query<{
      reference: Record<string, unknown>;
      last_query: Query | null;
      lang: Lang;
      updated_at: Date;
      greeted_at: Date | null;
    }>({
      name: 'conversation-get',
      text: 'SELECT reference, last_query, lang, updated_at, greeted_at FROM bot_conversations WHERE id = $1',
      values: [noNul(conversationId)],
    });
    const r = rows[0];
    if (!r) return undefined;
    return {
      reference: r.reference,
      lastQuery: r.last_query,
      lang: r.lang,
      updatedAt: iso(r.updated_at) as string,
      greetedAt: iso(r.greeted_at),
    };
  }

  async context(conversationId: string): Promise<ConversationContext | null> {
    const { rows } = await this.pool.query<{ last_query: Query | null; lang: Lang; updated_at: Date }>({
      name: 'conversation-context',
      text: 'SELECT last_query, lang, updated_at FROM bot_conversations WHERE id = $1',
      values: [noNul(conversationId)],
    });
    const r = rows[0];
    if (!r) return null;
    const idle = this.now().getTime() - r.updated_at.getTime();
    return { lastQuery: idle <= this.limits.contextTtlMs ? r.last_query : null, lang: r.lang };
  }

  async reference(conversationId: string): Promise<Record<string, unknown> | null> {
    const { rows } = await this.pool.query<{ reference: Record<string, unknown> }>({
      name: 'conversation-reference',
      text: 'SELECT reference FROM bot_conversations WHERE id = $1',
      values: [noNul(conversationId)],
    });
    return rows[0]?.reference ?? null;
  }

  async rememberTurn(conversationId: string, memory: TurnMemory): Promise<void> {
    await this.pool.query({
      name: 'conversation-remember',
      text: `INSERT INTO bot_conversations (id, reference, last_query, lang, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (id) DO UPDATE SET reference = EXCLUDED.reference,
               last_query = EXCLUDED.last_query, lang = EXCLUDED.lang, updated_at = EXCLUDED.updated_at`,
      values: [
        noNul(conversationId),
        noNul(storableReference(memory.reference)),
        memory.lastQuery === null ? null : noNul(memory.lastQuery),
        memory.lang,
        this.now(),
      ],
    });
  }

  async markGreeted(conversationId: string, memory: TurnMemory): Promise<boolean> {
    const now = this.now();
    // Inserted (new conversation) or updated (not greeted yet) returns the row: this caller greets.
    const { rowCount } = await this.pool.query({
      name: 'conversation-greet',
      text: `INSERT INTO bot_conversations AS c (id, reference, last_query, lang, updated_at, greeted_at)
             VALUES ($1, $2, $3, $4, $5, $5)
             ON CONFLICT (id) DO UPDATE SET greeted_at = EXCLUDED.greeted_at WHERE c.greeted_at IS NULL
             RETURNING c.id`,
      values: [
        noNul(conversationId),
        noNul(storableReference(memory.reference)),
        memory.lastQuery === null ? null : noNul(memory.lastQuery),
        memory.lang,
        now,
      ],
    });
    return rowCount === 1;
  }

  async clearGreeted(conversationId: string): Promise<void> {
    await this.pool.query({
      name: 'conversation-ungreet',
      text: 'UPDATE bot_conversations SET greeted_at = NULL WHERE id = $1 AND greeted_at IS NOT NULL',
      values: [noNul(conversationId)],
    });
  }

  async delete(conversationId: string): Promise<void> {
    await this.pool.query('DELETE FROM bot_conversations WHERE id = $1', [noNul(conversationId)]);
  }
}

const SUBSCRIPTION_COLUMNS = 'body, paused, paused_reason, paused_at';

class PgSubscriptions implements SubscriptionStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {}

  async list(): Promise<Subscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM bot_subscriptions ORDER BY created_at, id`,
    );
    return rows.map(subscriptionOf);
  }

  async listFor(conversationId: string): Promise<Subscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>({
      name: 'subscriptions-for',
      text: `SELECT ${SUBSCRIPTION_COLUMNS} FROM bot_subscriptions WHERE conversation_id = $1 ORDER BY created_at, id`,
      values: [noNul(conversationId)],
    });
    return rows.map(subscriptionOf);
  }

  async save(sub: Subscription): Promise<SaveSubscriptionResult> {
    const capped = noNul(cappedSubscription(sub));
    const subject = capped.costCentre ?? '';
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // One conversation's subscriptions change one at a time: the count below cannot go stale.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        SUBSCRIPTION_LOCK_CLASS,
        capped.conversationId,
      ]);
      const existing = await client.query<{ id: string; created_at: Date }>(
        'SELECT id, created_at FROM bot_subscriptions WHERE conversation_id = $1 AND subject = $2',
        [capped.conversationId, subject],
      );
      const before = existing.rows[0];
      let result: SaveSubscriptionResult;
      if (before) {
        const kept: Subscription = { ...capped, id: before.id, createdAt: iso(before.created_at) as string };
        await client.query(
          `UPDATE bot_subscriptions SET body = $2, paused = $3, paused_reason = $4, paused_at = $5 WHERE id = $1`,
          [kept.id, kept, kept.paused, kept.pausedReason, kept.pausedAt],
        );
        result = { status: 'saved', subscription: kept, replaced: true };
      } else {
        const count = await client.query<{ n: string }>(
          'SELECT count(*) AS n FROM bot_subscriptions WHERE conversation_id = $1',
          [capped.conversationId],
        );
        if (Number(count.rows[0]?.n ?? 0) >= MAX_SUBSCRIPTIONS_PER_CONVERSATION) {
          await client.query('ROLLBACK');
          return { status: 'limit', limit: MAX_SUBSCRIPTIONS_PER_CONVERSATION };
        }
        await client.query(
          `INSERT INTO bot_subscriptions (id, conversation_id, subject, body, paused, paused_reason, paused_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            capped.id,
            capped.conversationId,
            subject,
            capped,
            capped.paused,
            capped.pausedReason,
            capped.pausedAt,
            capped.createdAt,
          ],
        );
        result = { status: 'saved', subscription: capped, replaced: false };
      }
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async remove(conversationId: string, costCentre?: string | null): Promise<Subscription[]> {
    const { rows } =
      costCentre === undefined
        ? await this.pool.query<SubscriptionRow>(
            `DELETE FROM bot_subscriptions WHERE conversation_id = $1 RETURNING ${SUBSCRIPTION_COLUMNS}`,
            [noNul(conversationId)],
          )
        : await this.pool.query<SubscriptionRow>(
            `DELETE FROM bot_subscriptions WHERE conversation_id = $1 AND subject = $2 RETURNING ${SUBSCRIPTION_COLUMNS}`,
            [noNul(conversationId), noNul(costCentre ?? '')],
          );
    return rows.map(subscriptionOf);
  }

  async pause(id: string, reason: string): Promise<void> {
    await this.pool.query(
      `UPDATE bot_subscriptions SET paused = true, paused_reason = $2,
         paused_at = CASE WHEN paused THEN paused_at ELSE $3 END WHERE id = $1`,
      [noNul(id), noNul(capText(reason, MAX_STORED_NAME) ?? ''), this.now()],
    );
  }

  async pauseConversation(conversationId: string, reason: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE bot_subscriptions SET paused = true, paused_reason = $2, paused_at = $3
       WHERE conversation_id = $1 AND NOT paused`,
      [noNul(conversationId), noNul(capText(reason, MAX_STORED_NAME) ?? ''), this.now()],
    );
    return rowCount ?? 0;
  }

  async resumeConversation(conversationId: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE bot_subscriptions SET paused = false, paused_reason = NULL, paused_at = NULL
       WHERE conversation_id = $1 AND paused`,
      [noNul(conversationId)],
    );
    return rowCount ?? 0;
  }

  async listPaused(): Promise<Subscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM bot_subscriptions WHERE paused ORDER BY paused_at, id`,
    );
    return rows.map(subscriptionOf);
  }
}

class PgAlertLog implements AlertLog {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {}

  async get(keys: readonly string[]): Promise<AlertLogEntry[]> {
    if (keys.length === 0) return [];
    const { rows } = await this.pool.query<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM bot_alert_log WHERE key = ANY($1::text[])`,
      [keys.map(noNul)],
    );
    return rows.map(entryOf);
  }

  async list(): Promise<AlertLogEntry[]> {
    const { rows } = await this.pool.query<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM bot_alert_log ORDER BY created_at, key`,
    );
    return rows.map(entryOf);
  }

  async lastSent(): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ subscription_id: string; last: Date }>(
      `SELECT subscription_id, max(updated_at) AS last FROM bot_alert_log WHERE state = 'sent' GROUP BY subscription_id`,
    );
    return new Map(rows.map((r) => [r.subscription_id, iso(r.last) as string] as const));
  }

  async claim(claims: readonly AlertClaim[], runId: string, options: ClaimOptions): Promise<Set<string>> {
    if (claims.length === 0) return new Set();
    const c = claims.map(noNul);
    return retryOnDeadlock(() => this.claimOnce(c, runId, options));
  }

  private async claimOnce(c: AlertClaim[], runId: string, options: ClaimOptions): Promise<Set<string>> {
    // A conflicting key is taken over only when it failed before (or, asked, is uncertain); the
    // row lock makes concurrent callers see each other's claim, so exactly one gets each key.
    const { rows } = await this.pool.query<{ key: string }>({
      name: 'alert-claim',
      text: `INSERT INTO bot_alert_log AS l (${ALERT_COLUMNS})
             SELECT t.key, $8, t.sub, t.conv, t.cc, t.rule, t.step, t.as_of, 'claimed', 0, NULL, $9, $9
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
               AS t(key, sub, conv, cc, rule, step, as_of)
             ORDER BY t.key
             ON CONFLICT (key) DO UPDATE SET state = 'claimed', run_id = EXCLUDED.run_id, error = NULL,
               updated_at = EXCLUDED.updated_at
             WHERE (l.state = 'failed' AND l.attempts < $10) OR ($11 AND l.state = 'uncertain')
             RETURNING l.key`,
      values: [
        c.map((x) => x.key),
        c.map((x) => x.subscriptionId),
        c.map((x) => x.conversationId),
        c.map((x) => x.costCentre),
        c.map((x) => x.rule),
        c.map((x) => x.step),
        c.map((x) => x.asOf),
        runId,
        this.now(),
        options.maxAttempts,
        options.includeUncertain === true,
      ],
    });
    return new Set(rows.map((r) => r.key));
  }

  async settle(keys: readonly string[], runId: string, outcome: AlertOutcome): Promise<void> {
    if (keys.length === 0) return;
    await retryOnDeadlock(() => this.settleOnce(keys, runId, outcome));
  }

  private async settleOnce(keys: readonly string[], runId: string, outcome: AlertOutcome): Promise<void> {
    await this.pool.query({
      name: 'alert-settle',
      text: `UPDATE bot_alert_log SET state = $3, attempts = attempts + $4, error = $5, updated_at = $6
             WHERE key = ANY($1::text[]) AND run_id = $2 AND state IN ('claimed', 'uncertain')`,
      values: [
        keys.map(noNul),
        runId,
        outcome.state,
        outcome.attempts,
        outcome.error === null ? null : noNul(capText(outcome.error, 500) ?? ''),
        this.now(),
      ],
    });
  }

  async abandonClaims(exceptRunId: string): Promise<number> {
    const { rowCount } = await retryOnDeadlock(() =>
      this.pool.query(
        `UPDATE bot_alert_log SET state = 'uncertain', error = $2, updated_at = $3
       WHERE state = 'claimed' AND run_id <> $1`,
        [exceptRunId, ABANDONED_CLAIM, this.now()],
      ),
    );
    return rowCount ?? 0;
  }

  async listUncertain(): Promise<AlertLogEntry[]> {
    const { rows } = await this.pool.query<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM bot_alert_log WHERE state = 'uncertain' ORDER BY updated_at, key`,
    );
    return rows.map(entryOf);
  }

  async pruneSuperseded(newestAsOf: ReadonlyMap<string, string>): Promise<number> {
    const names = [...newestAsOf.keys()].map(noNul);
    const dates = [...newestAsOf.values()].map(noNul);
    const { rowCount } = await this.pool.query(
      `DELETE FROM bot_alert_log l WHERE l.state <> 'claimed' AND (
         NOT EXISTS (SELECT 1 FROM bot_subscriptions s WHERE s.id = l.subscription_id)
         OR (l.state = 'sent' AND EXISTS (
           SELECT 1 FROM unnest($1::text[], $2::text[]) AS n(cc, as_of)
           WHERE n.cc = l.cost_centre AND l.as_of < n.as_of)))`,
      [names, dates],
    );
    return rowCount ?? 0;
  }

  async pruneBefore(date: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM bot_alert_log WHERE state <> 'claimed' AND updated_at < $1`,
      [date],
    );
    return rowCount ?? 0;
  }
}

class PgLeases implements AlertRunLeases {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {}

  async acquire(holder: LeaseHolder, ttlMs: number): Promise<LeaseResult> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO bot_leases (name, run_id, instance, acquired_at, expires_at)
         VALUES ($1, '', '', 'epoch', 'epoch') ON CONFLICT (name) DO NOTHING`,
        [ALERT_LEASE],
      );
      // The database's clock decides expiry: instances' clocks may differ, its own does not.
      const { rows } = await client.query<{ run_id: string; instance: string; left_ms: string }>(
        `SELECT run_id, instance, (extract(epoch FROM (expires_at - now())) * 1000)::bigint AS left_ms
         FROM bot_leases WHERE name = $1 FOR UPDATE`,
        [ALERT_LEASE],
      );
      const row = rows[0];
      const leftMs = Number(row?.left_ms ?? 0);
      if (row && row.run_id !== '' && row.run_id !== holder.runId && leftMs > 0) {
        await client.query('COMMIT');
        return {
          acquired: false,
          holder: { runId: row.run_id, instance: row.instance },
          expiresInMs: leftMs,
        };
      }
      await client.query(
        `UPDATE bot_leases SET run_id = $2, instance = $3, acquired_at = now(),
           expires_at = now() + $4 * interval '1 millisecond' WHERE name = $1`,
        [ALERT_LEASE, holder.runId, noNul(holder.instance), ttlMs],
      );
      await client.query('COMMIT');
      const tookOverFrom =
        row && row.run_id !== '' && row.run_id !== holder.runId
          ? { runId: row.run_id, instance: row.instance }
          : null;
      return { acquired: true, tookOverFrom };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async renew(runId: string, ttlMs: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE bot_leases SET expires_at = now() + $3 * interval '1 millisecond'
       WHERE name = $1 AND run_id = $2 AND expires_at > now()`,
      [ALERT_LEASE, runId, ttlMs],
    );
    return rowCount === 1;
  }

  async release(runId: string): Promise<void> {
    await this.pool.query(
      `UPDATE bot_leases SET run_id = '', instance = '', expires_at = 'epoch' WHERE name = $1 AND run_id = $2`,
      [ALERT_LEASE, runId],
    );
  }

  async dayDone(day: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM bot_alert_days WHERE day = $1', [noNul(day)]);
    return (rowCount ?? 0) > 0;
  }

  async markDayDone(day: string, runId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO bot_alert_days (day, run_id, finished_at) VALUES ($1, $2, $3) ON CONFLICT (day) DO NOTHING`,
      [noNul(day), runId, this.now()],
    );
  }
}

class PgRateLimits implements RateLimitStore {
  /** The longest refill seen: a bucket idle that long is full again, the same as none. */
  longestRefillMs = 60 * 60_000;

  constructor(private readonly pool: pg.Pool) {}

  async take(key: string, limit: BucketLimit, nowMs: number): Promise<RateDecision> {
    const perMs = limit.perMinute / 60_000;
    if (perMs <= 0) return { allowed: true };
    this.longestRefillMs = Math.max(this.longestRefillMs, limit.burst / perMs);
    // Users are stored by a hash: the table needs no names or ids, and every key is short.
    const hashed = createHash('sha256').update(key).digest('base64url');
    const { rows } = await this.pool.query<{ tokens: number; allowed: boolean }>({
      name: 'rate-take',
      // The refill below is least(burst, tokens + elapsed ms × tokens per ms), computed from the row as it was.
      text: `INSERT INTO bot_rate_buckets AS b (key, tokens, at_ms, allowed)
             VALUES ($1, $2::float8 - 1, $3::bigint, true)
             ON CONFLICT (key) DO UPDATE SET
               tokens = CASE WHEN least($2::float8, b.tokens + greatest(0, $3::bigint - b.at_ms) * $4::float8) >= 1
                        THEN least($2::float8, b.tokens + greatest(0, $3::bigint - b.at_ms) * $4::float8) - 1
                        ELSE least($2::float8, b.tokens + greatest(0, $3::bigint - b.at_ms) * $4::float8) END,
               allowed = least($2::float8, b.tokens + greatest(0, $3::bigint - b.at_ms) * $4::float8) >= 1,
               at_ms = greatest(b.at_ms, $3::bigint)
             RETURNING tokens, allowed`,
      values: [hashed, limit.burst, Math.round(nowMs), perMs],
    });
    const r = rows[0];
    if (!r || r.allowed) return { allowed: true };
    return { allowed: false, retryAfterMs: Math.max(1, Math.ceil((1 - r.tokens) / perMs)) };
  }
}

/** Every state port on one PostgreSQL database. */
export class PostgresState implements StateBackend {
  readonly kind = 'postgres' as const;
  readonly conversations: ConversationStore;
  readonly subscriptions: SubscriptionStore;
  readonly alertLog: AlertLog;
  readonly alertRuns: AlertRunLeases;
  readonly questionLimits: PgRateLimits;
  private reportCache: { at: number; report: Promise<StateReport> } | null = null;
  private poolProblem: { at: number; message: string } | null = null;
  private maintenanceTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    /** The database, without password, for messages. */
    readonly where: string,
    private readonly limits: StateLimits,
    private readonly now: () => Date,
  ) {
    this.conversations = new PgConversations(pool, limits, now);
    this.subscriptions = new PgSubscriptions(pool, now);
    this.alertLog = new PgAlertLog(pool, now);
    this.alertRuns = new PgLeases(pool, now);
    this.questionLimits = new PgRateLimits(pool);
  }

  /**
   * Connects, brings the schema up to date, and starts the periodic sweep. Throws a
   * BudgetBotError naming STATE_URL (never its password) when the database cannot be used.
   */
  static async open(url: string, options: PostgresStateOptions = {}): Promise<PostgresState> {
    const where = redactedUrl(url);
    const timeout = options.statementTimeoutMs ?? 15_000;
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: timeout,
      query_timeout: timeout + 5_000,
      application_name: 'budget-bot',
    });
    const state = new PostgresState(
      pool,
      where,
      { ...DEFAULT_STATE_LIMITS, ...options.limits },
      options.now ?? (() => new Date()),
    );
    // An idle connection the server drops emits 'error' on the pool: without a listener the
    // process would crash. It is reported in /healthz and the pool opens a new one when needed.
    pool.on('error', (err) => {
      state.poolProblem = { at: Date.now(), message: err.message };
      options.onError?.(err);
    });
    try {
      await migrate(pool);
    } catch (err) {
      await pool.end().catch(() => undefined);
      if (err instanceof BudgetBotError) throw err;
      const why = err instanceof Error ? err.message : String(err);
      throw new BudgetBotError(`state database ${where} cannot be used: ${why}`, 'io', 'STATE_URL');
    }
    if (options.maintenance !== false) {
      state.maintenanceTimer = setInterval(
        () => void state.maintain().catch(() => undefined),
        MAINTENANCE_MS,
      );
      state.maintenanceTimer.unref();
    }
    return state;
  }

  /**
   * Sweeps what no longer matters: conversations idle past the retention without subscriptions,
   * rate buckets idle long enough to be full again, daily-run marks older than 60 days. Any
   * instance may run it at any time; the statements are idempotent.
   */
  async maintain(): Promise<{ conversations: number; buckets: number; days: number }> {
    const now = this.now().getTime();
    const conversations = await this.pool.query(
      `DELETE FROM bot_conversations c WHERE c.updated_at < $1
       AND NOT EXISTS (SELECT 1 FROM bot_subscriptions s WHERE s.conversation_id = c.id)`,
      [new Date(now - this.limits.retentionMs)],
    );
    const buckets = await this.pool.query('DELETE FROM bot_rate_buckets WHERE at_ms < $1', [
      Math.round(now - this.questionLimits.longestRefillMs),
    ]);
    const days = await this.pool.query('DELETE FROM bot_alert_days WHERE finished_at < $1', [
      new Date(now - ALERT_DAYS_KEPT_MS),
    ]);
    return {
      conversations: conversations.rowCount ?? 0,
      buckets: buckets.rowCount ?? 0,
      days: days.rowCount ?? 0,
    };
  }

  report(): Promise<StateReport> {
    const cached = this.reportCache;
    if (cached && Date.now() - cached.at < REPORT_CACHE_MS) return cached.report;
    const report = this.freshReport();
    this.reportCache = { at: Date.now(), report };
    return report;
  }

  private async freshReport(): Promise<StateReport> {
    try {
      const { rows } = await this.pool.query<SubscriptionRow & { total: string }>(
        `SELECT ${SUBSCRIPTION_COLUMNS}, count(*) OVER () AS total FROM bot_subscriptions
         WHERE paused ORDER BY paused_at, id LIMIT ${PAUSED_LISTED}`,
      );
      const recent = this.poolProblem && Date.now() - this.poolProblem.at < 60_000 ? this.poolProblem : null;
      return {
        ok: true,
        problem: recent ? `a state database connection failed: ${recent.message}` : null,
        backend: 'postgres',
        paused: {
          count: Number(rows[0]?.total ?? 0),
          subscriptions: rows.map((r) => {
            const { conversationId: _hidden, ...listed } = pausedSummary(subscriptionOf(r));
            return listed;
          }),
        },
      };
    } catch (err) {
      return {
        ok: false,
        problem: `state database unreachable: ${err instanceof Error ? err.message : String(err)}`,
        backend: 'postgres',
        paused: { count: 0, subscriptions: [] },
      };
    }
  }

  /** Every change is committed when its promise resolves: nothing to flush. */
  async flush(): Promise<void> {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.maintenanceTimer) clearInterval(this.maintenanceTimer);
    await this.pool.end();
  }
}
