/**
 * A slow Bot Connector must not cost the answer. It acks after 3.5 s: the answer is delivered,
 * once. The typing indicator is sent only while work is slow, beside the answer and never in
 * its way. Under a burst of 500 connections at once with a slow connector, every question gets
 * exactly one answer: none lost, none doubled.
 */
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SubscriptionCommands } from '../src/bot/subscription-commands';
import * as A from './support/activities';
import { adaptiveCardOf, type BotHarness, plainCardText, startBot } from './support/bot-harness';
import { realAssistant, realCards } from './support/real-core';

const QUESTION = 'paljonko Tietohallinto on käyttänyt?';

/** Subscription commands that take `ms` to answer: work slow enough to show "typing…". */
function slowCommands(ms: number): SubscriptionCommands {
  return {
    handle: async () => {
      await new Promise((r) => setTimeout(r, ms));
      return { text: 'Tilaukset: ei tilauksia.', card: null };
    },
    resume: async () => 0,
    pause: async () => 0,
  };
}

let h: BotHarness;
beforeAll(async () => {
  // The default reply policy, as in production.
  h = await startBot({
    assistant: await realAssistant(),
    cards: realCards,
    subscriptions: slowCommands(800),
  });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.connector.reset();
});

describe('a slow Bot Connector', () => {
  it('should deliver the answer once when the connector acks after 3.5 s', async () => {
    h.connector.plan({ status: 201, body: { id: 'late' }, delayMs: 3500, times: Infinity });
    const where = { serviceUrl: h.connector.url, conversationId: 'a:slow-ack' };
    const res = await h.post(A.message(where, QUESTION));
    expect(res.status).toBe(200);
    expect(h.connector.received.filter((c) => c.conversationId === 'a:slow-ack')).toHaveLength(1);
    const [answer] = h.connector.messages('a:slow-ack');
    expect(plainCardText(adaptiveCardOf(answer))).toContain('924 370 €');
    const health = (await (await fetch(`${h.url}/healthz`)).json()) as { connector: { lostReplies: number } };
    expect(health.connector.lostReplies).toBe(0);
  });

  it('should send "typing" while slow work runs, and not let a slow typing call hold the answer', async () => {
    // The connector does not answer the typing call until the request has been answered: the
    // answer is not behind it (were it, the request would never come back).
    let answerTyping = () => {};
    h.connector.plan({
      status: 201,
      body: { id: 't' },
      until: new Promise<void>((resolve) => {
        answerTyping = resolve;
      }),
      when: (c) => c.body?.type === 'typing',
    });
    const where = { serviceUrl: h.connector.url, conversationId: 'a:slow-work' };
    try {
      const res = await h.post(A.message(where, 'näytä tilaukset'));
      expect(res.status).toBe(200);
      const received = h.connector.received.filter((c) => c.conversationId === 'a:slow-work');
      expect(received.map((c) => c.body?.type)).toEqual(['typing', 'message']);
      // Delivered while the typing call still waits for its answer.
      expect(h.connector.activities('a:slow-work').map((a) => a.type)).toEqual(['message']);
      expect(h.connector.messages('a:slow-work').map((m) => m.text)).toEqual(['Tilaukset: ei tilauksia.']);
    } finally {
      answerTyping();
    }
  });
});

describe('a burst of 500 connections with a slow connector', () => {
  it('should deliver exactly one answer to each of 500 questions asked at once', async () => {
    h.connector.plan({ status: 201, body: { id: 'slow' }, delayMs: 1000, times: Infinity });
    const agent = new Agent({ keepAlive: false, maxSockets: 500 });
    const body = (i: number) =>
      JSON.stringify(A.message({ serviceUrl: h.connector.url, conversationId: `a:burst-${i}` }, QUESTION));
    const post = (i: number) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${h.url}/api/messages`, {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json' },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body(i));
      });
    try {
      const statuses = await Promise.all(Array.from({ length: 500 }, (_, i) => post(i)));
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
    } finally {
      agent.destroy();
    }
    const perConversation = new Map<string, number>();
    for (const call of h.connector.received) {
      if (call.body?.type !== 'message' || !call.conversationId) continue;
      perConversation.set(call.conversationId, (perConversation.get(call.conversationId) ?? 0) + 1);
    }
    // Every conversation got its answer (none lost), and only one (none sent twice).
    expect(perConversation.size).toBe(500);
    expect([...perConversation.values()].filter((n) => n !== 1)).toEqual([]);
    expect(h.connector.messages()).toHaveLength(500);
    const health = (await (await fetch(`${h.url}/healthz`)).json()) as {
      connector: { lostReplies: number; failed: number };
    };
    expect(health.connector).toMatchObject({ lostReplies: 0, failed: 0 });
  }, 60_000);
});
