/**
 * The bot's state behind small async per-record ports, in the shape of teams.ts's Storage
 * (get/set/delete by key, every call a promise), so the same bot and alerts run over the
 * embedded lowdb file (one process) or PostgreSQL (any number of instances). Each port says
 * what is atomic; the conformance suite (test/state-conformance.test.ts) holds every
 * implementation to it.
 */
import type { Lang, Query } from '../domain/query';
import type { AlertLogEntry, AlertRule, Subscription } from './alert-records';

/** What the bot remembers of one conversation. */
export interface ConversationRecord {
  /** botbuilder ConversationReference as JSON (strings capped), for proactive messages. */
  reference: Record<string, unknown>;
  lastQuery: Query | null;
  lang: Lang;
  /** ISO timestamp of the last turn. */
  updatedAt: string;
  /** ISO timestamp of the last welcome, or null. */
  greetedAt: string | null;
}

/** What a turn leaves behind in a conversation. */
export interface TurnMemory {
  reference: Record<string, unknown>;
  lastQuery: Query | null;
  lang: Lang;
}

/** The context a new turn starts from. */
export interface ConversationContext {
  lastQuery: Query | null;
  lang: Lang;
}

/** Conversations: where to reach them, what was asked last, whether they were greeted. */
export interface ConversationStore {
  /** The stored record, or undefined. */
  get(conversationId: string): Promise<ConversationRecord | undefined>;
  /** The context a turn starts from; the last question is dropped once it has expired. */
  context(conversationId: string): Promise<ConversationContext | null>;
  /** The stored reference for a proactive message, or null. */
  reference(conversationId: string): Promise<Record<string, unknown> | null>;
  /** Records a turn; every instance sees it once this resolves. */
  rememberTurn(conversationId: string, memory: TurnMemory): Promise<void>;
  /**
   * Marks the conversation greeted unless it is already. Atomic: of callers racing on one
   * conversation (two install events, two instances) exactly one gets true and sends the welcome.
   * A conversation not yet stored is created from `memory`.
   */
  markGreeted(conversationId: string, memory: TurnMemory): Promise<boolean>;
  /** Forgets the welcome mark (the bot was removed: a new install greets again). */
  clearGreeted(conversationId: string): Promise<void>;
  delete(conversationId: string): Promise<void>;
}

/** How saving a subscription went. */
export type SaveSubscriptionResult =
  | { status: 'saved'; subscription: Subscription; replaced: boolean }
  | { status: 'limit'; limit: number };

/** At most this many subscriptions per conversation: a forged or runaway client cannot fill the store. */
export const MAX_SUBSCRIPTIONS_PER_CONVERSATION = 50;

/** Alert subscriptions, one per conversation and subject (a cost centre, or all of them). */
export interface SubscriptionStore {
  list(): Promise<Subscription[]>;
  listFor(conversationId: string): Promise<Subscription[]>;
  /**
   * Adds the conversation's subscription for its subject, or replaces the one there is (keeping
   * that one's id and creation time). Atomic per conversation: a new subject past
   * MAX_SUBSCRIPTIONS_PER_CONVERSATION is refused, however many instances add at once.
   */
  save(sub: Subscription): Promise<SaveSubscriptionResult>;
  /** Removes a conversation's subscriptions: all (costCentre undefined) or one subject's (null = "all cost centres"). */
  remove(conversationId: string, costCentre?: string | null): Promise<Subscription[]>;
  /** Pauses one subscription (the bot was removed, blocked) with the reason. */
  pause(id: string, reason: string): Promise<void>;
  /** Pauses every active subscription of a conversation; resolves with how many. */
  pauseConversation(conversationId: string, reason: string): Promise<number>;
  /** Resumes every paused subscription of a conversation; resolves with how many. */
  resumeConversation(conversationId: string): Promise<number>;
  listPaused(): Promise<Subscription[]>;
}

/** A key a run asks to deliver, with what the log records about it. */
export interface AlertClaim {
  key: string;
  subscriptionId: string;
  conversationId: string;
  costCentre: string;
  rule: AlertRule;
  step: string;
  asOf: string;
}

/** How a claimed delivery ended. */
export interface AlertOutcome {
  state: 'sent' | 'failed' | 'uncertain';
  /** Attempts made by this run (added to earlier runs' attempts). */
  attempts: number;
  error: string | null;
}

/** Options of a claim. */
export interface ClaimOptions {
  /** A failed key is claimed again only while its attempts are below this. */
  maxAttempts: number;
  /** Claim uncertain keys too (an explicit resend, marked as a possible repeat). */
  includeUncertain?: boolean;
}

/**
 * The alert log: one entry per (subscription, cost centre, rule, step, data date). A key is
 * claimed before its message goes out and settled after, so each goes out once across runs
 * and instances; a claim whose run stopped before settling becomes "uncertain" (the message
 * may have arrived) and is not sent again unless asked.
 */
