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
export function cutOffSigns(doc: ParsedDocument, text: string | null): CutOffSigns | null {
  // The last non-empty line and its number, found from the end without splitting the text (a
  // PDF or a workbook has no such text: its last figure's line stands for it).
  if (text === null) text = '';
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const start = text.lastIndexOf('\n', end - 1) + 1;
  const lastText = text.slice(start, end).trim();
  let last = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) last++;

  let lastFigure = 0;
  let costCentreFacts = 0;
  let areaTotal = false;
  let statement = 0;
  let margin = false;
  const area = doc.info.serviceArea;
  for (const f of doc.facts) {
    if (f.line > lastFigure) lastFigure = f.line;
    if (f.table === 'costCentres') {
      costCentreFacts++;
      if (f.costCentre === area) areaTotal = true;
    } else if (f.table === 'operatingStatement') {
      statement++;
      if (/^TOIMINTAKATE/i.test(f.account)) margin = true;
    }
  }

  const reasons: string[] = [];
  if (last > lastFigure && UNFINISHED.test(lastText))
    reasons.push(`the text stops in the middle of a sentence ("…${lastText.slice(-30)}")`);
  if (costCentreFacts === 0)
    reasons.push('it has no cost-centre table (the käyttösuunnitelma with its YHTEENSÄ rows)');
  else if (area !== null && !areaTotal) reasons.push('its cost-centre table has no YHTEENSÄ rows');
  if (statement > 0 && !margin)
    reasons.push('its operating statement (käyttötalous) has no TOIMINTAKATE row');
  return reasons.length === 0 ? null : { document: doc.info.name, line: last, reasons };
}
