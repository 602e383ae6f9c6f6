/** A run of years shortened to ranges: 2018–2022, or 2018, 2020. */
export function yearList(years: number[]): string {
  const out: string[] = [];
  let start = years[0];
  for (let i = 0; i < years.length; i++) {
    const y = years[i] as number;
    const next = years[i + 1];
    if (next !== y + 1) {
      out.push(start === y ? String(y) : `${start}–${y}`);
      start = next;
    }
  }
  return out.join(', ');
}
