/**
 * Faults of the Bot Connector: slow, throttling (429), failing (500), or not answering at all.
 * A turn stays bounded (each call ends by its deadline; refusals are retried with backoff, and
 * logged), the request is still answered, a lost answer is counted, and the bot goes on
 * answering afterwards. A slow connector still gets the answer, once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as A from './support/activities';
import { adaptiveCardOf, type BotHarness, plainCardText, startBot } from './support/bot-harness';
import type { ResponsePlan } from './support/connector-server';
import { realAssistant, realCards } from './support/real-core';

const QUESTION = 'paljonko Tietohallinto on käyttänyt?';
/**
 * Shorter than production (10 s) so that a connector that never answers costs a test 4 s, yet
 * long enough that a slow answer's margin does not depend on how busy the machine is.
 */
const POLICY = { attemptTimeoutMs: 4000, maxAttempts: 3, deadlineMs: 4000, backoffMs: 20 };

/** Released after each test: a planned `until` holds the connector's answer until then. */
let release = () => {};
const never = () =>
  new Promise<void>((resolve) => {
    release = resolve;
  });

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
afterEach(() => {
  release();
});

/** Asks the question in a fresh conversation; returns the HTTP status and the conversation. */
async function ask(): Promise<{ status: number; conversationId: string }> {
  const conversationId = `a:fault-${++n}`;
  const res = await h.post(A.message({ serviceUrl: h.connector.url, conversationId }, QUESTION));
  return { status: res.status, conversationId };
}

const logged = (msg: string) => h.logs.filter((l) => l.msg === msg);

const recovering: Array<{ name: string; plan: ResponsePlan; retries: number }> = [
  {
    name: 'slow (250 ms an answer)',
    plan: { status: 201, body: { id: 'slow' }, delayMs: 250, times: 2 },
    retries: 0,
  },
  {
    // The old policy gave up on an attempt after a fifth of the deadline and sent it again.
    name: 'slower than a fifth of the deadline (1.5 s an answer)',
    plan: { status: 201, body: { id: 'slow' }, delayMs: 1500, times: 1 },
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
    // The request is answered after the turn, sends included: what arrived has arrived.
    const delivered = h.connector.messages(conversationId);
    expect(delivered).toHaveLength(1);
    expect(plainCardText(adaptiveCardOf(delivered[0]))).toContain('924 370 €');
    expect(logged('bot connector call failed; retrying')).toHaveLength(retries);
    expect(logged('turn failed')).toHaveLength(0);
  });
});

const failing: Array<{ name: string; plan: () => ResponsePlan; attempts: number[] }> = [
  { name: 'answering 500 every time', plan: () => ({ status: 500, times: Infinity }), attempts: [3] },
  {
    name: 'asking with 429 to wait an hour',
    plan: () => ({ status: 429, headers: { 'retry-after': '3600' }, times: Infinity }),
    attempts: [1],
  },
  {
    // Not sent again: the connector may have taken it and only be slow to say so. It answers
    // only after the test: the request coming back at all shows the deadline ended the call.
    name: 'not answering at all',
    plan: () => ({ status: 201, until: never(), times: Infinity }),
    attempts: [1],
  },
];

describe('a connector that does not recover', () => {
  it.each(failing)('should give up within the deadline, log it, and answer the request, when $name', async ({
    plan,
    attempts,
  }) => {
    h.connector.plan(plan());
    // Bounded by the policy, not by the connector: no wait for an hour's Retry-After or for an
    // answer that never comes (the test's own timeout would end an unbounded wait).
    const { status } = await ask();
    // The answer fails after its retries; no apology is tried through a connector that is down.
    expect(status).toBe(200);
    const gaveUp = logged('bot connector call failed; giving up');
    expect(gaveUp).toHaveLength(1);
    expect(attempts).toContain(gaveUp[0]?.attempt);
    expect(gaveUp[0]).toMatchObject({
      call: expect.stringMatching(/^POST \/v3\/conversations\/…\/activities/),
    });
    expect(logged('turn failed')).toHaveLength(1);
    expect(logged('reply lost: the Bot Connector did not take it')).toHaveLength(1);
    expect(h.connector.messages()).toHaveLength(0);
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
    const before = (
      (await (await fetch(`${h.url}/healthz`)).json()) as {
        connector: { failed: number; lostReplies: number };
      }
    ).connector;
    h.connector.plan({ status: 500, times: Infinity });
    await ask();
    const res = await fetch(`${h.url}/healthz`);
    const body = (await res.json()) as {
      connector: {
        calls: number;
        failed: number;
        lostReplies: number;
        lastFailure: { problem: string } | null;
      };
    };
    expect(res.status).toBe(200);
    expect(body.connector.failed).toBe(before.failed + 1);
    expect(body.connector.lostReplies).toBe(before.lostReplies + 1);
    expect(body.connector.lastFailure?.problem).toBe('Bot Connector answered 500 after 3 attempts');
  });

  it('should not retry a refusal that another try cannot change (403)', async () => {
    h.connector.plan({ status: 403, times: Infinity });
    await ask();
    expect(logged('bot connector call failed; retrying')).toHaveLength(0);
    // The answer and the apology, one call each.
    expect(h.connector.calls).toHaveLength(2);
    expect(logged('reply lost: the Bot Connector did not take it')).toHaveLength(1);
  });
});
