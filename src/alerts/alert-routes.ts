import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { AlertRunResult } from './alert-run';
import { AlertRunInProgressError } from './alert-run';

/** What the run endpoint needs. */
export interface AlertRouteDeps {
  /** ALERTS_RUN_SECRET; null = the endpoint answers 503 (not configured). */
  secret: string | null;
  /** Runs alerts now (reading the store fresh). */
  trigger: (opts: { dryRun: boolean }) => Promise<AlertRunResult>;
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

/** The JSON summary a run answers with: counts, and per message where it went and how it ended. */
export function runSummary(r: AlertRunResult): Record<string, unknown> {
  return {
    runId: r.runId,
    dryRun: r.dryRun,
    positions: r.positions,
    evaluated: r.plan.evaluated,
    planned: r.plan.groups.length,
    alreadySent: r.plan.alreadySent,
    quiet: r.plan.quiet,
    givenUp: r.plan.givenUp,
    sent: r.sent,
    failed: r.failed,
    paused: r.paused,
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
      }),
    ),
  };
}

/**
 * Adds POST /api/alerts/run (for an external scheduler): `Authorization: Bearer <ALERTS_RUN_SECRET>`,
 * `?dryRun=true` to only evaluate, `?background=true` to answer 202 at once and run on. 401 for a wrong token, 409 while a run is going on, 503 when no
 * secret is configured. The server calls this once at start.
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
    if (flag('background')) {
      // Delivery is paced by the rate limits (thousands of messages take minutes): a scheduler
      // that cannot wait gets 202 at once; the outcome goes to the log.
      deps.trigger({ dryRun }).catch((err: unknown) => {
        if (!(err instanceof AlertRunInProgressError)) deps.logError(err);
      });
      res.send(202, { status: 'started', dryRun });
      return;
    }
    try {
      res.send(200, runSummary(await deps.trigger({ dryRun })));
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
