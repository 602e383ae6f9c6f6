/**
 * The bot in the Microsoft 365 Agents Playground, a local Teams-like client. First through the
 * Playground's own API (questions, follow-ups, @mentions, a choice, the search); then as a manager
 * uses it: typed and CLICKED in the Playground's web page in headless Chromium, every card checked
 * as a reader sees it and screenshotted at full width and at 360 px into build/screenshots/playground/.
 *
 * The checks on the page: one welcome; each question gets exactly one message, a card with no
 * text paragraph beside it; no visible text holds a file name; no button title is cut. Waiting is
 * on conditions (the bot's turn log line, the Playground's stream, elements), never fixed sleeps.
 * The Playground has no dark theme: the dark host config is checked in cards-preview.browser.test.ts.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertService } from '../src/alerts/alert-service';
import { knownCostCentres, SubscriptionHandler } from '../src/alerts/subscription-handler';
import { type DocumentState, memoryState } from '../src/store/document-state';
import { type BotHarness, plainCardText, startBot } from './support/bot-harness';
import { CHROMIUM, CHROMIUM_ARGS } from './support/chromium';
import { PlaygroundClient, type PlaygroundMessage } from './support/playground-client';
import { realAssistant, realCards, STORE_PATH } from './support/real-core';

const SCREENSHOTS = path.resolve('build/screenshots/playground');

function cardOf(message: PlaygroundMessage): Record<string, unknown> {
  const attachment = (message.attachments ?? []).find(
    (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  );
  if (!attachment) throw new Error('message has no Adaptive Card');
  return attachment.content;
}

/** Every Action.Execute of a card with its verb and data, in order. */
function executeActions(
  card: unknown,
): Array<{ title: string; verb: string; data: Record<string, unknown> }> {
  const out: Array<{ title: string; verb: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Execute')
        out.push({ title: String(n.title), verb: String(n.verb), data: n.data as Record<string, unknown> });
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

let bot: BotHarness;
let playground: PlaygroundClient;
let state: DocumentState;

beforeAll(async () => {
  state = memoryState();
  const assistant = await realAssistant();
  bot = await startBot({
    assistant,
    cards: realCards,
    state,
    subscriptions: new SubscriptionHandler({
      subscriptions: state.subscriptions,
      adminsConfigured: false,
      knownCostCentre: knownCostCentres(() => assistant.data),
      budget: () => assistant.data,
    }),
  });
  playground = await PlaygroundClient.start(`${bot.url}/api/messages`);
});
afterAll(async () => {
  await playground?.close();
  await bot?.close();
});

describe('Microsoft 365 Agents Playground, through its API', () => {
  it('should answer "paljonko Tietohallinto on käyttänyt?" with a card of 924 370 € and 1 488 900 €', async () => {
    const reply = await playground.ask('paljonko Tietohallinto on käyttänyt?');
    const text = plainCardText(cardOf(reply));
    expect(text).toContain('924 370 €');
    expect(text).toContain('1 488 900 €');
  });

  it('should answer a follow-up in the same chat ("entä 2020?")', async () => {
    await playground.ask('paljonko Tietohallinto on käyttänyt?');
    const text = plainCardText(cardOf(await playground.ask('entä 2020?')));
    expect(text).toContain('Tietohallin');
    expect(text).toContain('2020');
    expect(text).not.toContain('924 370 €');
  });

  it('should answer an @mention in a group chat, the mention taken out of the question', async () => {
    const text = plainCardText(cardOf(await playground.askInGroup('paljonko Tietohallinto on käyttänyt?')));
    expect(text).toContain('924 370 €');
    expect(text).toContain('Tietohallinto · menot 2022');
    expect(text).not.toContain('<at>');
  });

  it('should ask which one is meant, and put the answer in place of the question when one is chosen', async () => {
    const clarify = await playground.ask('paljonko liitto on käyttänyt?');
    const choices = executeActions(cardOf(clarify)).filter((a) => a.verb === 'choose');
    expect(choices.length).toBeGreaterThanOrEqual(2);
    const choice = choices[0]!;
    const chosen = String(choice.data.ask).match(/Lapin liitto|Kuntaliitto/)?.[0];
    expect(chosen).toBeDefined();
    const response = await playground.execute(clarify, choice);
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    const answer = plainCardText(response.value);
    expect(answer).toContain(chosen);
    expect(answer).toMatch(/\d €/);
  });

  it('should list cost centres in the message extension search', async () => {
    const result = (await playground.search('tietoh')) as {
      composeExtension: { attachments: Array<{ preview: { content: { title: string; text: string } } }> };
    };
    const first = result.composeExtension.attachments[0]?.preview.content;
    expect(first?.title).toBe('Tietohallinto');
    expect(first?.text.replace(/\u00a0/g, ' ')).toContain('62,1 %');
  });
});

/** A file name in visible text: what a reader must never see. */
const FILE_NAME = /\b[\w-]+\.(txt|pdf|xlsx|xls|csv|json)\b/i;

/** What the page checks of an element (the DOM types are not in this project's compiler settings). */
type Box = {
  scrollWidth: number;
  clientWidth: number;
  textContent: string | null;
  closest(selector: string): unknown;
  querySelectorAll(selector: string): ArrayLike<Box>;
};

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`Playground page tests skipped: ${CHROMIUM} is absent (CI installs the chromium package)`);

describe.skipIf(!hasChromium)(
  'Microsoft 365 Agents Playground, clicked in its web page (headless Chromium)',
  { timeout: 120_000 },
  () => {
    let browser: Browser;
    let page: Page;
    const botMessages = () => page.locator('.fai-OutputCard');
    const box = () => page.getByRole('textbox').last();
    const turns = (kind: string) =>
      bot.logs.filter((l) => l.event === 'turn' && l.activityType === kind).length;
    const streamed = () => playground.botMessages().length;

    /** Waits for a condition, checking often; fails with `what` after the timeout. */
    async function until(
      cond: () => boolean | Promise<boolean>,
      what: string,
      timeoutMs = 20_000,
    ): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!(await cond())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }

    /** Every bot message on the page checked as a reader sees it; returns what is wrong. */
    async function pageProblems(): Promise<string[]> {
      return botMessages().evaluateAll((messages, filePattern) => {
        const file = new RegExp(filePattern, 'i');
        return messages.flatMap((message, i) => {
          const m = message as unknown as Box;
          const out: string[] = [];
          const cards = Array.from(m.querySelectorAll('.ac-adaptiveCard'));
          for (const card of cards) {
            // innerText: the text as rendered (what a reader sees), not hidden parts.
            const text = (card as unknown as { innerText: string }).innerText;
            const hit = file.exec(text);
            if (hit) out.push(`message ${i}: file name in text: ${hit[0]}`);
            // Codes of the documents belong to the source line (behind "Lähde", closed here).
            const jargon = /\((TOT|TP|TA|KS|TS)\b|TA\/KS|\+muutos|PALVELUALUE/.exec(text);
            if (jargon) out.push(`message ${i}: code in text: ${jargon[0]}`);
            const parts = Array.from(card.querySelectorAll('button, button *'));
            for (const b of parts)
              if (b.scrollWidth > b.clientWidth + 1)
                out.push(`message ${i}: button cut: ${b.textContent?.trim()}`);
          }
          // A paragraph of the message itself (not of its card, not the Playground's note under a clicked card).
          const paragraphs = Array.from(m.querySelectorAll('p')).filter(
            (p) => !p.closest('.ac-adaptiveCard') && !p.closest('[aria-label="Display Invoked Message"]'),
          );
          if (cards.length > 0 && paragraphs.length > 0)
            out.push(`message ${i}: text beside its card: ${paragraphs[0]?.textContent?.slice(0, 80)}`);
          return out;
        });
      }, FILE_NAME.source);
    }

    /** Screenshots a message at full width and at 360 px, checking the narrow one for cut buttons. */
    async function shoot(message: Locator, name: string): Promise<void> {
      await message.scrollIntoViewIfNeeded();
      await message.screenshot({ path: path.join(SCREENSHOTS, `${name}.full.png`) });
      // The Playground has no phone layout: the message is drawn 360 px wide, as on a phone.
      const narrow = await page.addStyleTag({
        content:
          '.fai-OutputCard { width: 360px !important; max-width: 360px !important; } ' +
          '.fai-OutputCard div:has(> .ac-preview-panel), .ac-preview-panel { width: auto !important; max-width: 100% !important; }',
      });
      try {
        await message.screenshot({ path: path.join(SCREENSHOTS, `${name}.360.png`) });
        expect(await pageProblems()).toEqual([]);
      } finally {
        await narrow.evaluate((e) => e.remove());
      }
    }

    /** Types a question; expects exactly one new bot message, a card, and returns it. */
    async function ask(text: string): Promise<Locator> {
      const [t, s, shown] = [turns('message'), streamed(), await botMessages().count()];
      await box().fill(text);
      await box().press('Enter');
      // The turn's log line comes after every reply of the turn reached the Playground.
      await until(() => turns('message') > t, `the bot's turn for "${text}"`);
      expect(streamed() - s, `messages for "${text}"`).toBe(1);
      await until(async () => (await botMessages().count()) === shown + 1, 'the answer on the page');
      const message = botMessages().nth(shown);
      await message.locator('.ac-adaptiveCard').waitFor();
      expect(await pageProblems()).toEqual([]);
      return message;
    }

    /** The step picker's checkbox of a step ("80" → the "80 %" box). */
    const step = (card: Locator, percent: string) =>
      card.locator(`input[type="checkbox"][aria-label="${percent}\u00a0%"]`);

    /** Clicks a button of a message's card; `placement` says where the reply must appear. */
    async function click(
      message: Locator,
      title: string | RegExp,
      placement: 'new' | 'inPlace',
    ): Promise<Locator> {
      const [t, s, shown] = [turns('invoke'), streamed(), await botMessages().count()];
      await message.getByRole('button', { name: title }).click();
      await until(() => turns('invoke') > t, `the bot's turn for the button ${title}`);
      if (placement === 'new') {
        expect(streamed() - s, `messages for the button ${title}`).toBe(1);
        await until(async () => (await botMessages().count()) === shown + 1, 'the new message on the page');
        const added = botMessages().nth(shown);
        await added.locator('.ac-adaptiveCard').waitFor();
        return added;
      }
      expect(streamed() - s, `messages for the button ${title}`).toBe(0);
      expect(await botMessages().count()).toBe(shown);
      return message;
    }

    beforeAll(async () => {
      await mkdir(SCREENSHOTS, { recursive: true });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
      // Only the Playground itself: nothing may leave the machine.
      await page.route('**/*', (route) =>
        ['127.0.0.1', 'localhost'].includes(new URL(route.request().url()).hostname)
          ? route.continue()
          : route.abort(),
      );
      await page.goto(playground.process.url);
      await box().waitFor({ timeout: 20_000 });
      await botMessages().first().waitFor();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('should greet once, with example questions that fit their buttons', async () => {
      const welcomes = botMessages().filter({ hasText: /Hei! Vastaan|Hi! I answer/ });
      expect(await welcomes.count()).toBe(1);
      expect(await pageProblems()).toEqual([]);
      await shoot(welcomes.first(), 'welcome');
    });

    it('should answer a typed question with one card, and a question button with a new message', async () => {
      const answer = await ask('paljonko Tietohallinto on käyttänyt?');
      await expect(answer.innerText()).resolves.toMatch(
        /924\s370\s€[\s\S]*1\s488\s900\s€|1\s488\s900\s€[\s\S]*924\s370\s€/,
      );
      await shoot(answer, 'answer-figure');
      const trend = await click(answer, 'Kehitys vuosittain', 'new');
      await expect(trend.innerText()).resolves.toMatch(/2018/);
      // The card the question was asked from stays as it was.
      await expect(answer.innerText()).resolves.toMatch(/924\s370\s€/);
      await shoot(trend, 'answer-trend');
    });

    it('should put the answer in place of a clarify card when a choice is clicked', async () => {
      const clarify = await ask('paljonko liitto on käyttänyt?');
      await shoot(clarify, 'clarify');
      await click(clarify, 'Lapin liitto', 'inPlace');
      await clarify.locator('.ac-adaptiveCard', { hasText: /€/ }).waitFor();
      await expect(clarify.innerText()).resolves.toContain('Lapin liitto');
      await expect(clarify.innerText()).resolves.not.toContain('Tarkoititko');
      expect(await pageProblems()).toEqual([]);
      await shoot(clarify, 'clarify-answered');
    });

    it('should answer help briefly, a ranking and a comparison each with one card', async () => {
      await shoot(await ask('apua'), 'help');
      await shoot(await ask('suurimmat menot'), 'ranking');
      await shoot(await ask('Vertaa Tietohallinnon menoja 2020 ja 2021'), 'comparison');
      await shoot(await ask('mitkä kustannuspaikat ovat ylittäneet budjettinsa?'), 'over-budget');
    });

    it('should list the cost centres to search, and answer the one picked', async () => {
      const list = await ask('mitä kustannuspaikkoja on?');
      await expect(list.innerText()).resolves.toContain('29 kustannuspaikkaa');
      await shoot(list, 'list');
      // Type the start of the name, as a manager would, and pick it from what the search offers.
      const search = list.getByRole('combobox');
      await search.click();
      await search.fill('Joukko');
      await page
        .getByRole('option')
        .filter({ hasText: /^Joukkoliikenne$/ })
        .click();
      const answer = await click(list, 'Näytä luvut', 'new');
      await expect(answer.innerText()).resolves.toContain('Joukkoliikenne · menot 2022');
      await shoot(answer, 'list-picked');
    });

    it('should subscribe through the step picker, change nothing until saved, and stop in place', async () => {
      const answer = botMessages()
        .filter({ hasText: /Tilaa hälytykset/ })
        .first();
      const picker = await click(answer, 'Tilaa hälytykset', 'new');
      await expect(picker.innerText()).resolves.toContain('Hälytysten rajat: Tietohallinto');
      expect(await state.subscriptions.list()).toEqual([]);
      await shoot(picker, 'subscription-picker');
      // 80 % on, 50 % off: what is picked is what is saved.
      await step(picker, '80').check();
      await step(picker, '50').uncheck();
      await click(picker, 'Tallenna', 'inPlace');
      await picker.locator('.ac-adaptiveCard', { hasText: 'Hälytykset tilattu' }).waitFor();
      expect(await state.subscriptions.list()).toMatchObject([
        { costCentre: 'Tietohallinto', thresholds: ['0.75', '0.8', '0.9', '1'] },
      ]);
      await shoot(picker, 'subscription');
      await click(picker, 'Lopeta tilaus', 'inPlace');
      await picker.locator('.ac-adaptiveCard', { hasText: 'Tilaus lopetettu' }).waitFor();
      expect(await state.subscriptions.list()).toEqual([]);
      await shoot(picker, 'subscription-stopped');
      // Subscribing again opens the picker with the stopped rule.
      await click(picker, 'Tilaa uudelleen', 'inPlace');
      await picker.locator('.ac-adaptiveCard', { hasText: 'Hälytysten rajat' }).waitFor();
      await expect(step(picker, '80').isChecked()).resolves.toBe(true);
      await expect(step(picker, '50').isChecked()).resolves.toBe(false);
      await click(picker, 'Peruuta', 'inPlace');
      await picker.locator('.ac-adaptiveCard', { hasText: 'Hälytyksiä ei tilattu' }).waitFor();
    });

    it('should bring an alert as a card of its own, and stop and restart it on that card', async () => {
      await ask('tilaa hälytys Tietohallinto 60 %');
      const before = await botMessages().count();
      const alerts = createAlertService({
        config: {
          auth: null,
          storePath: STORE_PATH,
          alerts: { enabled: false, time: '07:30', timeZone: 'Europe/Helsinki', runSecret: null },
        },
        state,
        logger: { info: () => undefined, error: () => undefined },
      });
      expect((await alerts.run()).sent).toBe(1);
      await until(async () => (await botMessages().count()) === before + 1, 'the alert on the page');
      const alert = botMessages().nth(before);
      await alert.locator('.ac-adaptiveCard', { hasText: 'Budjettihälytys: Tietohallinto' }).waitFor();
      expect(await pageProblems()).toEqual([]);
      await shoot(alert, 'alert');
      await click(alert, 'Lopeta tilaus', 'inPlace');
      await alert.locator('.ac-adaptiveCard', { hasText: 'Tilaus lopetettu' }).waitFor();
      expect(await state.subscriptions.list()).toEqual([]);
      await shoot(alert, 'alert-stopped');
      await click(alert, 'Tilaa uudelleen', 'inPlace');
      await alert.locator('.ac-adaptiveCard', { hasText: 'Hälytysten rajat' }).waitFor();
      await click(alert, 'Tallenna', 'inPlace');
      await alert.locator('.ac-adaptiveCard', { hasText: 'Budjettihälytys: Tietohallinto' }).waitFor();
      await expect(alert.getByRole('button', { name: 'Lopeta tilaus' }).count()).resolves.toBe(1);
      expect(await state.subscriptions.list()).toMatchObject([
        { costCentre: 'Tietohallinto', thresholds: ['0.6'] },
      ]);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'chat.png'), fullPage: true });
    });
  },
);
