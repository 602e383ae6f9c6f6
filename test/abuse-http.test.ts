/**
 * Abuse of POST /api/messages over a real socket: fuzzed activities (fields of the wrong type or
 * missing, huge fields, unicode edge cases), deeply nested JSON, floods from one user. The
 * server answers every request with a status that is not a server error, never a stack trace,
 * raises no unhandled rejection, and still answers a real question afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botMessage } from '../src/bot/bot-messages';
import * as A from './support/activities';
import { adaptiveCardOf, type BotHarness, plainCardText, startBot } from './support/bot-harness';
import { realAssistant, realCards } from './support/real-core';

const QUESTION = 'paljonko Tietohallinto on käyttänyt?';
const LIMIT = 64 * 1024;

let h: BotHarness;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  h = await startBot({
    assistant: await realAssistant(),
    cards: realCards,
    env: { MAX_BODY_BYTES: String(LIMIT), LOG_LEVEL: 'info' },
    // A dead connector answers fast: fuzzed serviceUrls must not slow the test down.
    replyPolicy: { attemptTimeoutMs: 200, maxAttempts: 1, deadlineMs: 200, backoffMs: 1 },
  });
});
afterAll(async () => {
  await h.close();
  process.off('unhandledRejection', onUnhandled);
});

/** Strings that break naive handling. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e<at>x</at>',
    '\ud800',
    '<at></at>',
    '__proto__',
    'constructor',
    '%s%n',
  ),
  fc.nat(40_000).map((n) => 'ä'.repeat(n)),
);

/** Any JSON value, a few levels deep. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Activity fields the bot and botbuilder read, each replaced by something odd. */
const FIELDS = [
  'type',
  'text',
  'from',
  'recipient',
  'conversation',
  'channelData',
  'entities',
  'value',
  'locale',
  'serviceUrl',
  'channelId',
  'id',
  'name',
  'membersAdded',
  'attachments',
  'textFormat',
] as const;

/** A real Teams message with some fields replaced by nasty strings or arbitrary JSON, or removed. */
const mutatedActivity = fc
  .tuple(
    fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'x'),
    fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.oneof(nastyString, anyJson, fc.constant(undefined))), {
      maxLength: 4,
    }),
    fc.boolean(),
  )
  .map(([type, changes, dead]) => {
    // Replies go to the local connector, or to a port where nothing listens.
    const where = { serviceUrl: dead ? 'http://127.0.0.1:9/' : h.connector.url, conversationId: 'a:fuzz' };
    const activity: Record<string, unknown> = { ...A.message(where, QUESTION), type };
    for (const [field, value] of changes) {
      if (field === 'serviceUrl' && typeof value === 'string') continue; // never an arbitrary host
      if (value === undefined) delete activity[field];
      else activity[field] = value;
    }
    return activity;
  });

/** Statuses a well-behaved server may give to bad input (never 5xx). */
const ACCEPTABLE = new Set([200, 201, 202, 400, 401, 403, 404, 413, 415, 501]);

describe('fuzzed activities', () => {
  it('should answer every fuzzed activity without a server error or a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedActivity, async (activity) => {
        const res = await h.post(activity);
        expect(
          ACCEPTABLE.has(res.status),
          `status ${res.status} for ${JSON.stringify(activity).slice(0, 300)}`,
        ).toBe(true);
        expect(JSON.stringify(res.body ?? '')).not.toMatch(/\bat .+\.(ts|js):\d+/);
      }),
      { numRuns: 150 },
    );
    expect(unhandled).toEqual([]);
  });

  it('should answer invokes with arbitrary values (search, card actions) without a server error', async () => {
    const names = [
      'composeExtension/query',
      'adaptiveCard/action',
      'composeExtension/selectItem',
      'task/fetch',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.oneof(
          anyJson,
          fc.record({
            commandId: nastyString,
            parameters: fc.array(fc.record({ name: nastyString, value: anyJson })),
          }),
          fc.record({ action: fc.record({ type: nastyString, verb: nastyString, data: anyJson }) }),
        ),
        async (name, value) => {
          const res = await h.post(
            A.invoke({ serviceUrl: h.connector.url, conversationId: 'a:fuzz-invoke' }, name, value),
          );
          expect(
            ACCEPTABLE.has(res.status),
            `status ${res.status} for ${name} ${JSON.stringify(value).slice(0, 200)}`,
          ).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
    expect(unhandled).toEqual([]);
  });

  it('should answer arbitrary JSON bodies with a client error or 200, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (body) => {
        const res = await h.post(JSON.stringify(body));
        expect(ACCEPTABLE.has(res.status)).toBe(true);
      }),
      { numRuns: 100 },
    );
    expect(unhandled).toEqual([]);
  });
});

