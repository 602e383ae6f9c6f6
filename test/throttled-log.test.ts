/** Repeated warnings: one line per kind per interval, with the number left out in between. */
import { describe, expect, it } from 'vitest';
import { ThrottledLog } from '../src/bot/throttled-log';

describe('ThrottledLog', () => {
  it('should write the first line of a kind, count the repeats, and report them with the next line', () => {
    let now = 0;
    const lines: Array<Record<string, unknown>> = [];
    const log = new ThrottledLog(
      { warn: (fields: object) => lines.push({ ...fields }) } as never,
      60_000,
      () => now,
    );
    for (let i = 0; i < 500; i++) log.warn('token refused: expired', { reason: 'expired' }, 'refused');
    log.warn('tenant not allowed', {}, 'refused');
    expect(lines).toEqual([
      { kind: 'token refused: expired', reason: 'expired' },
      { kind: 'tenant not allowed' },
    ]);
    now = 59_999;
    log.warn('token refused: expired', { reason: 'expired' }, 'refused');
    expect(lines).toHaveLength(2);
    now = 60_000;
    log.warn('token refused: expired', { reason: 'expired' }, 'refused');
    expect(lines[2]).toEqual({ kind: 'token refused: expired', reason: 'expired', suppressedSinceLast: 500 });
  });
});
