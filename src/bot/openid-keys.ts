/**
 * The Bot Framework's token signing keys, from its OpenID metadata, fetched with bounded waits.
 * botbuilder fetches them without a timeout and again for every request while they cannot be
 * had, so an unreachable login.botframework.com makes every request wait and pile up. Here each
 * fetch has a timeout, one fetch serves every request waiting at the time, the keys are kept
 * for a day (older keys are still used while a refresh fails), and a failure is remembered for
 * a few seconds so that the requests meanwhile fail at once instead of waiting again.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

/** A public key that may have signed a token, with the channels it is endorsed for. */
export interface SigningKey {
  key: KeyObject;
  /** Channel ids (e.g. msteams) the key may sign for; empty = any. */
  endorsements: readonly string[];
}

/** The keys cannot be had right now (metadata or key set unreachable, too slow or broken). */
export class KeysUnavailableError extends Error {
  override readonly name = 'KeysUnavailableError';
  constructor(
    /** A short fixed description of what failed, for logs (never a URL or a response body). */
    readonly kind: string,
  ) {
    super(`signing keys unavailable: ${kind}`);
  }
}

/** How keys are fetched and kept. */
export interface OpenIdKeysOptions {
  /** The OpenID configuration document whose jwks_uri lists the keys. */
  metadataUrl: string;
  /** Each of the two fetches (metadata, keys) ends by then. */
  fetchTimeoutMs?: number;
  /** Keys older than this are fetched again (while the old ones stay in use if that fails). */
  maxAgeMs?: number;
  /** A token with an unknown key id fetches the keys again at most this often. */
  unknownKeyRefreshMs?: number;
  /** After a failure, requests fail at once for this long before another fetch is tried. */
  failureHoldMs?: number;
  now?: () => number;
}

/** What the keys' cache holds, for /healthz. */
export interface OpenIdKeysHealth {
  keys: number;
  loadedAt: string | null;
  lastFailure: { at: string; kind: string } | null;
}

const MAX_DOCUMENT_BYTES = 512 * 1024;

/** The signing keys of one OpenID metadata URL. */
export class OpenIdKeys {
  private keys: Map<string, SigningKey> | null = null;
  private loadedAt = 0;
  private lastFetchAt = 0;
  private failure: { at: number; kind: string } | null = null;
  private inFlight: Promise<void> | null = null;
  private readonly fetchTimeoutMs: number;
  private readonly maxAgeMs: number;
  private readonly unknownKeyRefreshMs: number;
  private readonly failureHoldMs: number;
  private readonly now: () => number;

