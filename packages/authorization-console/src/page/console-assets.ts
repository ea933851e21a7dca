// Copyright The loopback-security-monorepo authors. License: MIT.

import {readFileSync} from 'node:fs';
import {extname, join} from 'node:path';
import {consoleError} from '../console-errors';

/**
 * The Content-Security-Policy of the console: its own scripts, styles and
 * API only; no inline script or style, no frame, no form sent by the page
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The headers of every file of the console
 */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The files of the console's page, the only ones served: those the page's
 * sources produce in `dist/ui` (copied from `console/static`, compiled from
 * `console/src`). Another file left in that folder (an old build's) is
 * never served; `node scripts/pack.js` removes it before packing.
 */
export const CONSOLE_FILES: readonly string[] = Object.freeze([
  'api.js',
  'console.css',
  'decisions.page.js',
  'dom.js',
  'explain.page.js',
  'index.html',
  'main.js',
  'matrix.page.js',
  'policies.page.js',
  'roles.page.js',
  'types.js',
]);

/**
 * One file of the console
 */
export interface ConsoleAsset {
  /**
   * Its content type
   */
  type: string;
  /**
   * Its content
   */
  body: Buffer;
}

/**
 * The files of the console's single-page application, built with the
 * package (`dist/ui`), read once: the page is static, the same for
 * every caller, and holds no data. Only {@link CONSOLE_FILES} are read.
 */
export class ConsoleAssets {
  private readonly files = new Map<string, ConsoleAsset>();
  /**
   * The page, with the console's paths written in
   */
  readonly page: ConsoleAsset;

  /**
   * @param base - The console's path, such as `/authorization`
   * @param loginPath - Where the login form posts, if anywhere
   * @param dir - The folder of the built files
   */
  constructor(
    base: string,
    loginPath: string | undefined,
    dir = join(__dirname, '..', 'ui'),
  ) {
    for (const name of CONSOLE_FILES) {
      let body: Buffer;
      try {
        body = readFileSync(join(dir, name));
      } catch {
        throw consoleError(
          500,
          'CONSOLE_NOT_BUILT',
          `The authorization console is not built: no ${join(dir, name)}`,
        );
      }
      this.files.set(name, {type: TYPES[extname(name)], body});
    }
    const page = this.files.get('index.html')!;
    // Both are checked paths of plain URL characters: nothing to escape
    const html = page.body
      .toString('utf8')
      .replace(/%BASE%/g, base)
      .replace(/%LOGIN%/g, loginPath ?? '');
    this.page = {type: page.type, body: Buffer.from(html, 'utf8')};
    this.files.delete('index.html');
  }

  /**
   * A file of the console by name, `undefined` when there is none
   * @param name - The file name, such as `main.js`
   */
  file(name: string): ConsoleAsset | undefined {
    return this.files.get(name);
  }
}
