/**
 * Which organisations' users the bot serves. Teams names the user's tenant twice in an
 * activity (conversation.tenantId and channelData.tenant.id); both must be on the list when
 * present, and at least one must be, so that neither a missing nor a second, spoofed tenant
 * gets through. The token does not carry the tenant: Bot Framework channel tokens are the
 * same for every organisation, so the check is of the activity the token was issued with.
 */

/** The tenant ids an activity names (conversation first, then channel data), lower-cased. */
export function tenantsNamed(activity: { conversation?: unknown; channelData?: unknown }): string[] {
  const ids: string[] = [];
  const conversation = activity.conversation as { tenantId?: unknown } | undefined;
  if (typeof conversation?.tenantId === 'string' && conversation.tenantId !== '')
    ids.push(conversation.tenantId.toLowerCase());
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  if (
    typeof data === 'object' &&
    data !== null &&
    typeof data.tenant?.id === 'string' &&
    data.tenant.id !== ''
  )
    ids.push(data.tenant.id.toLowerCase());
  return ids;
}

/** Refuses activities of tenants not on the list; an empty list lets every tenant in. */
export class TenantGate {
  private readonly allowed: ReadonlySet<string>;

  constructor(tenants: readonly string[]) {
    this.allowed = new Set(tenants.map((t) => t.toLowerCase()));
  }

  /** Whether the gate is closed to anyone at all. */
  get active(): boolean {
    return this.allowed.size > 0;
  }

  /** Why the activity is refused ('no tenant' or 'tenant not allowed'), or null when it may pass. */
  refusal(activity: {
    conversation?: unknown;
    channelData?: unknown;
  }): 'no tenant' | 'tenant not allowed' | null {
    if (!this.active) return null;
    const named = tenantsNamed(activity);
    if (named.length === 0) return 'no tenant';
    return named.every((t) => this.allowed.has(t)) ? null : 'tenant not allowed';
  }
}
