/**
 * The HTTP server: health, bad input, body limits, token validation, graceful shutdown. Every
 * request goes over a real socket to the real server.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentState } from '../src/store/document-state';
import { FileStateStore } from '../src/store/state-store';
import * as A from './support/activities';
import { adaptiveCardOf, type BotHarness, plainCardText, startBot } from './support/bot-harness';
import { newSigningKey, OpenIdServer, signChannelToken } from './support/openid-server';
import { realAssistant, realCards } from './support/real-core';

/** POSTs raw bytes with chunked encoding (no Content-Length), as a streaming client would. */
function postChunked(url: string, chunks: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', (err) =>
      (err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET'
        ? undefined
        : reject(err),
    );
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('anonymous local mode', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBot({
      assistant: await realAssistant(),
      cards: realCards,
      env: { MAX_BODY_BYTES: '4096' },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('should report health: store loaded, fact count, data as-of date, state ok', async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      mode: string;
      store: { loaded: boolean; facts: number; asOf: string };
      state: unknown;
    };
    expect(body.status).toBe('ok');
    expect(body.mode).toBe('anonymous');
    expect(body.store.loaded).toBe(true);
    expect(body.store.facts).toBeGreaterThan(100);
    expect(body.store.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.state).toEqual({
      ok: true,
      problem: null,
      backend: 'memory',
      paused: { count: 0, subscriptions: [] },
    });
  });

  const badBodies = [
    { name: 'malformed JSON', body: '{"type": "message", "text": ', status: 400 },
    { name: 'a JSON array', body: '[]', status: 400 },
    { name: 'JSON without an activity type', body: '{"text": "hei"}', status: 400 },
    { name: 'an activity type that is not a string', body: '{"type": 5}', status: 400 },
    {
      name: 'a body over the limit',
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(5000) }),
      status: 413,
    },
  ];

  it.each(badBodies)('should answer $name with $status and a plain message', async ({ body, status }) => {
    const res = await h.post(body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  });

  it('should answer 413 to an oversized body sent without Content-Length', async () => {
    const chunk = 'x'.repeat(1024);
    expect(
      await postChunked(`${h.url}/api/messages`, [
        '{"type":"message","text":"',
        ...Array(8).fill(chunk),
        '"}',
      ]),
    ).toBe(413);
  });

  it('should announce a keep-alive idle time longer than clients and load balancers keep theirs', async () => {
    // A server that closes first races the client reusing the socket: the activity is lost.
    const agent = new Agent({ keepAlive: true });
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      request(`${h.url}/healthz`, { agent }, (res) => {
        res.resume();
        resolve(res.headers);
      })
        .on('error', reject)
        .end();
    });
    agent.destroy();
    expect(headers.connection).toBe('keep-alive');
    expect(headers['keep-alive']).toBe('timeout=65');
  });

  it('should answer 405 to other methods on /api/messages', async () => {
    expect((await fetch(`${h.url}/api/messages`)).status).toBe(405);
  });

  it('should still answer questions after all that bad input', async () => {
    const w = { serviceUrl: h.connector.url, conversationId: 'a:after-bad-input' };
    expect((await h.post(A.message(w, 'paljonko Tietohallinto on käyttänyt?'))).status).toBe(200);
    const [reply] = await h.connector.waitForMessages('a:after-bad-input', 1);
    expect(plainCardText(adaptiveCardOf(reply))).toContain('924 370 €');
  });

  it('should log, and not fail the request, when the connector refuses the reply', async () => {
    h.connector.plan({ status: 403, times: 10, when: (c) => c.conversationId === 'a:connector-down' });
    const res = await h.post(
      A.message({ serviceUrl: h.connector.url, conversationId: 'a:connector-down' }, 'apua'),
    );
    // The reply could not be delivered: the error is logged, and the channel is not asked to resend.
    expect(res.status).toBe(200);
    expect(h.logs.some((l) => l.msg === 'turn failed')).toBe(true);
  });
});

describe('with MicrosoftAppId set (Teams mode)', () => {
  const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
  let h: BotHarness;
  let openId: OpenIdServer;
  beforeAll(async () => {
    openId = await OpenIdServer.start();
    h = await startBot({
      assistant: await realAssistant(),
      cards: realCards,
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-used-offline',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: A.TENANT,
      },
      authOverrides: openId.authOverrides(),
    });
  });
  afterAll(async () => {
    await h.close();
    await openId.close();
  });

  // A quiet activity: accepted or refused on its token alone, no reply to send.
  const activity = (): Record<string, unknown> => ({
    ...A.message({ serviceUrl: 'https://smba.trafficmanager.net/emea/' }, 'x'),
    type: 'somethingNew',
  });
  const forger = newSigningKey('local-key-1'); // same key id, different key

  const tokens: Array<{ name: string; header: () => Record<string, string> }> = [
    { name: 'no token', header: () => ({}) },
    { name: 'a token that is not a JWT', header: () => ({ authorization: 'Bearer not-a-jwt' }) },
    {
      name: 'a token from an unknown issuer',
      header: () => ({
        authorization: `Bearer ${signChannelToken(openId.key, { audience: APP_ID, serviceUrl: 'x', issuer: 'https://evil.example' })}`,
      }),
    },
    {
      name: 'a forged token (signed with another key)',
      header: () => ({
        authorization: `Bearer ${signChannelToken(forger, { audience: APP_ID, serviceUrl: 'x' })}`,
      }),
    },
    {
      name: 'a genuine token for another bot',
      header: () => ({
        authorization: `Bearer ${signChannelToken(openId.key, { audience: 'another-app', serviceUrl: 'x' })}`,
      }),
    },
  ];

  it.each(tokens)('should answer 401 to a request with $name', async ({ header }) => {
    const res = await h.post(activity(), header());
    expect(res.status).toBe(401);
  });

  it('should accept a genuine token for this bot (so the 401s above are about the tokens)', async () => {
    const a = activity();
    const token = signChannelToken(openId.key, { audience: APP_ID, serviceUrl: String(a.serviceUrl) });
    expect((await h.post(a, { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('should say it runs authenticated in /healthz', async () => {
    expect(((await (await fetch(`${h.url}/healthz`)).json()) as { mode: string }).mode).toBe('authenticated');
  });
});

describe('graceful shutdown', () => {
  it('should finish a turn in flight, flush the state file, then stop accepting', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bot-shutdown-'));
    const statePath = path.join(dir, 'bot-state.json');
    const state = new DocumentState(await FileStateStore.open(statePath), { kind: 'file' });
    const h = await startBot({ assistant: await realAssistant(), cards: realCards, state });
    const w = { serviceUrl: h.connector.url, conversationId: 'a:slow' };
    // The connector takes its time with the answer, so the turn is still running at close().
    h.connector.plan({
      status: 201,
      body: { id: 'slow-1' },
      delayMs: 400,
      when: (c) => c.body?.type === 'message',
    });
    const inFlight = h.post(A.message(w, 'paljonko Tietohallinto on käyttänyt?'));
    await h.connector.waitForReceived((calls) => calls.some((c) => c.body?.type === 'message'));
    await h.bot.close();
    expect((await inFlight).status).toBe(200);
    expect(h.connector.messages('a:slow')).toHaveLength(1);
    const onDisk = JSON.parse(await readFile(statePath, 'utf8'));
    expect(onDisk.conversations['a:slow'].lastQuery).not.toBeNull();
    await expect(fetch(`${h.url}/healthz`)).rejects.toThrow();
    await h.connector.close();
  });
});
