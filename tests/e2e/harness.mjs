// Shared helpers for the end-to-end tests (run with `node --test tests/e2e/`).
//
// - startServer(distDir, subPath): a tiny static server for the Trunk build
//   (dist/), mounted under a sub-path to prove the build works from anywhere.
// - launchBrowser(): Debian's Chromium (/usr/bin/chromium) driven by
//   playwright-core; never downloads a browser.
// - screenshotPath(name): where a test saves its screenshots
//   (tests/e2e/artifacts/, gitignored).
// - eventually / waitForAttribute / waitForText / waitForCount: wait for a
//   condition instead of reading the DOM right after an action.
// - readAutosave, fillStorage: look into and fill the page's local storage.
//
// Browser temp folders (Playwright's fresh profile dir, Chromium's own
// scratch files) go to os.tmpdir(): `.ci/test` points TMPDIR at a fresh
// folder and removes it afterwards.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The repository root (two levels above tests/e2e/). */
export const REPO_ROOT = path.resolve(HERE, '..', '..');

/** Trunk's output folder; override with BLACKOUT_DIST. */
export const DIST_DIR = process.env.BLACKOUT_DIST
  ? path.resolve(process.env.BLACKOUT_DIST)
  : path.join(REPO_ROOT, 'dist');

/** Where screenshots and other test artifacts go (gitignored). */
export const ARTIFACTS_DIR = path.join(HERE, 'artifacts');

/** The Chromium binary from Debian's `chromium` package. */
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

/** Flags for Chromium as root on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** The Content-Type for a file name. */
export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/** The file's stat, or null when there is no such file (any other error is thrown). */
async function statOrNull(file) {
  try {
    return await fsp.stat(file);
  } catch (error) {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw error;
  }
}

function normalizeSubPath(subPath) {
  let p = subPath || '/';
  if (!p.startsWith('/')) p = `/${p}`;
  if (!p.endsWith('/')) p = `${p}/`;
  return p;
}

/**
 * Serve `distDir` on 127.0.0.1 (a free port) under `subPath`
 * (e.g. '/some/sub/path/'). Anything outside the sub-path, or missing, is a
 * 404; `subPath` without its trailing slash redirects to it; a folder serves
 * its index.html.
 *
 * Every request is recorded in `requests` ({method, url, status}) so a test
 * can check that the page fetched nothing outside the sub-path.
 *
 * @returns {Promise<{url: string, origin: string, port: number, requests: Array, close: () => Promise<void>}>}
 */
