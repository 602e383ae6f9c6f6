/**
 * Closed by default: a single-tenant bot serves only its own organisation (tokens for another
 * tenant's conversations get 403, logged without the message), ALLOWED_TENANTS widens that on
 * purpose, and so does ALLOW_ANY_TENANT for a multi-tenant bot. The bot is no relay: replies go
 * only to loopback without credentials and only to the Bot Connector's hosts with them.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createBotServer } from '../src/server';
import { memoryState } from '../src/store/document-state';
import * as A from './support/activities';
import { type BotHarness, startBot } from './support/bot-harness';
import { OpenIdServer, signChannelToken } from './support/openid-server';
import { realAssistant, realCards } from './support/real-core';

const APP_ID = '0b6f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e';
const TEAMS = 'https://smba.trafficmanager.net/emea/';
const QUESTION = 'paljonko Tietohallinto on käyttänyt?';

let openId: OpenIdServer;
beforeAll(async () => {
  openId = await OpenIdServer.start();
});
afterAll(async () => {
  await openId.close();
});

/** A bot with credentials (checked against the local OpenID server) and `env` on top. */
function credentialed(env: Record<string, string>): Promise<BotHarness> {
  return realAssistant().then((assistant) =>
    startBot({
      assistant,
      cards: realCards,
      env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-offline', ...env },
      authOverrides: openId.authOverrides(),
    }),
  );
}

/** Posts with a genuine channel token issued for the activity's serviceUrl. */
function postSigned(h: BotHarness, activity: Record<string, unknown>) {
  const token = signChannelToken(openId.key, { audience: APP_ID, serviceUrl: String(activity.serviceUrl) });
  return h.post(activity, { authorization: `Bearer ${token}` });
}

/** An activity that needs no reply (the connector is Teams' own, unreachable from here). */
const quiet = (where: Partial<A.Where> = {}) => ({
  ...A.message({ serviceUrl: TEAMS, ...where }, QUESTION),
  type: 'somethingNew',
});

describe('a single-tenant bot', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await credentialed({
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: A.TENANT,
      LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('should admit a genuine token from its own tenant', async () => {
    expect((await postSigned(h, quiet())).status).toBe(200);
  });

  it.each([
    { name: 'a message', activity: () => A.message({ serviceUrl: TEAMS, tenantId: 'other-city' }, QUESTION) },
    {
      name: 'a search',
      activity: () => A.searchQuery({ serviceUrl: TEAMS, tenantId: 'other-city' }, 'tieto'),
    },
    {
      name: 'a message whose channel data claims our tenant',
      activity: () => ({
        ...A.message({ serviceUrl: TEAMS, tenantId: 'other-city' }, QUESTION),
        channelData: { tenant: { id: A.TENANT } },
      }),
    },
  ])('should answer 403 to $name from another tenant, with a genuine token', async ({ activity }) => {
    const before = h.logs.filter((l) => l.event === 'turn').length;
    const res = await postSigned(h, activity());
    expect(res).toEqual({ status: 403, body: { error: 'tenant not allowed' } });
    // No turn ran: nothing was understood, answered or remembered for the stranger.
    expect(h.logs.filter((l) => l.event === 'turn')).toHaveLength(before);
  });

  it('should log the refusal once a minute per kind, with the tenant and without the message', async () => {
    for (let i = 0; i < 20; i++)
      await postSigned(h, A.message({ serviceUrl: TEAMS, tenantId: 'flooding-city' }, QUESTION));
    const refusals = h.logs.filter((l) => l.kind === 'tenant not allowed');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ level: 40, tenant: 'other-city', activityType: 'message' });
    expect(JSON.stringify(h.logs)).not.toContain('Tietohallinto');
  });

  it('should refuse a reply address outside the Bot Connector hosts, even with a token issued for it', async () => {
    const res = await postSigned(h, quiet({ serviceUrl: 'https://evil.example/botframework/' }));
    expect(res).toEqual({ status: 403, body: { error: 'serviceUrl not allowed' } });
  });
});

describe('ALLOWED_TENANTS and ALLOW_ANY_TENANT', () => {
  it('should serve a partner tenant listed in ALLOWED_TENANTS beside its own, and nobody else', async () => {
    const h = await credentialed({
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: A.TENANT,
      ALLOWED_TENANTS: 'partner-city',
    });
    try {
      expect((await postSigned(h, quiet({ tenantId: 'partner-city' }))).status).toBe(200);
      expect((await postSigned(h, quiet())).status).toBe(200);
      expect((await postSigned(h, quiet({ tenantId: 'other-city' }))).status).toBe(403);
    } finally {
      await h.close();
    }
  });

  it('should serve any tenant from a multi-tenant bot only with ALLOW_ANY_TENANT=true', async () => {
    const h = await credentialed({ MicrosoftAppType: 'MultiTenant', ALLOW_ANY_TENANT: 'true' });
    try {
      expect((await postSigned(h, quiet({ tenantId: 'any-city' }))).status).toBe(200);
    } finally {
      await h.close();
    }
    await expect(credentialed({ MicrosoftAppType: 'MultiTenant' })).rejects.toThrow(/ALLOWED_TENANTS/);
  });
});

describe('anonymous local mode', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBot({ assistant: await realAssistant(), cards: realCards, env: { LOG_LEVEL: 'info' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('should answer through a connector on loopback', async () => {
    const where = { serviceUrl: h.connector.url, conversationId: 'a:local' };
    expect((await h.post(A.message(where, QUESTION))).status).toBe(200);
    expect(h.connector.messages('a:local')).toHaveLength(1);
  });

  it.each([
    'http://169.254.169.254/latest/',
    'http://10.20.30.40:8080/',
    'https://smba.trafficmanager.net/emea/',
    'http://127.0.0.1.nip.io/',
    'http://127.0.0.1@evil.example/',
  ])('should refuse to reply to %s: no turn, no call', async (serviceUrl) => {
    const calls = async () =>
      ((await (await fetch(`${h.url}/healthz`)).json()) as { connector: { calls: number } }).connector.calls;
    const before = await calls();
    const turns = h.logs.filter((l) => l.event === 'turn').length;
    const res = await h.post(A.message({ serviceUrl }, QUESTION));
    expect(res).toEqual({ status: 403, body: { error: 'serviceUrl not allowed' } });
    expect(await calls()).toBe(before);
    expect(h.logs.filter((l) => l.event === 'turn')).toHaveLength(turns);
  });

  it('should listen on loopback only unless HOST says otherwise', async () => {
    const server = createBotServer({
      config: loadConfig({ PORT: '0' }),
      assistant: await realAssistant(),
      cards: realCards,
      state: memoryState(),
      logger: pino({ level: 'silent' }),
    });
    await server.listen();
    try {
      expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    } finally {
      await server.close();
    }
  });
});
