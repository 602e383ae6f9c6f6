import type Decimal from 'decimal.js';
import { type AlertCardData, AlertCardDataSchema, type CrossedRule } from '../cards/alert-card-data';
import { money } from '../domain/money';
import type { AlertFinding } from './alert-finding';
import type { AlertGroup } from './alert-plan';
import type { AlertRenderer } from './alert-run';
import { alertText } from './alert-text';

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

/**
 * The alert cards of one group: one per cost centre, with every rule it crossed. A cost centre
 * whose card cannot be built (a zero budget has no used share) is in the text only.
 */
export function alertCardData(group: AlertGroup): AlertCardData[] {
  const byCostCentre = new Map<string, AlertFinding[]>();
  for (const f of group.findings)
    byCostCentre.set(f.costCentre, [...(byCostCentre.get(f.costCentre) ?? []), f]);
  const out: AlertCardData[] = [];
  const lang = group.subscription.lang;
  for (const [costCentre, findings] of byCostCentre) {
    const p = (findings[0] as AlertFinding).position;
    if (p.usedShare === null) continue;
    const rules = findings
      .filter((f) => f.rule !== 'projectedOverrun' || !p.expenseBudget.amount.isZero())
      .map(crossed);
    const parsed = AlertCardDataSchema.safeParse({
      lang,
      subscriptionId: group.subscription.id,
      costCentre,
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
      question: lang === 'fi' ? `${costCentre} menot ${p.year}` : `${costCentre} expenses ${p.year}`,
    });
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/**
 * A renderer that sends the text and one alert card per cost centre (the cards part's
 * renderAlertCard), as many cards as fit the message size; the text always names every finding.
 */
export function cardRenderer(renderAlertCard: (data: AlertCardData) => object): AlertRenderer {
  return (group: AlertGroup) => {
    const text = alertText(group.findings, group.subscription.lang, group.resend);
    const cards: object[] = [];
    let bytes = Buffer.byteLength(text);
    for (const data of alertCardData(group)) {
      const card = renderAlertCard(data);
      const size = Buffer.byteLength(JSON.stringify(card));
      if (bytes + size > MAX_MESSAGE_BYTES) break;
      bytes += size;
      cards.push(card);
    }
    return { text, cards };
  };
}
