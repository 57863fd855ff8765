// Compare with… (issue 12), end to end: the Kakao map compared with a
// version whose user database lost its failover lists the new single points
// of failure and marks the changed node; the last saved version follows the
// edits and a load ends the comparison; nothing of it is stored or undone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO_ROOT, serveAppForTests, screenshotPath, formatProblems, eventually, waitForAttribute, waitForCount, waitForText, settle,
} from './harness.mjs';

const app = serveAppForTests('/compare/');
const NO_FAILOVER = path.join(REPO_ROOT, 'tests', 'fixtures', 'compare', 'kakao-user-db-no-failover.json');
const IMPORT = path.join(REPO_ROOT, 'tests', 'fixtures', 'import');

const node = (page, id) => page.locator(`[data-node-id="${id}"]`);
const marked = (page) => page.locator('[data-node-id][data-diff]');
const verdict = (page) => page.locator('[data-testid="compare-verdict"]');
const storage = (page) => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
const file = (full) => ({ name: path.basename(full), mimeType: 'application/octet-stream', buffer: fs.readFileSync(full) });

async function compareWithFile(page, ...files) {
  // On a phone the header's actions fold into the menu.
  const menu = page.locator('[data-testid="menu"]');
  if (await menu.isVisible()) await menu.click();
  await page.locator('[data-testid="compare"]').click();
  await page.locator('[data-testid="panel-compare"]').waitFor();
  await page.locator('[data-testid="compare-file"]').setInputFiles(files.map(file));
}

test('Kakao compared with a version without the user database failover: the new single point of failure is listed and the node marked', async () => {
  const { context, page, problems } = await app.open();
  try {
    // Some own work in storage, which comparing must not touch.
    await node(page, 'gasan').click();
    await waitForAttribute(node(page, 'gasan'), 'data-state', 'failed');
    await settle(page);
    const stored = await storage(page);

    await compareWithFile(page, NO_FAILOVER);
    await waitForText(verdict(page), '2 new single points of failure');
    assert.equal(await page.locator('[data-testid="compare-against"]').innerText(), 'kakao-user-db-no-failover.json');
    assert.match(await page.locator('[data-testid="compare-direction"]').innerText(), /^What kakao-user-db-no-failover\.json would change in this map$/);
    const anyang = page.locator('[data-diff-spof="anyang"]');
    assert.equal(await anyang.getAttribute('data-change'), 'added');
    assert.match(await anyang.innerText(), /Anyang[\s\S]*takes down .* and \d+ more · \d+ M users/);
    assert.equal(await page.locator('[data-diff-spof="power-anyang"]').getAttribute('data-change'), 'added');
    // The changed node is marked on the map, and only it.
    await waitForAttribute(node(page, 'user-db'), 'data-diff', 'changed');
    await waitForCount(marked(page), 1);
    assert.equal(await page.locator('[data-diff-node="user-db"]').getAttribute('data-diff'), 'changed');
    // The restore-time measure: Kakao T and Kakao Map would stay dark longer after the worst single failure.
    const measure = page.locator('[data-testid="compare-measure-restore_hours"]');
    assert.match(await measure.locator('[data-feature="kakao-map"]').innerText(), /21 h\s+27 h/);
    // Picking a listed risk selects it on the map.
    await anyang.click();
    await waitForAttribute(node(page, 'anyang'), 'data-selected', 'true');

    assert.ok(await page.locator('[data-testid="undo"]').isDisabled(), 'comparing is no undo step');
    assert.equal(await storage(page), stored, 'nor is it stored');
    assert.equal(await node(page, 'gasan').getAttribute('data-state'), 'failed', 'failures stay');

    // The other way round: what this map changes from the file.
    await page.locator('[data-testid="compare-swap"]').click();
    await waitForText(verdict(page), 'No new risk (2 single points of failure removed)');
    assert.equal(await page.locator('[data-diff-spof="anyang"]').getAttribute('data-change'), 'removed');
    await waitForAttribute(node(page, 'user-db'), 'data-diff', 'changed');

    await page.locator('[data-testid="compare-clear"]').click();
    await waitForCount(marked(page), 0);
    await page.locator('[data-testid="compare-file"]').waitFor();
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('screenshots of the Compare tab with the diff on the map, light and dark, wide and narrow', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      const { context, page } = await app.open(undefined, { viewport: { width, height }, colorScheme });
      try {
        await compareWithFile(page, NO_FAILOVER);
        await waitForText(verdict(page), '2 new single points of failure');
        await waitForAttribute(node(page, 'user-db'), 'data-diff', 'changed');
        await settle(page);
        await page.screenshot({ path: screenshotPath(`compare-kakao-${colorScheme}-${width}x${height}`) });
        if (width < 500) {
          // The panel sits under the map on a phone: the list, scrolled to.
          await page.locator('[data-diff-node="user-db"]').scrollIntoViewIfNeeded();
          await page.screenshot({ path: screenshotPath(`compare-kakao-panel-${colorScheme}-${width}x${height}`) });
        }
      } finally {
        await context.close();
      }
    }
  }
});

test('the last saved version follows the edits; a load ends the comparison; other formats and bad files', async () => {
  const { context, page, problems } = await app.open();
  try {
    await page.locator('[data-testid="mode-edit"]').click();
    await node(page, 'user-db').click();
    await page.locator('[data-testid="prop-requires"]').selectOption('all');
    await eventually(async () => assert.equal(await node(page, 'anyang').getAttribute('data-spof'), 'true'));

    await page.locator('[data-testid="compare"]').click();
    assert.match(await page.locator('[data-testid="panel-compare"]').innerText(), /The last saved version is the map as it was when this page opened\./);
    await page.locator('[data-testid="compare-saved"]').click();
    await waitForText(verdict(page), '2 new single points of failure');
    assert.match(await page.locator('[data-testid="compare-direction"]').innerText(), /^What this map changes from the last saved version/);
    await waitForAttribute(node(page, 'user-db'), 'data-diff', 'changed');

    // Undo: the comparison follows the map back.
    await page.locator('[data-testid="undo"]').click();
    await waitForText(verdict(page), 'No new risk');
    await waitForCount(marked(page), 0);

    // A bad file to compare with is refused with the importer's message; the comparison stays.
    await page.locator('[data-testid="compare-file"]').setInputFiles(file(path.join(IMPORT, 'bad-syntax.dot')));
    await waitForText(page.locator('[data-testid="error"] span'), 'bad-syntax.dot line 3: expected a name or a value but found \';\'', { timeout: 30_000 });
    await waitForText(verdict(page), 'No new risk');

    // Another format, read by the importer: a catalog shares no node with Kakao.
    await page.locator('[data-testid="compare-file"]').setInputFiles([file(path.join(IMPORT, 'catalog.yaml')), file(path.join(IMPORT, 'infra.yaml'))]);
    await waitForText(page.locator('[data-testid="compare-against"]'), 'catalog.yaml, infra.yaml', { timeout: 30_000 });
    const kakaoNodes = await page.locator('[data-node-id]').count();
    await waitForCount(page.locator('[data-node-id][data-diff="removed"]'), kakaoNodes);
    assert.equal(await page.locator('[data-diff-node="api:default/orders"]').getAttribute('data-diff'), 'added');

    // Loading a map ends the comparison.
    await page.locator('select.examples').selectOption({ label: 'Two regions, two providers' });
    await page.waitForFunction(() => !document.title.startsWith('Kakao'));
    await waitForCount(marked(page), 0);
    await page.locator('[data-testid="compare-saved"]').waitFor();
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});
