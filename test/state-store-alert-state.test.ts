import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateStoreAlertState } from '../src/alerts/state-store-alert-state';
import type { AlertLogEntry } from '../src/store/alert-records';
import type { BotState } from '../src/store/state-schema';
import { FileStateStore, MemoryStateStore } from '../src/store/state-store';
import { subscription } from './fixtures/alert-store';

function entry(key: string, state: AlertLogEntry['state'] = 'intent'): AlertLogEntry {
  return {
    key,
    runId: 'r1',
    subscriptionId: 'sub-1',
    conversationId: 'conv-1',
    costCentre: 'Vaalit',
    rule: 'usedShare',
    step: '0.9',
    asOf: '2024-07-01',
    state,
    attempts: 0,
    error: null,
    createdAt: '2024-07-02T04:30:00.000Z',
    updatedAt: '2024-07-02T04:30:00.000Z',
  };
}

/** A memory store whose writes fail while `failing` is set. */
class FlakyStore extends MemoryStateStore {
  failing = false;
  protected override async persist(state: BotState): Promise<void> {
    if (this.failing) throw new Error('disk full');
    await super.persist(state);
  }
}

describe('alert state over the bot state store', () => {
  it('should write alerts that arrive together in few writes, each caller resolving once its entries are written', async () => {
    const store = new MemoryStateStore();
    const alerts = new StateStoreAlertState(store);
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    await Promise.all(
      keys.map(async (k) => {
        await alerts.recordAlerts([entry(k)]);
        // Resolved means durable: the last persisted state already holds this entry.
        expect(store.writes.at(-1)?.alertLog.some((e) => e.key === k)).toBe(true);
      }),
    );
    expect(store.writes.length).toBeLessThanOrEqual(2);
    expect((await alerts.alertLog()).map((e) => e.key)).toEqual(keys);
  });

  it('should replace an entry with the same key (intent, then sent)', async () => {
    const alerts = new StateStoreAlertState(new MemoryStateStore());
    await alerts.recordAlerts([entry('k', 'intent')]);
    await alerts.recordAlerts([entry('k', 'sent')]);
    expect((await alerts.alertLog()).map((e) => e.state)).toEqual(['sent']);
  });

  it('should reject the callers of a failed write and carry on with the next', async () => {
    const store = new FlakyStore();
    const alerts = new StateStoreAlertState(store);
    store.failing = true;
    await expect(alerts.recordAlerts([entry('a')])).rejects.toThrow('disk full');
    store.failing = false;
    await alerts.recordAlerts([entry('b')]);
    expect(store.writes.at(-1)?.alertLog.map((e) => e.key)).toContain('b');
  });

  it('should keep subscriptions, pauses and the log in the state file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'alert-state-'));
    try {
      const file = path.join(dir, 'state.json');
      const alerts = new StateStoreAlertState(await FileStateStore.open(file));
      await alerts.saveSubscription(subscription({ id: 's1', conversationId: 'c1' }));
      await alerts.saveSubscription(subscription({ id: 's2', conversationId: 'c1', costCentre: 'Vaalit' }));
      await alerts.pauseSubscription('s1', 'HTTP 403');
      await alerts.recordAlerts([entry('k1', 'sent')]);
      const onDisk = JSON.parse(await readFile(file, 'utf8')) as BotState;
      expect(onDisk.subscriptions.map((s) => [s.id, s.paused])).toEqual([
        ['s1', true],
        ['s2', false],
      ]);
      expect(onDisk.alertLog.map((e) => e.key)).toEqual(['k1']);
      const removed = await alerts.removeSubscriptions('c1', 'Vaalit');
      expect(removed.map((s) => s.id)).toEqual(['s2']);
      expect(await alerts.pruneAlerts(() => false)).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
