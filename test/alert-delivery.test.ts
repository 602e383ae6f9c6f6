/**
 * Alerts end to end over HTTP: the alert service reads a store file, evaluates, and delivers
 * proactive messages through botbuilder to a local Bot Connector that can answer 429, 500, 403,
 * answer late or drop the socket; and a CLI process killed between claim and outcome.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlertService } from '../src/alerts/alert-service';
import type { BudgetData } from '../src/domain';
import { DocumentState, memoryState } from '../src/store/document-state';
import type { BotState } from '../src/store/state-schema';
import { FileStateStore } from '../src/store/state-store';
import { halfYearStore, subscription } from './fixtures/alert-store';
import { ConnectorServer } from './support/connector-server';

const root = path.resolve(import.meta.dirname, '..');
let connector: ConnectorServer;
let dir: string;
let storePath: string;

const quickRetry = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200, attemptTimeoutMs: 2000 };
const silent = { info: () => undefined, error: () => undefined };

/** A store where Tietohallinto has used 95 % of its budget at mid-year, and Vaalit 60 %. */
function data(): BudgetData {
  return {
    ...halfYearStore({ expenseBudget: '-1000000', expenseActual: '-950000' }),
    facts: [
      ...halfYearStore({ expenseBudget: '-1000000', expenseActual: '-950000' }).facts,
      ...halfYearStore({ name: 'Vaalit', expenseBudget: '-200000', expenseActual: '-120000' }).facts,
    ],
  };
}

function reference(conversationId: string): Record<string, unknown> {
  return {
    serviceUrl: connector.url,
    channelId: 'msteams',
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 't1' },
    bot: { id: '28:budget-bot', name: 'Budjettibotti' },
    user: { id: '29:user-1' },
  };
}

/** Puts conversations (with references) and their subscriptions into the state. */
async function seed(state: DocumentState, conversations: string[]): Promise<void> {
  for (const id of conversations) {
    await state.conversations.rememberTurn(id, { reference: reference(id), lastQuery: null, lang: 'fi' });
    await state.subscriptions.save(subscription({ id: `sub-${id}`, conversationId: id }));
  }
}

function service(state: DocumentState, retry = quickRetry) {
  return createAlertService({
    config: {
      auth: null,
      storePath,
      alerts: { enabled: false, time: '07:30', timeZone: 'Europe/Helsinki', runSecret: null },
    },
    state,
    logger: silent,
    retry,
  });
}

