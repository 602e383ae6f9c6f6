/**
 * The "budjetti" search command: the pure search over the real store, and the same over HTTP
 * as a composeExtension/query invoke.
 */
import type { MessagingExtensionQuery } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetAssistant } from '../src/assistant/budget-assistant';
import { MAX_RESULT_BYTES, searchBudget, searchText } from '../src/bot/message-extension';
import * as A from './support/activities';
import { type BotHarness, plainCardText, startBot } from './support/bot-harness';
import { realAssistant, realCards } from './support/real-core';

const query = (text: string | null): MessagingExtensionQuery => ({
  commandId: 'budjetti',
  parameters: text === null ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'query', value: text }],
});

const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

/** The thumbnail title of a search result. */
const titleOf = (r: { preview?: { content?: unknown } } | undefined): string | undefined =>
  (r?.preview?.content as { title?: string } | undefined)?.title;

let assistant: BudgetAssistant;
beforeAll(async () => {
  assistant = await realAssistant();
});

describe('searchText', () => {
  it.each([
    { name: 'the initial run', q: query(null), expected: null },
    { name: 'an empty box', q: query('   '), expected: null },
    { name: 'a typed prefix', q: query(' tietoh '), expected: 'tietoh' },
    { name: 'no parameters at all', q: { commandId: 'budjetti' }, expected: null },
    {
      name: 'malformed parameters',
      q: { commandId: 'budjetti', parameters: 'x' } as unknown as MessagingExtensionQuery,
      expected: null,
    },
  ])('should read $name', ({ q, expected }) => {
    expect(searchText(q)).toBe(expected);
  });
});

describe('searchBudget', () => {
  it('should list the matching cost centre for a prefix, with its used share and figures as headline', () => {
    const { response, kind } = searchBudget(assistant, realCards, query('tietoh'));
    expect(kind).toBe('prefix');
    const results = response.composeExtension?.attachments ?? [];
    expect(results.map((r) => titleOf(r))).toEqual(['Tietohallinto']);
    const preview = results[0]?.preview?.content as { text: string };
    expect(nbsp(preview.text)).toBe('käytetty 62,1 % budjetista · 924 370 € / 1 488 900 €');
    expect(results[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(plainCardText(results[0]?.content)).toContain('924 370 €');
  });

  it('should list every cost centre a word of the name matches ("liitto")', () => {
    const titles = (
      searchBudget(assistant, realCards, query('liitto')).response.composeExtension?.attachments ?? []
    ).map((r) => titleOf(r));
    expect(titles.sort()).toEqual(['Kuntaliitto', 'Lapin liitto']);
  });

  it('should answer a whole question with its answer card', () => {
    const { response, kind } = searchBudget(
      assistant,
      realCards,
      query('paljonko Tietohallinto on käyttänyt?'),
    );
    expect(kind).toBe('question');
    const [result] = response.composeExtension?.attachments ?? [];
    const text = plainCardText(result?.content);
    expect(text).toContain('924 370 €');
    expect(text).toContain('1 488 900 €');
  });

  it('should show the biggest cost centres on the initial run, biggest budget first', () => {
    const { response, kind } = searchBudget(assistant, realCards, query(null));
    expect(kind).toBe('initial');
    const results = response.composeExtension?.attachments ?? [];
    expect(results.length).toBeGreaterThanOrEqual(5);
    expect(titleOf(results[0])).toBe('Tietohallinto');
  });

  it('should return nothing for a command it does not have', () => {
    const { response, kind } = searchBudget(assistant, realCards, {
      commandId: 'somethingElse',
      parameters: [{ name: 'query', value: 'tietoh' }],
    });
    expect(kind).toBe('unknown');
    expect(response.composeExtension?.attachments).toEqual([]);
  });

  it('should say there is no such cost centre, not show another one', () => {
    const [result] =
      searchBudget(assistant, realCards, query('sosiaalitoimi')).response.composeExtension?.attachments ?? [];
    expect(plainCardText(result?.content)).not.toMatch(/\d{3} \d{3} €/);
  });

  it.each([
    null,
    'a',
    'tietoh',
    'hallinto',
    'menot 2021',
  ])('should keep every result for %s under 28 KB', (text) => {
    const results =
      searchBudget(assistant, realCards, query(text)).response.composeExtension?.attachments ?? [];
    for (const r of results)
      expect(Buffer.byteLength(JSON.stringify(r), 'utf8')).toBeLessThan(MAX_RESULT_BYTES);
  });
});

describe('over HTTP', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBot({ assistant, cards: realCards });
  });
  afterAll(async () => {
    await h.close();
  });

  it('should answer a composeExtension/query invoke in the HTTP response, in a meeting chat too', async () => {
    const w = { serviceUrl: h.connector.url, conversationType: 'groupChat' as const };
    const res = await h.post(A.searchQuery(w, 'tietoh'));
    expect(res.status).toBe(200);
    const body = res.body as {
      composeExtension: { type: string; attachments: Array<{ preview: { content: { title: string } } }> };
    };
    expect(body.composeExtension.type).toBe('result');
    expect(body.composeExtension.attachments[0]?.preview.content.title).toBe('Tietohallinto');
    // Search results go back in the invoke response; nothing is posted to the chat.
    expect(h.connector.calls).toHaveLength(0);
  });

  it('should answer the initial run', async () => {
    const res = await h.post(A.searchQuery({ serviceUrl: h.connector.url }, null));
    expect(res.status).toBe(200);
    expect(
      (res.body as { composeExtension: { attachments: unknown[] } }).composeExtension.attachments.length,
    ).toBeGreaterThan(0);
  });
});
