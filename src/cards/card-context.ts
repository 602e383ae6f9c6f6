import { documentLabel } from '../answering/document-label';
import type { DocumentInfo } from '../domain/budget-data';

export { documentLabel };

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

/** The card context of a store: each document by its title. */
export function cardContextOf(
  documents: readonly Pick<DocumentInfo, 'name' | 'title' | 'serviceArea'>[],
): CardContext {
  const titles = new Map(documents.map((d) => [d.name, documentLabel(d)] as const));
  return { documentTitle: (file) => titles.get(file) ?? null };
}
