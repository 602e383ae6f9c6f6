/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and writes
 * BENCHMARKS.md with the machine, Node version and date.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchSection } from './bench-section';

const here = path.dirname(fileURLToPath(import.meta.url));

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** The file's head; with `only` (sections run alone) each section says when and where it was measured. */
function toMarkdown(sections: BenchSection[], only: readonly string[] = []): string {
  const lines = [
    '# Benchmarks',
    '',
    `Measured ${machine()}.`,
    'Regenerate with `npm run bench`. Each figure stands beside a baseline measured in the same run.',
    '',
  ];
  for (const s of sections) {
    lines.push(
      `## ${s.title}`,
      '',
      ...(only.length > 0
        ? [`Measured ${machine()}, this section alone (\`npm run bench -- ${only.join(' ')}\`).`, '']
        : []),
      '| measure | value | target | met | baseline (same run) | note |',
      '|---|---|---|---|---|---|',
    );
    for (const r of s.rows) {
      const base = r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.baseline.unit}` : '';
      const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
      lines.push(
        `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.target ?? ''} | ${met} | ${base} | ${r.note ?? ''} |`,
      );
    }
    if (s.notes?.length) lines.push('', ...s.notes.map((n) => `- ${n}`));
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * Sections of the old BENCHMARKS.md that this run does not produce (the load test's, written by
 * `npm run test:load`'s report), kept as they were so a bench run never drops measured numbers.
 */
async function keptSections(file: string, produced: BenchSection[]): Promise<string> {
  const old = await readFile(file, 'utf8').catch(() => '');
  const titles = new Set(produced.map((s) => s.title));
  return old
    .split(/^(?=## )/m)
    .filter((part) => part.startsWith('## ') && !titles.has(part.slice(3, part.indexOf('\n')).trim()))
    .join('');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();
  const sections: BenchSection[] = [];
  for (const f of files) {
    if (only.length && !only.some((o) => f.includes(o))) continue;
    process.stderr.write(`▶ ${f}\n`);
    const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { default: Bench };
    sections.push(await mod.default((msg) => process.stderr.write(`  ${msg}\n`)));
  }
  const file = path.join(here, '..', 'BENCHMARKS.md');
  let md = toMarkdown(sections) + (await keptSections(file, sections));
  if (only.length > 0) {
    // Sections run alone replace their own part of the file; the others and the head stay.
    const old = await readFile(file, 'utf8').catch(() => '');
    const head = old.split(/^(?=## )/m)[0] || toMarkdown([]);
    md =
      head +
      toMarkdown(sections, only)
        .split(/^(?=## )/m)
        .slice(1)
        .join('') +
      (await keptSections(file, sections));
  }
  await writeFile(file, md);
  process.stdout.write(md);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
