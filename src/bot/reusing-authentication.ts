/**
 * botbuilder authentication whose clients are made once and reused. CloudAdapter makes a new
 * Connector client (an Azure service client with its whole request pipeline, and credentials
 * of its own) and a new user-token client for every turn: a noticeable part of a turn's work,
 * and for a bot with credentials a fresh token cache each time. Both are stateless between
 * requests, so here they are kept per app id, service URL and audience (a handful in practice;
 * the map is bounded all the same) and every other call goes to the wrapped authentication.
 */
import type { Activity } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

/** Clients kept at most; the least recently made goes first. */
const MAX_CLIENTS = 64;

/** A small map that forgets its oldest entry beyond `max`. */
class BoundedCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly max: number) {}

  getOrMake(key: string, make: () => T): T {
    const found = this.entries.get(key);
    if (found !== undefined) return found;
    const made = make();
    this.entries.set(key, made);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return made;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

/** The app id a claims identity speaks for (botbuilder's rule: audience, else appid). */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue('aud') ?? identity.getClaimValue('appid') ?? '';
}

/** A ConnectorFactory that hands out one client per service URL and audience. */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: BoundedCache<Promise<ConnectorClient>>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appId}\n${serviceUrl}\n${audience ?? ''}`;
    return this.clients.getOrMake(key, () =>
      this.inner.create(serviceUrl, audience).catch((err: unknown) => {
        // A failed client is not kept: the next turn tries again.
        this.clients.delete(key);
        throw err;
      }),
    );
  }
}

/** Wraps botbuilder's authentication; only client creation changes. */
export class ReusingAuthentication extends BotFrameworkAuthentication {
  private readonly connectorClients = new BoundedCache<Promise<ConnectorClient>>(MAX_CLIENTS);
  private readonly userTokenClients = new BoundedCache<Promise<UserTokenClient>>(MAX_CLIENTS);
  private readonly factories = new BoundedCache<ConnectorFactory>(MAX_CLIENTS);

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    return { ...result, connectorFactory: this.createConnectorFactory(result.claimsIdentity) };
  }

  override authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    return this.factories.getOrMake(
      appId,
      () =>
        new ReusingConnectorFactory(
          this.inner.createConnectorFactory(claimsIdentity),
          appId,
          this.connectorClients,
        ),
    );
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId = appIdOf(claimsIdentity);
    return this.userTokenClients.getOrMake(appId, () =>
      this.inner.createUserTokenClient(claimsIdentity).catch((err: unknown) => {
        this.userTokenClients.delete(appId);
        throw err;
      }),
    );
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }
}
