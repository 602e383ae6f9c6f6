/**
 * What a request to /api/messages must pass before a turn runs, in this order: a genuine Bot
 * Framework token (with credentials; 401, or 503 while the signing keys cannot be had), a
 * serviceUrl the bot may reply to (403), and a tenant the bot serves (403). Each refusal has a
 * plain body and is logged without the activity's content, at most once a minute per kind.
 */
import type { Activity } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  ClaimsIdentity,
} from 'botframework-connector';
import { TokenRefusal, verifyChannelToken } from './channel-token';
import { KeysUnavailableError, type OpenIdKeys } from './openid-keys';
import type { ServiceUrlPolicy } from './service-url-policy';
import { type TenantGate, tenantsNamed } from './tenant-gate';
import type { ThrottledLog } from './throttled-log';

/** The outcome of the checks: the turn's authentication, or the answer to give instead. */
export type Admission =
  | { admitted: true; auth: AuthenticateRequestResult }
  | { admitted: false; status: 400 | 401 | 403 | 503; error: string; retryAfterSeconds?: number };

/** How channel tokens are checked (with credentials). */
export interface ChannelAuthSettings {
  appId: string;
  /** Issuer of channel tokens (https://api.botframework.com in the public cloud). */
  issuer: string;
  /** Set on admitted activities, as botbuilder does (urn:botframework:azure). */
  callerId: string;
  /** The scope of the bot's own tokens for replies (https://api.botframework.com). */
  replyAudience: string;
  keys: OpenIdKeys;
}

/** What the gate is built from. */
export interface RequestGateOptions {
  /** botbuilder's authentication: makes the connector clients for replies, and anonymous identities. */
  botAuth: BotFrameworkAuthentication;
  /** null = anonymous local mode: no token is asked for. */
  channel: ChannelAuthSettings | null;
  serviceUrls: ServiceUrlPolicy;
  tenants: TenantGate;
  log: ThrottledLog;
}

/** The checks in front of every turn. */
export class RequestGate {
  constructor(private readonly options: RequestGateOptions) {}

  /** Runs the checks for one activity and its Authorization header. */
  async admit(activity: Activity, authorization: string): Promise<Admission> {
    const { channel, serviceUrls, tenants, log } = this.options;
    let auth: AuthenticateRequestResult;
    if (channel) {
      try {
        const claims = await verifyChannelToken(authorization, activity, channel.keys, channel);
        const identity = new ClaimsIdentity(
          Object.entries(claims).map(([type, value]) => ({ type, value: String(value) })),
          true,
        );
        auth = {
          claimsIdentity: identity,
          audience: channel.replyAudience,
          callerId: channel.callerId,
          connectorFactory: this.options.botAuth.createConnectorFactory(identity),
        };
      } catch (err) {
        if (err instanceof KeysUnavailableError) {
          log.warn(
            'signing keys unavailable',
            { problem: err.kind },
            'cannot check tokens: the Bot Framework signing keys cannot be fetched; requests get 503',
          );
          return {
            admitted: false,
            status: 503,
            error: 'cannot verify the request right now; try again shortly',
            retryAfterSeconds: 10,
          };
        }
        if (err instanceof TokenRefusal) {
          log.warn(`token refused: ${err.kind}`, { reason: err.kind }, 'request refused: token not accepted');
          return { admitted: false, status: 401, error: 'unauthorized' };
        }
        throw err;
      }
    } else {
      // Anonymous local mode, as the Emulator and the Agents Playground expect: no token asked.
      auth = await this.options.botAuth.authenticateRequest(activity, '');
    }
    if (typeof activity.serviceUrl !== 'string' || activity.serviceUrl === '')
      return { admitted: false, status: 400, error: 'activity has no serviceUrl' };
    if (!serviceUrls.allows(activity.serviceUrl)) {
      log.warn(
        'serviceUrl refused',
        { host: hostOf(activity.serviceUrl), allowed: serviceUrls.describe() },
        'request refused: its serviceUrl is not one the bot replies to',
      );
      return { admitted: false, status: 403, error: 'serviceUrl not allowed' };
    }
    const tenantRefusal = tenants.refusal(activity);
    if (tenantRefusal) {
      log.warn(
        tenantRefusal,
        {
          activityType: String(activity.type).slice(0, 40),
          tenant: tenantsNamed(activity)[0]?.slice(0, 64) ?? null,
        },
        'request refused: from a tenant the bot does not serve',
      );
      return { admitted: false, status: 403, error: 'tenant not allowed' };
    }
    return { admitted: true, auth };
  }
}

/** The host of a URL, shortened, for the log (the rest of it may carry anything). */
function hostOf(url: string): string {
  try {
    return new URL(url).host.slice(0, 100);
  } catch {
    return 'not a URL';
  }
}
