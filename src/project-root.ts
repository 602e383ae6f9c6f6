/**
 * Where the project's run-time files (cards/*.json, data/) are. The code runs from src/ (tsx,
 * tests) or bundled from dist/ (npm start), so a path relative to one module's own file is
 * wrong in the other: the root is found instead as the nearest folder above with package.json.
 */
import { existsSync } from 'node:fs';

function findRoot(from: URL): URL {
  let dir = new URL('.', from);
  for (;;) {
    if (existsSync(new URL('package.json', dir))) return dir;
    const parent = new URL('..', dir);
    // At the file system's root without a package.json: fall back to the module's own folder.
    if (parent.href === dir.href) return new URL('.', from);
    dir = parent;
  }
}

/** The project's root folder (with a trailing slash), e.g. file:///srv/budget-bot/. */
export const projectRoot: URL = findRoot(new URL(import.meta.url));

/** A file or folder under the project root: projectFile('cards/figure.json'). */
export function projectFile(relative: string): URL {
  return new URL(relative, projectRoot);
}
