/**
 * What the logs must never hold: secrets (the app password, tokens, authorization headers) at
 * any level, and what users wrote (questions, search terms, button data) at info level and
 * above, on every path: answers, refusals, failures, bad input. Pino output is captured as
 * written (the harness parses each line the logger emits).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as A from './support/activities';
import { type BotHarness, startBot } from './support/bot-harness';
import { OpenIdServer, signChannelToken } from './support/openid-server';
import { realAssistant, realCards } from './support/real-core';

/** A marker no code path could produce by itself: if it shows in a log, user text leaked. */
const MARKER = 'Zxqvlorp';

/** Info and above, as production runs (LOG_LEVEL=info). */
const visible = (logs: Array<Record<string, unknown>>) =>
  JSON.stringify(logs.filter((l) => Number(l.level) >= 30));

describe('user text in the logs (anonymous mode, every path)', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBot({
      assistant: await realAssistant(),
      cards: realCards,
      env: { LOG_LEVEL: 'info', QUESTIONS_PER_MINUTE: '6', QUESTION_BURST: '2', MAX_BODY_BYTES: '8192' },
      replyPolicy: { attemptTimeoutMs: 200, maxAttempts: 2, deadlineMs: 500, backoffMs: 10 },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const where = (id: string) => ({ serviceUrl: h.connector.url, conversationId: `a:${id}` });
  const paths: Array<{ name: string; send: () => Promise<unknown> }> = [
    {
      name: 'an answer',
      send: () => h.post(A.message(where('answer'), `paljonko Tietohallinto on käyttänyt ${MARKER}?`)),
    },
    { name: 'a name not found', send: () => h.post(A.message(where('nf'), `${MARKER}palvelut menot 2021`)) },
    { name: 'a message too long', send: () => h.post(A.message(where('long'), `${MARKER} `.repeat(120))) },
    {
      name: 'a button with foreign data',
      send: () => h.post(A.submit(where('btn'), { action: MARKER, ask: MARKER })),
    },
    {
      name: 'an ask button',
      send: () => h.post(A.submit(where('ask'), { action: 'ask', ask: `${MARKER} menot` })),
    },
    { name: 'a search', send: () => h.post(A.searchQuery(where('search'), MARKER)) },
    {
      name: 'an activity of the wrong shape',
      send: () => h.post({ ...A.message(where('shape'), MARKER), serviceUrl: [MARKER] }),
    },
    { name: 'malformed JSON', send: () => h.post(`{"type":"message","text":"${MARKER}`) },
    { name: 'an oversized body', send: () => h.post(A.message(where('big'), MARKER.repeat(2000))) },
    {
      name: 'a flood (rate limited)',
      send: async () => {
        const flooder = { id: '29:flood', name: MARKER, aadObjectId: 'aad-flood' };
        for (let i = 0; i < 4; i++)
          await h.post({ ...A.message(where('flood'), `${MARKER} ${i}`), from: flooder });
      },
    },
    {
      name: 'a failed turn (connector answering 500)',
      send: async () => {
        h.connector.plan({ status: 500, times: Infinity, when: (c) => c.conversationId === 'a:down' });
        await h.post(A.message(where('down'), `Tietohallinto ${MARKER}`));
      },
    },
  ];

  it.each(paths)('should log $name without what the user wrote', async ({ send }) => {
    const before = h.logs.length;
    await send();
    // Let any reply and its log lines land.
    await new Promise((r) => setTimeout(r, 50));
    const lines = h.logs.slice(before);
    expect(lines.length).toBeGreaterThan(0);
    expect(visible(lines)).not.toContain(MARKER);
  });
});

describe('secrets in the logs (Teams mode, debug level)', () => {
  const PASSWORD = 'pw-Vb7Q~3kL9xR2mN8sT4-secret';
  const APP_ID = '5d1e7c2a-9b3f-4e6d-8a1c-7f2b9e4d6c30';
  const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
  let h: BotHarness;
  let openId: OpenIdServer;
  beforeAll(async () => {
    openId = await OpenIdServer.start();
    h = await startBot({
      assistant: await realAssistant(),
      cards: realCards,
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: PASSWORD,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: A.TENANT,
        LOG_LEVEL: 'trace',
        ALERTS_RUN_SECRET: PASSWORD,
      },
      authOverrides: openId.authOverrides(),
    });
  });
  afterAll(async () => {
    await h.close();
    await openId.close();
  });

  it('should never log the password, a token or an authorization header, accepted or refused', async () => {
    const quiet = {
      ...A.message({ serviceUrl: SERVICE_URL }, 'x'),
      type: 'somethingNew',
    };
    // Nothing may reach the console (stderr in production) behind the logger's back: botbuilder
    // printed every refused token there, with a stack trace, before tokens were checked here.
    const consoleLines: string[] = [];
    const spies = (['error', 'warn', 'log', 'info', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        consoleLines.push(args.map(String).join(' '));
      }),
    );
    const token = signChannelToken(openId.key, { audience: APP_ID, serviceUrl: SERVICE_URL });
    const forged = signChannelToken(openId.key, { audience: 'another-bot', serviceUrl: 'x' });
    expect((await h.post(quiet, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await h.post(quiet, { authorization: `Bearer ${forged}` })).status).toBe(401);
    expect((await h.post(quiet, { authorization: PASSWORD })).status).toBe(401);
    await fetch(`${h.url}/healthz`);
    for (const spy of spies) spy.mockRestore();
    expect(consoleLines).toEqual([]);
    const all = JSON.stringify(h.logs) + consoleLines.join('\n');
    expect(h.logs.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, token, forged, token.split('.')[2]!, 'Bearer '])
      expect(all).not.toContain(secret);
  });

  it('should not show the password in /healthz', async () => {
    const body = await (await fetch(`${h.url}/healthz`)).text();
    expect(body).not.toContain(PASSWORD);
    expect(JSON.parse(body)).toMatchObject({ mode: 'authenticated' });
  });
});
