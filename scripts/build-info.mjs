/**
 * What a build of dist/ was made from: a hash of every input that goes into the bundle (the
 * sources, the dependency versions, the build script). `npm start` compares it with
 * dist/build-info.json to tell whether dist/ is missing or stale. The contents decide, not the
 * file times (a checkout or a copy gives every file a new one); the times, sizes and number of
 * the files only spare the hashing when none of them has changed since the build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file is in scripts/). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The bundle `npm start` runs, and the record of what it was built from. */
export const distEntry = path.join(root, 'dist', 'index.mjs');
export const buildInfoPath = path.join(root, 'dist', 'build-info.json');

/** Inputs outside src/ that change the bundle. */
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

/** Every file that goes into the bundle, in a fixed order. */
function inputFiles() {
  return [
    ...sourceFiles(path.join(root, 'src')),
    ...INPUT_FILES.map((f) => path.join(root, f)).filter((f) => existsSync(f)),
  ].sort();
}

/** How many input files there are, their total size and the newest change: cheap to take. */
export function inputStamp(files = inputFiles()) {
  let newestMtimeMs = 0;
  let bytes = 0;
  for (const file of files) {
    const st = statSync(file);
    newestMtimeMs = Math.max(newestMtimeMs, st.mtimeMs);
    bytes += st.size;
  }
  return { files: files.length, bytes, newestMtimeMs };
}

/** The hash of the bundle's inputs as they are now. */
export function sourceHash(files = inputFiles()) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The recorded build, or null when there is none (or it cannot be read). */
export function readBuildInfo() {
  try {
    return JSON.parse(readFileSync(buildInfoPath, 'utf8'));
  } catch {
    return null;
  }
}

/** Why dist/ must be built again, or null when it is up to date. */
export function staleness() {
  if (!existsSync(distEntry)) return 'dist/ has not been built';
  // Shipped without its sources (dist/ and the run-time files only): nothing to compare with.
  if (!existsSync(path.join(root, 'src'))) return null;
  const info = readBuildInfo();
  if (!info || typeof info.sourceHash !== 'string') return 'dist/ has no build record';
  const files = inputFiles();
  const stamp = inputStamp(files);
  const recorded = info.inputs;
  if (
    recorded &&
    recorded.files === stamp.files &&
    recorded.bytes === stamp.bytes &&
    recorded.newestMtimeMs === stamp.newestMtimeMs
  )
    return null;
  if (info.sourceHash !== sourceHash(files)) return 'the sources have changed since dist/ was built';
  return null;
}
