import { describe, expect, it } from 'vitest';
import { knownCostCentres, SubscriptionHandler } from '../src/alerts/subscription-handler';
import type { CommandConversation, CommandUser, SubscriptionCommand } from '../src/bot/subscription-commands';
import { emptyQuery, type Lang, type Query } from '../src/domain';
import { memoryState } from '../src/store/document-state';
import { MAX_SUBSCRIPTIONS_PER_CONVERSATION } from '../src/store/state-ports';
import { realAssistant } from './support/real-core';

/** A query as understanding hands it over for "tilaa hälytys X 80 %" and friends. */
function query(
  intent: 'subscribe' | 'unsubscribe' | 'listSubscriptions',
  names: string[],
  threshold: string | null = null,
  lang: Lang = 'fi',
): Query {
  return {
    ...emptyQuery(lang, '', intent),
    subjects: names.map((name) => ({ kind: 'costCentre' as const, name })),
    threshold,
  };
}

const chat = (id = 'conv-1', type: CommandConversation['type'] = 'personal'): CommandConversation => ({
  id,
  type,
  tenantId: 't1',
  reference: { conversation: { id }, serviceUrl: 'http://localhost' },
});
const user: CommandUser = { id: 'u1', name: 'Maija', aadObjectId: null, isAdmin: false };
const admin: CommandUser = { ...user, id: 'admin', isAdmin: true };

/** The cost centres the handler's store knows (one with template syntax in its name). */
const KNOWN = new Set(['Vaalit', 'Tietohallinto', 'Joukkoliikenne', ['$', '{evil}'].join('')]);

function setup(
  adminsConfigured = false,
  known: (name: string) => string | null = (n) => (KNOWN.has(n) ? n : null),
) {
  const state = memoryState().subscriptions;
  let n = 0;
  const handler = new SubscriptionHandler({
    subscriptions: state,
    adminsConfigured,
    knownCostCentre: known,
    now: () => new Date('2024-05-01T08:00:00Z'),
    newId: () => `sub-${++n}`,
  });
  const run = (cmd: SubscriptionCommand, conv = chat(), who = user, lang: Lang = 'fi') =>
    handler.handle(cmd, conv, who, lang);
  return { state, run };
}

