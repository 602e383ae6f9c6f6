/**
 * Checks the token the Bot Connector sends with each activity (Authorization: Bearer JWT),
 * as the Bot Framework specifies for channel → bot requests: signed (RS256) by a key of the
 * Bot Framework's OpenID metadata endorsed for the activity's channel, issued by the channel
 * service, for this bot's app id, in date, and for the serviceUrl the activity names. Done here
 * rather than by botbuilder so that a bad token costs no network wait, no console output and
 * no stack trace: it is refused with the kind of fault, which the caller logs at most once a minute.
 */
import { createVerify } from 'node:crypto';
import type { OpenIdKeys } from './openid-keys';

/** A token that does not admit the request; `kind` is a fixed phrase, safe to log. */
export class TokenRefusal extends Error {
  override readonly name = 'TokenRefusal';
  constructor(readonly kind: string) {
    super(`token refused: ${kind}`);
  }
}

/** What a genuine token must say. */
export interface ChannelTokenRules {
  /** The bot's Microsoft App ID: the token's audience. */
  appId: string;
  /** The channel service's issuer, e.g. https://api.botframework.com. */
  issuer: string;
  /** Clock difference tolerated on exp and nbf (botbuilder allows five minutes). */
  clockSkewSeconds?: number;
  now?: () => number;
}

const ALGORITHMS: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };
/** Real tokens are about 1.5 kB; anything far larger is not one. */
const MAX_TOKEN_CHARS = 16 * 1024;

function decodePart(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new TokenRefusal('malformed');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TokenRefusal('malformed');
  return value as Record<string, unknown>;
}

/**
 * The verified claims of the request's token, or a TokenRefusal; KeysUnavailableError when the
 * signing keys cannot be had (the request cannot be judged now, which is not the caller's fault).
 */
export async function verifyChannelToken(
  authorization: string,
  activity: { channelId?: unknown; serviceUrl?: unknown },
  keys: OpenIdKeys,
  rules: ChannelTokenRules,
): Promise<Record<string, unknown>> {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization);
  if (!match?.[1] || match[1].length > MAX_TOKEN_CHARS)
    throw new TokenRefusal(authorization === '' ? 'no token' : 'malformed');
  const [head, body, signature] = match[1].split('.') as [string, string, string];
  const header = decodePart(head);
  const claims = decodePart(body);

  const algorithm = typeof header.alg === 'string' ? ALGORITHMS[header.alg] : undefined;
  if (!algorithm) throw new TokenRefusal('algorithm not allowed');
  // The issuer is checked before any key is looked up: a stranger's token costs no fetch.
  if (claims.iss !== rules.issuer) throw new TokenRefusal('unknown issuer');
  if (typeof header.kid !== 'string' || header.kid === '') throw new TokenRefusal('no key id');
  const key = await keys.key(header.kid);
  if (!key) throw new TokenRefusal('unknown signing key');
  if (signature === '') throw new TokenRefusal('unsigned');
  const verifier = createVerify(algorithm);
  verifier.update(`${head}.${body}`);
  if (!verifier.verify(key.key, Buffer.from(signature, 'base64url'))) throw new TokenRefusal('bad signature');

  const now = (rules.now ?? Date.now)() / 1000;
  const skew = rules.clockSkewSeconds ?? 300;
  if (typeof claims.exp !== 'number') throw new TokenRefusal('no expiry');
  if (now > claims.exp + skew) throw new TokenRefusal('expired');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || now < claims.nbf - skew))
    throw new TokenRefusal('not yet valid');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(rules.appId)) throw new TokenRefusal('wrong audience');
  // A key endorsed for some channels signs only for those (a Web Chat key cannot speak for Teams).
  if (key.endorsements.length > 0 && !key.endorsements.includes(String(activity.channelId ?? '')))
    throw new TokenRefusal('key not endorsed for the channel');
  // The token names where the bot should answer; an activity pointing elsewhere is not the channel's.
  if (claims.serviceurl !== activity.serviceUrl) throw new TokenRefusal('issued for another serviceUrl');
  return claims;
}
