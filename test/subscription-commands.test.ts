import { describe, expect, it } from 'vitest';
import { knownCostCentres, SubscriptionHandler } from '../src/alerts/subscription-handler';
import type { CommandConversation, CommandUser, SubscriptionCommand } from '../src/bot/subscription-commands';
import type { BudgetData } from '../src/domain';
import { emptyQuery, type Lang, type Query } from '../src/domain';
import { memoryState } from '../src/store/document-state';
import { MAX_SUBSCRIPTIONS_PER_CONVERSATION } from '../src/store/state-ports';
import { cardActions, cardText } from './card-fixtures';
import { halfYearStore } from './fixtures/alert-store';
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
  budget?: () => BudgetData,
  known: (name: string) => string | null = (name) => (KNOWN.has(name) ? name : null),
) {
  const state = memoryState().subscriptions;
  let n = 0;
  const handler = new SubscriptionHandler({
    subscriptions: state,
    adminsConfigured,
    knownCostCentre: known,
    now: () => new Date('2024-05-01T08:00:00Z'),
    newId: () => `sub-${++n}`,
    ...(budget ? { budget } : {}),
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
    expect(cardText(reply.card)).toContain('80\u00a0%');
  });

  it('should subscribe by the button on a figure card only once the step picker is saved', async () => {
    const { state, run } = setup();
    const form = await run(picker('Vaalit'), chat(), user, 'en');
    expect(await state.list()).toEqual([]);
    expect(cardText(form.card)).toContain('Nothing is subscribed until you save');
    await run(save('Vaalit', '0.75,0.9'), chat(), user, 'en');
    expect(await state.list()).toMatchObject([
      { costCentre: 'Vaalit', lang: 'en', scope: 'personal', thresholds: ['0.75', '0.9'] },
    ]);
  });

  it('should never replace a rule silently: a typed subscribe without a step keeps the steps', async () => {
    const { state, run } = setup();
    await run({ kind: 'subscribe', query: query('subscribe', ['Tietohallinto'], '0.8') });
    const again = await run({ kind: 'subscribe', query: query('subscribe', ['Tietohallinto']) });
    expect(await state.list()).toMatchObject([{ thresholds: ['0.8'] }]);
    expect(again.text).toContain('Tilaus on jo voimassa');
    expect(cardText(again.card)).toContain('Rajat pysyvät ennallaan');
    // Changing only how often keeps the steps too.
    await run({ kind: 'subscribe', query: { ...query('subscribe', ['Tietohallinto']), quietDays: 7 } });
    expect(await state.list()).toMatchObject([{ thresholds: ['0.8'], quietDays: 7 }]);
  });

  it('should say what a typed step changed, old and new', async () => {
    const { run } = setup();
    await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit']) });
    const reply = await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit'], '0.8') });
    expect(cardText(reply.card).replace(/\u00a0/g, ' ')).toContain(
      'Rajat nyt 80 % (ennen 50, 75, 90 tai 100 %)',
    );
  });

  it('should pre-fill the step picker with the current rule and keep it when cancelled', async () => {
    const { state, run } = setup();
    await run({ kind: 'subscribe', query: { ...query('subscribe', ['Vaalit'], '0.85'), quietDays: 7 } });
    const form = await run(picker('Vaalit'));
    const inputs = inputsOf(form.card);
    expect(inputs.steps).toMatchObject({ value: '0.85', isMultiSelect: true });
    // The rule's own step is offered beside the usual ones.
    expect((inputs.steps?.choices as { value: string }[]).map((c) => c.value)).toContain('0.85');
    expect(inputs.quietDays).toMatchObject({ value: '7' });
    expect(cardText(form.card)).toContain('Nykyinen tilaus');
    const cancelled = await run({ kind: 'cancelEdit', costCentre: 'Vaalit', alert: null, query: null });
    expect(cancelled.text).toContain('Tilaus ennallaan');
    expect(await state.list()).toMatchObject([{ thresholds: ['0.85'], quietDays: 7 }]);
  });

  it('should save exactly the picked rule and keep the subscription id', async () => {
    const { state, run } = setup();
    await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit']) });
    const saved = await run(save('Vaalit', '0.9,0.75', '30', 'false'));
    expect(await state.list()).toMatchObject([
      { id: 'sub-1', thresholds: ['0.75', '0.9'], quietDays: 30, projection: false },
    ]);
    expect(saved.text).toContain('Tilaus päivitetty: Vaalit');
  });

  it.each([
    ['no step', '', '0'],
    ['a step over 200 %', '2.5', '0'],
    ['a step that is not a number', 'lots', '0'],
    ['a quiet period over 90 days', '0.5', '120'],
    ['nine steps', '0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9', '0'],
  ])('should refuse a picker with %s and change nothing', async (_what, steps, quiet) => {
    const { state, run } = setup();
    const reply = await run(save('Vaalit', steps, quiet));
    expect(reply.card).toBeNull();
    expect(reply.text).toContain('Valitse vähintään yksi raja');
    expect(await state.list()).toEqual([]);
  });

  it('should word the rule plainly: steps as one list, one full stop, revenue only where there is revenue', async () => {
    const budget = () => halfYearStore({ name: 'Vaalit', expenseBudget: '-1000', expenseActual: '-400' });
    const { run } = setup(false, budget);
    const reply = await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit']) });
    const text = cardText(reply.card).replace(/\u00a0/g, ' ');
    expect(text).toContain('Ilmoitus, kun budjetista on käytetty 50, 75, 90 tai 100 %');
    expect(text).not.toMatch(/tulo/i);
    expect(text).not.toContain('..');
    const all = await run({ kind: 'subscribe', query: query('subscribe', []) });
    expect(cardText(all.card)).toContain('tuloja');
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
    expect(cardText(reply.card)).toContain('Vaalit');
    expect(cardText(reply.card)).not.toContain('Joukkoliikenne');
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
    const elsewhere = await run(
      { kind: 'unsubscribe', subscriptionId: 'sub-1', alert: null, query: null },
      chat('other'),
    );
    expect(elsewhere.text).toContain('ei löydy');
    expect(await state.list()).toHaveLength(1);
    await run({ kind: 'unsubscribe', subscriptionId: 'sub-1', alert: null, query: null });
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
    const reply = await run({ kind: 'unsubscribe', subscriptionId: 'sub-1', alert: null, query: null });
    expect(reply.text).toContain('Tilaus lopetettu: Vaalit');
    expect(JSON.stringify(reply.card)).toContain('"subscriptionId":"sub-2"');
    expect(JSON.stringify(reply.card)).not.toContain('"subscriptionId":"sub-1"');
  });

  it('should refuse a subscription for a cost centre the store does not have (a forged button)', async () => {
    const { state, run } = setup();
    for (const command of [picker('Salainen projekti'), save('Salainen projekti', '0.8')]) {
      const reply = await run(command);
      expect(reply.text).toContain('Kustannuspaikkaa "Salainen projekti" ei ole budjettitiedoissa');
      expect(reply.card).toBeNull();
    }
    expect(await state.list()).toEqual([]);
  });

  it('should cap a forged cost-centre name it echoes back', async () => {
    const { run } = setup();
    const reply = await run(save('x'.repeat(100_000), '0.8'), chat(), user, 'en');
    expect(reply.text.length).toBeLessThan(300);
  });

  it('should store the canonical name when a button names a cost centre by an alias or in another case', async () => {
    const assistant = await realAssistant();
    const { state, run } = setup(
      false,
      undefined,
      knownCostCentres(() => assistant.data),
    );
    await run(save('tietohallinto', '0.8'));
    await run(save('Valtuusto', '0.8'));
    expect((await state.list()).map((s) => s.costCentre)).toEqual(['Tietohallinto', 'Kaupunginvaltuusto']);
  });

  it(`should refuse a subscription past ${MAX_SUBSCRIPTIONS_PER_CONVERSATION} in one conversation, and still change one there is`, async () => {
    const { state, run } = setup(false, undefined, (name) => name);
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CONVERSATION; i++) await run(save(`Paikka ${i}`, '0.8'));
    const refused = await run(save('Yksi liikaa', '0.8'));
    expect(refused.text).toContain(`jo ${MAX_SUBSCRIPTIONS_PER_CONVERSATION} tilausta`);
    expect(await state.list()).toHaveLength(MAX_SUBSCRIPTIONS_PER_CONVERSATION);
    const changed = await run(save('Paikka 7', '0.9'));
    expect(changed.text).toContain('päivitetty');
    // Another conversation has its own allowance.
    await run(save('Yksi liikaa', '0.8'), chat('other'));
    expect(await state.listFor('other')).toHaveLength(1);
  });

  it('should keep a cost-centre name with template syntax literal in the card', async () => {
    const { run } = setup();
    const evil = ['$', '{evil}'].join('');
    const reply = await run(picker(evil));
    expect(JSON.stringify(reply.card)).not.toContain(evil);
  });

  it('should offer to subscribe again with the stopped rule', async () => {
    const { run } = setup();
    await run({ kind: 'subscribe', query: query('subscribe', ['Vaalit'], '0.8') });
    const stopped = await run({ kind: 'unsubscribe', subscriptionId: 'sub-1', alert: null, query: null });
    const again = cardActions(stopped.card).find((a) => a.data.action === 'editSubscription');
    expect(again).toMatchObject({
      title: 'Tilaa uudelleen',
      data: { costCentre: 'Vaalit', prefill: { steps: '0.8', quietDays: '0', projection: 'true' } },
    });
    const form = await run({
      kind: 'subscribeForm',
      costCentre: 'Vaalit',
      prefill: { steps: '0.8', quietDays: '0', projection: 'true' },
      alert: null,
      query: null,
    });
    expect(inputsOf(form.card).steps).toMatchObject({ value: '0.8' });
  });
});

