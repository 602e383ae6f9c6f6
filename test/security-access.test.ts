/**
 * Who may do what, against attempts to get around it: admin-only channel commands with a
 * look-alike admin and forged button data, another conversation's subscription cancelled by id,
 * and the tenant allow-list with a spoofed or missing tenant, for messages and invokes alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownCostCentres, SubscriptionHandler } from '../src/alerts/subscription-handler';
import { type DocumentState, memoryState } from '../src/store/document-state';
import * as A from './support/activities';
import { type BotHarness, startBot } from './support/bot-harness';
import { realAssistant, realCards } from './support/real-core';

const ADMIN = { id: '29:the-admin', name: 'Pääkäyttäjä', aadObjectId: 'aad-the-admin' };
const CHANNEL = '19:budget-team@thread.tacv2';

let h: BotHarness;
let state: DocumentState;
beforeAll(async () => {
  state = memoryState();
  const assistant = await realAssistant();
  h = await startBot({
    assistant,
    cards: realCards,
    state,
    env: { ADMIN_USER_IDS: ADMIN.aadObjectId, ALLOWED_TENANTS: A.TENANT },
    subscriptions: new SubscriptionHandler({
      subscriptions: state.subscriptions,
      adminsConfigured: true,
      knownCostCentre: knownCostCentres(() => assistant.data),
    }),
  });
});
afterAll(async () => {
  await h.close();
});

/** Sends an activity and returns the text of the reply it caused. */
async function say(activity: Record<string, unknown>): Promise<string> {
  const conversationId = (activity.conversation as { id: string }).id;
  const before = h.connector.messages(conversationId).length;
  expect((await h.post(activity)).status).toBe(200);
  const replies = await h.connector.waitForMessages(conversationId, before + 1);
  // A card reply says nothing beside its card: its summary is the gist; a plain reply is its text.
  return String(replies.at(-1)?.text ?? replies.at(-1)?.summary ?? '');
}

const channel = { serviceUrl: '', conversationId: CHANNEL, conversationType: 'channel' as const };
const inChannel = () => ({ ...channel, serviceUrl: h.connector.url });
const subscriptionsOf = (conversationId: string) => state.subscriptions.listFor(conversationId);

describe('admin-only channel commands', () => {
  it('should let the admin subscribe the channel (so the refusals below are about the user)', async () => {
    const activity = {
      ...A.message(inChannel(), 'tilaa hälytys Tietohallinto 80 %', { mention: true }),
      from: ADMIN,
    };
    expect(await say(activity)).toContain('Tietohallinto');
    expect(await subscriptionsOf(CHANNEL)).toHaveLength(1);
  });

  const impostors = [
    {
      name: "a user named like the admin's id",
      from: { id: '29:mallory', name: ADMIN.aadObjectId, aadObjectId: 'aad-mallory' },
    },
    {
      name: "a user with the admin's display name",
      from: { id: '29:mallory', name: ADMIN.name, aadObjectId: 'aad-mallory' },
    },
    { name: 'a user without an AAD id', from: { id: '29:mallory', name: 'Mallory' } },
  ];

  it.each(impostors)('should refuse $name stopping the channel alerts by command', async ({ from }) => {
    const reply = await say({ ...A.message(inChannel(), 'lopeta hälytykset', { mention: true }), from });
    expect(reply).toContain('Vain ylläpitäjät');
    expect(await subscriptionsOf(CHANNEL)).toHaveLength(1);
  });

  it('should refuse a non-admin clicking (or forging) the unsubscribe button in the channel', async () => {
    const id = (await subscriptionsOf(CHANNEL))[0]?.id;
    const reply = await say({
      ...A.submit(inChannel(), { action: 'unsubscribe', subscriptionId: id }),
      from: impostors[0]!.from,
    });
    expect(reply).toContain('Vain ylläpitäjät');
    expect(await subscriptionsOf(CHANNEL)).toHaveLength(1);
  });

  it("should not cancel another conversation's subscription by its id from a personal chat", async () => {
    const id = (await subscriptionsOf(CHANNEL))[0]?.id;
    const own = { serviceUrl: h.connector.url, conversationId: 'a:mallory-own' };
    const reply = await say({
      ...A.submit(own, { action: 'unsubscribe', subscriptionId: id }),
      from: impostors[0]!.from,
    });
    expect(reply).toContain('Tilausta ei löydy');
    expect(await subscriptionsOf(CHANNEL)).toHaveLength(1);
  });
});

describe('what a forged or oversized activity can put into the state', () => {
  it('should not subscribe to a cost centre the store does not have, whatever a button says', async () => {
    const where = { serviceUrl: h.connector.url, conversationId: 'a:forger' };
    const reply = await say(A.submit(where, { action: 'subscribe', costCentre: 'Salainen projekti' }));
    expect(reply).toContain('Kustannuspaikkaa "Salainen projekti" ei ole budjettitiedoissa');
    expect(await subscriptionsOf('a:forger')).toEqual([]);
  });

  it('should store a conversation reference with its echoed names capped and unknown fields dropped', async () => {
    // Within the body limit (256 KB), far beyond any real name.
    const huge = 'Ö'.repeat(40_000);
    const activity = A.message({ serviceUrl: h.connector.url, conversationId: 'a:oversized' }, 'apua');
    const big = {
      ...activity,
      conversation: { ...(activity.conversation as object), name: huge },
      from: { ...(activity.from as object), name: huge, payload: huge },
    };
    await say(big);
    const stored = JSON.stringify(await state.conversations.reference('a:oversized'));
    expect(stored.length).toBeLessThan(2_000);
    expect(stored).not.toContain('payload');
    expect(stored).toContain('Ö'.repeat(256));
  });
});

describe('tenant allow-list', () => {
  const spoofs = [
    {
      name: 'another tenant claiming ours in channelData',
      patch: (a: Record<string, unknown>) => ({
        ...a,
        conversation: { ...(a.conversation as object), tenantId: 'tenant-evil' },
        channelData: { tenant: { id: A.TENANT } },
      }),
    },
    {
      name: 'no tenant at all',
      patch: (a: Record<string, unknown>) => {
        const { tenantId: _dropped, ...conversation } = a.conversation as Record<string, unknown>;
        return { ...a, conversation, channelData: {} };
      },
    },
  ];

  it.each(spoofs)('should refuse a question from $name with 403 and no reply', async ({ patch }) => {
    const conversationId = `a:spoof-${Math.random()}`;
    const where = { serviceUrl: h.connector.url, conversationId };
    const res = await h.post(patch(A.message(where, 'paljonko Tietohallinto on käyttänyt?')));
    expect(res).toEqual({ status: 403, body: { error: 'tenant not allowed' } });
    expect(h.connector.calls.filter((c) => c.conversationId === conversationId)).toEqual([]);
  });

  it('should give search results to our own tenant (so the refusals below are about the tenant)', async () => {
    const res = await h.post(A.searchQuery({ serviceUrl: h.connector.url }, 'tieto'));
    expect(JSON.stringify(res.body ?? '')).toContain('Tietohallinto');
  });

  it.each(spoofs)('should give no search results to $name', async ({ patch }) => {
    const res = await h.post(patch(A.searchQuery({ serviceUrl: h.connector.url }, 'tieto')));
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body ?? '')).not.toContain('Tietohallinto');
  });
});
