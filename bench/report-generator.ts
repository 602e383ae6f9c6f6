/**
 * Large budget reports for the ingest bench, built on the seed budget (001, text extracted from a
 * PDF): its prose, key figures, operating statement and investment plan as printed, with the
 * cost-centre table grown to any size. Figures are deterministic (a seeded generator), every
 * block's NETTOMENO = MENOT + TULOT holds, some rows leave a cell empty (a run of spaces, as
 * the PDF prints it) so that placement by the row sums has work to do, and the total block
 * (YHTEENSÄ) is the sum of the blocks.
 */
import { readFileSync } from 'node:fs';

const SEED = new URL('../seeds/001_a49d1ed256dc6eed.txt', import.meta.url);
const COLUMNS = 5; // TP 2018, TA+muutos 2019, TP 2019, TA 2020, KS 2020

/** A small deterministic generator (LCG), so every run builds the same report. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Finnish grouping as the PDF prints it: "-1 020 340". */
function printed(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

const FIRST = [
  'Kirjasto',
  'Nuorisotila',
  'Liikuntahalli',
  'Kotihoito',
  'Päiväkoti',
  'Koulu',
  'Neuvola',
  'Varikko',
  'Satama',
  'Uimahalli',
  'Museo',
  'Teatteri',
  'Kaavoitus',
  'Rakennusvalvonta',
  'Puistot',
  'Kadut',
  'Vesihuolto',
  'Jätehuolto',
  'Palvelukoti',
  'Terveysasema',
  'Musiikkiopisto',
  'Kansalaisopisto',
  'Lukio',
  'Ruokapalvelu',
  'Siivous',
  'Kiinteistöt',
  'Metsät',
  'Leirikeskus',
  'Matkailu',
  'Elinkeinot',
];
const SECOND = [
  'Ahola',
  'Hakala',
  'Jokela',
  'Kallio',
  'Koivula',
  'Laakso',
  'Mäki',
  'Niemi',
  'Ojala',
  'Rinne',
  'Salo',
  'Tapiola',
  'Vaara',
  'Harju',
  'Kangas',
  'Lehto',
  'Mattila',
  'Nurmi',
  'Peltola',
  'Rauha',
  'Saari',
  'Toivola',
  'Uusitalo',
  'Vainio',
  'Aho',
  'Heikkilä',
  'Kinnunen',
  'Lampela',
  'Mustola',
  'Pirttilä',
];
const THIRD = [
  'itä',
  'länsi',
  'pohjoinen',
  'etelä',
  'keskusta',
  'kylä',
  'ranta',
  'kangas',
  'vaara',
  'niemi',
  'salmi',
  'lahti',
  'joki',
  'järvi',
  'harju',
  'mäki',
  'laakso',
  'kallio',
  'saari',
  'korpi',
];

/** The name of the i-th generated cost centre: unique, without digits (a PDF row's figures start at the first number). */
export function costCentreName(i: number): string {
  const a = FIRST[i % FIRST.length]!;
  const b = SECOND[Math.floor(i / FIRST.length) % SECOND.length]!;
  const c = THIRD[Math.floor(i / (FIRST.length * SECOND.length)) % THIRD.length]!;
  const round = Math.floor(i / (FIRST.length * SECOND.length * THIRD.length));
  return `${a} ${b}-${c}${round > 0 ? ` ${'ABCDEFGHIJ'[round % 10]}` : ''}`;
}

/** One row of figures; `gap` leaves that column empty with the wide run of spaces the PDF prints. */
function figureRow(label: string, values: (number | null)[]): string {
  const padded = `${label}${' '.repeat(Math.max(1, 30 - label.length))}`;
  let out = padded;
  values.forEach((v, c) => {
    if (v === null) out += '         ';
    else out += `${c === 0 ? '' : ' '}${printed(v)}`;
  });
  return `${out} `;
}

/** What a generated report holds, to check the ingest against. */
export interface GeneratedReport {
  text: string;
  costCentres: number;
  /** Figures in the generated cost-centre table (the seed's other tables come on top). */
  tableFigures: number;
}

/**
 * A report of about `bytes` bytes: the seed budget with its cost-centre table replaced by as
 * many generated cost centres as fit. Every `sparse`-th block prints a TULOT row with one cell
 * empty, so the sums place its figures.
 */
export function generateReport(bytes: number, seed = 1, sparse = 7): GeneratedReport {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  // The cost-centre table's header: the last of the two tables headed by the service area (the
  // operating statement above it has the same header).
  const tableHeader = lines.reduce(
    (at, l, i) => (/^Hallinto- ja tukipalvelut\s+TP\s*$/.test(l) ? i : at),
    -1,
  );
  const tableStart =
    lines.findIndex((l, i) => i > tableHeader && l.trim() === '2018 2019 2019 2020 2020') + 1;
  const totalAt = lines.findIndex((l) => /^Hallinto- ja tukipalvelut yhteensä\s*$/.test(l));
  const head = lines.slice(0, tableStart).join('\n');
  const tail = lines.slice(totalAt + 7).join('\n');
  const rnd = seeded(seed);
  const totals = {
    MENOT: Array(COLUMNS).fill(0),
    TULOT: Array(COLUMNS).fill(0),
    NETTOMENO: Array(COLUMNS).fill(0),
  };
  const blocks: string[] = [];
  let size = head.length + tail.length + 400;
  let n = 0;
  let figures = 0;
  while (size < bytes) {
    const scale = 10 ** (3 + Math.floor(rnd() * 4)); // from thousands to millions
    const base = Math.round(scale * (1 + rnd() * 9));
    const menot = Array.from({ length: COLUMNS }, () => -Math.round(base * (0.85 + rnd() * 0.3)));
    const hasRevenue = rnd() < 0.6;
    const tulot = hasRevenue ? menot.map((m) => Math.round(-m * rnd() * 0.4)) : null;
    // A TULOT row with one empty cell (no revenue budgeted that year): the sums place the rest.
    const empty = tulot && n % sparse === 0 ? 1 + Math.floor(rnd() * (COLUMNS - 2)) : -1;
    const tulotPrinted = tulot?.map((t, c) => (c === empty ? null : t)) ?? null;
    const netto = menot.map((m, c) => m + (tulotPrinted?.[c] ?? 0));
    const rows = [costCentreName(n), '', figureRow('MENOT', menot), ''];
    if (tulotPrinted) rows.push(figureRow('TULOT', tulotPrinted), '');
    rows.push(figureRow('NETTOMENO', netto), '');
    for (let c = 0; c < COLUMNS; c++) {
      totals.MENOT[c] += menot[c]!;
      totals.TULOT[c] += tulotPrinted?.[c] ?? 0;
      totals.NETTOMENO[c] += netto[c]!;
    }
    figures += COLUMNS * 2 + (tulotPrinted ? tulotPrinted.filter((t) => t !== null).length : 0);
    const block = rows.join('\n');
    blocks.push(block);
    size += block.length + 1;
    n++;
  }
  const total = [
    'Hallinto- ja tukipalvelut yhteensä         ',
    '',
    figureRow('MENOT', totals.MENOT),
    '',
    figureRow('TULOT', totals.TULOT),
    '',
    figureRow('NETTOMENO', totals.NETTOMENO),
  ].join('\n');
  return {
    text: `${head}\n\n${blocks.join('\n')}\n${total}\n${tail}`,
    costCentres: n,
    tableFigures: figures + COLUMNS * 3,
  };
}

/** About `bytes` bytes of one report pasted again and again: junk a careless export or copy makes. */
export function repeatedReport(bytes: number): string {
  const seed = readFileSync(SEED, 'utf8');
  const parts: string[] = [];
  for (let size = 0; size < bytes; size += seed.length + 1) parts.push(seed);
  return parts.join('\n');
}

/**
 * About `bytes` bytes built to be as ambiguous as a text can be: under the seed's column header,
 * rows of fourteen three-digit groups, which could be split into five figures hundreds of ways.
 */
export function ambiguousJunk(bytes: number): string {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  const header = lines.slice(0, lines.findIndex((l) => l.trim() === '2018 2019 2019 2020 2020') + 1);
  const out = [header.join('\n'), ''];
  let size = out[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const groups = Array.from({ length: 14 }, (_, k) => String(100 + ((i * 7 + k * 13) % 900))).join(' ');
    const block = `${costCentreName(i)}\n\nMENOT                         ${groups} \n`;
    out.push(block);
    size += block.length + 1;
  }
  return out.join('\n');
}
