/**
 * The Bot Framework's OpenID metadata cannot be had (login.botframework.com unreachable, or
 * black-holed so that connections hang): requests with a token fail fast with 503 and a plain
 * body, all within the key fetch's timeout, one fetch for all of them; the failure is logged
 * once, with no stack trace and nothing on the console.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import * as A from './support/activities';
import { BlackHole } from './support/black-hole';
import { type BotHarness, startBot } from './support/bot-harness';
import { OpenIdServer, signChannelToken } from './support/openid-server';
import { realAssistant, realCards } from './support/real-core';

const APP_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const TEAMS = 'https://smba.trafficmanager.net/emea/';

const ENV = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'not-used-offline',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: A.TENANT,
  LOG_LEVEL: 'info',
};

/** A quiet activity (no reply needed) with a token signed by the genuine key. */
function signedRequest(openId: OpenIdServer): {
  activity: Record<string, unknown>;
  headers: Record<string, string>;
} {
  const activity = { ...A.message({ serviceUrl: TEAMS }, 'x'), type: 'somethingNew' };
  const token = signChannelToken(openId.key, { audience: APP_ID, serviceUrl: TEAMS });
  return { activity, headers: { authorization: `Bearer ${token}` } };
}

let openId: OpenIdServer;
let consoleSpies: MockInstance[];
const consoleLines: string[] = [];
beforeAll(async () => {
  openId = await OpenIdServer.start();
  consoleSpies = (['error', 'warn', 'log'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map(String).join(' '));
    }),
  );
});
afterAll(async () => {
  for (const spy of consoleSpies) spy.mockRestore();
  await openId.close();
});

describe('metadata endpoint black-holed', () => {
  let hole: BlackHole;
  let h: BotHarness;
  beforeAll(async () => {
    hole = await BlackHole.start();
    h = await startBot({
      assistant: await realAssistant(),
      cards: realCards,
      env: ENV,
      authOverrides: {
        ...openId.authOverrides(),
        ToBotFromChannelOpenIdMetadataUrl: `${hole.url}/openidconfiguration`,
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await hole.close();
  });

  it('should answer 50 requests at once within 5 s, all with 503 and a plain body', async () => {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const { activity, headers } = signedRequest(openId);
        const res = await fetch(`${h.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(activity),
          signal: AbortSignal.timeout(10_000),
        });
        return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
      }),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(503));
    for (const r of results) {
      expect(JSON.parse(r.body)).toEqual({ error: 'cannot verify the request right now; try again shortly' });
      expect(r.retryAfter).toBe('10');
    }
    // One fetch served every request that was waiting.
    expect(hole.connections).toBe(1);
  });

  it('should then fail at once without trying the endpoint again, for a while', async () => {
    const started = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () => {
        const { activity, headers } = signedRequest(openId);
        return h.post(activity, headers).then((r) => r.status);
      }),
    );
    expect(statuses).toEqual(Array(50).fill(503));
    // Nobody waited for the endpoint: no new connection, and all answered within less than one
    // fetch's timeout (3 s).
    expect(hole.connections).toBe(1);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('should log the failure once, without a stack trace, and print nothing to the console', async () => {
    const lines = h.logs.filter((l) => l.kind === 'signing keys unavailable');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, problem: 'metadata did not answer in time' });
    expect(JSON.stringify(h.logs)).not.toMatch(/\bat .+\.(ts|js):\d+|stack/);
    expect(consoleLines).toEqual([]);
  });

  it('should still say why in /healthz, and still answer 401 to a request without a token', async () => {
    const health = (await (await fetch(`${h.url}/healthz`)).json()) as {
      signingKeys: { keys: number; lastFailure: { kind: string } | null };
    };
    expect(health.signingKeys).toMatchObject({
      keys: 0,
      lastFailure: { kind: 'metadata did not answer in time' },
    });
    const { activity } = signedRequest(openId);
    expect((await h.post(activity)).status).toBe(401);
  });
});

describe('metadata endpoint failing, then back', () => {
  let metadata: Server;
  let failing = true;
  let h: BotHarness;
  beforeAll(async () => {
    // Answers 500 while failing, then the genuine metadata of the local OpenID server.
    metadata = createServer((_req, res) => {
      if (failing) {
        res.statusCode = 500;
        res.end('upstream exploded at /srv/internal/thing');
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ jwks_uri: openId.metadataUrl.replace('/openidconfiguration', '/keys') }));
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/openidconfiguration`;
    h = await startBot({
      assistant: await realAssistant(),
      cards: realCards,
      env: ENV,
      authOverrides: { ...openId.authOverrides(), ToBotFromChannelOpenIdMetadataUrl: url },
      // A short hold, so that the recovery shows within the test.
      signingKeys: { failureHoldMs: 300 },
    });
  });
  afterAll(async () => {
    await h.close();
    metadata.closeAllConnections();
    await new Promise<void>((resolve) => metadata.close(() => resolve()));
  });

  it('should answer 503 without the upstream error, then 200 once the metadata is back', async () => {
    const { activity, headers } = signedRequest(openId);
    const refused = await h.post(activity, headers);
    expect(refused.status).toBe(503);
    expect(JSON.stringify(refused.body)).not.toContain('exploded');
    failing = false;
    await new Promise((r) => setTimeout(r, 350));
    expect((await h.post(activity, headers)).status).toBe(200);
  });
});
