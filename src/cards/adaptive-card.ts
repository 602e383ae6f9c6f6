/** An Adaptive Card 1.5 as sent to Teams: the root object after template expansion. */
export type AdaptiveCard = {
  type: 'AdaptiveCard';
  version: '1.5';
  body: unknown[];
  actions?: unknown[];
  [k: string]: unknown;
};

/** Checks the shape of an expanded template, so a broken template fails loudly in tests, not in Teams. */
export function isAdaptiveCard(value: unknown): value is AdaptiveCard {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.type === 'AdaptiveCard' && v.version === '1.5' && Array.isArray(v.body);
}
