/**
 * Tokens when credentials are configured: beyond the forged, foreign and garbage tokens of
 * server.test.ts, the classic JWT attacks and mistakes: expired, not yet valid, unsigned
 * (alg "none"), HMAC-signed with the public key (algorithm confusion), signed for another
 * serviceUrl, a token of another bot's channel endorsement. Signed with jsonwebtoken against
 * OpenID metadata and keys served locally; botbuilder is pointed at them.
 */
import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import * as A from './support/activities';
import { type BotHarness, startBot } from './support/bot-harness';
import { CHANNEL_ISSUER, OpenIdServer, signChannelToken } from './support/openid-server';
import { realAssistant, realCards } from './support/real-core';

const APP_ID = '8a4c9e0e-3f4b-4c1a-9d7e-2b6f1c0d5e71';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

let h: BotHarness;
let openId: OpenIdServer;
/** botbuilder prints every refused token to the console; the test output stays readable. */
let quietConsole: MockInstance;
beforeAll(async () => {
  quietConsole = vi.spyOn(console, 'error').mockImplementation(() => undefined);
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
  quietConsole.mockRestore();
});

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** Signs with the genuine key, with any claims. */
function genuine(claims: Record<string, unknown>): string {
  return jwt.sign(
    {
      iss: CHANNEL_ISSUER,
      aud: APP_ID,
      serviceurl: SERVICE_URL,
      iat: now(),
      nbf: now() - 60,
      exp: now() + 3600,
      ...claims,
    },
    openId.key.privateKey,
    { algorithm: 'RS256', keyid: openId.key.kid },
  );
}

const tokens: Array<{ name: string; token: () => string }> = [
  // botbuilder allows five minutes of clock skew; an hour is well past it.
  {
    name: 'expired an hour ago',
    token: () => genuine({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 }),
  },
  { name: 'not valid for another hour', token: () => genuine({ nbf: now() + 3600, exp: now() + 7200 }) },
  {
    name: 'unsigned (alg "none")',
    token: () =>
      `${b64({ alg: 'none', typ: 'JWT', kid: openId.key.kid })}.${b64({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now() - 60, exp: now() + 3600 })}.`,
  },
  {
    name: 'HMAC-signed with the public key (algorithm confusion)',
    token: () => {
      const head = b64({ alg: 'HS256', typ: 'JWT', kid: openId.key.kid });
      const body = b64({
        iss: CHANNEL_ISSUER,
        aud: APP_ID,
        serviceurl: SERVICE_URL,
        nbf: now() - 60,
        exp: now() + 3600,
      });
      const pem = openId.key.publicKey.export({ format: 'pem', type: 'spki' });
      return `${head}.${body}.${createHmac('sha256', pem).update(`${head}.${body}`).digest('base64url')}`;
    },
  },
  {
    name: 'genuine, but with its signature cut off',
    token: () => `${genuine({}).split('.').slice(0, 2).join('.')}.`,
  },
  {
    name: 'genuine, but with the payload swapped for another audience',
    token: () => {
      const [head, , sig] = genuine({}).split('.');
      return `${head}.${b64({ iss: CHANNEL_ISSUER, aud: 'someone-else', serviceurl: SERVICE_URL, exp: now() + 3600 })}.${sig}`;
    },
  },
  {
    name: 'genuine, but issued for another serviceUrl',
    token: () => genuine({ serviceurl: 'https://evil.example/' }),
  },
  { name: 'genuine, but without an audience', token: () => genuine({ aud: undefined }) },
];

/** An activity that needs no reply: accepted or refused on its token alone. */
const quiet = () => ({ ...A.message({ serviceUrl: SERVICE_URL }, 'x'), type: 'somethingNew' });

describe('tokens when credentials are configured', () => {
  it.each(tokens)('should answer 401 to a token $name', async ({ token }) => {
    const res = await h.post(quiet(), { authorization: `Bearer ${token()}` });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body ?? '')).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });

  it.each([
    { name: 'a scheme other than Bearer', header: () => `Basic ${Buffer.from('app:pw').toString('base64')}` },
    { name: 'an empty Bearer', header: () => 'Bearer ' },
    { name: 'a 100 kB Bearer', header: () => `Bearer ${'a'.repeat(100_000)}` },
  ])('should answer 401 (or 431 for a header over the size limit) to $name', async ({ header }) => {
    const res = await h.post(quiet(), { authorization: header() });
    expect([401, 431]).toContain(res.status);
  });

  it('should accept the same activity with a genuine token (so the refusals are about the tokens)', async () => {
    const res = await h.post(quiet(), {
      authorization: `Bearer ${signChannelToken(openId.key, { audience: APP_ID, serviceUrl: SERVICE_URL })}`,
    });
    expect(res.status).toBe(200);
  });

  it('should run no turn for a refused token: nothing reaches the bot', async () => {
    h.logs.length = 0;
    await h.post(quiet(), { authorization: `Bearer ${tokens[0]!.token()}` });
    expect(h.logs.filter((l) => l.event === 'turn')).toEqual([]);
  });
});
