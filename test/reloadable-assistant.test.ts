import { describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { ReloadableAssistant } from '../src/bot/reloadable-assistant';
import { STORE_PATH } from './support/real-core';

describe('ReloadableAssistant', () => {
  it('should answer from the new store once it has loaded', async () => {
    const full = await BudgetAssistant.load(STORE_PATH);
    const smaller = BudgetAssistant.fromData({ ...full.data, facts: full.data.facts.slice(0, 10) });
    const assistant = new ReloadableAssistant(full, async () => smaller);
    expect(assistant.data.facts.length).toBe(full.data.facts.length);
    await assistant.reload();
    expect(assistant.data.facts).toHaveLength(10);
  });

  it('should keep answering from the old store when the new one fails to load', async () => {
    const full = await BudgetAssistant.load(STORE_PATH);
    const assistant = new ReloadableAssistant(full, () => BudgetAssistant.load('no/such/budget.json'));
    await expect(assistant.reload()).rejects.toThrow();
    const answer = assistant.ask('paljonko Tietohallinto on käyttänyt?', null);
    expect(answer.status).toBe('answer');
    expect(answer.figures.map((f) => f.amount)).toContain('-924370');
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
