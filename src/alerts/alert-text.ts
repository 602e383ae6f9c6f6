import type { Lang } from '../domain';
import { formatDate, formatEuro, formatPoints, formatShare, money } from '../domain';
import type { AlertFinding } from './alert-finding';
import type { PositionFigure } from './budget-position';

function cite1(f: PositionFigure, lang: Lang): string {
  return lang === 'fi'
    ? `${f.source.document}, rivi ${f.source.line}`
    : `${f.source.document}, line ${f.source.line}`;
}

/** Where the figures were printed; a row that holds both (a tabbed report) is cited once. */
function cite(a: PositionFigure, b: PositionFigure, lang: Lang): string {
  const x = cite1(a, lang);
  const y = cite1(b, lang);
  return x === y ? x : `${x}; ${y}`;
}

/** One finding as a sentence in the subscription's language, figures exact and sourced. */
export function findingText(f: AlertFinding, lang: Lang): string {
  const p = f.position;
  const date = formatDate(p.asOf, lang);
  const actual = formatEuro(p.expenseActual.amount.abs(), lang);
  const budget = formatEuro(p.expenseBudget.amount.abs(), lang);
  const src = cite(p.expenseActual, p.expenseBudget, lang);
  switch (f.rule) {
    case 'usedShare': {
      const used = formatShare(f.value, lang);
      const step = formatShare(f.step, lang, 0);
      return lang === 'fi'
        ? `${p.costCentre}: käytetty ${used} vuoden ${p.year} menobudjetista (${actual} / ${budget}, toteuma ${date}), raja ${step} ylittyi. Lähde: ${src}.`
        : `${p.costCentre}: ${used} of the ${p.year} expense budget used (${actual} of ${budget}, actuals to ${date}), past the ${step} step. Source: ${src}.`;
    }
    case 'pace': {
      const used = p.usedShare ? formatShare(p.usedShare, lang) : '';
      const elapsed = formatShare(p.elapsedShare, lang);
      return lang === 'fi'
        ? `${p.costCentre}: käyttö ${formatPoints(f.value, lang)} edellä vuoden kulumista (käytetty ${used}, vuodesta kulunut ${elapsed} ${date}). Lähde: ${src}.`
        : `${p.costCentre}: spending ${formatPoints(f.value, lang)} ahead of the year (${used} used, ${elapsed} of the year gone on ${date}). Source: ${src}.`;
    }
    case 'projectedOverrun': {
      const projected = formatEuro(money(f.value).abs(), lang);
      const over = formatEuro(money(f.value).abs().minus(p.expenseBudget.amount.abs()), lang);
      return lang === 'fi'
        ? `${p.costCentre}: arvio (lineaarinen ennuste toteumasta ${date}): vuoden ${p.year} menot ${projected} ylittäisivät budjetin ${budget} ${over}:lla. Kausivaihtelu voi muuttaa kuvaa. Lähde: ${src}.`
        : `${p.costCentre}: estimate (linear projection from actuals to ${date}): ${p.year} expenses of ${projected} would exceed the budget of ${budget} by ${over}. Seasonal costs can change this. Source: ${src}.`;
    }
    case 'revenueShortfall': {
      const revUsed = p.revenueUsedShare ? formatShare(p.revenueUsedShare, lang) : '';
      const revBudget = p.revenueBudget ? formatEuro(p.revenueBudget.amount.abs(), lang) : '';
      const revActual = p.revenueActual ? formatEuro(p.revenueActual.amount, lang) : '';
      const elapsed = formatShare(p.elapsedShare, lang);
      const rsrc = p.revenueActual && p.revenueBudget ? cite(p.revenueActual, p.revenueBudget, lang) : src;
      return lang === 'fi'
        ? `${p.costCentre}: tuloja kertynyt ${revActual} eli ${revUsed} arviosta ${revBudget}, vuodesta kulunut ${elapsed} ${date}: ${formatPoints(f.value, lang).replace('+', '')} jäljessä. Lähde: ${rsrc}.`
        : `${p.costCentre}: revenue of ${revActual} is ${revUsed} of the ${revBudget} estimate with ${elapsed} of the year gone on ${date}: ${formatPoints(f.value, lang).replace('+', '')} behind. Source: ${rsrc}.`;
    }
  }
}

