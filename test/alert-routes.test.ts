import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerMatches, registerAlertRoutes } from '../src/alerts/alert-routes';
import { AlertRunInProgressError, AlertRunner } from '../src/alerts/alert-run';
import { systemClock } from '../src/alerts/clock';
import { InMemoryNotifier } from '../src/alerts/notifier';
import { type DocumentState, memoryState } from '../src/store/document-state';
import { emptyBotState } from '../src/store/state-schema';
import { halfYearStore, subscription } from './fixtures/alert-store';

let server: restify.Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A runner over state in memory. */
function runnerOver(state: DocumentState, notifier = new InMemoryNotifier()): AlertRunner {
  return new AlertRunner({
    subscriptions: state.subscriptions,
    alertLog: state.alertLog,
    leases: state.alertRuns,
    notifier,
    clock: systemClock,
  });
}

/** Starts restify with only the alert route, over a real runner with an in-memory notifier. */
async function start(
  secret: string | null,
  trigger?: Parameters<typeof registerAlertRoutes>[1]['trigger'],
  withDaily = false,
) {
  const notifier = new InMemoryNotifier();
  const state = memoryState({ ...emptyBotState(), subscriptions: [subscription()] });
  const runner = runnerOver(state, notifier);
  const errors: unknown[] = [];
  server = restify.createServer();
  registerAlertRoutes(server, {
    secret,
    trigger:
      trigger ?? ((o) => runner.run(halfYearStore({ expenseBudget: '-100', expenseActual: '-95' }), o)),
    ...(withDaily
      ? {
          daily: () =>
            runner.runDaily(
              async () => halfYearStore({ expenseBudget: '-100', expenseActual: '-95' }),
              '2026-03-02',
            ),
        }
      : {}),
    logError: (e) => errors.push(e),
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const post = async (pathAndQuery: string, token?: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${pathAndQuery}`, {
      method: 'POST',
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown>,
      auth: res.headers.get('www-authenticate'),
    };
  };
  return { post, notifier, errors };
}

describe('POST /api/alerts/run', () => {
  it.each([
    ['no token', undefined],
    ['a wrong token', 'guess'],
    ['a token that is a prefix of the secret', 's3cr'],
  ])('should refuse %s with 401', async (_name, token) => {
    const { post, notifier } = await start('s3cret');
    const res = await post('/api/alerts/run', token);
    expect(res.status).toBe(401);
    expect(res.auth).toBe('Bearer');
    expect(notifier.sent).toHaveLength(0);
  });

  it('should run and answer with a summary for the right token', async () => {
    const { post, notifier } = await start('s3cret');
    const res = await post('/api/alerts/run', 's3cret');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, planned: 1, sent: 1, failed: 0 });
    expect(notifier.sent).toHaveLength(1);
  });

  it('should only evaluate on ?dryRun=true', async () => {
    const { post, notifier } = await start('s3cret');
    const res = await post('/api/alerts/run?dryRun=true', 's3cret');
    expect(res.body).toMatchObject({ dryRun: true, planned: 1, sent: 0 });
    expect((res.body.messages as { status: string }[])[0]?.status).toBe('planned');
    expect(notifier.sent).toHaveLength(0);
  });

  it('should answer 202 at once with ?background=true and run on', async () => {
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    let ran = false;
    const { post } = await start('s3cret', async (o) => {
      await gate;
      ran = true;
      return runnerOver(memoryState()).run([], o);
    });
    const res = await post('/api/alerts/run?background=true', 's3cret');
    expect(res).toMatchObject({ status: 202, body: { status: 'started' } });
    expect(ran).toBe(false);
    finish();
    await gate;
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toBe(true);
  });

  it('should run the daily alerts once on ?daily=true, and say they are done when asked again', async () => {
    const { post, notifier } = await start('s3cret', undefined, true);
    const first = await post('/api/alerts/run?daily=true', 's3cret');
    expect(first).toMatchObject({ status: 200, body: { sent: 1 } });
    const second = await post('/api/alerts/run?daily=true', 's3cret');
    expect(second).toMatchObject({ status: 200, body: { status: 'done', daily: true } });
    expect(notifier.sent).toHaveLength(1);
    expect((await post('/api/alerts/run?daily=true&dryRun=true', 's3cret')).status).toBe(400);
  });

  it('should answer 503 when no secret is configured', async () => {
    const { post } = await start(null);
    expect((await post('/api/alerts/run', 'anything')).status).toBe(503);
  });

  it('should answer 409 while a run is going on, here or on another instance', async () => {
    const { post } = await start('s3cret', async () => {
      throw new AlertRunInProgressError({ runId: 'r-7', instance: 'web-2:4242' }, 30_000);
    });
    const res = await post('/api/alerts/run', 's3cret');
    expect(res.status).toBe(409);
    expect(res.body.error).toContain('web-2:4242');
  });

  it('should log a failed run and answer with a plain message, no details', async () => {
    const { post, errors } = await start('s3cret', async () => {
      throw new Error('ENOENT: /secret/path/budget.json');
    });
    const res = await post('/api/alerts/run', 's3cret');
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('/secret/path');
    expect(errors).toHaveLength(1);
  });
});

describe('bearer check', () => {
  it.each([
    ['Bearer abc', true],
    ['bearer abc', true],
    ['Bearer abcd', false],
    ['Basic abc', false],
    ['abc', false],
    [undefined, false],
  ] as const)('should judge %j as %s', (header, ok) => {
    expect(bearerMatches(header, 'abc')).toBe(ok);
  });
});