describe('hostile bodies', () => {
  const nested = (depth: number) => `{"type":"message","value":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const bodies = [
    { name: 'JSON nested 20 000 deep (within the size limit)', body: nested(20_000), status: [200, 400] },
    { name: 'JSON nested 100 000 deep (over the size limit)', body: nested(100_000), status: [413] },
    {
      name: 'a question text just under the size limit',
      body: JSON.stringify(A.message({ serviceUrl: 'http://127.0.0.1:9/' }, 'x'.repeat(LIMIT - 1000))),
      status: [200],
    },
    {
      name: 'invalid UTF-8 bytes',
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      status: [400],
    },
    {
      name: 'a prototype-polluting activity',
      body: '{"type":"message","__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
      status: [200, 400],
    },
    { name: 'an empty body', body: '', status: [400] },
  ];

  it.each(bodies)('should answer $name with $status', async ({ body, status }) => {
    const res = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await res.text();
    expect(status).toContain(res.status);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('the server after all that', () => {
  it('should still be healthy and answer a real question', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const w = { serviceUrl: h.connector.url, conversationId: 'a:after-fuzz' };
    expect((await h.post(A.message(w, QUESTION))).status).toBe(200);
    const [reply] = await h.connector.waitForMessages('a:after-fuzz', 1);
    expect(plainCardText(adaptiveCardOf(reply))).toContain('924 370 €');
    expect(unhandled).toEqual([]);
  });
});

describe('per-user question rate limit', () => {
  let limited: BotHarness;
  beforeAll(async () => {
    limited = await startBot({
      assistant: await realAssistant(),
      cards: realCards,
      env: { QUESTIONS_PER_MINUTE: '6', QUESTION_BURST: '3' },
    });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('should answer a burst, then reply politely once instead of answering, and log it without the text', async () => {
    const w = { serviceUrl: limited.connector.url, conversationId: 'a:flood' };
    for (let i = 0; i < 5; i++) expect((await limited.post(A.message(w, QUESTION))).status).toBe(200);
    // Each request is answered after its turn, sends included: every reply has been made by now.
    const replies = limited.connector.messages('a:flood');
    expect(replies.slice(0, 3).map((r) => plainCardText(adaptiveCardOf(r)))).toEqual(
      Array(3).fill(expect.stringContaining('924 370 €')),
    );
    expect(replies.slice(3).map((r) => r.summary)).toEqual([botMessage('rateLimited', 'fi')]);
    // The polite reply is a card too, and no typing indicator promised an answer.
    expect(adaptiveCardOf(replies[3])).not.toBeNull();
    expect(limited.connector.activities('a:flood').filter((a) => a.type === 'typing')).toEqual([]);
    const statuses = limited.logs.filter((l) => l.event === 'turn').map((l) => l.status);
    expect(statuses.filter((s) => s === 'rate_limited')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'rate_limited_quiet')).toHaveLength(1);
    expect(JSON.stringify(limited.logs)).not.toContain('Tietohallinto on käyttänyt');
  });

  it('should tell a flooding user to slow down once, not once per question', async () => {
    const w = { serviceUrl: limited.connector.url, conversationId: 'a:flood-hard' };
    const flooder = { id: '29:hard-flooder', name: 'Flooder', aadObjectId: 'aad-hard-flooder' };
    const before = limited.logs.filter((l) => l.msg === 'question rate limit reached').length;
    // 300 questions, 30 at a time, as fast as the server takes them.
    for (let batch = 0; batch < 10; batch++) {
      const statuses = await Promise.all(
        Array.from({ length: 30 }, () => limited.post({ ...A.message(w, QUESTION), from: flooder })),
      );
      expect(statuses.every((r) => r.status === 200)).toBe(true);
    }
    const texts = limited.connector.messages('a:flood-hard').map((r) => String(r.summary));
    const slowDowns = texts.filter((t) => t === botMessage('rateLimited', 'fi'));
    expect(slowDowns).toHaveLength(1);
    // The burst is answered (one more may have refilled meanwhile at 6 a minute), nothing else.
    expect(texts.length - slowDowns.length).toBeGreaterThanOrEqual(3);
    expect(texts.length - slowDowns.length).toBeLessThanOrEqual(5);
    expect(limited.logs.filter((l) => l.msg === 'question rate limit reached').length - before).toBe(1);
  });

  it('should limit each user alone: another user in the same chat is still answered', async () => {
    const w = { serviceUrl: limited.connector.url, conversationId: 'a:shared' };
    const flooder = { id: '29:flooder', name: 'Flooder', aadObjectId: 'aad-flooder' };
    for (let i = 0; i < 4; i++) await limited.post({ ...A.message(w, QUESTION), from: flooder });
    await limited.post({
      ...A.message(w, QUESTION),
      from: { id: '29:calm', name: 'Calm', aadObjectId: 'aad-calm' },
    });
    const replies = await limited.connector.waitForMessages('a:shared', 5);
    expect(plainCardText(adaptiveCardOf(replies.at(-1)))).toContain('924 370 €');
  });
});