describe('subscription commands', () => {
  it('should subscribe to every cost centre with the default rules ("tilaa hälytykset")', async () => {
    const { state, run } = setup();
    const reply = await run({ kind: 'subscribe', query: query('subscribe', []) });
    const [sub] = await state.list();
    expect(sub).toMatchObject({
      conversationId: 'conv-1',
      costCentre: null,
      thresholds: ['0.5', '0.75', '0.9', '1'],
      pacePoints: '10',
      lang: 'fi',
    });
    expect(reply.text).toContain('kaikki kustannuspaikat');
  });

  it('should subscribe one cost centre with its own step ("tilaa hälytys Tietohallinto 80 %")', async () => {
    const { state, run } = setup();
    const reply = await run({ kind: 'subscribe', query: query('subscribe', ['Tietohallinto'], '0.8') });
    expect(await state.list()).toMatchObject([{ costCentre: 'Tietohallinto', thresholds: ['0.8'] }]);
    expect(reply.text).toContain('80\u00a0%');
  });

  it('should subscribe by the button on a figure card', async () => {
    const { state, run } = setup();
    await run({ kind: 'subscribe', costCentre: 'Vaalit', query: null }, chat(), user, 'en');
    expect(await state.list()).toMatchObject([{ costCentre: 'Vaalit', lang: 'en', scope: 'personal' }]);
  });

  it('should update, not duplicate, a second subscription for the same subject, and resume it', async () => {
    const { state, run } = setup();
    await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit']) });
    await state.pause('sub-1', 'HTTP 403');
    const reply = await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit'], '0.6') });
    expect(await state.list()).toMatchObject([{ id: 'sub-1', thresholds: ['0.6'], paused: false }]);
    expect(reply.text).toContain('päivitetty');
  });

  it('should list the conversation\'s subscriptions only ("näytä tilaukset")', async () => {
    const { run } = setup();
    await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit']) });
    await run({ kind: 'subscribe', query: query('subscribe', ['Joukkoliikenne']) }, chat('other'));
    const reply = await run({ kind: 'listSubscriptions', query: query('listSubscriptions', []) });
    expect(reply.text).toContain('Vaalit');
    expect(reply.text).not.toContain('Joukkoliikenne');
  });

  it('should say how to subscribe when there is nothing to list', async () => {
    const { run } = setup();
    const reply = await run(
      { kind: 'listSubscriptions', query: query('listSubscriptions', [], null, 'en') },
      chat(),
      user,
      'en',
    );
    expect(reply.text).toContain('no alert subscriptions');
  });

  it('should stop one cost centre ("lopeta Tietohallinto") and keep the others', async () => {
    const { state, run } = setup();
    await run({ kind: 'subscribe', query: query('subscribe', ['Tietohallinto']) });
    await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit']) });
    const reply = await run({ kind: 'unsubscribe', query: query('unsubscribe', ['Tietohallinto']) });
    expect((await state.list()).map((s) => s.costCentre)).toEqual(['Vaalit']);
    expect(reply.text).toContain('Tietohallinto');
  });

  it('should stop everything in the conversation ("lopeta hälytykset")', async () => {
    const { state, run } = setup();
    await run({ kind: 'subscribe', query: query('subscribe', []) });
    await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit']) });
    await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit']) }, chat('other'));
    await run({ kind: 'unsubscribe', query: query('unsubscribe', []) });
    expect((await state.list()).map((s) => s.conversationId)).toEqual(['other']);
  });

  it('should cancel by the button only within the conversation it was clicked in', async () => {
    const { state, run } = setup();
    await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit']) });
    const elsewhere = await run({ kind: 'unsubscribe', subscriptionId: 'sub-1', query: null }, chat('other'));
    expect(elsewhere.text).toContain('ei löydy');
    expect(await state.list()).toHaveLength(1);
    await run({ kind: 'unsubscribe', subscriptionId: 'sub-1', query: null });
    expect(await state.list()).toHaveLength(0);
  });

  it('should let only admins subscribe a channel when admins are configured', async () => {
    const { state, run } = setup(true);
    const refused = await run(
      { kind: 'subscribe', query: query('subscribe', []) },
      chat('team', 'channel'),
      user,
    );
    expect(refused.text).toContain('Vain ylläpitäjät');
    expect(await state.list()).toHaveLength(0);
    await run({ kind: 'subscribe', query: query('subscribe', []) }, chat('team', 'channel'), admin);
    expect(await state.list()).toMatchObject([{ scope: 'channel', createdBy: 'admin' }]);
  });

  it('should let anyone subscribe a personal chat or a channel when no admins are configured', async () => {
    const { state, run } = setup(false);
    await run({ kind: 'subscribe', query: query('subscribe', []) }, chat('team', 'channel'), user);
    await run({ kind: 'subscribe', query: query('subscribe', []) }, chat('me', 'personal'), user);
    expect(await state.list()).toHaveLength(2);
  });

  it('should refuse a threshold outside 1–200 % with a clear message', async () => {
    const { state, run } = setup();
    const reply = await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit'], '0') });
    expect(reply.text).toContain('prosentteina');
    expect(await state.list()).toHaveLength(0);
  });

  it('should refuse a quiet period over 90 days and leave the subscription as it was', async () => {
    const { state, run } = setup();
    await run({ kind: 'subscribe', query: { ...query('subscribe', ['Vaalit']), quietDays: 7 } });
    const reply = await run({
      kind: 'subscribe',
      query: { ...query('subscribe', ['Vaalit']), quietDays: 120 },
    });
    expect(reply.text).toContain('enintään 90 päivää');
    expect(await state.list()).toMatchObject([{ costCentre: 'Vaalit', quietDays: 7 }]);
  });

  it('should answer with a card that lists the subscriptions, each with its stop button', async () => {
    const { run } = setup();
    await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit'], '0.8') });
    await run({ kind: 'subscribe', query: query('subscribe', []) });
    const reply = await run({ kind: 'listSubscriptions', query: query('listSubscriptions', []) });
    const json = JSON.stringify(reply.card);
    expect(reply.card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(json).toContain('"subscriptionId":"sub-1"');
    expect(json).toContain('"subscriptionId":"sub-2"');
    expect(json).toContain('kaikki kustannuspaikat');
    expect(json).not.toContain('${');
  });

  it('should say what is left after stopping one subscription', async () => {
    const { run } = setup();
    await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit']) });
    await run({ kind: 'subscribe', query: query('subscribe', ['Joukkoliikenne']) });
    const reply = await run({ kind: 'unsubscribe', subscriptionId: 'sub-1', query: null });
    expect(reply.text).toContain('Tilaus lopetettu: Vaalit');
    expect(JSON.stringify(reply.card)).toContain('"subscriptionId":"sub-2"');
    expect(JSON.stringify(reply.card)).not.toContain('"subscriptionId":"sub-1"');
  });

  it('should refuse a subscription for a cost centre the store does not have (a forged button)', async () => {
    const { state, run } = setup();
    const reply = await run({ kind: 'subscribe', costCentre: 'Salainen projekti', query: null });
    expect(reply.text).toContain('Kustannuspaikkaa "Salainen projekti" ei ole budjettitiedoissa');
    expect(reply.card).toBeNull();
    expect(await state.list()).toEqual([]);
  });

  it('should cap a forged cost-centre name it echoes back', async () => {
    const { run } = setup();
    const reply = await run(
      { kind: 'subscribe', costCentre: 'x'.repeat(100_000), query: null },
      chat(),
      user,
      'en',
    );
    expect(reply.text.length).toBeLessThan(300);
  });

  it('should store the canonical name when a button names a cost centre by an alias or in another case', async () => {
    const assistant = await realAssistant();
    const { state, run } = setup(
      false,
      knownCostCentres(() => assistant.data),
    );
    await run({ kind: 'subscribe', costCentre: 'tietohallinto', query: null });
    await run({ kind: 'subscribe', costCentre: 'Valtuusto', query: null });
    expect((await state.list()).map((s) => s.costCentre)).toEqual(['Tietohallinto', 'Kaupunginvaltuusto']);
  });

  it(`should refuse a subscription past ${MAX_SUBSCRIPTIONS_PER_CONVERSATION} in one conversation, and still update one there is`, async () => {
    const { state, run } = setup(false, (name) => name);
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CONVERSATION; i++)
      await run({ kind: 'subscribe', costCentre: `Paikka ${i}`, query: null });
    const refused = await run({ kind: 'subscribe', costCentre: 'Yksi liikaa', query: null });
    expect(refused.text).toContain(`jo ${MAX_SUBSCRIPTIONS_PER_CONVERSATION} tilausta`);
    expect(await state.list()).toHaveLength(MAX_SUBSCRIPTIONS_PER_CONVERSATION);
    const updated = await run({ kind: 'subscribe', query: query('subscribe', ['Paikka 7'], '0.9') });
    expect(updated.text).toContain('päivitetty');
    // Another conversation has its own allowance.
    await run({ kind: 'subscribe', costCentre: 'Yksi liikaa', query: null }, chat('other'));
    expect(await state.listFor('other')).toHaveLength(1);
  });

  it('should keep a cost-centre name with template syntax literal in the card', async () => {
    const { run } = setup();
    const evil = ['$', '{evil}'].join('');
    const reply = await run({ kind: 'subscribe', costCentre: evil, query: null });
    expect(JSON.stringify(reply.card)).not.toContain(evil);
  });
});
