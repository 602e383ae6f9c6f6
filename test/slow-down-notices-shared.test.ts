/**
 * "Slow down" once per user per window across instances: the notices in PostgreSQL's shared
 * buckets (two states on one database, as two instances have), and this instance's own
 * notices when the database cannot be reached.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SharedSlowDownNotices } from '../src/bot/slow-down-notices';
import { PostgresState } from '../src/store/postgres-state';
import { freshDatabase, POSTGRES_URL, type TestDatabase } from './support/postgres-db';

let db: TestDatabase | null = null;
let states: PostgresState[] = [];
afterEach(async () => {
  await Promise.all(states.map((s) => s.close()));
  states = [];
  await db?.drop();
  db = null;
});

async function twoStates(): Promise<[PostgresState, PostgresState]> {
  db = await freshDatabase();
  const url = db.url;
  const [a, b] = await Promise.all([
    PostgresState.open(url, { maintenance: false }),
    PostgresState.open(url, { maintenance: false }),
  ]);
  states = [a, b];
  return [a, b];
}

describe.skipIf(!POSTGRES_URL)('SharedSlowDownNotices on PostgreSQL', () => {
  it('should tell a user once per window however the questions are spread over instances', async () => {
    const [a, b] = await twoStates();
    let now = 1_000_000;
    const clock = () => now;
    const onA = new SharedSlowDownNotices(a.questionLimits, 60_000, undefined, clock);
    const onB = new SharedSlowDownNotices(b.questionLimits, 60_000, undefined, clock);
    // 40 refused questions at once, half on each instance: one notice.
    const told = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? onA : onB).shouldTell('tenant/anna')),
    );
    expect(told.filter(Boolean)).toHaveLength(1);
    // Another user is told on their own account.
    expect(await onB.shouldTell('tenant/mallory')).toBe(true);
    now += 59_000;
    expect(await onA.shouldTell('tenant/anna')).toBe(false);
    expect(await onB.shouldTell('tenant/anna')).toBe(false);
    now += 1_000;
    expect(await onB.shouldTell('tenant/anna')).toBe(true);
    expect(await onA.shouldTell('tenant/anna')).toBe(false);
  });

  it('should fall back to this instance alone, once per window, when the database cannot be reached', async () => {
    const [a] = await twoStates();
    await a.close();
    const errors: unknown[] = [];
    const notices = new SharedSlowDownNotices(a.questionLimits, 60_000, (err) => errors.push(err));
    expect(await notices.shouldTell('tenant/anna')).toBe(true);
    expect(await notices.shouldTell('tenant/anna')).toBe(false);
    expect(errors).toHaveLength(2);
  });
});
