/**
 * A row label without the day and month printed at its end ("Vakinaiset virat ja toimet 31.12."
 * → "Vakinaiset virat ja toimet"): in a question the bot writes, that date would be read as the
 * period asked. The label is found without it.
 */
export function withoutLabelDate(label: string): string {
  return label.replace(/\s+\d{1,2}\.\d{1,2}\.?$/, '').trim() || label;
}
