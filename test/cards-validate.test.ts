import { describe, expect, it } from 'vitest';
import { CardActionSchema } from '../src/bot/card-action';
import { type AdaptiveCard, cardSizeBytes, renderAnswerCard } from '../src/cards';
import { MAX_BUTTON_TITLE_CHARS } from '../src/cards/card-actions';
import { previewEntries } from '../src/cli/cards-preview';
import { answerFixture, cardActions, cardStrings, withFigures } from './card-fixtures';
import { adaptiveCardsProblems, schemaProblems, TEAMS_ONLY_TYPES } from './card-validation';

// Every card type the bot can send, rendered from fixtures (the same list `npm run cards:preview`
// shows): the answers, the alerts, the subscription cards and the step picker, the errors and
// the welcome card in both languages.
function allCards(): [string, AdaptiveCard][] {
  return previewEntries('test/fixtures/answers').map((e) => [e.name, e.card]);
}

const cards = allCards();

/** The buttons of a card: card-level actions and ActionSet actions (not tappable rows, not the refresh). */
function buttons(card: AdaptiveCard): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'ActionSet' && Array.isArray(o.actions))
        out.push(...(o.actions as Record<string, unknown>[]));
      for (const [k, v] of Object.entries(o))
        if (k !== 'selectAction' && k !== 'refresh' && k !== 'data') walk(v);
    }
  };
  walk(card.body);
  if (Array.isArray(card.actions)) out.push(...(card.actions as Record<string, unknown>[]));
  return out;
}

/** The card's inputs by id with the values they start with. */
function inputDefaults(card: AdaptiveCard): Record<string, string> {
  return Object.fromEntries(
    elements(card)
      .filter((e) => String(e.type).startsWith('Input.') && typeof e.id === 'string')
      .map((e) => [e.id as string, String(e.value ?? '')]),
  );
}

/** Every object in a card with a `type`, depth first. */
function elements(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = typeof o.type === 'string' ? [o] : [];
  return [...own, ...Object.entries(o).flatMap(([k, v]) => (k === 'data' ? [] : elements(v)))];
}

describe('cards validate as Adaptive Cards 1.5', () => {
  it('should render a card for every fixture, card type and language', () => {
    expect(cards.length).toBeGreaterThanOrEqual(25);
  });

  it.each(
    cards,
  )('should parse %s with the adaptivecards library at 1.5 without complaints', (_name, card) => {
    expect(adaptiveCardsProblems(card)).toEqual([]);
  });

  it.each(
    cards,
  )('should match the Adaptive Cards 1.5 JSON schema for %s (as seen without Teams extensions)', (_name, card) => {
    expect(schemaProblems(card)).toEqual([]);
  });

  it.each(cards)('should keep %s well under the 28 KB Teams limit', (_name, card) => {
    expect(cardSizeBytes(card)).toBeLessThan(20 * 1024);
  });
});

describe('cards read well on a phone', () => {
  it.each(cards)('should wrap every TextBlock of %s', (_name, card) => {
    const unwrapped = elements(card).filter((e) => e.type === 'TextBlock' && e.wrap !== true);
    expect(unwrapped.map((e) => e.text)).toEqual([]);
  });

  it.each(cards)('should give every Teams-only element of %s a fallback', (_name, card) => {
    const bare = elements(card).filter((e) => TEAMS_ONLY_TYPES.has(String(e.type)) && !e.fallback);
    expect(bare).toEqual([]);
  });

  it.each(
    cards,
  )('should keep %s narrow: at most 4 columns a row and no fixed width over 40px', (_name, card) => {
    const sets = elements(card).filter((e) => e.type === 'ColumnSet');
    for (const s of sets) expect((s.columns as unknown[]).length).toBeLessThanOrEqual(4);
    const fixed = elements(card)
      .filter((e) => e.type === 'Column' && typeof e.width === 'string' && e.width.endsWith('px'))
      .map((e) => Number.parseInt(String(e.width), 10));
    expect(fixed.filter((w) => w > 40)).toEqual([]);
  });

  it.each(cards)('should leave no template binding unexpanded in %s', (name, card) => {
    // The stress fixture echoes "${...}" on purpose; it is neutralised (see render-answer-card.test.ts).
    expect(
      cardStrings(card).filter((s) => s.includes('${')),
      name,
    ).toEqual([]);
  });
});