export async function startServer(distDir = DIST_DIR, subPath = '/some/sub/path/') {
  const root = path.resolve(distDir);
  const prefix = normalizeSubPath(subPath);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html not found: run \`trunk build --release\` first`);
  }
  const requests = [];

  const server = http.createServer(async (req, res) => {
    const record = (status) => requests.push({ method: req.method, url: req.url, status });
    const send = (status, body, headers = {}) => {
      record(status);
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      }
      const { pathname } = new URL(req.url, 'http://localhost');
      if (`${pathname}/` === prefix) {
        return send(301, 'moved\n', { Location: prefix });
      }
      if (!pathname.startsWith(prefix)) {
        return send(404, 'not found\n');
      }
      let rel;
      try {
        rel = decodeURIComponent(pathname.slice(prefix.length));
      } catch {
        return send(400, 'bad request\n');
      }
      let file = path.resolve(root, `.${path.posix.sep}${rel}`);
      if (file !== root && !file.startsWith(root + path.sep)) {
        return send(404, 'not found\n');
      }
      let stat = await statOrNull(file);
      if (stat && stat.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = await statOrNull(file);
      }
      if (!stat || !stat.isFile()) {
        return send(404, 'not found\n');
      }
      record(200);
      res.writeHead(200, {
        'Content-Type': mimeType(file),
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    } catch (err) {
      if (!res.headersSent) send(500, `internal error: ${err}\n`);
      else res.destroy(err);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${prefix}`,
    origin,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * Launch headless Chromium (Debian's /usr/bin/chromium) through
 * playwright-core. Playwright gives each launch a fresh, empty profile
 * (its own --user-data-dir under os.tmpdir(), removed on close).
 *
 * @param {import('playwright-core').LaunchOptions} [options] extra launch options
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchBrowser(options = {}) {
  const { args = [], ...rest } = options;
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: [...CHROMIUM_ARGS, ...args],
    timeout: 60_000,
    ...rest,
  });
}

/** Path for a screenshot named `name` (".png" added if missing) under tests/e2e/artifacts/. */
export function screenshotPath(name) {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = name.endsWith('.png') ? name : `${name}.png`;
  return path.join(ARTIFACTS_DIR, file.replace(/[^A-Za-z0-9._-]+/g, '_'));
}

/**
 * Collect console errors, uncaught page errors and failed requests of `page`.
 * Returns an array that fills as the page runs; `formatProblems` prints it.
 */
export function watchForErrors(page) {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      problems.push(`console.error: ${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.stack || err.message || err}`));
  page.on('requestfailed', (req) =>
    problems.push(`request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText})`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  return problems;
}

export function formatProblems(problems) {
  return problems.map((p) => `  - ${p}`).join('\n');
}

/**
 * Open the app at `url` in a fresh context (fresh local storage) and wait
 * until it has rendered its summary. Returns the context, the page, the
 * problems seen (console errors, page errors, failed requests) and the
 * dialogs that opened (none should: labels are never executed).
 */
export async function openApp(browser, url, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, ...contextOptions });
  const page = await context.newPage();
  const problems = watchForErrors(page);
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.goto(url);
  await page.locator('[data-testid="summary"]').waitFor({ state: 'visible', timeout: 20_000 });
  return { context, page, problems, dialogs };
}

/**
 * For a test file: serve dist/ under `subPath` and launch Chromium before its
 * tests, close both after. Returns the app's URL getter and an `open` that
 * calls {@link openApp} (defaults to the app's URL).
 */
export function serveAppForTests(subPath) {
  let server;
  let browser;
  before(async () => {
    server = await startServer(DIST_DIR, subPath);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    url: () => server.url,
    server: () => server,
    browser: () => browser,
    open: (url = server.url, contextOptions = {}) => openApp(browser, url, contextOptions),
  };
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries `check` (an async function that throws when its condition does not
 * hold yet, e.g. with assert) until it passes or `timeout` ms have gone by;
 * then throws the last failure. Tests wait for conditions with this instead
 * of reading the DOM right after an action.
 */
export async function eventually(check, { timeout = 15_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(interval);
  }
}

/**
 * Waits until the page has handled every event so far and drawn two frames:
 * the app handles events in order, so a check that something did *not*
 * happen is only meaningful after this.
 */
export function settle(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Waits until `locator`'s attribute `name` equals `value` (null: absent). */
export function waitForAttribute(locator, name, value, options) {
  return eventually(async () => assert.equal(await locator.getAttribute(name), value, `${name} of ${locator}`), options);
}

/** Waits until `locator`'s text equals `expected` (a string) or matches it (a RegExp). */
export function waitForText(locator, expected, options) {
  return eventually(async () => {
    const text = (await locator.innerText()).trim();
    if (expected instanceof RegExp) assert.match(text, expected);
    else assert.equal(text, expected);
    return text;
  }, options);
}

/** Waits until `locator` matches exactly `count` elements. */
export function waitForCount(locator, count, options) {
  return eventually(async () => assert.equal(await locator.count(), count, `count of ${locator}`), options);
}

/**
 * The autosave in the page's local storage, decoded: `{document, failed}`
 * with `document` the graph file's text, or null when there is none.
 * (The app stores it DEFLATE-compressed behind "z1.".)
 */
export function readAutosave(page, key = 'blackout.autosave.v1') {
  return page.evaluate(async (key) => {
    const text = localStorage.getItem(key);
    if (text === null) return null;
    let saved;
    if (!text.startsWith('z1.')) {
      saved = JSON.parse(text);
    } else {
      const base64 = text.slice(3).replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      saved = JSON.parse(await new Response(stream).text());
    }
    // A failure set changed after the graph was written is stored beside it
    // (autosave::FAILED_KEY) and takes the place of the envelope's, as on restore.
    const later = key === 'blackout.autosave.v1' ? localStorage.getItem('blackout.autosave.v1.failed') : null;
    if (later !== null) saved.failed = JSON.parse(later);
    return saved;
  }, key);
}

/** Fills the page's local storage until the browser refuses more; returns the keys it used. */
export function fillStorage(page) {
  return page.evaluate(() => {
    const keys = [];
    let chunk = 'x'.repeat(1 << 20);
    for (let i = 0; chunk.length > 0 && i < 10_000; i++) {
      const key = `filler-${i}`;
      try {
        localStorage.setItem(key, chunk);
        keys.push(key);
      } catch (error) {
        if (error.name !== 'QuotaExceededError') throw error;
        // Full for this size: try smaller pieces until not even one character fits.
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
    return keys;
  });
}

/** The path of the CLI binary (`cargo build --bin blackout` first). */
export function blackoutBinary() {
  for (const profile of ['debug', 'release']) {
    const candidate = path.join(REPO_ROOT, 'target', profile, 'blackout');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('build the CLI first: cargo build --bin blackout');
}
