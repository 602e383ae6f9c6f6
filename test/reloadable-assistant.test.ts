import { describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { ReloadableAssistant } from '../src/bot/reloadable-assistant';
import type { BudgetData, Fact } from '../src/domain';
import { STORE_PATH } from './support/real-core';

/** The store with one more month of ledger actuals for Tietohallinto. */
function withLedger(data: BudgetData): BudgetData {
  const fact: Fact = {
    document: 'ledger-2022-09.csv',
    line: 2,
    section: 'Toteuma',
    table: 'actuals',
    costCentre: 'Tietohallinto',
    account: 'MENOT',
    year: 2022,
    basis: 'TOT',
    asOf: '2022-09-30',
    amount: '-1234567',
    unit: 'EUR',
    kind: 'figure',
  };
  return {
    ...data,
    documents: [
      ...data.documents,
      {
        name: 'ledger-2022-09.csv',
        title: 'Toteuma 2022-09-30',
        layout: 'actualsCsv',
        serviceArea: null,
        reportDate: '2022-09-30',
        lines: 2,
      },
    ],
    facts: [...data.facts, fact],
  };
}

const clock = () => new Date('2022-10-03T05:00:00Z');

describe('ReloadableAssistant', () => {
  it('should answer from the new store once it has loaded', async () => {
    const full = await BudgetAssistant.load(STORE_PATH);
    const newer = BudgetAssistant.fromData(withLedger(full.data));
    const assistant = new ReloadableAssistant(full, async () => newer);
    expect(assistant.data.facts.length).toBe(full.data.facts.length);
    await assistant.reload();
    expect(assistant.data.facts).toHaveLength(full.data.facts.length + 1);
    const answer = assistant.ask('paljonko Tietohallinto on käyttänyt?', null);
    expect(answer.figures.find((f) => f.role === 'actual')?.source.document).toBe('ledger-2022-09.csv');
    expect(assistant.storeHealth()).toEqual({ problem: null, since: null });
  });

  it('should keep answering from the old store when the new one fails to load, and say so', async () => {
    const full = await BudgetAssistant.load(STORE_PATH);
    const assistant = new ReloadableAssistant(
      full,
      () => BudgetAssistant.load('no/such/budget.json'),
      undefined,
      clock,
    );
    await expect(assistant.reload()).rejects.toThrow();
    const answer = assistant.ask('paljonko Tietohallinto on käyttänyt?', null);
    expect(answer.status).toBe('answer');
    expect(answer.figures.map((f) => f.amount)).toContain('-924370');
    expect(assistant.storeHealth()).toEqual({
      problem: expect.stringContaining('no/such/budget.json: the budget store does not exist'),
      since: '2022-10-03T05:00:00.000Z',
    });
  });

  it.each<{ name: string; change: (d: BudgetData) => BudgetData; problem: RegExp }>([
    {
      name: 'has no figures',
      change: (d) => ({ ...d, facts: [], costCentres: [], documents: [] }),
      problem: /^the new budget store has no figures$/,
    },
    {
      name: 'drops most of a report (a cut-off copy)',
      change: (d) => ({
        ...d,
        facts: d.facts.filter((f) => f.document !== '000_d3382b3632755c54.txt' || f.table === 'keyFigures'),
      }),
      problem:
        /^the new budget store would drop data: the new 000_d3382b3632755c54\.txt lacks 532 of its 567 figures \(94 %\)/,
    },
    {
      name: 'drops a cost centre',
      change: (d) => ({
        ...d,
        costCentres: d.costCentres.filter((c) => c.name !== 'Vaalit'),
        facts: d.facts.filter((f) => f.costCentre !== 'Vaalit'),
      }),
      problem: /cost centres that would disappear: Vaalit$/,
    },
  ])('should refuse a new store that $name and keep the old one', async ({ change, problem }) => {
    const full = await BudgetAssistant.load(STORE_PATH);
    const assistant = new ReloadableAssistant(
      full,
      async () => BudgetAssistant.fromData(change(full.data)),
      undefined,
      clock,
    );
    await expect(assistant.reload()).rejects.toThrow(problem);
    expect(assistant.data).toBe(full.data);
    expect(assistant.storeHealth().problem).toMatch(problem);
  });

  it('should take in a removal the ingest declared with --accept-removals, and clear the refusal', async () => {
    const full = await BudgetAssistant.load(STORE_PATH);
    const withoutVaalit: BudgetData = {
      ...full.data,
      costCentres: full.data.costCentres.filter((c) => c.name !== 'Vaalit'),
      facts: full.data.facts.filter((f) => f.costCentre !== 'Vaalit'),
    };
    let next: BudgetData = withoutVaalit;
    const assistant = new ReloadableAssistant(
      full,
      async () => BudgetAssistant.fromData(next),
      undefined,
      clock,
    );
    await expect(assistant.reload()).rejects.toThrow(/Vaalit/);
    // What `npm run ingest -- --accept-removals` records for this removal.
    next = {
      ...withoutVaalit,
      acceptedRemovals: {
        documents: ['000_d3382b3632755c54.txt', '001_a49d1ed256dc6eed.txt'],
        costCentres: ['Vaalit'],
      },
    };
    await assistant.reload();
    expect(assistant.data.costCentres.map((c) => c.name)).not.toContain('Vaalit');
    expect(assistant.storeHealth()).toEqual({ problem: null, since: null });
  });

  it('should load once for two reloads asked at the same time', async () => {
    const full = await BudgetAssistant.load(STORE_PATH);
    let loads = 0;
    const assistant = new ReloadableAssistant(full, async () => {
      loads += 1;
      return full;
    });
    await Promise.all([assistant.reload(), assistant.reload()]);
    expect(loads).toBe(1);
    await assistant.reload();
    expect(loads).toBe(2);
  });
});
