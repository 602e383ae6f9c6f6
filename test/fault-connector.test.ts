/**
 * Faults of the Bot Connector: slow, throttling (429), failing (500), or not answering at all.
 * A turn stays bounded (each call times out, is retried with backoff, and is logged), the
 * request is still answered, and the bot goes on answering afterwards.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as A from './support/activities';
import { adaptiveCardOf, type BotHarness, plainCardText, startBot } from './support/bot-harness';
import type { ResponsePlan } from './support/connector-server';
import { realAssistant, realCards } from './support/real-core';

const QUESTION = 'paljonko Tietohallinto on käyttänyt?';
/** Short bounds so that each fault takes well under a second or two. */
const POLICY = { attemptTimeoutMs: 300, maxAttempts: 3, deadlineMs: 1500, backoffMs: 20 };

let h: BotHarness;
let n = 0;
beforeAll(async () => {
  h = await startBot({ assistant: await realAssistant(), cards: realCards, replyPolicy: POLICY });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.connector.reset();
  h.logs.length = 0;
});

/** Asks the question in a fresh conversation; returns the HTTP status, time taken and conversation. */
async function ask(): Promise<{ status: number; ms: number; conversationId: string }> {
  const conversationId = `a:fault-${++n}`;
  const started = Date.now();
  const res = await h.post(A.message({ serviceUrl: h.connector.url, conversationId }, QUESTION));
  return { status: res.status, ms: Date.now() - started, conversationId };
}

const logged = (msg: string) => h.logs.filter((l) => l.msg === msg);

const recovering: Array<{ name: string; plan: ResponsePlan; retries: number }> = [
  {
    name: 'slow (250 ms an answer, within the attempt timeout)',
    plan: { status: 201, body: { id: 'slow' }, delayMs: 250, times: 2 },
    retries: 0,
  },
  {
    name: 'throttling twice with 429 and Retry-After',
    plan: { status: 429, headers: { 'retry-after': '0.05' }, times: 2 },
    retries: 2,
  },
  { name: 'failing twice with 500', plan: { status: 500, times: 2 }, retries: 2 },
  { name: 'failing once with 503', plan: { status: 503, times: 1 }, retries: 1 },
];

describe('a connector that recovers', () => {
  it.each(recovering)('should deliver the answer when the connector is $name', async ({ plan, retries }) => {
    h.connector.plan(plan);
    const { status, conversationId } = await ask();
    expect(status).toBe(200);
    const [reply] = await h.connector.waitForMessages(conversationId, 1);
    expect(plainCardText(adaptiveCardOf(reply))).toContain('924 370 €');
    expect(logged('bot connector call failed; retrying')).toHaveLength(retries);
    expect(logged('turn failed')).toHaveLength(0);
  });
});

const failing: Array<{ name: string; plan: ResponsePlan; attempts: number[] }> = [
  { name: 'answering 500 every time', plan: { status: 500, times: Infinity }, attempts: [3] },
  {
    name: 'asking with 429 to wait an hour',
    plan: { status: 429, headers: { 'retry-after': '3600' }, times: Infinity },
    attempts: [1],
  },
  {
    name: 'not answering at all',
    plan: { status: 201, delayMs: 30_000, times: Infinity },
    // Three 300 ms attempts fit the 1.5 s deadline; on a busy machine the third may not.
    attempts: [2, 3],
  },
];

describe('a connector that does not recover', () => {
  it.each(failing)('should give up within the deadline, log it, and answer the request, when $name', async ({
    plan,
    attempts,
  }) => {
    h.connector.plan(plan);
    const { status, ms } = await ask();
    // The typing indicator fails after its retries; no apology is tried through a connector that is down.
    expect(ms).toBeLessThan(POLICY.deadlineMs + 1500);
    expect(status).toBe(200);
    const gaveUp = logged('bot connector call failed; giving up');
    expect(gaveUp).toHaveLength(1);
    expect(attempts).toContain(gaveUp[0]?.attempt);
    expect(gaveUp[0]).toMatchObject({
      call: expect.stringMatching(/^POST \/v3\/conversations\/…\/activities/),
    });
    expect(logged('turn failed')).toHaveLength(1);
    expect(h.connector.calls.filter((c) => c.body?.type === 'message')).toHaveLength(0);
  });

  it('should keep the process up and answer again once the connector is back', async () => {
    h.connector.plan({ status: 500, times: Infinity });
    await ask();
    h.connector.reset();
    const { status, conversationId } = await ask();
    expect(status).toBe(200);
    const [reply] = await h.connector.waitForMessages(conversationId, 1);
    expect(plainCardText(adaptiveCardOf(reply))).toContain('924 370 €');
  });

  it('should report connector trouble in /healthz without calling the bot unhealthy', async () => {
    const before = ((await (await fetch(`${h.url}/healthz`)).json()) as { connector: { failed: number } })
      .connector;
    h.connector.plan({ status: 500, times: Infinity });
    await ask();
    const res = await fetch(`${h.url}/healthz`);
    const body = (await res.json()) as {
      connector: { calls: number; failed: number; lastFailure: { problem: string } | null };
    };
    expect(res.status).toBe(200);
    expect(body.connector.failed).toBe(before.failed + 1);
    expect(body.connector.lastFailure?.problem).toBe('Bot Connector answered 500 after 3 attempts');
  });

  it('should not retry a refusal that another try cannot change (403)', async () => {
    h.connector.plan({ status: 403, times: Infinity });
    await ask();
    expect(logged('bot connector call failed; retrying')).toHaveLength(0);
    // The typing indicator and the apology, one call each.
    expect(h.connector.calls).toHaveLength(2);
  });
});
