/**
 * The token signing keys: fetched once for everyone waiting, kept, refreshed for an unknown
 * key at most every few minutes, and when the metadata cannot be had, a failure within the
 * timeout that is remembered for a moment (requests meanwhile fail at once) while older keys
 * stay in use.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KeysUnavailableError, OpenIdKeys } from '../src/bot/openid-keys';
import { newSigningKey } from './support/openid-server';

type Mode = 'ok' | 'hang' | 'status500' | 'not-json' | 'no-keys';

/** A metadata and key server whose behaviour the test switches; counts the requests it gets. */
let server: Server;
let base = '';
let mode: Mode = 'ok';
let requests = 0;
const keyA = newSigningKey('key-a');
const keyB = newSigningKey('key-b');
let published = [keyA];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests += 1;
    if (mode === 'hang') return; // never answers
    if (mode === 'status500') {
      res.statusCode = 500;
      res.end('internal error at /var/lib/secret/path');
      return;
    }
    if (mode === 'not-json') {
      res.end('<html>maintenance</html>');
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (req.url === '/metadata') {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
    } else {
      const keys =
        mode === 'no-keys'
          ? []
          : published.map((k) => ({
              ...k.publicKey.export({ format: 'jwk' }),
              kid: k.kid,
              endorsements: ['msteams'],
            }));
      res.end(JSON.stringify({ keys: [{ kty: 'EC', kid: 'ec-key', x: 'a', y: 'b' }, ...keys] }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  mode = 'ok';
  requests = 0;
  published = [keyA];
});

function keys(opts: { now?: () => number; fetchTimeoutMs?: number } = {}) {
  return new OpenIdKeys({ metadataUrl: `${base}/metadata`, fetchTimeoutMs: 300, ...opts });
}

describe('OpenIdKeys', () => {
  it('should fetch the keys once for many requests waiting at the same time, and keep them', async () => {
    const k = keys();
    const found = await Promise.all(Array.from({ length: 20 }, () => k.key('key-a')));
    expect(found.every((f) => f?.endorsements.includes('msteams') === true)).toBe(true);
    expect(requests).toBe(2); // metadata and key set, once
    await k.key('key-a');
    expect(requests).toBe(2);
    expect(k.health()).toMatchObject({ keys: 1, lastFailure: null });
  });

  it('should fetch again for an unknown key id, but not more often than every five minutes', async () => {
    let now = 1_000_000;
    const k = keys({ now: () => now });
    await k.key('key-a');
    published = [keyA, keyB];
    now += 60_000;
    expect(await k.key('key-b')).toBeNull(); // fetched a minute ago: not again yet
    expect(requests).toBe(2);
    now += 5 * 60_000;
    expect(await k.key('key-b')).not.toBeNull();
    expect(requests).toBe(4);
    expect(await k.key('forged-key')).toBeNull();
    expect(requests).toBe(4);
  });

  it('should fail within the timeout when the metadata does not answer, and at once for a while after', async () => {
    mode = 'hang';
    const k = keys({ fetchTimeoutMs: 300 });
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => k.key('key-a')));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof KeysUnavailableError)).toBe(
      true,
    );
    expect(requests).toBe(1);
    await expect(k.key('key-a')).rejects.toMatchObject({ kind: 'metadata did not answer in time' });
    expect(requests).toBe(1);
    expect(k.health().lastFailure?.kind).toBe('metadata did not answer in time');
  });

  it('should try again once the failure has been held long enough, and recover', async () => {
    let now = 1_000_000;
    mode = 'status500';
    const k = keys({ now: () => now });
    await expect(k.key('key-a')).rejects.toMatchObject({ kind: 'metadata answered 500' });
    now += 9_000;
    await expect(k.key('key-a')).rejects.toBeInstanceOf(KeysUnavailableError);
    expect(requests).toBe(1);
    mode = 'ok';
    now += 1_000;
    expect(await k.key('key-a')).not.toBeNull();
    expect(k.health().lastFailure).toBeNull();
  });

  it('should keep verifying with the keys it has while a refresh fails', async () => {
    let now = 1_000_000;
    const k = keys({ now: () => now });
    await k.key('key-a');
    mode = 'hang';
    now += 25 * 3600_000; // a day later the keys are due a refresh
    expect(await k.key('key-a')).not.toBeNull();
    expect(k.health().lastFailure?.kind).toBe('metadata did not answer in time');
  });

  it.each([
    { mode: 'not-json' as const, kind: 'metadata is not JSON' },
    { mode: 'no-keys' as const, kind: 'key set has no usable keys' },
  ])('should report $kind without the response in the message', async ({ mode: m, kind }) => {
    mode = m;
    const error = await keys()
      .key('key-a')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeysUnavailableError);
    expect((error as KeysUnavailableError).kind).toBe(kind);
    expect((error as Error).message).not.toMatch(/maintenance|127\.0\.0\.1/);
  });
});