beforeAll(async () => {
  connector = await ConnectorServer.start();
  dir = await mkdtemp(path.join(os.tmpdir(), 'alerts-'));
  storePath = path.join(dir, 'budget.json');
  await writeFile(storePath, JSON.stringify(data()));
});
afterAll(async () => {
  await connector.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => connector.reset());

describe('alert delivery through the Bot Connector', () => {
  it('should send one message per subscription with an alert card per cost centre', async () => {
    const state = memoryState();
    await seed(state, ['a:c1']);
    const result = await service(state).run();
    expect(result.sent).toBe(1);
    const [msg] = connector.messages('a:c1');
    const attachments = (msg?.attachments ?? []) as { contentType: string; content: { body?: unknown[] } }[];
    expect(attachments.map((a) => a.contentType)).toEqual([
      'application/vnd.microsoft.card.adaptive',
      'application/vnd.microsoft.card.adaptive',
    ]);
    // Said once: the cards carry the alert, no text beside them; the summary is the preview.
    expect(msg?.text).toBeUndefined();
    expect(msg?.summary).toBe('Budjettihälytys: Tietohallinto, Vaalit');
    expect(JSON.stringify(attachments[0]?.content)).toContain('Tietohallinto');
    expect((await state.alertLog.list()).every((e) => e.state === 'sent')).toBe(true);
  });

  it('should post a channel alert as a new post, not as a reply in the thread it was subscribed in', async () => {
    const state = memoryState();
    const thread = '19:general@thread.tacv2;messageid=1700000000000';
    await state.conversations.rememberTurn(thread, {
      reference: {
        ...reference(thread),
        activityId: '1700000000001',
        conversation: { id: thread, conversationType: 'channel', isGroup: true, tenantId: 't1' },
      },
      lastQuery: null,
      lang: 'fi',
    });
    await state.subscriptions.save(
      subscription({ id: 'sub-channel', conversationId: thread, scope: 'channel' }),
    );
    expect((await service(state).run()).sent).toBe(1);
    const calls = connector.calls.filter((c) => c.status < 300);
    expect(calls.map((c) => [c.operation, c.conversationId])).toEqual([
      ['sendToConversation', '19:general@thread.tacv2'],
    ]);
  });

  it('should wait out a 429 with Retry-After and then deliver once', async () => {
    const state = memoryState();
    await seed(state, ['a:c1']);
    connector.plan({ status: 429, headers: { 'Retry-After': '1' } });
    const result = await service(state).run();
    expect(result.sent).toBe(1);
    const calls = connector.calls.filter((c) => c.conversationId === 'a:c1');
    expect(calls.map((c) => c.status)).toEqual([429, 201]);
    // The Retry-After of one second is honoured, not the 20 ms backoff.
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect((await state.alertLog.list())[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('should retry 500s and deliver, one HTTP call per attempt', async () => {
    const state = memoryState();
    await seed(state, ['a:c1']);
    connector.plan({ status: 500, times: 2 });
    const result = await service(state).run();
    expect(result.sent).toBe(1);
    expect(connector.calls.map((c) => c.status)).toEqual([500, 500, 201]);
  });

  it('should record a failure after the last attempt and deliver on the next run', async () => {
    const state = memoryState();
    await seed(state, ['a:c1']);
    connector.plan({ status: 503, times: 4 });
    const first = await service(state).run();
    expect(first.failed).toBe(1);
    expect((await state.alertLog.list())[0]).toMatchObject({ state: 'failed', attempts: 4 });
    const second = await service(state).run();
    expect(second.sent).toBe(1);
    expect(connector.messages('a:c1')).toHaveLength(1);
  });

  it('should record a message whose answer comes after the attempt timeout as uncertain, and not send it again', async () => {
    const state = memoryState();
    await seed(state, ['a:c1']);
    connector.plan({ status: 201, delayMs: 3000, body: { id: 'late' } });
    const result = await service(state).run();
    expect(result).toMatchObject({ sent: 0, uncertain: 1 });
    // The late answer lands: the message did arrive, once.
    await connector.waitFor((calls) => calls.length >= 1);
    expect(connector.messages('a:c1')).toHaveLength(1);
    const [entry] = await state.alertLog.list();
    expect(entry).toMatchObject({ state: 'uncertain', attempts: 1 });
    expect(entry?.error).toContain('may have arrived');
    // The next runs leave it alone and list it for the operator.
    const again = await service(state).run();
    expect(again.plan.uncertain).toBeGreaterThan(0);
    expect(connector.calls).toHaveLength(1);
    expect((await service(state).attention()).uncertainDeliveries).toMatchObject([
      { conversationId: 'a:c1', subscriptionId: 'sub-a:c1' },
    ]);
  });

  it('should record a message whose socket was dropped without an answer as uncertain', async () => {
    const state = memoryState();
    await seed(state, ['a:c1']);
    connector.plan({ status: 201, dropSocket: true });
    const result = await service(state).run();
    expect(result).toMatchObject({ sent: 0, uncertain: 1, failed: 0 });
    expect(connector.calls).toHaveLength(1);
  });

  it('should deliver once a message the connector answers after 16 s (the default wait is 30 s)', async () => {
    // Before uncertain deliveries and the longer wait, 10 of 10 such messages went out twice.
    const state = memoryState();
    await seed(state, ['a:c1']);
    connector.plan({ status: 201, delayMs: 16_000, body: { id: 'slow' } });
    const result = await service(state, { ...quickRetry, attemptTimeoutMs: 30_000 }).run();
    expect(result).toMatchObject({ sent: 1, uncertain: 0 });
    expect(connector.calls).toHaveLength(1);
    expect((await state.alertLog.list())[0]).toMatchObject({ state: 'sent', attempts: 1 });
  }, 40_000);

  it('should pause a subscription whose conversation answers 403 and keep serving the others', async () => {
    const state = memoryState();
    await seed(state, ['a:removed', 'a:c2']);
    connector.plan({ status: 403, when: (c) => c.conversationId === 'a:removed' });
    const result = await service(state).run();
    expect(result).toMatchObject({ sent: 1, failed: 1, paused: 1 });
    expect(connector.calls.filter((c) => c.conversationId === 'a:removed')).toHaveLength(1);
    const removed = (await state.subscriptions.list()).find((s) => s.conversationId === 'a:removed');
    expect(removed).toMatchObject({ paused: true });
    expect(removed?.pausedReason).toContain('403');
    expect(removed?.pausedAt).toBeTruthy();
    // Listed for the operator, with when and why.
    expect((await service(state).attention()).pausedSubscriptions).toMatchObject([
      { conversationId: 'a:removed', reason: expect.stringContaining('403') },
    ]);
  });

  it('should pause a subscription whose conversation has no stored reference, without a call', async () => {
    const state = memoryState();
    await state.subscriptions.save(subscription({ id: 'orphan', conversationId: 'a:unknown' }));
    const result = await service(state).run();
    expect(result).toMatchObject({ sent: 0, failed: 1, paused: 1 });
    expect(connector.calls).toHaveLength(0);
    expect((await state.subscriptions.list())[0]?.pausedReason).toContain('no conversation reference');
  });

  it('should not alert again on the same data, and alert on a newer imported figure', async () => {
    const state = memoryState();
    await seed(state, ['a:c1']);
    await service(state).run();
    await service(state).run();
    expect(connector.messages('a:c1')).toHaveLength(1);
    const newer = data();
    newer.facts.push({
      ...newer.facts[1]!,
      document: 'ledger.csv',
      table: 'actuals',
      asOf: '2024-07-31',
      amount: '-970000',
    });
    await writeFile(storePath, JSON.stringify(newer));
    try {
      await service(state).run();
      expect(connector.messages('a:c1')).toHaveLength(2);
      expect(JSON.stringify(connector.messages('a:c1')[1]?.attachments)).toContain('31.7.2024');
    } finally {
      await writeFile(storePath, JSON.stringify(data()));
    }
  });
});

describe('a run killed between claim and outcome', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = null;
  });

  /** `npm run alerts` over the test's store and a state file, as a process. */
  function alertsCommand(statePath: string, ...args: string[]): ChildProcess {
    return spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/alerts.ts', '--store', storePath, '--state', statePath, ...args],
      {
        cwd: root,
        env: { ...process.env, MicrosoftAppId: '', MicrosoftAppPassword: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  }

  /** Runs the command to its end; resolves with its exit code and output. */
  async function finish(p: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
    let out = '';
    let err = '';
    p.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
    p.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => p.once('exit', resolve));
    return { code, out, err };
  }

  it('should mark it uncertain on the next run, not send it again, and resend it only when asked', async () => {
    const statePath = path.join(dir, 'crash-state.json');
    const seeded = new DocumentState(await FileStateStore.open(statePath), { kind: 'file' });
    await seed(seeded, ['a:crash']);
    await seeded.close();

    // The connector takes the message, then is slow to answer: the process dies in between.
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    connector.plan({
      status: 201,
      delayMs: 1500,
      body: { id: 'delivered' },
      when: () => {
        arrived();
        return true;
      },
    });
    child = alertsCommand(statePath);
    await arrival;
    child.kill('SIGKILL');
    await new Promise((resolve) => child?.once('exit', resolve));
    await connector.waitFor((calls) => calls.some((c) => c.conversationId === 'a:crash'));

    const afterCrash = JSON.parse(await readFile(statePath, 'utf8')) as BotState;
    // Every finding of the message is claimed, none settled; the dead process's lock is left.
    expect(afterCrash.alertLog.length).toBeGreaterThan(0);
    expect(new Set(afterCrash.alertLog.map((e) => e.state))).toEqual(new Set(['claimed']));
    expect(JSON.parse(await readFile(`${statePath}.lock`, 'utf8'))).toMatchObject({ role: 'alerts' });

    // The next run takes the stale lock over and lists the delivery as uncertain, sending nothing.
    const next = await finish(alertsCommand(statePath));
    expect(next.code).toBe(0);
    expect(next.out).toMatch(/\d+ alerts? of a stopped run marked uncertain/);
    expect(next.out).toContain('Uncertain deliveries (');
    expect(connector.messages('a:crash')).toHaveLength(1);

    // Asked to, it sends it again, marked as a possible repeat; and never after that.
    const resent = await finish(alertsCommand(statePath, '--resend-uncertain'));
    expect(resent.code).toBe(0);
    const messages = connector.messages('a:crash');
    expect(messages).toHaveLength(2);
    expect(String(messages[1]?.text)).toContain('Uudelleenlähetys');
    expect((await finish(alertsCommand(statePath, '--resend-uncertain'))).code).toBe(0);
    expect(connector.messages('a:crash')).toHaveLength(2);
  }, 90_000);
});
