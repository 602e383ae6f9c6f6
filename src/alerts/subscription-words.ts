/** A subscription's rule in the words a manager uses, in Finnish and English. */
import type Decimal from 'decimal.js';
import { formatNumber, type Lang, money } from '../domain';
import type { Subscription } from '../store/alert-records';

/** "50, 75, 90 tai 100 %" / "50, 75, 90 or 100 %": steps as one list with the unit once. */
export function stepList(steps: readonly string[], lang: Lang): string {
  const numbers = [...steps]
    .map((s) => money(s))
    .sort((a, b) => a.comparedTo(b))
    .map((d: Decimal) => formatNumber(d.times(100), lang, d.times(100).isInteger() ? 0 : 1));
  const or = lang === 'fi' ? 'tai' : 'or';
  const joined =
    numbers.length <= 1 ? (numbers[0] ?? '') : `${numbers.slice(0, -1).join(', ')} ${or} ${numbers.at(-1)}`;
  return `${joined}\u00a0%`;
}

/** "enintään kerran viikossa": how often alerts may come. */
export function quietWords(days: number, lang: Lang): string {
  if (lang === 'fi') {
    if (days <= 0) return 'kerran päivässä, kun uutta on';
    if (days === 7) return 'enintään kerran viikossa';
    if (days === 30) return 'enintään kerran kuukaudessa';
    return `enintään kerran ${days} päivässä`;
  }
  if (days <= 0) return 'once a day when there is news';
  if (days === 7) return 'at most once a week';
  if (days === 30) return 'at most once a month';
  return `at most once every ${days} days`;
}

/** What the rule covers beyond the used share: revenue only where the subject has revenue to fall behind. */
export interface RuleScope {
  /** The subject has a revenue budget (always assumed for "all cost centres"). */
  revenue: boolean;
}

/**
 * The rule as one plain sentence: "Ilmoitus, kun budjetista on käytetty 50, 75, 90 tai 100 %,
 * kun käyttö on 10 %-yksikköä vuotta edellä tai kun ennuste ylittää budjetin. Kerran päivässä,
 * kun uutta on." No codes, one full stop per sentence.
 */
export function ruleSentence(sub: Subscription, lang: Lang, scope: RuleScope): string {
  const points = (p: string) => formatNumber(money(p), lang, money(p).isInteger() ? 0 : 1);
  const parts =
    lang === 'fi'
      ? [
          `kun budjetista on käytetty ${stepList(sub.thresholds, lang)}`,
          `kun käyttö on ${points(sub.pacePoints)} %-yksikköä vuotta edellä`,
          ...(sub.projection ? ['kun ennuste ylittää budjetin'] : []),
          ...(scope.revenue
            ? [`kun tuloja on kertynyt ${points(sub.revenueShortfallPoints)} %-yksikköä vuotta hitaammin`]
            : []),
        ]
      : [
          `when ${stepList(sub.thresholds, lang)} of the budget is used`,
          `when spending runs ${points(sub.pacePoints)} points ahead of the year`,
          ...(sub.projection ? ['when the projection exceeds the budget'] : []),
          ...(scope.revenue
            ? [`when revenue falls ${points(sub.revenueShortfallPoints)} points behind the year`]
            : []),
        ];
  const or = lang === 'fi' ? ' tai ' : ' or ';
  const list = parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')}${or}${parts.at(-1)}`;
  const often = quietWords(sub.quietDays, lang);
  const head = lang === 'fi' ? 'Ilmoitus,' : 'An alert';
  return `${head} ${list}. ${often.charAt(0).toUpperCase()}${often.slice(1)}.`;
}
