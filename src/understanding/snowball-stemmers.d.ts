/** Types for the untyped snowball-stemmers package (CommonJS). */
declare module 'snowball-stemmers' {
  /** A stemmer for one language. */
  export interface Stemmer {
    stem(word: string): string;
  }
  /** Creates the stemmer of a Snowball language ("finnish", "english"). */
  export function newStemmer(language: string): Stemmer;
  /** Names of the languages available. */
  export function algorithms(): string[];
}
