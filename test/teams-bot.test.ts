/**
 * The bot end to end over HTTP: real Bot Framework activities are POSTed to the running
 * server, and the replies are read from the local Bot Connector they were sent to.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  CommandReply,
  SubscriptionCommand,
  SubscriptionCommands,
} from '../src/bot/subscription-commands';
import * as A from './support/activities';
import { adaptiveCardOf, type BotHarness, plainCardText, startBot } from './support/bot-harness';
import { realAssistant, realCards } from './support/real-core';

/** Records the commands routed to the alerts part, and answers each with a plain text. */
class RecordingCommands implements SubscriptionCommands {
  readonly seen: Array<{ command: SubscriptionCommand; conversationId: string; isAdmin: boolean }> = [];
  async handle(
    command: SubscriptionCommand,
    conversation: { id: string },
    user: { isAdmin: boolean },
  ): Promise<CommandReply> {
    this.seen.push({ command, conversationId: conversation.id, isAdmin: user.isAdmin });
    return { text: `handled ${command.kind}`, card: null };
  }
  readonly membership: Array<{ event: 'resume' | 'pause'; conversationId: string }> = [];
  async resume(conversation: { id: string }): Promise<number> {
    this.membership.push({ event: 'resume', conversationId: conversation.id });
    return 0;
  }
  async pause(conversation: { id: string }): Promise<number> {
    this.membership.push({ event: 'pause', conversationId: conversation.id });
    return 0;
  }
}

let h: BotHarness;
const commands = new RecordingCommands();

beforeAll(async () => {
  h = await startBot({
    assistant: await realAssistant(),
    cards: realCards,
    subscriptions: commands,
    env: { ADMIN_USER_IDS: A.USER.aadObjectId },
  });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.connector.reset();
});

function where(overrides: Partial<A.Where> = {}): A.Where {
  return {
    serviceUrl: h.connector.url,
    conversationId: `a:${Math.random().toString(36).slice(2)}`,
    ...overrides,
  };
}

/** Sends an activity, expects 200, and returns the conversation's non-typing replies once `count` have arrived. */
async function turn(activity: Record<string, unknown>, count = 1): Promise<Array<Record<string, unknown>>> {
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  const conversationId = (activity.conversation as { id: string }).id;
  return h.connector.waitForMessages(conversationId, count);
}

