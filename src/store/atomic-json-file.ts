/**
 * Whole-file writes that never leave a half-written file: the text goes to a temporary file
 * beside the target, is synced to disk, and is renamed over the target. The temporary name is
 * unique to the process and the write (lowdb's own JSONFile uses one fixed `.name.tmp` for every
 * process, so two processes writing at once interleave into one file and rename it half done).
 */
import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

let sequence = 0;

/** A temporary file name beside `file`, unique to this process and call. */
export function uniqueTempPath(file: string): string {
  sequence += 1;
  const dir = path.dirname(file);
  return path.join(dir, `.${path.basename(file)}.${process.pid}.${sequence}.tmp`);
}

/** Writes `text` to `file` atomically (temporary file, fsync, rename). */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const tmp = uniqueTempPath(file);
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    // The rename must not reach the disk before the data does, or a crash leaves an empty file.
    await handle.datasync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** A lowdb adapter over one JSON file, written atomically with a temporary file of its own. */
export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(private readonly file: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  write(data: T): Promise<void> {
    return writeFileAtomically(this.file, JSON.stringify(data, null, 2));
  }
}
