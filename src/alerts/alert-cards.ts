import type Decimal from 'decimal.js';
import { type AlertCardData, AlertCardDataSchema, type CrossedRule } from '../cards/alert-card-data';
import { money } from '../domain/money';
import type { Subscription } from '../store/alert-records';
import type { AlertFinding } from './alert-finding';
import type { AlertGroup } from './alert-plan';
import type { AlertRenderer } from './alert-run';
import { alertSummary, alertText, resendNote } from './alert-text';
import type { BudgetPosition } from './budget-position';

/** Teams refuses messages much above 28 KB; text and cards of one message stay under this, with room for the envelope. */
export const MAX_MESSAGE_BYTES = 25_000;

/** A decimal as a plain string for the card data: no exponent, at most 6 places. */
function plain(d: Decimal): string {
  const s = d.toDecimalPlaces(6).toFixed();
  return s === '-0' ? '0' : s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

function crossed(f: AlertFinding): CrossedRule {
  const p = f.position;
  if (f.rule === 'projectedOverrun' && p.projection !== null && !p.expenseBudget.amount.isZero()) {
    // The card shows the projection as a share of the budget ("112 %" over a 100 % line).
    return {
      rule: f.rule,
      threshold: '1',
      value: plain(p.projection.abs().dividedBy(p.expenseBudget.amount.abs())),
    };
  }
  return {
    rule: f.rule,
    threshold: f.step,
    value: plain(p.usedShare && f.rule === 'usedShare' ? p.usedShare : money(f.value)),
  };
}

/** Who gets an alert card refreshed by itself: the subscriber in a personal chat; in a group chat or channel Teams refreshes for everyone (up to 60 members). */
function refreshUserIds(sub: Subscription): string[] | undefined {
  return sub.scope === 'personal' && sub.createdBy ? [sub.createdBy] : undefined;
}

/** A subscription's rule as the step picker takes it (steps comma-separated). */
export function ruleInputOf(sub: Subscription): {
  steps: string;
  quietDays: string;
  projection: 'true' | 'false';
} {
  return {
    steps: sub.thresholds.join(','),
    quietDays: String(sub.quietDays),
    projection: sub.projection ? 'true' : 'false',
  };
}

/** How a card is built beyond the position and the findings. */
export interface AlertCardContext {
  /** The subscription the card belongs to (active), or the one just stopped. */
  subscription: Subscription;
  state?: 'active' | 'stopped';
  /** The data date the alert was first sent on, when this is a later view. */
  sentAsOf?: string;
  /** Names source documents by title (the store's). */
  documentTitle?: (file: string) => string | null;
}

/**
 * One cost centre's alert card data: its position with the rules it crossed (none on a later
 * view whose figures moved back under every step). Null when no card can be built (a zero
 * budget has no used share).
 */
export function alertCardDataFor(
  p: BudgetPosition,
  findings: readonly AlertFinding[],
  ctx: AlertCardContext,
): AlertCardData | null {
  if (p.usedShare === null) return null;
  const sub = ctx.subscription;
  const lang = sub.lang;
  const stopped = ctx.state === 'stopped';
  const rules = findings
    .filter((f) => f.rule !== 'projectedOverrun' || !p.expenseBudget.amount.isZero())
    .map(crossed);
  const userIds = refreshUserIds(sub);
  const sourceTitle = ctx.documentTitle?.(p.expenseActual.source.document) ?? null;
  const parsed = AlertCardDataSchema.safeParse({
    lang,
    subscriptionId: sub.id,
    costCentre: p.costCentre,
    account: 'MENOT',
    year: p.year,
    asOf: p.asOf,
    rules,
    budget: plain(p.expenseBudget.amount),
    actual: plain(p.expenseActual.amount),
    remaining: plain(p.expenseBudget.amount.minus(p.expenseActual.amount)),
    ...(p.projection !== null ? { projection: plain(p.projection.toDecimalPlaces(0)) } : {}),
    usedShare: plain(p.usedShare),
    elapsedShare: plain(p.elapsedShare),
    source: p.expenseActual.source,
    ...(sourceTitle ? { sourceTitle } : {}),
    question: lang === 'fi' ? `${p.costCentre} menot ${p.year}` : `${p.costCentre} expenses ${p.year}`,
    subscriptionCostCentre: sub.costCentre,
    subscriptionState: stopped ? 'stopped' : 'active',
    ...(ctx.sentAsOf && ctx.sentAsOf !== p.asOf ? { sentAsOf: ctx.sentAsOf } : {}),
    ...(userIds ? { refreshUserIds: userIds } : {}),
    ...(stopped ? { prefill: ruleInputOf(sub) } : {}),
  });
  return parsed.success ? parsed.data : null;
}

/**
 * The alert cards of one group: one per cost centre, with every rule it crossed. A cost centre
 * whose card cannot be built (a zero budget has no used share) is in the text only.
 */
export function alertCardData(
  group: AlertGroup,
  documentTitle?: (file: string) => string | null,
): AlertCardData[] {
  const byCostCentre = new Map<string, AlertFinding[]>();
  for (const f of group.findings)
    byCostCentre.set(f.costCentre, [...(byCostCentre.get(f.costCentre) ?? []), f]);
  const out: AlertCardData[] = [];
  for (const findings of byCostCentre.values()) {
    const data = alertCardDataFor((findings[0] as AlertFinding).position, findings, {
      subscription: group.subscription,
      ...(documentTitle ? { documentTitle } : {}),
    });
    if (data) out.push(data);
  }
  return out;
}

/**
 * A renderer that sends one alert card per cost centre (the cards part's renderAlertCard), as
 * many as fit the message size, and says each finding once: the cards carry theirs, the text
 * only what no card shows (a cost centre without a card, the resend note). The summary is the
 * notification preview.
 */
export function cardRenderer(
  renderAlertCard: (data: AlertCardData) => object,
  documentTitle?: (file: string) => string | null,
): AlertRenderer {
  return (group: AlertGroup) => {
    const lang = group.subscription.lang;
    const cards: object[] = [];
    const shown = new Set<string>();
    // Room for the text of whatever the cards leave out.
    let bytes = Buffer.byteLength(alertText(group.findings, lang, group.resend));
    for (const data of alertCardData(group, documentTitle)) {
      const card = renderAlertCard(data);
      const size = Buffer.byteLength(JSON.stringify(card));
      if (bytes + size > MAX_MESSAGE_BYTES) break;
      bytes += size;
      cards.push(card);
      shown.add(data.costCentre);
    }
    const rest = group.findings.filter((f) => !shown.has(f.costCentre));
    const text = rest.length > 0 ? alertText(rest, lang, group.resend) : group.resend ? resendNote(lang) : '';
    return { text, cards, summary: alertSummary(group.findings, lang) };
  };
}