describe('questions in a personal chat', () => {
  it('should answer "paljonko Tietohallinto on käyttänyt?" with a card of the actual and the budget', async () => {
    const w = where();
    const activity = A.message(w, 'paljonko Tietohallinto on käyttänyt?');
    const [reply] = await turn(activity);
    const text = plainCardText(adaptiveCardOf(reply));
    expect(text).toContain('924 370 €');
    expect(text).toContain('1 488 900 €');
    // Said once: the card carries the answer; no text paragraph beside it. The one-sentence gist
    // is the notification preview (summary) and what a screen reader announces first (speak).
    expect(reply?.text).toBeUndefined();
    const headline = 'Käytetty 62,1 % · vuodesta kulunut 49,6 % · jäljellä 564 530 €';
    expect(String(reply?.summary).replace(/\u00a0/g, ' ')).toBe(headline);
    expect(String(adaptiveCardOf(reply)?.speak).replace(/\u00a0/g, ' ')).toBe(headline);
    expect(reply?.replyToId).toBe(activity.id);
  });

  it('should send the answer alone, without a typing indicator, when it is ready at once', async () => {
    const w = where();
    await turn(A.message(w, 'paljonko Tietohallinto on käyttänyt?'));
    const types = h.connector.activities(w.conversationId).map((a) => a.type);
    expect(types).toEqual(['message']);
  });

  it('should answer a follow-up from the conversation context ("entä 2020?")', async () => {
    const w = where();
    await turn(A.message(w, 'paljonko Tietohallinto on käyttänyt?'));
    const replies = await turn(A.message(w, 'entä 2020?'), 2);
    const text = plainCardText(adaptiveCardOf(replies[1]));
    expect(text).toContain('Tietohallin');
    expect(text).toContain('2020');
    expect(text).not.toContain('924 370 €');
  });

  it('should keep contexts apart: a follow-up in another conversation has nothing to follow', async () => {
    await turn(A.message(where(), 'paljonko Tietohallinto on käyttänyt?'));
    const [reply] = await turn(A.message(where(), 'entä 2020?'));
    // Nothing to follow: it asks which cost centre (every one offered), never Tietohallinto's figures.
    const text = plainCardText(adaptiveCardOf(reply));
    expect(text).toContain('Minkä kustannuspaikan?');
    expect(text).not.toContain('924 370');
    expect(text).not.toContain('Tietohallinto ·');
  });

  it('should offer clarification buttons that ask the chosen question when clicked', async () => {
    const w = where();
    const [clarify] = await turn(A.message(w, 'paljonko liitto on käyttänyt?'));
    const card = adaptiveCardOf(clarify);
    const buttons = findSubmitData(card);
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    const choice = buttons[0]!;
    expect(choice).toMatchObject({ action: 'choose', ask: expect.any(String) });
    const chosen = String(choice.ask).match(/Lapin liitto|Kuntaliitto/)?.[0];
    expect(chosen).toBeDefined();
    // The answer takes the clarify card's place: in the invoke response for the one who clicked,
    // and by an update of that message for everyone else. No new message.
    const clarifyId = String(
      h.connector.calls.find((c) => c.operation === 'replyToActivity')?.body?.id ?? 'msg-1',
    );
    const res = await h.post(A.executeAction(w, choice, clarifyId));
    const body = res.body as { type: string; value: unknown };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    const answered = plainCardText(body.value);
    expect(answered).toContain(chosen);
    expect(answered).toMatch(/\d €/);
    await h.connector.waitFor((calls) => calls.some((c) => c.operation === 'updateActivity'));
    const update = h.connector.calls.find((c) => c.operation === 'updateActivity');
    expect(update?.conversationId).toBe(w.conversationId);
    expect(update?.activityId).toBe(clarifyId);
    expect(plainCardText(adaptiveCardOf(update?.body ?? undefined))).toContain(chosen);
    expect(
      h.connector.calls.filter((c) => c.operation === 'replyToActivity' && c.body?.type === 'message'),
    ).toHaveLength(1);
  });

  it('should still answer a button of a card sent before Universal Actions (Action.Submit)', async () => {
    const w = where();
    const replies = await turn(A.submit(w, { action: 'ask', ask: 'paljonko Tietohallinto on käyttänyt?' }));
    expect(plainCardText(adaptiveCardOf(replies[0]))).toContain('924 370 €');
  });

  it('should answer "apua" with help: example questions as buttons that ask them', async () => {
    const [reply] = await turn(A.message(where(), 'apua'));
    const examples = findSubmitData(adaptiveCardOf(reply)).filter((d) => d.action === 'ask');
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const e of examples) expect(String(e.ask).length).toBeGreaterThan(3);
  });

  it('should reply politely to a 10 000-character message, without answering it', async () => {
    const [reply] = await turn(A.message(where(), 'Tietohallinto '.repeat(715).slice(0, 10_000)));
    expect(plainCardText(adaptiveCardOf(reply))).toMatch(/liian pitkä/);
    expect(plainCardText(adaptiveCardOf(reply))).not.toContain('924 370 €');
  });
});

describe('group chats and channels', () => {
  it.each([
    'groupChat',
    'channel',
  ] as const)('should stay quiet in a %s unless @mentioned', async (conversationType) => {
    const w = where({ conversationType });
    const res = await h.post(A.message(w, 'paljonko Tietohallinto on käyttänyt?'));
    expect(res.status).toBe(200);
    // A mentioned question right after it is the only one answered.
    const replies = await turn(A.message(w, 'paljonko Tietohallinto on käyttänyt?', { mention: true }));
    expect(replies).toHaveLength(1);
    const text = plainCardText(adaptiveCardOf(replies[0]));
    expect(text).toContain('924 370 €');
    // The mention was taken out before the question was understood.
    expect(text).toContain('Tietohallinto · menot 2022');
    expect(text).not.toContain(A.BOT.name);
    expect(text).not.toContain('<at>');
  });

  it('should ignore a card shared into the chat from the message extension', async () => {
    const w = where({ conversationType: 'groupChat' });
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'Tietohallinto' }],
    };
    const res = await h.post(A.sharedCard(w, card, '', { mention: true }));
    expect(res.status).toBe(200);
    // Nothing is said about it (no "En ymmärtänyt … span class"); a question beside a card is answered.
    await turn(A.sharedCard(w, card, 'paljonko Tietohallinto on käyttänyt?', { mention: true }));
    const messages = h.connector.messages(w.conversationId);
    expect(messages).toHaveLength(1);
    const text = plainCardText(adaptiveCardOf(messages[0]));
    expect(text).toContain('924 370 €');
    expect(text).not.toContain('span');
  });

  it('should ignore a shared card in a personal chat too, without a welcome', async () => {
    const w = where();
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Vaalit' }] };
    expect((await h.post(A.sharedCard(w, card))).status).toBe(200);
    await turn(A.message(w, 'apua'));
    expect(h.connector.messages(w.conversationId)).toHaveLength(1);
  });

  it('should keep replies in a channel in their thread, and subscriptions with the channel', async () => {
    const thread = '19:general@thread.tacv2;messageid=1700000000000';
    const w = where({ conversationType: 'channel', conversationId: thread });
    await turn(A.message(w, 'paljonko Tietohallinto on käyttänyt?', { mention: true }));
    expect(h.connector.messages(thread)).toHaveLength(1);
    await turn(A.message(w, 'tilaa hälytykset', { mention: true }), 2);
    expect(commands.seen.at(-1)?.conversationId).toBe('19:general@thread.tacv2');
    // The channel's own reference (for alerts as new posts) is kept beside the thread's.
    expect(await h.state.conversations.reference('19:general@thread.tacv2')).toMatchObject({
      conversation: { id: '19:general@thread.tacv2' },
    });
    expect(await h.state.conversations.reference('19:general@thread.tacv2')).not.toHaveProperty('activityId');
  });

  it('should handle a button click in a channel without a mention', async () => {
    const w = where({ conversationType: 'channel' });
    const [reply] = await turn(A.submit(w, { action: 'ask', ask: 'paljonko Tietohallinto on käyttänyt?' }));
    expect(plainCardText(adaptiveCardOf(reply))).toContain('1 488 900 €');
  });
});