describe('alert cards and their buttons', () => {
  // 600 of 1 000 used at mid-year: 60 % used, 10 points ahead of the year.
  let data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-600' });
  const origin = { costCentre: 'Tietohallinto', asOf: '2024-07-01' };

  it('should show an alert card opened later with the current figures and when it was sent', async () => {
    const { run } = setup(false, () => data);
    await run({ kind: 'subscribe', query: query('subscribe', ['Tietohallinto'], '0.5') });
    data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-600' });
    const before = await run({ kind: 'refreshAlert', subscriptionId: 'sub-1', ...origin, query: null });
    expect(cardText(before.card).replace(/\u00a0/g, ' ')).toContain('60,0 %');
    expect(cardText(before.card)).not.toContain('Hälytys lähetettiin');
    // New data a month later: the same card now shows 75 %, and says the alert was about older figures.
    data = {
      ...data,
      facts: data.facts.map((f) => (f.basis === 'TOT' ? { ...f, amount: '-750', asOf: '2024-08-01' } : f)),
    };
    const later = await run({ kind: 'refreshAlert', subscriptionId: 'sub-1', ...origin, query: null });
    const text = cardText(later.card).replace(/\u00a0/g, ' ');
    expect(text).toContain('75,0 %');
    expect(text).toContain('Hälytys lähetettiin 1.7.2024 tietojen perusteella');
    expect(later.card).toMatchObject({
      refresh: {
        action: { verb: 'refreshAlert', data: { asOf: '2024-07-01', costCentre: 'Tietohallinto' } },
      },
    });
    data = halfYearStore({ expenseBudget: '-1000', expenseActual: '-600' });
  });

  it('should refresh for the subscriber by themselves in a personal chat, for everyone in a channel', async () => {
    const { run } = setup(false, () => data);
    await run({ kind: 'subscribe', query: query('subscribe', ['Tietohallinto']) });
    await run({ kind: 'subscribe', query: query('subscribe', ['Tietohallinto']) }, chat('team', 'channel'));
    const personal = await run({ kind: 'refreshAlert', subscriptionId: 'sub-1', ...origin, query: null });
    expect((personal.card as { refresh: { userIds?: string[] } }).refresh.userIds).toEqual(['u1']);
    const channel = await run(
      { kind: 'refreshAlert', subscriptionId: 'sub-2', ...origin, query: null },
      chat('team', 'channel'),
    );
    expect((channel.card as { refresh: Record<string, unknown> }).refresh).not.toHaveProperty('userIds');
  });

  it('should flip an alert card between stop and subscribe again in place', async () => {
    const { state, run } = setup(false, () => data);
    await run({ kind: 'subscribe', query: query('subscribe', ['Tietohallinto'], '0.5') });
    const stopped = await run({ kind: 'unsubscribe', subscriptionId: 'sub-1', alert: origin, query: null });
    expect(await state.list()).toEqual([]);
    expect(cardText(stopped.card)).toContain('Tilaus lopetettu');
    expect(cardText(stopped.card)).toContain('Budjettihälytys: Tietohallinto');
    const again = cardActions(stopped.card).find((a) => a.title === 'Tilaa uudelleen');
    expect(again?.data).toMatchObject({ alert: origin, prefill: { steps: '0.5' } });
    expect(cardActions(stopped.card).map((a) => a.title)).not.toContain('Lopeta tilaus');
    // Subscribe again from the picker: the alert card comes back, active.
    const back = await run(save('Tietohallinto', '0.5', '0', 'true', origin));
    expect(cardText(back.card)).toContain('Budjettihälytys: Tietohallinto');
    expect(cardActions(back.card).map((a) => a.title)).toContain('Lopeta tilaus');
    expect(await state.list()).toMatchObject([{ thresholds: ['0.5'] }]);
  });

  it('should show a refreshed card as stopped once the conversation has no subscription for it', async () => {
    const { run } = setup(false, () => data);
    const card = await run({ kind: 'refreshAlert', subscriptionId: 'gone', ...origin, query: null });
    expect(cardText(card.card)).toContain('Tilaus lopetettu');
    expect(cardActions(card.card).map((a) => a.title)).toContain('Tilaa uudelleen');
  });
});

function picker(costCentre: string | null): SubscriptionCommand {
  return { kind: 'subscribeForm', costCentre, prefill: null, alert: null, query: null };
}

function save(
  costCentre: string | null,
  steps: string,
  quietDays = '0',
  projection: 'true' | 'false' = 'true',
  alert: { costCentre: string; asOf: string } | null = null,
): SubscriptionCommand {
  return { kind: 'saveSubscription', costCentre, rule: { steps, quietDays, projection }, alert, query: null };
}

/** The inputs of a card by id. */
function inputsOf(card: unknown): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string')
        out[o.id] = o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