  constructor(private readonly options: OpenIdKeysOptions) {
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? 3000;
    this.maxAgeMs = options.maxAgeMs ?? 24 * 3600_000;
    this.unknownKeyRefreshMs = options.unknownKeyRefreshMs ?? 5 * 60_000;
    this.failureHoldMs = options.failureHoldMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The key with this id, or null when the key set (fresh, or fetched again for an unknown id)
   * does not have it. Throws KeysUnavailableError when no key set can be had.
   */
  async key(kid: string): Promise<SigningKey | null> {
    const now = this.now();
    const known = this.keys?.get(kid) ?? null;
    const stale = this.keys === null || now - this.loadedAt >= this.maxAgeMs;
    const worthRefetch = known === null && now - this.lastFetchAt >= this.unknownKeyRefreshMs;
    if (!stale && !worthRefetch) return known;
    const holding = this.failure !== null && now - this.failure.at < this.failureHoldMs;
    if (!holding) {
      if (!this.inFlight) {
        this.inFlight = this.refresh().finally(() => {
          this.inFlight = null;
        });
      }
      await this.inFlight;
    }
    if (this.keys === null) throw new KeysUnavailableError(this.failure?.kind ?? 'not loaded');
    // Keys past their age still verify while a new set cannot be had: the old keys stay valid
    // for weeks after a rotation starts, and refusing everyone would be worse.
    return this.keys.get(kid) ?? null;
  }

  /** Counts and the last failure. */
  health(): OpenIdKeysHealth {
    return {
      keys: this.keys?.size ?? 0,
      loadedAt: this.loadedAt > 0 ? new Date(this.loadedAt).toISOString() : null,
      lastFailure: this.failure
        ? { at: new Date(this.failure.at).toISOString(), kind: this.failure.kind }
        : null,
    };
  }

  private async refresh(): Promise<void> {
    this.lastFetchAt = this.now();
    try {
      const metadata = await this.fetchJson(this.options.metadataUrl, 'metadata');
      const jwksUri = (metadata as { jwks_uri?: unknown }).jwks_uri;
      if (typeof jwksUri !== 'string' || !/^https?:\/\//.test(jwksUri))
        throw new KeysUnavailableError('metadata has no jwks_uri');
      const keys = parseKeySet(await this.fetchJson(jwksUri, 'key set'));
      this.keys = keys;
      this.loadedAt = this.now();
      this.failure = null;
    } catch (err) {
      const kind = err instanceof KeysUnavailableError ? err.kind : 'fetch failed';
      this.failure = { at: this.now(), kind };
    }
  }

  private async fetchJson(url: string, what: string): Promise<unknown> {
    const text = await getText(url, this.fetchTimeoutMs).catch((err: unknown) => {
      if (err instanceof KeysUnavailableError) throw new KeysUnavailableError(`${what} ${err.kind}`);
      throw new KeysUnavailableError(`${what} unreachable`);
    });
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new KeysUnavailableError(`${what} is not JSON`);
    }
  }
}

/**
 * GET a small document within `timeoutMs`, all of it (connect, headers and body). node:http
 * rather than fetch: an aborted fetch opens a second connection to the same silent endpoint.
 */
function getText(url: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new KeysUnavailableError('has a bad address'));
      return;
    }
    const get = target.protocol === 'https:' ? httpsGet : target.protocol === 'http:' ? httpGet : null;
    if (!get) {
      reject(new KeysUnavailableError('has a bad address'));
      return;
    }
    const req = get(target, { headers: { accept: 'application/json' }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new KeysUnavailableError(`answered ${res.statusCode}`));
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_DOCUMENT_BYTES) {
          reject(new KeysUnavailableError('too large'));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      res.on('error', () => reject(new KeysUnavailableError('unreachable')));
    });
    const timer = setTimeout(() => {
      reject(new KeysUnavailableError('did not answer in time'));
      req.destroy();
    }, timeoutMs);
    req.on('error', () => {
      clearTimeout(timer);
      reject(new KeysUnavailableError('unreachable'));
    });
    req.on('close', () => clearTimeout(timer));
  });
}

/** The RSA keys of a JWK set by key id; other key types are left out (they never sign these tokens). */
function parseKeySet(doc: unknown): Map<string, SigningKey> {
  const list = (doc as { keys?: unknown }).keys;
  if (!Array.isArray(list)) throw new KeysUnavailableError('key set has no keys');
  const keys = new Map<string, SigningKey>();
  for (const jwk of list as Array<Record<string, unknown>>) {
    if (typeof jwk !== 'object' || jwk === null) continue;
    if (
      jwk.kty !== 'RSA' ||
      typeof jwk.kid !== 'string' ||
      typeof jwk.n !== 'string' ||
      typeof jwk.e !== 'string'
    )
      continue;
    try {
      const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
      const endorsements = Array.isArray(jwk.endorsements)
        ? jwk.endorsements.filter((e): e is string => typeof e === 'string')
        : [];
      keys.set(jwk.kid, { key, endorsements });
    } catch {
      // A malformed key is one that cannot verify anything; the others still can.
    }
  }
  if (keys.size === 0) throw new KeysUnavailableError('key set has no usable keys');
  return keys;
}
