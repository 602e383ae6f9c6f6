/**
 * A row label without the day and month printed at its end ("Vakinaiset virat ja toimet 31.12."
 * → "Vakinaiset virat ja toimet"): in a question the bot writes, that date would be read as the
 * period asked. The label is found without it.
 */
export function withoutLabelDate(label: string): string {
  return label.replace(/\s+\d{1,2}\.\d{1,2}\.?$/, '').trim() || label;
}

/**
 * A row label as said beside one figure: a label that prints its own day and month
 * ("Vakinaiset virat ja toimet 31.12.") loses it when the figure is as of another day
 * (the state at 30.6.2022), so the text never names two dates for one figure. A figure of the
 * label's own day, or of a whole year (budget, statements), keeps the label as printed.
 */
export function labelAt(label: string, figure: { asOf?: string | null | undefined }): string {
  const m = /\s(\d{1,2})\.(\d{1,2})\.?$/.exec(label);
  if (!m || !figure.asOf) return label;
  const [, , month, day] = /^(\d{4})-(\d{2})-(\d{2})/.exec(figure.asOf) ?? [];
  if (month === undefined || day === undefined) return label;
  return Number(m[1]) === Number(day) && Number(m[2]) === Number(month) ? label : withoutLabelDate(label);
}
