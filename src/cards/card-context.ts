import type { DocumentInfo } from '../domain/budget-data';

/**
 * What a card knows beyond its answer: the source documents as a reader knows them. An answer
 * names a figure's document by file name ("000_d3382b3632755c54.txt"); a card never shows that,
 * it names the document by its title.
 */
export interface CardContext {
  /** The document's title in plain words, or null when the store does not know the file. */
  documentTitle(file: string): string | null;
}

/** No store at hand (fixtures, a message without one): documents are named generically. */
export const NO_CONTEXT: CardContext = { documentTitle: () => null };

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

/** The card context of a store: each document by its title. */
export function cardContextOf(
  documents: readonly Pick<DocumentInfo, 'name' | 'title' | 'serviceArea'>[],
): CardContext {
  const titles = new Map(documents.map((d) => [d.name, documentLabel(d)] as const));
  return { documentTitle: (file) => titles.get(file) ?? null };
}
