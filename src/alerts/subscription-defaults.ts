import type { Lang } from '../domain/query';
import type { Subscription } from '../store/alert-records';

/** The rules a plain "tilaa hälytykset" gets: steps 50/75/90/100 %, pace 10 points, revenue 10 points, projection on, no cool-down. */
export const DEFAULT_RULES = {
  thresholds: ['0.5', '0.75', '0.9', '1'],
  pacePoints: '10',
  revenueShortfallPoints: '10',
  projection: true,
  quietDays: 0,
} as const;

/** What a new subscription needs from the conversation it was made in. */
export interface NewSubscription {
  id: string;
  conversationId: string;
  scope: Subscription['scope'];
  createdBy: string;
  costCentre: string | null;
  lang: Lang;
  createdAt: string;
  /** A single used-share step ("0.8") replaces the default steps. */
  threshold?: string | null;
}

/** A subscription with the default rules, or with one used-share step when one was asked for. */
export function newSubscription(n: NewSubscription): Subscription {
  return {
    id: n.id,
    conversationId: n.conversationId,
    scope: n.scope,
    createdBy: n.createdBy,
    costCentre: n.costCentre,
    thresholds: n.threshold ? [n.threshold] : [...DEFAULT_RULES.thresholds],
    pacePoints: DEFAULT_RULES.pacePoints,
    revenueShortfallPoints: DEFAULT_RULES.revenueShortfallPoints,
    projection: DEFAULT_RULES.projection,
    quietDays: DEFAULT_RULES.quietDays,
    lang: n.lang,
    paused: false,
    pausedReason: null,
    pausedAt: null,
    createdAt: n.createdAt,
  };
}
