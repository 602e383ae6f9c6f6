/**
 * `npm start`: runs the compiled server (dist/index.mjs) with plain node. When dist/ is missing
 * or older than the sources it is built first, so that a fresh clone's `npm ci && npm start`
 * works; a deployment with production dependencies only (`npm ci --omit=dev`, no esbuild)
 * runs the dist/ it was shipped with.
 */
import { pathToFileURL } from 'node:url';
import { distEntry, staleness } from './build-info.mjs';

const why = staleness();
if (why) {
  let buildDist = null;
  try {
    ({ buildDist } = await import('./build.mjs'));
  } catch {
    // No esbuild: production dependencies only.
  }
  if (buildDist) {
    process.stderr.write(`building: ${why}\n`);
    await buildDist({ quiet: true });
  } else if (why === 'dist/ has not been built') {
    process.stderr.write(
      'could not start: dist/ has not been built, and building needs the dev dependencies (npm ci, then npm run build)\n',
    );
    process.exit(1);
  } else {
    process.stderr.write(
      `warning: ${why}, and it cannot be rebuilt here (no dev dependencies); starting it as it is\n`,
    );
  }
}
const { main } = await import(pathToFileURL(distEntry).href);
await main();