export interface AlertLog {
  /** The entries there are for these keys. */
  get(keys: readonly string[]): Promise<AlertLogEntry[]>;
  /** Every entry (tools and tests; runs use get()). */
  list(): Promise<AlertLogEntry[]>;
  /** When each subscription was last delivered to (ISO), for quiet periods. */
  lastSent(): Promise<Map<string, string>>;
  /**
   * Claims keys for a run. Atomic: a key nobody holds (or one that failed before, or with
   * includeUncertain one that is uncertain) goes to exactly one of any number of concurrent
   * callers. Resolves with the keys this caller got.
   */
  claim(claims: readonly AlertClaim[], runId: string, options: ClaimOptions): Promise<Set<string>>;
  /** Records the outcome of keys this run claimed; keys claimed by another run are left alone. */
  settle(keys: readonly string[], runId: string, outcome: AlertOutcome): Promise<void>;
  /** Marks the claims of every other run uncertain (those runs stopped); resolves with how many. */
  abandonClaims(exceptRunId: string): Promise<number>;
  /** Uncertain entries: deliveries that may or may not have arrived. */
  listUncertain(): Promise<AlertLogEntry[]>;
  /**
   * Drops entries that can never block anything again: delivered ones whose data date is older
   * than the newest for their cost centre, and those of removed subscriptions. Claims stay.
   */
  pruneSuperseded(newestAsOf: ReadonlyMap<string, string>): Promise<number>;
  /** Drops finished entries (not claims) last changed before `date`. */
  pruneBefore(date: Date): Promise<number>;
}

/** Who holds (or asks for) the alert-run lease. */
export interface LeaseHolder {
  runId: string;
  /** host:pid of the process, for messages and logs. */
  instance: string;
}

/** The answer to a lease request. */
export type LeaseResult =
  | { acquired: true; tookOverFrom: LeaseHolder | null }
  | { acquired: false; holder: LeaseHolder; expiresInMs: number };

/**
 * One delivering alert run at a time across instances: a lease with an expiry that its holder
 * renews while it runs. A holder that dies stops renewing, and another instance takes the run
 * over once the lease has expired. The daily run is marked done per day, so it happens once.
 */
export interface AlertRunLeases {
  acquire(holder: LeaseHolder, ttlMs: number): Promise<LeaseResult>;
  /** Extends the lease; false when this run no longer holds it. */
  renew(runId: string, ttlMs: number): Promise<boolean>;
  release(runId: string): Promise<void>;
  /** Whether the daily run of `day` (YYYY-MM-DD in the alert time zone) has finished. */
  dayDone(day: string): Promise<boolean>;
  markDayDone(day: string, runId: string): Promise<void>;
}

/** The outcome of asking for one question. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** A token bucket's settings. */
export interface BucketLimit {
  /** Sustained takes per minute. */
  perMinute: number;
  /** Takes allowed at once after a quiet spell. */
  burst: number;
}

/** Token buckets shared by every instance (the per-user question limit). */
export interface RateLimitStore {
  /** Takes one token from `key`'s bucket at `nowMs`, atomically. */
  take(key: string, limit: BucketLimit, nowMs: number): Promise<RateDecision>;
}

/** A paused subscription as /healthz and `npm run alerts` list it. */
export interface PausedSubscription {
  id: string;
  conversationId: string;
  scope: Subscription['scope'];
  costCentre: string | null;
  reason: string | null;
  pausedAt: string | null;
}

/** What /healthz says about the state. */
export interface StateReport {
  ok: boolean;
  problem: string | null;
  backend: StateBackend['kind'];
  /** Paused subscriptions: how many, and the first few (without conversation ids: /healthz is not private). */
  paused: { count: number; subscriptions: Omit<PausedSubscription, 'conversationId'>[] };
}

/** The bot's whole state: every port, from one backend. */
export interface StateBackend {
  readonly kind: 'memory' | 'file' | 'postgres';
  readonly conversations: ConversationStore;
  readonly subscriptions: SubscriptionStore;
  readonly alertLog: AlertLog;
  readonly alertRuns: AlertRunLeases;
  /** Shared question buckets; null = each process keeps its own (one process holds the state). */
  readonly questionLimits: RateLimitStore | null;
  /** For /healthz; cheap enough to call on every probe. */
  report(): Promise<StateReport>;
  /** Resolves when every change so far is durable. */
  flush(): Promise<void>;
  /** Flushes and lets go (file lock, database connections). */
  close(): Promise<void>;
}

/** The paused subscription as listed, from the stored record. */
export function pausedSummary(s: Subscription): PausedSubscription {
  return {
    id: s.id,
    conversationId: s.conversationId,
    scope: s.scope,
    costCentre: s.costCentre,
    reason: s.pausedReason,
    pausedAt: s.pausedAt ?? null,
  };
}

/** How many paused subscriptions /healthz lists by name. */
export const PAUSED_LISTED = 20;
