import type { DocumentInfo, Lang } from '../domain';
import { formatDate } from '../domain';
import { messages } from './messages';

/** Letters only in capitals (a heading copied from a PDF: "PALVELUALUE:HALLINTO- JA TUKIPALVELUT"). */
function shouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length > 3 && letters === letters.toUpperCase();
}

function sentenceCase(text: string): string {
  const lower = text.toLocaleLowerCase('fi');
  return lower.charAt(0).toLocaleUpperCase('fi') + lower.slice(1);
}

/**
 * A document as a reader knows it: its title, with a capitalised heading put in sentence case
 * and its service area spelled as the store spells it ("Palvelualue: Hallinto- ja
 * tukipalvelut"), dates and dashes as Finnish writes them; null when the title is only a file
 * name (the card then names it generically).
 */
export function documentLabel(doc: Pick<DocumentInfo, 'title' | 'serviceArea'>): string | null {
  let title = doc.title
    .replace(/\s+/g, ' ')
    .replace(/\s-\s/g, ' – ')
    // ISO dates as Finnish dates: "Toteuma 2022-09-30" → "Toteuma 30.9.2022".
    .replace(
      /\b(\d{4})-(\d{2})-(\d{2})\b/g,
      (_m, y: string, m: string, d: string) => `${Number(d)}.${Number(m)}.${y}`,
    )
    .trim();
  // A title that is only a file name says nothing a reader can use.
  if (title === '' || /^[\w.-]+\.(txt|pdf|xlsx|xls|csv)$/i.test(title)) return null;
  if (shouting(title)) {
    const parts = title.split(':').map((p) => p.trim());
    title = parts.map(sentenceCase).join(': ');
    const area = doc.serviceArea;
    if (area) title = title.replace(new RegExp(area.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), area);
  }
  return title;
}

/**
 * A document as a manager reads it in running text: its title ({@link documentLabel}), with its
 * kind and year where the title names no year ("Palvelualue: Hallinto- ja tukipalvelut
 * (talousarvio 2020)"), or only the kind and date where the title is a file name ("kirjanpidon
 * toteuma 31.7.2022"). Never the file name: that stays in the sources of an answer's figures.
 */
export function documentWords(
  doc: Pick<DocumentInfo, 'title' | 'serviceArea' | 'layout' | 'reportDate'>,
  lang: Lang,
): string {
  const label = documentLabel(doc);
  if (label && /\b(19|20)\d{2}\b/.test(label)) return label;
  const ledger = doc.layout === 'actualsCsv' || doc.layout === 'ledgerExport';
  // A ledger reports a date; a budget document its newest budget year (its reportDate's 31.12.).
  const when = doc.reportDate
    ? ledger
      ? formatDate(doc.reportDate, lang)
      : doc.reportDate.slice(0, 4)
    : null;
  const kind = messages(lang).words.documentKind(doc.layout, when);
  return label ? `${label} (${kind})` : kind;
}

/** The words for a document of the store by its file name; the file name itself only when the store does not know it. */
export function documentWordsOf(
  documents: readonly Pick<DocumentInfo, 'name' | 'title' | 'serviceArea' | 'layout' | 'reportDate'>[],
  file: string,
  lang: Lang,
): string {
  const doc = documents.find((d) => d.name === file);
  return doc ? documentWords(doc, lang) : file;
}