describe('installation', () => {
  it('should welcome with a card of example questions when the bot is added to a conversation', async () => {
    const [reply] = await turn(A.conversationUpdate(where(), [{ id: A.BOT.id }]));
    expect(
      findSubmitData(adaptiveCardOf(reply)).filter((d) => d.action === 'ask').length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('should welcome in English when the client speaks English', async () => {
    const fi = adaptiveCardOf((await turn(A.installationUpdate(where({ locale: 'fi-FI' }))))[0]);
    const en = adaptiveCardOf((await turn(A.installationUpdate(where({ locale: 'en-US' }))))[0]);
    expect(plainCardText(en)).not.toBe(plainCardText(fi));
    expect(plainCardText(en)).toMatch(/\b(the|ask|budget)\b/i);
  });

  it('should welcome in the channel when the app is added to a team', async () => {
    const w = where({ conversationType: 'channel' });
    const activity = A.conversationUpdate(w, [{ id: A.BOT.id }]);
    activity.channelData = {
      tenant: { id: A.TENANT },
      eventType: 'teamMemberAdded',
      team: { id: '19:team' },
    };
    const [reply] = await turn(activity);
    expect(adaptiveCardOf(reply)).not.toBeNull();
  });

  it('should not greet when someone else joins', async () => {
    const w = where();
    expect((await h.post(A.conversationUpdate(w, [{ id: '29:someone-else' }]))).status).toBe(200);
    await turn(A.message(w, 'apua'));
    expect(h.connector.messages(w.conversationId)).toHaveLength(1);
  });

  it('should welcome on installationUpdate add', async () => {
    const [reply] = await turn(A.installationUpdate(where(), 'add'));
    expect(adaptiveCardOf(reply)).not.toBeNull();
  });

  it('should welcome once when Teams sends both install events', async () => {
    const w = where();
    await turn(A.installationUpdate(w, 'add'));
    expect((await h.post(A.conversationUpdate(w, [{ id: A.BOT.id }]))).status).toBe(200);
    await turn(A.message(w, 'apua'), 2);
    expect(h.connector.messages(w.conversationId)).toHaveLength(2); // welcome + help
  });

  it('should welcome once, in one language, when both install events arrive at the same moment', async () => {
    for (let i = 0; i < 5; i++) {
      const w = where();
      const results = await Promise.all([
        h.post(A.installationUpdate({ ...w, locale: 'en-US' }, 'add')),
        h.post(A.conversationUpdate({ ...w, locale: 'fi-FI' }, [{ id: A.BOT.id }])),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      await turn(A.message(w, 'apua'), 2);
      const welcomes = h.connector
        .messages(w.conversationId)
        .filter((m) => /Hei!|Hi!/.test(plainCardText(adaptiveCardOf(m))));
      expect(welcomes).toHaveLength(1);
    }
  });

  it('should welcome again after the app was removed and installed again', async () => {
    const w = where();
    await turn(A.installationUpdate(w, 'add'));
    expect((await h.post(A.installationUpdate(w, 'remove'))).status).toBe(200);
    await turn(A.installationUpdate(w, 'add'), 2);
    expect(h.connector.messages(w.conversationId)).toHaveLength(2);
  });

  it('should stay quiet when the app is removed', async () => {
    const w = where();
    expect((await h.post(A.installationUpdate(w, 'remove'))).status).toBe(200);
    await turn(A.message(w, 'apua'));
    expect(h.connector.messages(w.conversationId)).toHaveLength(1);
  });

  it('should remember the conversation reference for proactive alerts', async () => {
    const w = where();
    await turn(A.installationUpdate(w, 'add'));
    expect(await h.state.conversations.reference(w.conversationId!)).toMatchObject({
      serviceUrl: h.connector.url,
      conversation: { id: w.conversationId },
    });
  });
});

describe('card actions', () => {
  it('should answer a question button (Action.Execute "ask") as a new message, keeping the card it was on', async () => {
    const w = where();
    const res = await h.post(
      A.executeAction(w, { action: 'ask', ask: 'paljonko Tietohallinto on käyttänyt?' }, 'answer-card-1'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Vastaus tulee alle uutena viestinä.',
    });
    const [reply] = await h.connector.waitForMessages(w.conversationId!, 1);
    expect(plainCardText(adaptiveCardOf(reply))).toContain('924 370 €');
    expect(h.connector.calls.some((c) => c.operation === 'updateActivity')).toBe(false);
  });

  it('should route subscribe and unsubscribe buttons to the alerts part', async () => {
    const w = where();
    await turn(A.submit(w, { action: 'subscribe', costCentre: 'Tietohallinto' }));
    await turn(A.submit(w, { action: 'unsubscribe', subscriptionId: 'sub-1' }), 2);
    const mine = commands.seen.filter((s) => s.conversationId === w.conversationId);
    expect(mine.map((s) => s.command)).toEqual([
      { kind: 'subscribeForm', costCentre: 'Tietohallinto', prefill: null, alert: null, query: null },
      { kind: 'unsubscribe', subscriptionId: 'sub-1', alert: null, query: null },
    ]);
    expect(mine.every((s) => s.isAdmin)).toBe(true);
  });

  it('should route the step picker and the alert card buttons with what they carry', async () => {
    const w = where();
    const alert = { costCentre: 'Tietohallinto', asOf: '2022-06-30' };
    for (const data of [
      { action: 'editSubscription', costCentre: '', prefill: { steps: '0.8' }, alert },
      {
        action: 'saveSubscription',
        costCentre: 'Tietohallinto',
        steps: '0.5,0.9',
        quietDays: '7',
        projection: 'false',
      },
      { action: 'cancelEdit', costCentre: 'Tietohallinto' },
      { action: 'refreshAlert', subscriptionId: 'sub-1', costCentre: 'Tietohallinto', asOf: '2022-06-30' },
    ])
      expect((await h.post(A.executeAction(w, data, 'card-1'))).status).toBe(200);
    const mine = commands.seen.filter((s) => s.conversationId === w.conversationId).map((s) => s.command);
    expect(mine).toEqual([
      { kind: 'subscribeForm', costCentre: null, prefill: { steps: '0.8' }, alert, query: null },
      {
        kind: 'saveSubscription',
        costCentre: 'Tietohallinto',
        rule: { steps: '0.5,0.9', quietDays: '7', projection: 'false' },
        alert: null,
        query: null,
      },
      { kind: 'cancelEdit', costCentre: 'Tietohallinto', alert: null, query: null },
      {
        kind: 'refreshAlert',
        subscriptionId: 'sub-1',
        costCentre: 'Tietohallinto',
        asOf: '2022-06-30',
        query: null,
      },
    ]);
  });

  it.each([
    { typed: 'tilaa hälytykset', kind: 'subscribe' },
    { typed: 'näytä tilaukset', kind: 'listSubscriptions' },
    { typed: 'lopeta hälytykset', kind: 'unsubscribe' },
  ])('should route a typed "$typed" to the alerts part as $kind', async ({ typed, kind }) => {
    const w = where();
    const [reply] = await turn(A.message(w, typed));
    const mine = commands.seen.filter((s) => s.conversationId === w.conversationId);
    expect(mine.map((s) => s.command.kind)).toEqual([kind]);
    expect(mine[0]?.command.query).toMatchObject({ intent: kind });
    expect(reply?.text).toBe(`handled ${kind}`);
  });

  it('should answer a card-less command reply to a Universal Action as a message', async () => {
    const res = await h.post(A.executeAction(where(), { action: 'subscribe', costCentre: 'Tietohallinto' }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'handled subscribeForm',
    });
  });

  it('should say so when a button sends data that is not ours', async () => {
    const [reply] = await turn(A.submit(where(), { action: 'launchRockets' }));
    expect(plainCardText(adaptiveCardOf(reply))).toMatch(/painiketta/);
    const res = await h.post(A.executeAction(where(), { action: 'launchRockets' }));
    expect(res.body).toMatchObject({ statusCode: 200, value: expect.stringMatching(/painiketta/) });
  });
});

describe('other activities', () => {
  it('should ignore unknown activity types with 200 and no reply', async () => {
    const w = where();
    const res = await h.post({ ...A.message(w, 'x'), type: 'somethingNew', text: undefined });
    expect(res.status).toBe(200);
    await turn(A.message(w, 'apua'));
    expect(h.connector.messages(w.conversationId)).toHaveLength(1);
  });

  it('should answer an unknown invoke with 501', async () => {
    const res = await h.post(A.invoke(where(), 'someApp/unknownThing', {}));
    expect(res.status).toBe(501);
  });

  it('should answer an adaptiveCard/action without an action with 400', async () => {
    const res = await h.post(A.invoke(where(), 'adaptiveCard/action', { nothing: true }));
    expect(res.status).toBe(400);
  });
});

describe('logging', () => {
  it('should write one line per turn with intent, status and duration, and no message text at info level', async () => {
    const before = h.logs.length;
    await turn(A.message(where(), 'paljonko Tietohallinto on käyttänyt?'));
    const lines = h.logs.slice(before);
    const turns = lines.filter((l) => l.event === 'turn');
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({
      activityType: 'message',
      status: 'answer',
      intent: expect.any(String),
      durationMs: expect.any(Number),
    });
    const infoAndAbove = lines.filter((l) => Number(l.level) >= 30);
    expect(JSON.stringify(infoAndAbove)).not.toContain('Tietohallinto on käyttänyt');
  });
});

describe('tenant allow-list', () => {
  let guarded: BotHarness;
  beforeAll(async () => {
    guarded = await startBot({
      assistant: await realAssistant(),
      cards: realCards,
      env: { ALLOWED_TENANTS: A.TENANT },
    });
  });
  afterAll(async () => {
    await guarded.close();
  });

  it('should refuse another tenant with 403, no reply, and a log line without the text', async () => {
    const w = { serviceUrl: guarded.connector.url, conversationId: 'a:outsider', tenantId: 'other-tenant' };
    const res = await guarded.post(A.message(w, 'paljonko Tietohallinto on käyttänyt?'));
    expect(res).toEqual({ status: 403, body: { error: 'tenant not allowed' } });
    expect(guarded.connector.calls.filter((c) => c.conversationId === 'a:outsider')).toEqual([]);
    const refused = guarded.logs.filter((l) => l.tenant === 'other-tenant');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ level: 40, kind: 'tenant not allowed', activityType: 'message' });
    expect(JSON.stringify(guarded.logs)).not.toContain('Tietohallinto');
  });

  it('should refuse a search from a tenant not allowed with 403', async () => {
    const w = { serviceUrl: guarded.connector.url, tenantId: 'other-tenant' };
    expect((await guarded.post(A.searchQuery(w, 'tietoh'))).status).toBe(403);
  });

  it('should say alerts are not available when no alerts part is plugged in', async () => {
    const w = { serviceUrl: guarded.connector.url, conversationId: 'a:no-alerts' };
    expect((await guarded.post(A.message(w, 'tilaa hälytykset'))).status).toBe(200);
    const [reply] = await guarded.connector.waitForMessages('a:no-alerts', 1);
    expect(plainCardText(adaptiveCardOf(reply))).toMatch(/ei ole käytössä/);
  });

  it('should answer an allowed tenant', async () => {
    const w = { serviceUrl: guarded.connector.url, conversationId: 'a:insider' };
    expect((await guarded.post(A.message(w, 'paljonko Tietohallinto on käyttänyt?'))).status).toBe(200);
    const [reply] = await guarded.connector.waitForMessages('a:insider', 1);
    expect(plainCardText(adaptiveCardOf(reply))).toContain('924 370 €');
  });
});

/** The data of every Action.Submit in a card, in order. */
function findSubmitData(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const n = node as Record<string, unknown>;
      if ((n.type === 'Action.Submit' || n.type === 'Action.Execute') && typeof n.data === 'object')
        out.push(n.data as Record<string, unknown>);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}
