import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { renderAnswerCard } from '../src/cards';
import { cardContextOf } from '../src/cards/card-context';
import type { Answer } from '../src/domain';
import { cardText } from './card-fixtures';

/**
 * Signs said once and the same way everywhere: expenses and net expenses as magnitudes (the
 * word says which), a net income in words, a margin signed as printed; variance words and
 * käyttöaste only where they mean something (never on a margin such as toimintakate).
 */

const STORE = path.join(import.meta.dirname, '..', 'data', 'budget.json');
const NBSP = /\u00a0/g;

let assistant: BudgetAssistant;
let card: (a: Answer) => string;
beforeAll(async () => {
  assistant = await BudgetAssistant.load(STORE);
  const context = cardContextOf(assistant.data.documents);
  card = (a) => cardText(renderAnswerCard(a, context)).replace(NBSP, ' ');
});

const ask = (text: string) => assistant.ask(text, null);

describe('net expenses', () => {
  it('should say every cost centre’s net expenses of every year as magnitudes, never with a minus sign', () => {
    const signed: string[] = [];
    for (const cc of assistant.data.costCentres.filter((c) => c.level === 'costCentre'))
      for (const year of [2018, 2019, 2020, 2021, 2022]) {
        const a = ask(`${cc.name} nettomenot ${year}`);
        if (a.status !== 'answer') continue;
        if (/[−-]\s?\d/.test(a.text.replace(/\d{4}[–-]\d{4}/g, '')))
          signed.push(`${cc.name} ${year}: ${a.text}`);
      }
    expect(signed).toEqual([]);
  });

  it('should say "nettomenot 212 641 €" for Talouspalvelut 2021 (000:165), as the card does', () => {
    const a = ask('Talouspalveluiden nettomenot 2021');
    expect(a.text.replace(NBSP, ' ')).toContain('tilinpäätös 2021 (TP) 212 641 €');
    expect(card(a)).toContain('212 641 €');
    expect(card(a)).not.toContain('−212 641');
  });

  it('should say a net income in words, not with a plus sign (Henkilöstön lomaosake budget 2021: +400 €)', () => {
    const a = ask('Henkilöstön lomaosakkeen nettomenot 2021');
    expect(a.text.replace(NBSP, ' ')).toContain('400 € nettotuloa');
    expect(a.text).not.toMatch(/\+\s?400/);
  });
});

describe('margins (toimintakate)', () => {
  it('should say a closed year’s margin was worse than estimated, with no käyttöaste or ylitys', () => {
    const a = ask('toimintakate 2021');
    const text = a.text.replace(NBSP, ' ');
    expect(text).toContain('−5 727 854 €'); // 000:70, signed as printed
    expect(text).toContain('192 854 € heikompi kuin arvioitu');
    expect(text).not.toMatch(/käyttöaste|Ylitys|Alitus/i);
    expect(a.body.kind === 'budgetVsActual' && a.body.usedShare).toBe(null);
    const shown = card(a);
    expect(shown).toContain('heikompi kuin arvioitu');
    expect(shown).not.toMatch(/Käytetty|Ylitys|käyttöaste|Tulot/);
    expect(shown).toContain('−5 727 854 €');
  });

  it('should not say how much of an open year’s margin is "used"', () => {
    const a = ask('toimintakate 2022');
    expect(a.text).not.toMatch(/käytetty|käyttöaste|tahdista/i);
    expect(card(a)).not.toMatch(/Käytetty|käytetty|heikompi|parempi/);
  });

  it('should say a margin’s change between years as better or worse, signed', () => {
    const a = ask('toimintakate 2020 ja 2021');
    expect(a.text.replace(NBSP, ' ')).toContain('229 341 € heikompi (−4,2 %)');
    expect(a.text).not.toContain('enemmän');
  });

  it('should say it in English too: worse than estimated, never overspent or a share of the budget', () => {
    const a = ask('operating margin 2021');
    expect(a.text).toContain('worse than estimated');
    expect(a.text).not.toMatch(/Overspent|of budget/);
  });
});

/** How a euro amount is written in a text: with a minus sign anywhere, only without, or not at all (digits grouped per language). */
function signIn(text: string, amount: string, lang: 'fi' | 'en'): 'signed' | 'plain' | null {
  const digits = amount.replace(/^-/, '');
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fi' ? ' ' : ',');
  const re =
    lang === 'fi'
      ? new RegExp(`(?<!\\d )([−-]?)(?<!\\d)${grouped} €`, 'g')
      : new RegExp(`([−-]?)€${grouped}(?![\\d,])`, 'g');
  const found = [...text.replace(NBSP, ' ').matchAll(re)];
  return found.length === 0 ? null : found.some((m) => m[1]) ? 'signed' : 'plain';
}

describe('one sign policy in both languages, text and card alike', () => {
  it.each([
    2020, 2021, 2022,
  ])('should write the investment table of %i with the same signs in Finnish and English, text and card (NETTO 001:544)', (year) => {
    const fi = ask(`Investoinnit ${year}`);
    const en = ask(`investments ${year}`);
    expect(fi.status).toBe('answer');
    expect(en.figures.map((f) => f.amount)).toEqual(fi.figures.map((f) => f.amount));
    const netto = fi.figures.find((f) => f.account === 'NETTO');
    expect(netto, `NETTO ${year}`).toBeDefined();
    for (const f of fi.figures) {
      const signs = [signIn(fi.text, f.amount, 'fi'), signIn(card(fi), f.amount, 'fi')];
      const signsEn = [signIn(en.text, f.amount, 'en'), signIn(card(en), f.amount, 'en')];
      // Expenses of the plan, its subtotals and its net are magnitudes: the table says investments.
      for (const s of [...signs, ...signsEn])
        expect([null, 'plain'], `${f.account} ${year} ${f.amount}`).toContain(s);
    }
    // The Answer JSON keeps the printed sign.
    expect(netto?.amount.startsWith('-')).toBe(true);
  });

  it('should write the key figures the same way in text and card, in both languages (000:40, 000:41)', () => {
    for (const [q, lang] of [
      ['tunnusluvut 2022', 'fi'],
      ['key figures 2022', 'en'],
    ] as const) {
      const a = ask(q);
      const c = card(a);
      const expenses = a.figures.find((f) => f.account === 'Henkilöstömenot' && f.basis === 'TA');
      expect(expenses?.amount).toBe('-2298350');
      expect(signIn(a.text, '-2298350', lang)).toBe('plain');
      expect(signIn(c, '-2298350', lang)).toBe('plain');
    }
    // A margin per inhabitant keeps its printed sign in both.
    expect(card(ask('tunnusluvut 2022'))).toContain('−904 €/asukas');
    expect(ask('tunnusluvut 2022').text.replace(NBSP, ' ')).toContain('−904 €/asukas');
    expect(card(ask('key figures 2022'))).toContain('-€904 per inhabitant');
    expect(ask('key figures 2022').text).toContain('-€904 per inhabitant');
  });
});
