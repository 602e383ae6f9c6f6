import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { AlertLogEntry } from '../store/alert-records';
import type { PausedSubscription } from '../store/state-ports';
import type { AlertRunResult } from './alert-run';
import { AlertRunInProgressError } from './alert-run';
import { alertText } from './alert-text';

/** A message that may or may not have arrived, as the run endpoint and the CLI list it. */
export interface UncertainDelivery {
  subscriptionId: string;
  conversationId: string;
  /** The run that sent (or was sending) it. */
  runId: string;
  findings: { costCentre: string; rule: string; step: string; asOf: string }[];
  /** When it became uncertain (ISO). */
  since: string;
  error: string | null;
}

/** Uncertain alert-log entries as messages: one per subscription and run, findings together. */
export function uncertainDeliveries(entries: readonly AlertLogEntry[]): UncertainDelivery[] {
  const byMessage = new Map<string, UncertainDelivery>();
  for (const e of entries) {
    const id = `${e.subscriptionId}\u0000${e.runId}`;
    let d = byMessage.get(id);
    if (!d) {
      d = {
        subscriptionId: e.subscriptionId,
        conversationId: e.conversationId,
        runId: e.runId,
        findings: [],
        since: e.updatedAt,
        error: e.error,
      };
      byMessage.set(id, d);
    }
    d.findings.push({ costCentre: e.costCentre, rule: e.rule, step: e.step, asOf: e.asOf });
    if (e.updatedAt > d.since) d.since = e.updatedAt;
  }
  return [...byMessage.values()];
}

/** What needs an operator's eye after a run: subscriptions paused, deliveries uncertain. */
export interface Attention {
  pausedSubscriptions: PausedSubscription[];
  uncertainDeliveries: UncertainDelivery[];
}

/** What the run endpoint needs. */
export interface AlertRouteDeps {
  /** ALERTS_RUN_SECRET; null = the endpoint answers 503 (not configured). */
  secret: string | null;
  /** Runs alerts now (reading the store fresh). */
  trigger: (opts: { dryRun: boolean; resendUncertain: boolean }) => Promise<AlertRunResult>;
  /** Today's daily run, once across instances (null: an instance has done it); absent = not offered. */
  daily?: () => Promise<AlertRunResult | null>;
  /** What to list beside the run's summary (paused subscriptions, uncertain deliveries). */
  attention?: () => Promise<Attention>;
  /** Where failures are logged with details; the caller only gets a plain message. */
  logError: (err: unknown) => void;
}

/** Compares a presented bearer token with the secret in constant time (hashes first, so lengths do not leak). */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!m) return false;
  const a = createHash('sha256')
    .update(m[1] as string)
    .digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

/** One message of a run summary. */
export interface RunSummaryMessage {
  subscriptionId: string;
  conversationId: string;
  findings: { costCentre: string; rule: string; step: string; asOf: string }[];
  resend: boolean;
  /** "planned" on a dry run; else how the delivery ended. */
  status: 'planned' | 'sent' | 'gone' | 'failed' | 'uncertain';
  attempts: number;
  error: string | null;
  /** The message's text, as sent (or as it would be). */
  text: string;
}

/** The JSON summary of a run: what the endpoint answers and the CLI prints. */
export interface RunSummary extends Partial<Attention> {
  runId: string;
  dryRun: boolean;
  positions: number;
  evaluated: number;
  planned: number;
  alreadySent: number;
  quiet: number;
  givenUp: number;
  /** Findings not sent because their earlier delivery is uncertain. */
  heldUncertain: number;
  /** Subscriptions not evaluated because they are paused. */
  pausedBefore: number;
  sent: number;
  failed: number;
  paused: number;
  uncertain: number;
  claimedElsewhere: number;
  abandoned: number;
  tookOverFrom: string | null;
  leaseLost: boolean;
  messages: RunSummaryMessage[];
}