describe('card actions follow the contract with the bot', () => {
  it.each(cards)('should make every action of %s a Universal Action the bot understands', (_name, card) => {
    // Showing the sources or the table is the card's own business (no round trip to the bot).
    const actions = cardActions(card).filter((a) => a.type !== 'Action.ToggleVisibility');
    for (const a of actions) {
      expect(a.type, a.title).toBe('Action.Execute');
      expect(a.title.length, JSON.stringify(a)).toBeGreaterThan(0);
      expect(a.verb).toBe(a.data.action);
      // Teams merges the card's input values (their defaults here) into the data, as it sends it.
      const sent = { ...inputDefaults(card), ...a.data };
      expect(CardActionSchema.safeParse(sent).success, JSON.stringify(sent)).toBe(true);
    }
  });

  it.each(cards)('should keep every button title of %s whole on a phone (≤ 25 characters)', (_name, card) => {
    const long = buttons(card)
      .map((b) => String(b.title ?? ''))
      .filter((t) => t.length > MAX_BUTTON_TITLE_CHARS);
    expect(long).toEqual([]);
  });

  it('should turn a choice too long for a button into a tappable row with the same action', () => {
    const answer = answerFixture('clarify.fi');
    const long = {
      label: 'Opiskelijoiden kesätyöllistäminen: menot',
      ask: 'Opiskelijoiden kesätyöllistäminen menot',
    };
    const card = renderAnswerCard({ ...answer, options: [...answer.options, long] });
    expect(buttons(card).map((b) => b.title)).not.toContain(long.label);
    const row = cardActions(card).find((a) => a.data.ask === long.ask);
    expect(row).toMatchObject({ type: 'Action.Execute', verb: 'choose', title: long.label });
    expect(JSON.stringify(card)).toContain(`"text":"› ${long.label}"`);
  });
});

describe('the largest cards', () => {
  it('should keep the ranking of every cost centre complete and under 20 KB', () => {
    const card = renderAnswerCard(answerFixture('ranking.fi'));
    expect(JSON.stringify(card)).toContain('Opiskelijoiden kesätyö');
    expect(cardSizeBytes(card)).toBeLessThan(20 * 1024);
  });

  it('should keep a 10 000-character question from growing the card', () => {
    const answer = answerFixture('stress-long-question.fi');
    expect(answer.query?.text.length).toBe(10_000);
    expect(cardSizeBytes(renderAnswerCard(answer))).toBeLessThan(
      cardSizeBytes(renderAnswerCard(answerFixture('figure.fi'))) + 1500,
    );
  });
});

describe('the validators themselves', () => {
  // A validator that never complains would make every test above pass vacuously.
  const broken = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'Chart.Gauge', value: 3 },
      { type: 'TextBlock', text: 'x', wrap: true, italic: true },
    ],
    actions: [{ type: 'Action.Submit' }],
  };

  it('should make the adaptivecards library report an unknown element without fallback', () => {
    expect(adaptiveCardsProblems(broken).join('\n')).toContain('Chart.Gauge');
  });

  it('should make the schema report a property TextBlock does not have', () => {
    expect(schemaProblems(broken).join('\n')).toContain('italic');
  });
});

describe('a ranking far larger than the seeds', () => {
  it('should list the first 30 of 300 cost centres with long names, say so, and stay under 20 KB', () => {
    const base = answerFixture('ranking.fi');
    const template = base.figures[0]!;
    const figures = Array.from({ length: 300 }, (_, i) => ({
      ...template,
      costCentre: `Työllisyydenhoito (työllistämispalvelut) ja muut pitkät nimet ${i + 1}`,
      amount: String(-1_000_000 + i * 1000),
      source: { ...template.source, line: 100 + i },
    }));
    const card = renderAnswerCard(withFigures(base, figures));
    expect(cardSizeBytes(card)).toBeLessThan(20 * 1024);
    expect(adaptiveCardsProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Näytetään 30 ensimmäistä 300:stä.');
    expect(JSON.stringify(card)).toContain('muut pitkät nimet 30"');
    expect(JSON.stringify(card)).not.toContain('muut pitkät nimet 31"');
  });
});

describe('other long lists stay small', () => {
  // A city with many more investment items, key figures or years than the seeds.
  const many = (fixture: string, n: number, yearly: boolean) => {
    const base = answerFixture(fixture);
    const template = base.figures[0]!;
    return withFigures(
      base,
      Array.from({ length: n }, (_, i) => ({
        ...template,
        account: `Pitkä investointikohde tai tunnusluku numero ${i + 1} (hankinta ja käyttöönotto)`,
        year: yearly ? template.year + i : template.year,
        source: { ...template.source, line: 10 + i },
      })),
    );
  };

  it.each([
    ['investment-plan.fi', false, 'Näytetään 20 ensimmäistä 200:stä.'],
    ['key-figures.fi', false, 'Näytetään 30 ensimmäistä 200:stä.'],
    ['trend.fi', true, 'Näytetään 12 uusinta 200:stä.'],
    ['investment-plan.fi', true, 'Näytetään 20 ensimmäistä 200:stä.'],
  ] as const)('should cut a 200-row %s and say so', (fixture, yearly, note) => {
    const card = renderAnswerCard(many(fixture, 200, yearly));
    expect(cardSizeBytes(card)).toBeLessThan(20 * 1024);
    expect(adaptiveCardsProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(note);
    const widest = Math.max(
      ...elements(card)
        .filter((e) => e.type === 'ColumnSet')
        .map((e) => (e.columns as unknown[]).length),
    );
    expect(widest).toBeLessThanOrEqual(4);
  });
});
