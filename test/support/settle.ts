import { vi } from 'vitest';

/** Runs the fake timers until `p` is done; a rejection is observed at once, so it is never "unhandled". */
export async function settle<T>(p: Promise<T>): Promise<T> {
  const done = p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await vi.runAllTimersAsync();
  const r = await done;
  if (!r.ok) throw r.error;
  return r.value;
}
