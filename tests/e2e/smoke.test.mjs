// Smoke test: the release build (dist/) loads from a sub-path, the app
// mounts and shows its summary, and nothing errors on the way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAppForTests, screenshotPath, watchForErrors, formatProblems } from './harness.mjs';

const SUB_PATH = '/some/sub/path/';
const app = serveAppForTests(SUB_PATH);

test('app loads under a sub-path and shows the summary without errors', async () => {
  const server = app.server();
  const context = await app.browser().newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = watchForErrors(page);
  try {
    const response = await page.goto(server.url, { waitUntil: 'load', timeout: 20_000 });
    assert.equal(response?.status(), 200, `GET ${server.url}`);

    const summary = page.locator('[data-testid="summary"]').first();
    try {
      await summary.waitFor({ state: 'visible', timeout: 20_000 });
    } catch (err) {
      // Keep a picture of the failure; if even that fails, say so in the error.
      try {
        await page.screenshot({ path: screenshotPath('smoke-failure-1280x800') });
      } catch (shotError) {
        err.message += `\n(no screenshot either: ${shotError.message})`;
      }
      err.message += problems.length ? `\nerrors seen while loading:\n${formatProblems(problems)}` : '';
      throw err;
    }
    assert.ok((await summary.innerText()).trim().length > 0, 'summary is empty');

    await page.screenshot({ path: screenshotPath('smoke-1280x800') });

    const outside = server.requests.filter((r) => !r.url.startsWith(SUB_PATH));
    assert.deepEqual(outside, [], 'the page fetched something outside its sub-path');
    assert.equal(problems.length, 0, `errors while loading:\n${formatProblems(problems)}`);
  } finally {
    await context.close();
  }
});
