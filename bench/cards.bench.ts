/** Cards: how long rendering an answer card takes, and how big the largest cards are. */
import { readdirSync, readFileSync } from 'node:fs';
import { cardSizeBytes, renderAnswerCard } from '../src/cards';
import { type Answer, AnswerSchema } from '../src/domain';
import { type Bench, percentile, timeMs } from './bench-section';

const DIR = new URL('../test/fixtures/answers/', import.meta.url);

function fixture(name: string): Answer {
  return AnswerSchema.parse(JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')));
}

const bench: Bench = async (progress) => {
  const figure = fixture('figure.fi');
  const ranking = fixture('ranking.fi');
  // Warm up: the first render reads and parses the template file.
  renderAnswerCard(figure);
  renderAnswerCard(ranking);
  progress('rendering the figure card and the 29-row ranking 500 times each');
  const figureMs = timeMs(() => renderAnswerCard(figure), 500);
  const rankingMs = timeMs(() => renderAnswerCard(ranking), 500);
  // Baseline: a JSON round trip of the same card, the least any card pipeline must do.
  const rankingCard = renderAnswerCard(ranking);
  const copyMs = timeMs(() => JSON.parse(JSON.stringify(rankingCard)), 500);
  const answers = readdirSync(DIR)
    .filter((f) => f.endsWith('.json') && !f.startsWith('alert') && !f.startsWith('error'))
    .map((f) => fixture(f.replace(/\.json$/, '')));
  const sizes = answers.map((a) => cardSizeBytes(renderAnswerCard(a)));
  const largest = Math.max(...sizes);
  return {
    title: 'Cards (Answer → Adaptive Card)',
    rows: [
      {
        name: 'figure card render, p50',
        value: percentile(figureMs, 50),
        unit: 'ms',
        target: '< 5 ms',
        met: percentile(figureMs, 50) < 5,
      },
      { name: 'figure card render, p95', value: percentile(figureMs, 95), unit: 'ms' },
      {
        name: 'ranking card (29 rows) render, p50',
        value: percentile(rankingMs, 50),
        unit: 'ms',
        target: '< 20 ms',
        met: percentile(rankingMs, 50) < 20,
        baseline: {
          name: 'JSON round trip of the same card, p50',
          value: percentile(copyMs, 50),
          unit: 'ms',
        },
      },
      {
        name: 'largest card of the fixtures',
        value: largest / 1024,
        unit: 'KB',
        target: '< 28 KB (Teams)',
        met: largest < 28 * 1024,
        note: `${answers.length} answer fixtures`,
      },
    ],
  };
};

export default bench;
