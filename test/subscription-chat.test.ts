/**
 * Subscriptions end to end: typed commands and card buttons go through the real bot (HTTP,
 * botbuilder, understanding) into the alert subscriptions, and the next alert run reaches the
 * same conversation through the stored reference on the local Bot Connector.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertService } from '../src/alerts/alert-service';
import { knownCostCentres, SubscriptionHandler } from '../src/alerts/subscription-handler';
import { memoryState } from '../src/store/document-state';
import {
  BOT,
  conversationUpdate,
  executeAction,
  installationUpdate,
  message,
  submit,
  USER,
} from './support/activities';
import { adaptiveCardOf, type BotHarness, plainCardText, startBot } from './support/bot-harness';
import { realAssistant, realCards, STORE_PATH } from './support/real-core';

let harness: BotHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function start(env: Record<string, string> = {}) {
  const state = memoryState();
  const assistant = await realAssistant();
  harness = await startBot({
    assistant,
    cards: realCards,
    state,
    env,
    subscriptions: new SubscriptionHandler({
      subscriptions: state.subscriptions,
      adminsConfigured: (env.ADMIN_USER_IDS ?? '') !== '',
      knownCostCentre: knownCostCentres(() => assistant.data),
      budget: () => assistant.data,
    }),
  });
  return { h: harness, state };
}

/** Sends an activity and waits for the bot's reply in that conversation; returns what it says (summary, text, card). */
async function say(h: BotHarness, activity: Record<string, unknown>): Promise<string> {
  const conversationId = (activity.conversation as { id: string }).id;
  const before = h.connector.messages(conversationId).length;
  const res = await h.post(activity);
  expect(res.status).toBeLessThan(300);
  const reply = (await h.connector.waitForMessages(conversationId, before + 1)).at(-1);
  return [reply?.summary, reply?.text, plainCardText(adaptiveCardOf(reply))]
    .filter((s) => typeof s === 'string' && s !== '')
    .join('\n')
    .replace(/\u00a0/g, ' ');
}

