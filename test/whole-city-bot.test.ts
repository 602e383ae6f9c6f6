/**
 * The whole city end to end: the generated city's half-year report (PDF) → `npm run ingest` → the assistant over that store → real Bot Framework
 * activities POSTed to /api/messages → the card read back from the local Bot Connector.
 * Questions at every level: the city, a service area, a result area, a cost centre, a name
 * under two parents, and lists that compare the level they name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { type Answer, formatEuro } from '../src/domain';
import { runIngest } from '../src/ingest/ingest-command';
import { generateCity, total } from './fixtures/documents/generate/city-model';
import * as A from './support/activities';
import { adaptiveCardOf, type BotHarness, plainCardText, startBot } from './support/bot-harness';
import { realCards } from './support/real-core';

const root = join(import.meta.dirname, '..');
const city = join(root, 'test/fixtures/documents/city');
const model = generateCity();
const area = (name: string) => model.areas.find((a) => a.name === name)!;
const euros = (n: number) => formatEuro(String(Math.abs(n)), 'fi').replace(/\u00a0/g, ' ');

let h: BotHarness;
let assistant: BudgetAssistant;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'city-bot-'));
  const aliases = join(dir, 'aliases.json');
  writeFileSync(aliases, '{}');
  const out = join(dir, 'budget.json');
  await runIngest({
    out,
    report: null,
    aliases,
    // The report is enough for questions at every level (the ledger export and the monthly
    // actuals are checked figure by figure in whole-city.test.ts); a smaller store keeps the test light.
    files: [join(city, 'lumijarvi-toteuma-30-6-2024.pdf')],
  });
  assistant = await BudgetAssistant.load(out);
  h = await startBot({ assistant, cards: realCards });
}, 600_000);
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.connector.reset();
});

async function ask(text: string, conversationId = `a:${Math.random().toString(36).slice(2)}`) {
  const activity = A.message({ serviceUrl: h.connector.url, conversationId }, text);
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  const [reply] = await h.connector.waitForMessages(conversationId, 1);
  return { card: adaptiveCardOf(reply), text: plainCardText(adaptiveCardOf(reply)), conversationId };
}

function submits(card: unknown): Array<Record<string, unknown>> {
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

describe('the whole city over /api/messages', () => {
  it("should answer a service area's spending with its own total and its source page", async () => {
    const sivistys = area('Sivistyspalvelut');
    const actual = sivistys.resultAreas.reduce(
      (s, r) => s + r.costCentres.reduce((t, cc) => t + total(cc, 2024, 'MENOT', { month: 6 }), 0),
      0,
    );
    const { text } = await ask('Sivistyspalveluiden menot');
    expect(text).toContain('Sivistyspalvelut');
    expect(text).toContain(euros(actual));
    const answer = assistant.ask('Sivistyspalveluiden menot', null);
    expect(answer.figures.find((f) => f.role === 'actual')).toMatchObject({
      costCentre: 'Sivistyspalvelut',
      source: { document: 'lumijarvi-toteuma-30-6-2024.pdf', page: expect.any(Number) },
    });
  });

  it('should answer "tekninen toimi yhteensä" and "koko kaupungin menot" with those totals', async () => {
    const tekninen = area('Tekninen toimi');
    const tek = tekninen.resultAreas.reduce(
      (s, r) => s + r.costCentres.reduce((t, cc) => t + total(cc, 2024, 'MENOT', { month: 6 }), 0),
      0,
    );
    expect((await ask('tekninen toimi yhteensä')).text).toContain(euros(tek));
    const all = model.areas.reduce(
      (s, a) =>
        s +
        a.resultAreas.reduce(
          (x, r) => x + r.costCentres.reduce((t, cc) => t + total(cc, 2024, 'MENOT', { month: 6 }), 0),
          0,
        ),
      0,
    );
    const { text } = await ask('koko kaupungin menot');
    expect(text).toContain('Lumijärven kaupunki');
    expect(text).toContain(euros(all));
    // It says which areas the city's figure covers.
    const notes = assistant.ask('koko kaupungin menot', null).notes.join(' ');
    for (const a of model.areas) expect(notes).toContain(a.name);
  });

  it('should ask which "Hallinto" is meant, with buttons naming the parents, and answer the one clicked', async () => {
    const { card, conversationId } = await ask('paljonko Hallinto on käyttänyt?');
    const buttons = submits(card).filter((d) => d.action === 'choose');
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    for (const b of buttons) expect(String(b.ask)).toMatch(/Hallinto \([^)]+\)/);
    const choice = buttons[0]!;
    // The clicked choice answers in place of the clarify card (a Universal Action).
    const clarifyId = String(
      h.connector.calls.find((c) => c.operation === 'replyToActivity')?.body?.id ?? 'msg-1',
    );
    const res = await h.post(
      A.executeAction({ serviceUrl: h.connector.url, conversationId }, choice, clarifyId),
    );
    expect(res.status).toBe(200);
    const answered = plainCardText((res.body as { value: unknown }).value);
    const parent = /Hallinto \(([^,)]+)/.exec(String(choice.ask))![1]!;
    expect(answered).toContain(`Hallinto (${parent}`);
    expect(answered).toMatch(/\d €/);
  });

  it('should find one "Hallinto" when its result area is named with it', () => {
    const answer: Answer = assistant.ask('Perusopetuksen hallinnon menot 2023', null);
    expect(answer.status).toBe('answer');
    const cc = area('Sivistyspalvelut')
      .resultAreas.find((r) => r.name === 'Perusopetus')!
      .costCentres.find((c) => c.name === 'Hallinto')!;
    const tp = answer.figures.find((f) => f.basis === 'TP' && f.year === 2023);
    expect(tp).toMatchObject({
      costCentre: 'Hallinto',
      path: ['Sivistyspalvelut', 'Perusopetus', 'Hallinto'],
      amount: String(total(cc, 2023, 'MENOT', { month: 12 })),
    });
  });

  it('should compare service areas when asked "mikä toimiala ylitti budjettinsa", cost centres otherwise', async () => {
    const areas = assistant.ask('mikä toimiala ylitti budjettinsa 2023', null);
    const names = new Set(model.areas.map((a) => a.name));
    expect(areas.figures.length).toBeGreaterThan(0);
    expect(areas.figures.every((f) => names.has(f.costCentre))).toBe(true);
    // Every listed area did go over: actual beyond its final budget in 2023.
    for (const a of model.areas) {
      const tp = a.resultAreas.reduce(
        (s, r) => s + r.costCentres.reduce((t, cc) => t + total(cc, 2023, 'MENOT', { month: 12 }), 0),
        0,
      );
      const ta = a.resultAreas.reduce(
        (s, r) => s + r.costCentres.reduce((t, cc) => t + total(cc, 2023, 'MENOT', 'changed'), 0),
        0,
      );
      const listed = areas.text.includes(a.name);
      expect(listed, a.name).toBe(tp < ta);
    }
    const ccs = assistant.ask('suurimmat menot', null);
    const leafNames = new Set(
      model.areas.flatMap((a) => a.resultAreas.flatMap((r) => r.costCentres.map((c) => c.name))),
    );
    expect(ccs.figures.every((f) => leafNames.has(f.costCentre))).toBe(true);
    const ras = assistant.ask('suurimmat tulosalueet', null);
    const raNames = new Set(model.areas.flatMap((a) => a.resultAreas.map((r) => r.name)));
    expect(ras.figures.length).toBeGreaterThan(0);
    expect(ras.figures.every((f) => raNames.has(f.costCentre))).toBe(true);
    const { text } = await ask('mikä toimiala ylitti budjettinsa 2023');
    expect(text).toMatch(/Hyvinvointipalvelut|Sivistyspalvelut|Tekninen toimi/);
  });
});

describe('the city of a store holding several service areas but no city total', () => {
  it('should sum the areas of the same year and basis for "koko kaupungin menot", naming each area', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'two-areas-'));
    const aliases = join(dir, 'aliases.json');
    writeFileSync(aliases, '{}');
    const out = join(dir, 'budget.json');
    await runIngest({
      out,
      report: null,
      aliases,
      files: [
        join(root, 'examples/budget/tekninen-toimi-toteuma-30-6-2024.pdf'),
        join(root, 'test/fixtures/documents/sivistyspalvelut-30-6-2024.pdf'),
      ],
    });
    const two = await BudgetAssistant.load(out);
    const sum = (name: string, year: number) =>
      area(name).resultAreas.reduce(
        (s, r) => s + r.costCentres.reduce((t, cc) => t + total(cc, year, 'MENOT', { month: 12 }), 0),
        0,
      );
    const answer = two.ask('kaupungin menot 2023', null);
    expect(answer.status).toBe('answer');
    expect(answer.text).toContain('Tekninen toimi');
    expect(answer.text).toContain('Sivistyspalvelut');
    expect(answer.text.replace(/\u00a0/g, ' ')).toContain(
      `Yhteensä ${euros(sum('Tekninen toimi', 2023) + sum('Sivistyspalvelut', 2023))}`,
    );
    expect(new Set(answer.figures.map((f) => `${f.basis} ${f.year}`))).toEqual(new Set(['TP 2023']));
  }, 120_000);
});