function compactPart(f: AlertFinding, lang: Lang): string {
  const p = f.position;
  switch (f.rule) {
    case 'usedShare':
      return lang === 'fi'
        ? `käytetty ${formatShare(f.value, lang)} (raja ${formatShare(f.step, lang, 0)})`
        : `${formatShare(f.value, lang)} used (step ${formatShare(f.step, lang, 0)})`;
    case 'pace':
      return lang === 'fi' ? `tahti ${formatPoints(f.value, lang)}` : `pace ${formatPoints(f.value, lang)}`;
    case 'projectedOverrun':
      return lang === 'fi'
        ? `ennuste (arvio) ${formatEuro(money(f.value).abs(), lang)} > budjetti ${formatEuro(p.expenseBudget.amount.abs(), lang)}`
        : `projection (estimate) ${formatEuro(money(f.value).abs(), lang)} > budget ${formatEuro(p.expenseBudget.amount.abs(), lang)}`;
    case 'revenueShortfall':
      return lang === 'fi'
        ? `tulot ${formatPoints(f.value, lang).replace('+', '')} jäljessä`
        : `revenue ${formatPoints(f.value, lang).replace('+', '')} behind`;
  }
}

/** One cost centre's findings in one short line, for messages with many findings. */
export function compactText(findings: readonly AlertFinding[], lang: Lang): string {
  const p = (findings[0] as AlertFinding).position;
  const parts = findings.map((f) => compactPart(f, lang));
  const src = cite(p.expenseActual, p.expenseBudget, lang);
  return `${p.costCentre} ${formatDate(p.asOf, lang)}: ${parts.join('; ')}. ${lang === 'fi' ? 'Lähde' : 'Source'}: ${src}.`;
}

/** Above this many bytes the text switches to one line per cost centre, leaving room for the cards. */
export const FULL_TEXT_MAX_BYTES = 8_000;

/**
 * The plain-text form of one subscription's alerts in a run: the notification text and the
 * cards' fallback. It names every finding: one sentence each, or, when that would crowd the
 * message, one line per cost centre.
 */
export function alertText(findings: readonly AlertFinding[], lang: Lang, resend: boolean): string {
  const head =
    lang === 'fi'
      ? `Budjettihälytys (${findings.length} ${findings.length === 1 ? 'havainto' : 'havaintoa'})`
      : `Budget alert (${findings.length} ${findings.length === 1 ? 'finding' : 'findings'})`;
  const note = resend ? [resendNote(lang)] : [];
  const full = [head, ...note, ...findings.map((f) => `• ${findingText(f, lang)}`)].join('\n');
  if (Buffer.byteLength(full) <= FULL_TEXT_MAX_BYTES) return full;
  const byCostCentre = new Map<string, AlertFinding[]>();
  for (const f of findings) byCostCentre.set(f.costCentre, [...(byCostCentre.get(f.costCentre) ?? []), f]);
  return [head, ...note, ...[...byCostCentre.values()].map((fs) => `• ${compactText(fs, lang)}`)].join('\n');
}

/** Said when a message may have arrived already: an earlier run stopped between sending and recording. */
export function resendNote(lang: Lang): string {
  return lang === 'fi'
    ? 'Uudelleenlähetys: edellinen ajo keskeytyi ennen kuin toimitus varmistui, joten tämä viesti on voinut tulla jo aiemmin.'
    : 'Resent: the previous run stopped before delivery was confirmed, so you may have received this message already.';
}

/** The notification preview of an alert message: which cost centres ("Budjettihälytys: Tietohallinto, Vaalit"). */
export function alertSummary(findings: readonly AlertFinding[], lang: Lang): string {
  const names = [...new Set(findings.map((f) => f.costCentre))];
  const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} +${names.length - 3}`;
  return `${lang === 'fi' ? 'Budjettihälytys' : 'Budget alert'}: ${shown}`;
}
