import type { ParsedDocument } from './parsed-document';

/** Why a report looks cut short: where it ends, and what a complete report of its kind would still have. */
export interface CutOffSigns {
  document: string;
  /** The line the report stops at (its last non-empty line). */
  line: number;
  reasons: string[];
}

// A sentence or a word that goes on: a small letter, a comma or a hyphen at the very end.
const UNFINISHED = /[\p{Ll},;(\-–]$/u;

/**
 * The signs that a report is cut short, from what it holds rather than from its size: the text
 * stops in the middle of a sentence after the last figure, or the tables a report of this kind
 * ends with (the cost-centre table with its YHTEENSÄ rows, the operating statement's
 * TOIMINTAKATE) are missing. Null when there is no sign.
 */
export function cutOffSigns(doc: ParsedDocument, text: string): CutOffSigns | null {
  const lines = text.split('\n');
  let last = lines.length;
  while (last > 1 && (lines[last - 1] ?? '').trim() === '') last--;
  const lastText = (lines[last - 1] ?? '').trim();
  let lastFigure = 0;
  for (const f of doc.facts) if (f.line > lastFigure) lastFigure = f.line;

  const reasons: string[] = [];
  if (last > lastFigure && UNFINISHED.test(lastText))
    reasons.push(`the text stops in the middle of a sentence ("…${lastText.slice(-30)}")`);
  const area = doc.info.serviceArea;
  const costCentreFacts = doc.facts.filter((f) => f.table === 'costCentres');
  if (costCentreFacts.length === 0)
    reasons.push('it has no cost-centre table (the käyttösuunnitelma with its YHTEENSÄ rows)');
  else if (area !== null && !costCentreFacts.some((f) => f.costCentre === area))
    reasons.push('its cost-centre table has no YHTEENSÄ rows');
  const statement = doc.facts.filter((f) => f.table === 'operatingStatement');
  if (statement.length > 0 && !statement.some((f) => /^TOIMINTAKATE/i.test(f.account)))
    reasons.push('its operating statement (käyttötalous) has no TOIMINTAKATE row');
  return reasons.length === 0 ? null : { document: doc.info.name, line: last, reasons };
}
