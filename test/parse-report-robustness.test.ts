import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetBotError } from '../src/domain';
import { parseReport } from '../src/ingest/ingest-files';
import { SEED_PDF, SEED_TABBED, seedText } from './fixtures/ingest/facts';

// Bad input must end in a clear BudgetBotError or a result, never in a crash with a stack trace.
function outcome(text: string): 'parsed' | 'refused' {
  try {
    parseReport(text, 'x.txt');
    return 'parsed';
  } catch (e) {
    if (e instanceof BudgetBotError) {
      expect(e.message).toMatch(/^x\.txt:\d+: /);
      return 'refused';
    }
    throw e;
  }
}

const seeds = [seedText(SEED_TABBED), seedText(SEED_PDF)];

describe('parseReport on damaged documents', () => {
  it('should parse or refuse a seed with random lines dropped, never crash', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        (text, drops) => {
          const lines = text.split('\n');
          const gone = new Set(drops.map((d) => d % lines.length));
          outcome(lines.filter((_, i) => !gone.has(i)).join('\n'));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('should parse or refuse a seed with random characters overwritten, never crash', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('\t', ' ', '-', '0', '9', 'x', '€', '\n', '<b>', '*')), {
          minLength: 1,
          maxLength: 30,
        }),
        (text, edits) => {
          const chars = [...text];
          for (const [at, ch] of edits) chars[at % chars.length] = ch;
          outcome(chars.join(''));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('should refuse arbitrary text that holds no figure table', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        expect(outcome(text)).toBe('refused');
      }),
      { numRuns: 200 },
    );
  });
});
