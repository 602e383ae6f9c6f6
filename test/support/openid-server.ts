/**
 * A local stand-in for the Bot Framework's OpenID metadata and signing keys, so token
 * validation can be tested offline: tokens signed with `sign()` are genuine for a bot pointed
 * at `metadataUrl`; tokens signed with any other key are forgeries.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/** The issuer Bot Framework channel tokens carry. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/** A freshly generated RSA key with its id. */
export function newSigningKey(kid: string): { kid: string; privateKey: KeyObject; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

/** Signs a channel token as the Bot Connector would (RS256, 1 hour). */
export function signChannelToken(
  key: { kid: string; privateKey: KeyObject },
  claims: { audience: string; serviceUrl: string; issuer?: string },
): string {
  return jwt.sign({ serviceurl: claims.serviceUrl }, key.privateKey, {
    algorithm: 'RS256',
    keyid: key.kid,
    issuer: claims.issuer ?? CHANNEL_ISSUER,
    audience: claims.audience,
    expiresIn: '1h',
    notBefore: -60,
  });
}

/** The local OpenID metadata server. */
export class OpenIdServer {
  private constructor(
    private readonly server: Server,
    readonly metadataUrl: string,
    readonly key: ReturnType<typeof newSigningKey>,
  ) {}

  /** Starts on a free loopback port with one signing key, endorsed for msteams. */
  static async start(): Promise<OpenIdServer> {
    const key = newSigningKey('local-key-1');
    const jwk = {
      ...key.publicKey.export({ format: 'jwk' }),
      kid: key.kid,
      use: 'sig',
      endorsements: ['msteams'],
    };
    let base = '';
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/openidconfiguration')) {
        res.end(
          JSON.stringify({
            issuer: CHANNEL_ISSUER,
            jwks_uri: `${base}/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      } else if (req.url?.startsWith('/keys')) {
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new OpenIdServer(server, `${base}/openidconfiguration`, key);
  }

  /** botbuilder settings that make the bot trust this server instead of login.botframework.com. */
  authOverrides(): Record<string, string | boolean> {
    return {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      OAuthUrl: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: this.metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: this.metadataUrl,
      CallerId: 'urn:botframework:azure',
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
