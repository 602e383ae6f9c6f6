/**
 * GET /privacy and GET /terms: the privacy statement and terms of use that the Teams app
 * manifest links to (Teams shows them in the app's details and requires both). The texts are
 * HTML files in legal/ for the organisation running the bot to edit; they are read once, on
 * the first request, and served with headers that let the page do nothing but show itself.
 */
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { projectFile } from './project-root';

/** The pages: path → file under the project root. */
export const POLICY_PAGES = { '/privacy': 'legal/privacy.html', '/terms': 'legal/terms.html' } as const;

/** A page of static text: no scripts, no frames, no outside resources; styles inline only. */
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'public, max-age=3600',
};

/** Adds GET /privacy and GET /terms to the server. */
export function registerPolicyPages(server: Server, logger: Pick<Logger, 'error'>): void {
  for (const [route, file] of Object.entries(POLICY_PAGES)) {
    let page: Promise<Buffer> | null = null;
    server.get(route, async (_req: Request, res: Response) => {
      try {
        page ??= readFile(projectFile(file));
        const body = await page;
        res.writeHead(200, { ...PAGE_HEADERS, 'Content-Length': body.length });
        res.end(body);
      } catch (err) {
        page = null;
        logger.error({ file, err: err instanceof Error ? err.message : String(err) }, 'policy page missing');
        res.send(404, { error: 'page not found' });
      }
    });
  }
}