describe('subscriptions in chat', () => {
  it('should subscribe by chat, list, alert through the stored reference, and stop', async () => {
    const { h, state } = await start();
    const where = { serviceUrl: h.connector.url, conversationId: 'a:maija' };

    const subscribed = await say(h, message(where, 'tilaa hälytys Tietohallinto 80 %'));
    expect(subscribed).toContain('Hälytykset tilattu: Tietohallinto');
    expect(await state.subscriptions.list()).toMatchObject([
      { conversationId: 'a:maija', costCentre: 'Tietohallinto', thresholds: ['0.8'] },
    ]);
    expect(await state.conversations.reference('a:maija')).toMatchObject({ serviceUrl: h.connector.url });

    const listed = await say(h, message(where, 'näytä tilaukset'));
    expect(listed).toContain('Tietohallinto');
    expect(listed).toContain('Ilmoitus, kun budjetista on käytetty 80 %');

    // 924 370 € of 1 488 900 € is 62,1 %: under the 80 % step, but 12,5 points ahead of the year.
    const alerts = createAlertService({
      config: {
        auth: null,
        storePath: STORE_PATH,
        alerts: { enabled: false, time: '07:30', timeZone: 'Europe/Helsinki', runSecret: null },
      },
      state,
      logger: { info: () => undefined, error: () => undefined },
    });
    const before = h.connector.messages('a:maija').length;
    const run = await alerts.run();
    expect(run.sent).toBe(1);
    const [alert] = (await h.connector.waitForMessages('a:maija', before + 1)).slice(before);
    // Said once: the alert card carries it, with no text beside it; the summary is the preview.
    expect(alert?.text).toBeUndefined();
    expect(alert?.summary).toBe('Budjettihälytys: Tietohallinto');
    expect(plainCardText(adaptiveCardOf(alert))).toContain(
      'Käyttö edellä vuoden kulumista\n+10,0 %-yks.\n+12,5 %-yks.',
    );
    expect(run.plan.groups[0]?.findings.map((f) => f.rule)).not.toContain('usedShare');

    expect(await say(h, message(where, 'lopeta Tietohallinto'))).toContain('Tilaus lopetettu: Tietohallinto');
    expect(await state.subscriptions.list()).toEqual([]);
  });

  it('should set a quiet period by chat, show it, and keep it when the step changes', async () => {
    const { h, state } = await start();
    const where = { serviceUrl: h.connector.url, conversationId: 'a:quiet' };

    const subscribed = await say(
      h,
      message(where, 'tilaa hälytykset Tietohallinto enintään kerran viikossa'),
    );
    expect(subscribed).toContain('Enintään kerran viikossa.');
    expect(await state.subscriptions.list()).toMatchObject([{ costCentre: 'Tietohallinto', quietDays: 7 }]);
    expect(await say(h, message(where, 'näytä tilaukset'))).toContain('Enintään kerran viikossa.');

    await say(h, message(where, 'tilaa hälytys Tietohallinto 80 %'));
    expect(await state.subscriptions.list()).toMatchObject([{ thresholds: ['0.8'], quietDays: 7 }]);

    await say(h, message(where, 'tilaa hälytykset Tietohallinto hiljainen jakso 0'));
    expect(await state.subscriptions.list()).toMatchObject([{ quietDays: 0 }]);
    expect(await say(h, message(where, 'näytä tilaukset'))).toContain('Kerran päivässä, kun uutta on.');
  });

  it('should pause subscriptions when the bot is removed, and go on when it is added back', async () => {
    const { h, state } = await start();
    const where = {
      serviceUrl: h.connector.url,
      conversationId: '19:team@thread.skype',
      conversationType: 'channel' as const,
    };
    const ask = (text: string) => message(where, text, { mention: true });

    await say(h, ask('tilaa hälytykset'));
    expect((await h.post(installationUpdate(where, 'remove'))).status).toBeLessThan(300);
    expect(await state.subscriptions.list()).toMatchObject([{ paused: true }]);
    // /healthz lists it, with why and since when, but not the conversation.
    const health = (await (await fetch(`${h.url}/healthz`)).json()) as {
      state: { paused: { count: number; subscriptions: Array<Record<string, unknown>> } };
    };
    expect(health.state.paused).toMatchObject({
      count: 1,
      subscriptions: [{ scope: 'channel', costCentre: null, reason: 'bot removed from the conversation' }],
    });
    expect(JSON.stringify(health)).not.toContain(where.conversationId);

    // Added back (Teams sends both events): the subscription resumes.
    expect((await h.post(installationUpdate(where, 'add'))).status).toBeLessThan(300);
    expect((await h.post(conversationUpdate(where, [{ ...BOT }]))).status).toBeLessThan(300);
    expect(await state.subscriptions.list()).toMatchObject([{ paused: false, pausedReason: null }]);
    expect(await say(h, ask('näytä tilaukset'))).not.toContain('keskeytetty');

    // A membersRemoved naming the bot pauses too; a user leaving does not.
    const removed = (ids: string[]) => ({
      ...conversationUpdate(where, []),
      membersRemoved: ids.map((id) => ({ id })),
    });
    await h.post(removed([USER.id]));
    expect(await state.subscriptions.list()).toMatchObject([{ paused: false }]);
    await h.post(removed([BOT.id]));
    expect(await state.subscriptions.list()).toMatchObject([{ paused: true }]);
  });

  it('should subscribe with the step picker and unsubscribe with the card buttons', async () => {
    const { h, state } = await start();
    const where = { serviceUrl: h.connector.url, conversationId: 'a:buttons', locale: 'en-US' };
    // The button on an answer card opens the picker; nothing is subscribed yet.
    expect(await say(h, submit(where, { action: 'subscribe', costCentre: 'Vaalit' }))).toContain(
      'Alert steps: Vaalit',
    );
    expect(await state.subscriptions.list()).toEqual([]);
    // Saving the picker subscribes; the picker card turns into the subscription card in place.
    const saved = await h.post(
      executeAction(
        where,
        {
          action: 'saveSubscription',
          costCentre: 'Vaalit',
          steps: '0.75,0.9',
          quietDays: '7',
          projection: 'true',
        },
        'picker-card',
      ),
    );
    expect(plainCardText((saved.body as { value: unknown }).value)).toContain('Alerts subscribed');
    const [sub] = await state.subscriptions.list();
    expect(sub).toMatchObject({
      costCentre: 'Vaalit',
      conversationId: 'a:buttons',
      thresholds: ['0.75', '0.9'],
    });
    await say(h, submit(where, { action: 'unsubscribe', subscriptionId: sub?.id ?? '' }));
    expect(await state.subscriptions.list()).toEqual([]);
  });

  it('should subscribe to everything and stop everything, in English too', async () => {
    const { h, state } = await start();
    const where = { serviceUrl: h.connector.url, conversationId: 'a:en', locale: 'en-US' };
    expect(await say(h, message(where, 'subscribe to alerts'))).toContain('all cost centres');
    expect(await state.subscriptions.list()).toMatchObject([
      { costCentre: null, lang: 'en', thresholds: ['0.5', '0.75', '0.9', '1'] },
    ]);
    await say(h, message(where, 'stop alerts'));
    expect(await state.subscriptions.list()).toEqual([]);
  });

  it('should let only an admin subscribe a channel when admins are configured', async () => {
    const { h, state } = await start({ ADMIN_USER_IDS: '29:the-admin' });
    const where = {
      serviceUrl: h.connector.url,
      conversationId: '19:team@thread.tacv2',
      conversationType: 'channel' as const,
    };
    const refused = await say(h, message(where, 'tilaa hälytykset', { mention: true }));
    expect(refused).toContain('Vain ylläpitäjät');
    expect(await state.subscriptions.list()).toEqual([]);
    // The same user may subscribe a personal chat.
    await say(h, message({ serviceUrl: h.connector.url, conversationId: 'a:own' }, 'tilaa hälytykset'));
    expect(await state.subscriptions.list()).toMatchObject([{ conversationId: 'a:own', createdBy: USER.id }]);
  });
});
