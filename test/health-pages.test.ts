/**
 * The server's own pages: liveness (the process serves), readiness (store loaded and state
 * usable: send traffic here), and the privacy statement and terms the Teams manifest links to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../src/bot/ports';
import { DocumentState } from '../src/store/document-state';
import { MemoryStateStore, type StateHealth } from '../src/store/state-store';
import { type BotHarness, startBot } from './support/bot-harness';
import { realAssistant, realCards } from './support/real-core';

/** A memory state store whose health the test sets (a broken disk or database). */
class FlakyState extends MemoryStateStore {
  broken: string | null = null;
  override health(): StateHealth {
    return this.broken ? { ok: false, problem: this.broken } : super.health();
  }
}

const get = async (h: BotHarness, path: string) => {
  const res = await fetch(`${h.url}${path}`);
  return { status: res.status, headers: res.headers, text: await res.text() };
};

describe('liveness and readiness', () => {
  let h: BotHarness;
  let state: FlakyState;
  beforeAll(async () => {
    state = new FlakyState();
    h = await startBot({
      assistant: await realAssistant(),
      cards: realCards,
      state: new DocumentState(state, { kind: 'memory' }),
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('should be live and ready with the store loaded and the state usable', async () => {
    expect(await get(h, '/livez')).toMatchObject({ status: 200, text: '{"status":"alive"}' });
    const ready = await get(h, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ ready: true, reasons: [] });
    expect(JSON.parse((await get(h, '/healthz')).text)).toMatchObject({ status: 'ok', ready: true });
  });

  it('should stay live but not ready while the state cannot be used, and say why', async () => {
    state.broken = 'state file not writable (EACCES)';
    try {
      expect((await get(h, '/livez')).status).toBe(200);
      const ready = await get(h, '/readyz');
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.text)).toEqual({
        ready: false,
        reasons: ['bot state not usable: state file not writable (EACCES)'],
      });
    } finally {
      state.broken = null;
    }
    expect((await get(h, '/readyz')).status).toBe(200);
  });
});

describe('readiness without a store', () => {
  it('should not be ready with no facts loaded', async () => {
    const real = await realAssistant();
    const empty: Assistant = {
      data: { ...real.data, facts: [], documents: [] },
      ask: (text, previous) => real.ask(text, previous),
      costCentreHeadlines: () => [],
    };
    const h = await startBot({ assistant: empty, cards: realCards });
    try {
      expect((await get(h, '/livez')).status).toBe(200);
      const ready = await get(h, '/readyz');
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.text).reasons).toEqual(['budget store not loaded']);
    } finally {
      await h.close();
    }
  });
});

describe('privacy statement and terms of use', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBot({ assistant: await realAssistant(), cards: realCards });
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    { path: '/privacy', fi: 'tietosuojaseloste', en: 'privacy statement' },
    { path: '/terms', fi: 'käyttöehdot', en: 'terms of use' },
  ])('should serve $path in Finnish and English as a page that can run nothing', async ({ path, fi, en }) => {
    const page = await get(h, path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).toContain(`Budjettibotti – ${fi}`);
    expect(page.text).toContain(`Budget bot – ${en}`);
    expect(page.text).not.toMatch(/<script|https?:\/\//i);
  });
});