/** The JSON summary a run answers with: counts, and per message where it went and how it ended. */
export function runSummary(r: AlertRunResult, attention?: Attention): RunSummary {
  return {
    runId: r.runId,
    dryRun: r.dryRun,
    positions: r.positions,
    evaluated: r.plan.evaluated,
    planned: r.plan.groups.length,
    alreadySent: r.plan.alreadySent,
    quiet: r.plan.quiet,
    givenUp: r.plan.givenUp,
    heldUncertain: r.plan.uncertain,
    pausedBefore: r.plan.paused,
    sent: r.sent,
    failed: r.failed,
    paused: r.paused,
    uncertain: r.uncertain,
    claimedElsewhere: r.claimedElsewhere,
    abandoned: r.abandoned,
    tookOverFrom: r.tookOverFrom?.instance ?? null,
    leaseLost: r.leaseLost,
    messages: (r.dryRun ? r.plan.groups.map((group) => ({ group, outcome: null })) : r.outcomes).map(
      ({ group, outcome }) => ({
        subscriptionId: group.subscription.id,
        conversationId: group.subscription.conversationId,
        findings: group.findings.map((f) => ({
          costCentre: f.costCentre,
          rule: f.rule,
          step: f.step,
          asOf: f.asOf,
        })),
        resend: group.resend,
        status: outcome?.status ?? 'planned',
        attempts: outcome?.attempts ?? 0,
        error: outcome && 'error' in outcome ? outcome.error : null,
        text: alertText(group.findings, group.subscription.lang, group.resend),
      }),
    ),
    ...attention,
  };
}

/**
 * Adds POST /api/alerts/run (for an external scheduler, and `npm run alerts` while the bot holds
 * the state file): `Authorization: Bearer <ALERTS_RUN_SECRET>`, `?dryRun=true` to only evaluate,
 * `?resendUncertain=true` to send uncertain deliveries again (marked as possible repeats),
 * `?daily=true` for today's daily run (once per day across instances: a scheduler may call any
 * or every instance; one that finds another running waits for it, and finishes the run if that
 * one dies), `?background=true` to answer 202 at once and run on. 401 for a wrong token, 409 while a run is
 * going on (here or on another instance), 503 when no secret is configured. The server calls
 * this once at start.
 */
export function registerAlertRoutes(server: Server, deps: AlertRouteDeps): void {
  server.post('/api/alerts/run', async (req: Request, res: Response) => {
    if (deps.secret === null) {
      res.send(503, { error: 'alert run endpoint is not configured (set ALERTS_RUN_SECRET)' });
      return;
    }
    if (!bearerMatches(req.headers.authorization, deps.secret)) {
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'missing or wrong bearer token' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const flag = (name: string) =>
      ['1', 'true', 'yes'].includes((url.searchParams.get(name) ?? '').toLowerCase());
    const dryRun = flag('dryRun');
    const resendUncertain = flag('resendUncertain');
    const daily = flag('daily') ? deps.daily : undefined;
    if (flag('daily') && (!daily || dryRun || resendUncertain)) {
      res.send(400, {
        error: 'daily=true runs the daily alerts as scheduled: not with dryRun or resendUncertain',
      });
      return;
    }
    const start = () => (daily ? daily() : deps.trigger({ dryRun, resendUncertain }));
    if (flag('background')) {
      // Delivery is paced by the rate limits (thousands of messages take minutes): a scheduler
      // that cannot wait gets 202 at once; the outcome goes to the log.
      start().catch((err: unknown) => {
        if (!(err instanceof AlertRunInProgressError)) deps.logError(err);
      });
      res.send(202, { status: 'started', dryRun, daily: daily !== undefined });
      return;
    }
    try {
      const result = await start();
      if (result === null) {
        res.send(200, { status: 'done', daily: true, ...(await deps.attention?.()) });
        return;
      }
      res.send(200, runSummary(result, await deps.attention?.()));
    } catch (err) {
      if (err instanceof AlertRunInProgressError) {
        res.send(409, { error: err.message });
        return;
      }
      deps.logError(err);
      res.send(500, { error: 'alert run failed; see the server log' });
    }
  });
}
