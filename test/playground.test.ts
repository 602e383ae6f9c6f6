/**
 * The bot in the Microsoft 365 Agents Playground, a local Teams-like client: questions,
 * follow-ups and card buttons through the Playground's own API, and once through its web page
 * in headless Chromium (with a screenshot of the answer card in build/screenshots/).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, plainCardText, startBot } from './support/bot-harness';
import { CHROMIUM, CHROMIUM_ARGS } from './support/chromium';
import { PlaygroundClient, type PlaygroundMessage } from './support/playground-client';
import { realAssistant, realCards } from './support/real-core';

const SCREENSHOTS = path.resolve('build/screenshots');

function cardOf(message: PlaygroundMessage): Record<string, unknown> {
  const attachment = (message.attachments ?? []).find(
    (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  );
  if (!attachment) throw new Error('message has no Adaptive Card');
  return attachment.content;
}

/** The data of every Action.Submit in a card, in order. */
function submitData(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Submit' && typeof n.data === 'object')
        out.push(n.data as Record<string, unknown>);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

let bot: BotHarness;
let playground: PlaygroundClient;

beforeAll(async () => {
  bot = await startBot({ assistant: await realAssistant(), cards: realCards });
  playground = await PlaygroundClient.start(`${bot.url}/api/messages`);
});
afterAll(async () => {
  await playground?.close();
  await bot?.close();
});

describe('Microsoft 365 Agents Playground', () => {
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
    expect(text).toContain('paljonko Tietohallinto on käyttänyt?');
    expect(text).not.toContain('<at>');
  });

  it('should ask which one is meant, and answer the one clicked', async () => {
    const clarify = await playground.ask('paljonko liitto on käyttänyt?');
    const buttons = submitData(cardOf(clarify)).filter((d) => d.action === 'ask');
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    const choice = buttons[0]!;
    const chosen = String(choice.ask).match(/Lapin liitto|Kuntaliitto/)?.[0];
    expect(chosen).toBeDefined();
    const answer = plainCardText(cardOf(await playground.click(clarify, choice)));
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

  it('should show the answer card on the Playground web page (headless Chromium)', async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    try {
      // Tall enough that the whole answer card fits on screen for the element screenshot.
      const page = await browser.newPage({ viewport: { width: 1280, height: 2400 } });
      // Only the Playground itself: nothing may leave the machine.
      await page.route('**/*', (route) =>
        ['127.0.0.1', 'localhost'].includes(new URL(route.request().url()).hostname)
          ? route.continue()
          : route.abort(),
      );
      await page.goto(playground.process.url);
      const box = page.getByRole('textbox').last();
      await box.waitFor({ timeout: 20_000 });
      await box.fill('paljonko Tietohallinto on käyttänyt?');
      await box.press('Enter');
      const card = page.locator('.ac-adaptiveCard', { hasText: /924\s370\s€/ }).last();
      await card.waitFor({ timeout: 20_000 });
      await expect(card.textContent()).resolves.toMatch(/1\s488\s900\s€/);
      await card.screenshot({ path: path.join(SCREENSHOTS, 'playground-answer-card.png') });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'playground-chat.png') });
    } finally {
      await browser.close();
    }
  });
});
