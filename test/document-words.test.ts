import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentWords } from '../src/answering/document-label';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { renderAnswerCard } from '../src/cards';
import { cardContextOf } from '../src/cards/card-context';
import { cardText } from './card-fixtures';

/**
 * Texts a manager reads name a document by its title (with its kind and year where the title
 * names none), never by its file name; the exact source (file and line) stays in the Answer
 * JSON's figures and in a card's "Lähde" section.
 */

const STORE = path.join(import.meta.dirname, '..', 'data', 'budget.json');
const FILE = /\b[\w-]+\.(txt|csv|pdf|xlsx)\b/;

let assistant: BudgetAssistant;
beforeAll(async () => {
  assistant = await BudgetAssistant.load(STORE);
});

describe('documentWords', () => {
  it('should give the title, its kind and year where the title names no year, or the kind and date alone', () => {
    const doc = { serviceArea: 'Hallinto- ja tukipalvelut', reportDate: '2020-12-31' } as const;
    expect(
      documentWords(
        { ...doc, title: 'Toteutuma 30.6.2022 - Käyttösuunnitelma 2022', layout: 'tabbed' },
        'fi',
      ),
    ).toBe('Toteutuma 30.6.2022 – Käyttösuunnitelma 2022');
    expect(
      documentWords({ ...doc, title: 'PALVELUALUE:HALLINTO- JA TUKIPALVELUT', layout: 'pdfText' }, 'fi'),
    ).toBe('Palvelualue: Hallinto- ja tukipalvelut (talousarvio 2020)');
    expect(
      documentWords({ ...doc, title: 'PALVELUALUE:HALLINTO- JA TUKIPALVELUT', layout: 'pdfText' }, 'en'),
    ).toBe('Palvelualue: Hallinto- ja tukipalvelut (budget 2020)');
    const ledger = {
      serviceArea: null,
      title: 'actuals-2022-07.csv',
      layout: 'actualsCsv',
      reportDate: '2022-07-31',
    } as const;
    expect(documentWords(ledger, 'fi')).toBe('kirjanpidon toteuma 31.7.2022');
    expect(documentWords(ledger, 'en')).toBe('ledger actuals 31 Jul 2022');
  });
});

describe('documents in the help and the data source list', () => {
  it.each([
    [
      'apua',
      'Aineisto: Toteutuma 30.6.2022 – Käyttösuunnitelma 2022; Palvelualue: Hallinto- ja tukipalvelut (talousarvio 2020).',
    ],
    [
      'help',
      'Data: Toteutuma 30.6.2022 – Käyttösuunnitelma 2022; Palvelualue: Hallinto- ja tukipalvelut (budget 2020).',
    ],
    [
      'mistä luvut ovat peräisin?',
      'Luvut ovat asiakirjoista: Toteutuma 30.6.2022 – Käyttösuunnitelma 2022; Palvelualue: Hallinto- ja tukipalvelut (talousarvio 2020).',
    ],
    [
      'where do the figures come from?',
      'The figures come from: Toteutuma 30.6.2022 – Käyttösuunnitelma 2022; Palvelualue: Hallinto- ja tukipalvelut (budget 2020).',
    ],
  ])('"%s" names the documents by title, no file name in text or card', (q, said) => {
    const a = assistant.ask(q, null);
    expect(a.text).toContain(said);
    expect(a.text).not.toMatch(FILE);
    expect(cardText(renderAnswerCard(a, cardContextOf(assistant.data.documents)))).not.toMatch(FILE);
  });

  it('should keep the exact source of a figure: file and line in the Answer JSON, the title and line in the card', () => {
    const a = assistant.ask('Tietohallinnon menot 2021', null);
    expect(a.figures.map((f) => `${f.source.document}:${f.source.line}`)).toContain(
      '000_d3382b3632755c54.txt:196',
    );
    expect(a.text).toContain('Lähde: 000_d3382b3632755c54.txt');
    const card = cardText(renderAnswerCard(a, cardContextOf(assistant.data.documents)));
    expect(card).toContain('Toteutuma 30.6.2022 – Käyttösuunnitelma 2022, rivi 196');
  });
});
