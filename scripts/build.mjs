/**
 * `npm run build`: bundles the server (src/index.ts and every package it uses) into one
 * JavaScript file, dist/index.mjs, that plain node runs with production dependencies only.
 * One file, because loading hundreds of small modules from node_modules was most of the start
 * time. Run-time files stay where they are and are read from the project root: cards/*.json,
 * data/ (the store, aliases, lexicon) and legal/.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildInfoPath, distEntry, inputStamp, root, sourceHash } from './build-info.mjs';

/** Builds dist/ and records what it was built from. */
export async function buildDist({ quiet = false } = {}) {
  const started = performance.now();
  const hash = sourceHash();
  const inputs = inputStamp();
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  mkdirSync(path.dirname(distEntry), { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/index.ts'],
    outfile: distEntry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Whitespace and syntax only: names stay, so error names and stack traces read as in src/.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    // restify's optional DTrace probes are a native addon it loads only if present.
    external: ['dtrace-provider'],
    // CommonJS packages inside an ES module still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
    logLevel: quiet ? 'error' : 'warning',
    metafile: true,
  });
  writeFileSync(
    buildInfoPath,
    `${JSON.stringify({ sourceHash: hash, inputs, builtAt: new Date().toISOString(), node: process.version }, null, 2)}\n`,
  );
  if (!quiet) {
    const bytes =
      result.metafile.outputs[path.relative(root, distEntry).split(path.sep).join('/')]?.bytes ?? 0;
    process.stdout.write(
      `built dist/index.mjs (${(bytes / 2 ** 20).toFixed(1)} MiB) in ${Math.round(performance.now() - started)} ms\n`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildDist();
}
