// One state machine (issue 8), end to end: the bugs the issue lists, as a
// user meets them in a real browser, and the storage cases (quota full,
// unreadable autosaves, a 20,000-node graph, edits to a shared map).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  serveAppForTests, screenshotPath, formatProblems, eventually, waitForAttribute, waitForCount, waitForText, readAutosave,
  fillStorage, blackoutBinary, REPO_ROOT, settle,
} from './harness.mjs';

const app = serveAppForTests('/state/');
const open = (url, options) => app.open(url, options);

const node = (page, id) => page.locator(`[data-node-id="${id}"]`);
const nodes = (page) => page.locator('[data-node-id]');
const centre = (box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
const KEY = 'blackout.autosave.v1';

async function shareLink(page) {
  await page.locator('[data-testid="share-link"]').click();
  return waitForText(page.locator('[data-testid="share-url"]'), /#b1\./);
}

/** Own work: an empty graph with one service, autosaved. */
async function ownWork(page) {
  await page.locator('[data-testid="new"]').click();
  await page.locator('[data-testid="add-node"]').click();
  await waitForCount(nodes(page), 1);
  await eventually(async () => assert.match((await readAutosave(page)).document, /service-1/));
}

test('a mode key during a drag, a label edit and Escape lose nothing', async () => {
  const { context, page, problems } = await open();
  try {
    await page.locator('[data-testid="mode-edit"]').click();
    await waitForAttribute(page.locator('[data-testid="mode-edit"]'), 'aria-pressed', 'true');
    const start = centre(await node(page, 'pangyo').boundingBox());
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 40, start.y + 20, { steps: 5 });
    await waitForAttribute(page.locator('.map'), 'data-interaction', 'dragging');
    // Mode keys mid-drag: the drag ends (kept) and the pointer no longer drags.
    await page.keyboard.press('s');
    await page.keyboard.press('e');
    await waitForAttribute(page.locator('.map'), 'data-interaction', 'idle');
    await page.mouse.move(start.x + 140, start.y + 90, { steps: 5 });
    await page.mouse.up();
    const dragged = centre(await node(page, 'pangyo').boundingBox());
    assert.ok(Math.abs(dragged.x - start.x - 40) < 3 && Math.abs(dragged.y - start.y - 20) < 3, JSON.stringify({ start, dragged }));
    // A label edit, then Escape.
    await node(page, 'pangyo').click();
    await page.locator('[data-testid="prop-label"]').fill('Pangyo data center');
    await page.locator('[data-testid="prop-label"]').press('Enter');
    await eventually(async () => assert.match(await node(page, 'pangyo').textContent(), /Pangyo data center/));
    await page.locator('.map').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await eventually(async () => assert.match(await node(page, 'pangyo').textContent(), /Pangyo data center/), { timeout: 2_000 });
    // Both are undo steps, in order.
    await page.locator('[data-testid="undo"]').click();
    await eventually(async () => assert.doesNotMatch(await node(page, 'pangyo').textContent(), /Pangyo data center/));
    await page.locator('[data-testid="undo"]').click();
    await eventually(async () => {
      const back = centre(await node(page, 'pangyo').boundingBox());
      assert.ok(Math.abs(back.x - start.x) < 2 && Math.abs(back.y - start.y) < 2);
    });
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('Escape ends a drag for good', async () => {
  const { context, page } = await open();
  try {
    await page.locator('[data-testid="mode-edit"]').click();
    await waitForAttribute(page.locator('[data-testid="mode-edit"]'), 'aria-pressed', 'true');
    const start = centre(await node(page, 'anyang').boundingBox());
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 60, start.y, { steps: 5 });
    await eventually(async () => assert.ok(centre(await node(page, 'anyang').boundingBox()).x > start.x + 50));
    await page.keyboard.press('Escape');
    await waitForAttribute(page.locator('.map'), 'data-interaction', 'idle');
    // The pointer is still down and keeps moving: nothing follows it.
    await page.mouse.move(start.x + 150, start.y + 60, { steps: 6 });
    await page.mouse.up();
    await settle(page);
    const after = centre(await node(page, 'anyang').boundingBox());
    assert.ok(Math.abs(after.x - start.x) < 1 && Math.abs(after.y - start.y) < 1, JSON.stringify({ start, after }));
    assert.ok(await page.locator('[data-testid="undo"]').isDisabled(), 'a cancelled drag is no undo step');
  } finally {
    await context.close();
  }
});

test('the embed refuses the keyboard but fails, pans and zooms, and stores nothing', async () => {
  const { context, page, problems } = await open(app.url() + '?embed', { viewport: { width: 960, height: 600 } });
  try {
    const count = await nodes(page).count();
    await node(page, 'pangyo').focus();
    for (const key of ['n', 'N', 'Delete', 'c', 'e', 'Control+z', '?']) await page.keyboard.press(key);
    await page.locator('.map').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    await settle(page);
    assert.equal(await nodes(page).count(), count, 'no node added');
    assert.equal(await page.locator('[data-testid="help-overlay"]').count(), 0);
    await node(page, 'pangyo').click();
    await waitForAttribute(node(page, 'talk'), 'data-state', 'down');
    const layer = page.locator('.map-layer');
    const view = await layer.getAttribute('style');
    const box = await page.locator('.map').boundingBox();
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 80, { steps: 4 });
    await page.mouse.up();
    await eventually(async () => assert.notEqual(await layer.getAttribute('style'), view, 'pan'));
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), null, 'nothing stored');
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('undo after "Back to my work" never puts the shared map in the autosave', async () => {
  const sender = await open();
  const url = await shareLink(sender.page);
  await sender.context.close();
  const { context, page } = await open();
  try {
    await ownWork(page);
    await page.goto('about:blank');
    await page.goto(url);
    await page.locator('[data-testid="shared-notice"]').waitFor();
    await page.locator('[data-testid="back-to-own"]').click();
    await waitForCount(nodes(page), 1);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await settle(page);
    assert.ok(await page.locator('[data-testid="undo"]').isDisabled());
    await waitForCount(nodes(page), 1);
    const stored = (await readAutosave(page)).document;
    assert.match(stored, /service-1/);
    assert.doesNotMatch(stored, /pangyo/);
    await page.reload();
    await waitForCount(nodes(page), 1);
  } finally {
    await context.close();
  }
});

test('edits to a shared map ask before they are dropped', async () => {
  const sender = await open();
  const url = await shareLink(sender.page);
  await sender.context.close();
  const { context, page, dialogs } = await open();
  try {
    await ownWork(page);
    await page.goto('about:blank');
    await page.goto(url);
    await page.locator('[data-testid="shared-notice"]').waitFor();
    const count = await nodes(page).count();
    await page.locator('[data-testid="mode-edit"]').click();
    await page.locator('[data-testid="add-node"]').click();
    await waitForCount(nodes(page), count + 1);
    await waitForText(page.locator('[data-testid="shared-notice"]'), /You changed this shared map/);
    // Leaving the page asks (the browser's own question).
    await page.close({ runBeforeUnload: true });
    await eventually(async () => assert.ok(dialogs.some((d) => d.startsWith('beforeunload')), JSON.stringify(dialogs)));
    assert.equal(page.isClosed(), false, 'dismissed: the page stays');
    // Back to my work asks too; Cancel keeps the shared map and its edit.
    await page.locator('[data-testid="back-to-own"]').click();
    await page.locator('[data-testid="confirm-back"]').waitFor();
    await page.screenshot({ path: screenshotPath('confirm-back-1280x800') });
    await page.locator('[data-testid="confirm-cancel"]').click();
    await waitForCount(page.locator('[data-testid="confirm-back"]'), 0);
    assert.equal(await nodes(page).count(), count + 1);
    await page.locator('[data-testid="back-to-own"]').click();
    await page.locator('[data-testid="confirm-discard"]').click();
    await waitForCount(nodes(page), 1);
    assert.equal(await page.locator('[data-testid="shared-notice"]').count(), 0);
    assert.match((await readAutosave(page)).document, /service-1/);
  } finally {
    await context.close();
  }
});

test('storage full: a lasting warning with one click to save to a file', async () => {
  const { context, page } = await open();
  try {
    await ownWork(page);
    const fillers = await fillStorage(page);
    assert.ok(fillers.length > 0);
    // A bigger change than the space left: the write fails.
    await page.locator('[data-testid="open-file"]').setInputFiles({
      name: 'kakao.json', mimeType: 'application/json', buffer: fs.readFileSync(path.join(REPO_ROOT, 'assets/examples/kakao-2022.json')),
    });
    const warning = page.locator('[data-testid="storage-warning"]');
    await waitForText(warning, /not saved in this browser: the browser's storage for this page is full/);
    await page.screenshot({ path: screenshotPath('storage-full-1280x800') });
    // New opened edit mode: back to simulate, where a click fails a node.
    await page.locator('[data-testid="mode-simulate"]').click();
    await page.locator('[data-node-id="pangyo"]').click();
    await waitForAttribute(node(page, 'pangyo'), 'data-state', 'failed');
    assert.ok(await warning.isVisible(), 'the warning lasts');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="storage-save"]').click()]);
    const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.equal(saved.title, 'Kakao, October 2022', 'Save to file has the latest work');
    // Room again: the next change is stored and the warning goes.
    await page.evaluate((keys) => keys.forEach((key) => localStorage.removeItem(key)), fillers);
    await page.locator('[data-node-id="pangyo"]').click();
    await waitForCount(warning, 0);
    assert.match((await readAutosave(page)).document, /Kakao, October 2022/);
  } finally {
    await context.close();
  }
});

test('two unreadable autosaves are both kept, each under a key of its own', async () => {
  const { context, page } = await open();
  try {
    await page.evaluate((key) => localStorage.setItem(key, 'first: not a graph'), KEY);
    await page.reload();
    await waitForText(page.locator('[data-testid="error"]'), /could not be read.*"blackout\.autosave\.unreadable"/s);
    await page.locator('[data-node-id="pangyo"]').click();
    await eventually(async () => assert.match((await readAutosave(page)).document, /pangyo/));
    await page.evaluate((key) => localStorage.setItem(key, 'second: not a graph either'), KEY);
    await page.reload();
    await waitForText(page.locator('[data-testid="error"]'), /"blackout\.autosave\.unreadable\.2"/);
    const kept = await page.evaluate(() => [localStorage.getItem('blackout.autosave.unreadable'), localStorage.getItem('blackout.autosave.unreadable.2')]);
    assert.deepEqual(kept, ['first: not a graph', 'second: not a graph either']);
  } finally {
    await context.close();
  }
});

test('with storage full, an unreadable autosave is left alone and autosave stays off', async () => {
  const { context, page } = await open();
  try {
    const garbage = 'unreadable ' + 'x'.repeat(200_000);
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, garbage]);
    await fillStorage(page);
    await page.reload();
    await waitForText(page.locator('[data-testid="storage-warning"]'), /could not be copied aside.*left as it was.*autosave is off/s);
    await page.locator('[data-node-id="pangyo"]').click();
    await waitForAttribute(node(page, 'pangyo'), 'data-state', 'failed');
    await settle(page);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), garbage, 'never overwritten');
    await page.screenshot({ path: screenshotPath('storage-unreadable-full-1280x800') });
  } finally {
    await context.close();
  }
});

/** A 20,000-node graph in 20 tiers, every node placed (so no layout pass). */
function bigGraph(n = 20_000) {
  const kinds = ['feature', 'service', 'service', 'service', 'datastore', 'datastore', 'datacenter', 'provider'];
  const perRow = Math.ceil(n / 20);
  const nodes = [];
  for (let i = 0; i < n; i++) {
    const row = Math.floor(i / perRow);
    const node = { id: `n${i}`, kind: kinds[Math.min(kinds.length - 1, Math.floor((row * kinds.length) / 20))], x: 100 + (i % perRow) * 180, y: 60 + row * 110 };
    if (i + perRow < n) node.depends_on = [`n${i + perRow}`, ...(i + perRow + 1 < n ? [`n${i + perRow + 1}`] : [])];
    if (node.kind === 'feature') node.users = 1000 + i;
    nodes.push(node);
  }
  return { version: 1, title: 'Twenty thousand', nodes };
}

test('a 20,000-node graph autosaves and comes back', { timeout: 600_000 }, async () => {
  const { context, page } = await open();
  try {
    const text = JSON.stringify(bigGraph());
    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForFunction(() => document.title.startsWith('Twenty thousand'), null, { timeout: 300_000 });
    const stored = await eventually(async () => {
      const saved = await readAutosave(page);
      assert.match(saved.document, /Twenty thousand/);
      return saved;
    }, { timeout: 120_000 });
    assert.equal(JSON.parse(stored.document).nodes.length, 20_000);
    assert.equal(await page.locator('[data-testid="storage-warning"]').count(), 0);
    const size = await page.evaluate((key) => localStorage.getItem(key).length, KEY);
    assert.ok(size < 2_000_000, `${size} characters`);
    await page.reload();
    await page.waitForFunction(() => document.title.startsWith('Twenty thousand'), null, { timeout: 300_000 });
    // A map this big draws only the nodes in view as elements (issue 14), so
    // the whole graph is back when the first and the last node can be found.
    await page.locator('[data-testid="minimap"]').waitFor({ state: 'visible', timeout: 300_000 });
    for (const id of ['n0', 'n19999']) {
      await page.keyboard.press('Control+k');
      const box = page.locator('[data-testid="search"]');
      await box.fill(id);
      await eventually(async () => assert.equal(await page.locator('[data-testid="search-hits"] [data-hit-id]').first().getAttribute('data-hit-id'), id));
      await box.press('Enter');
      await waitForCount(box, 0);
      await waitForCount(page.locator(`[data-node-id="${id}"]`), 1);
    }
  } finally {
    await context.close();
  }
});

test('files with a byte-order mark, Latin-1 bytes or arrays for objects: the CLI\'s verdict and message', async () => {
  const { context, page } = await open();
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'files-'));
  try {
    const good = '{"version": 1, "title": "With BOM", "nodes": [{"id": "a", "kind": "feature", "users": 5}]}';
    const cases = [
      ['bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good)])],
      ['latin1.json', Buffer.from('{\n  "version": 1,\n  "title": "caf\xe9"\n}', 'latin1')],
      ['arrays.json', Buffer.from('{"version": 1, "nodes": [\n  ["a", null, "service"]\n]}')],
    ];
    for (const [name, bytes] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      let cli = null;
      try {
        execFileSync(blackoutBinary(), ['check', file], { stdio: 'pipe' });
      } catch (error) {
        assert.equal(error.status, 2, `${name}: the CLI refuses with exit code 2`);
        cli = error.stderr.toString().trim().replace(`blackout: ${file}: `, '');
      }
      await page.locator('[data-testid="open-file"]').setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
      if (cli === null) {
        await page.waitForFunction(() => document.title.startsWith('With BOM'));
        await waitForCount(nodes(page), 1);
      } else {
        const shown = await waitForText(page.locator('[data-testid="error"] > span'), new RegExp(`^${name.replace('.', '\\.')}: `));
        assert.equal(shown.replace(`${name}: `, ''), cli, `${name}: the app says what the CLI says`);
      }
    }
    await waitForText(page.locator('[data-testid="error"]'), /arrays\.json: nodes\[0\]: invalid type: sequence/);
  } finally {
    await context.close();
  }
});

test('a label XML cannot carry still exports as SVG and PNG', async () => {
  const graph = { version: 1, title: 'Odd \uFFFE', nodes: [{ id: 'a', label: 'bad \uFFFE \uFFFF \u0007 label', kind: 'feature', users: 3, depends_on: ['b'] }, { id: 'b', kind: 'datacenter' }] };
  const { context, page, problems } = await open();
  try {
    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'odd.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
    await page.waitForFunction(() => document.title.startsWith('Odd'));
    const [svgFile] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-svg"]').click()]);
    const svg = fs.readFileSync(await svgFile.path(), 'utf8');
    const parses = await page.evaluate((text) => !new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror'), svg);
    assert.ok(parses, 'the SVG parses');
    assert.match(svg, /bad \uFFFD \uFFFD \uFFFD/);
    const [pngFile] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-png"]').click()]);
    const png = fs.readFileSync(await pngFile.path());
    assert.deepEqual([...png.subarray(0, 4)], [137, 80, 78, 71], 'a PNG file');
    await settle(page);
    assert.equal(await page.locator('[data-testid="error"]').count(), 0);
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('deleting one of three sites under "2 of 3" says so, in the message and the properties panel', async () => {
  const graph = {
    version: 1,
    title: 'Quorum',
    nodes: [
      { id: 'shop', kind: 'feature', users: 5, depends_on: ['db'] },
      { id: 'db', label: 'Orders DB', kind: 'datastore', requires: { at_least: 2 }, depends_on: ['s1', 's2', 's3'] },
      { id: 's1', kind: 'datacenter' }, { id: 's2', kind: 'datacenter' }, { id: 's3', label: 'DC C', kind: 'datacenter' },
    ],
  };
  const { context, page } = await open();
  try {
    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'q.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
    await page.waitForFunction(() => document.title.startsWith('Quorum'));
    await page.locator('[data-testid="mode-edit"]').click();
    await node(page, 's3').click();
    await waitForAttribute(node(page, 's3'), 'data-selected', 'true');
    await page.keyboard.press('Delete');
    const notice = await waitForText(page.locator('[data-testid="edit-notice"]'), /Orders DB needed 2 of 3 and now needs 2 of 2/);
    assert.match(notice, /new single points of failure: s1, s2/);
    await waitForAttribute(node(page, 's1'), 'data-spof', 'true');
    await node(page, 'db').click();
    await waitForText(page.locator('[data-testid="requirement-change"]'), /2 of 3 → 2 of 2/);
    await page.screenshot({ path: screenshotPath('requirement-change-1280x800') });
    await page.locator('[data-testid="undo"]').click();
    await waitForCount(node(page, 's3'), 1);
    await waitForCount(page.locator('[data-testid="edit-notice"]'), 0);
    assert.ok(await page.locator('[data-testid="undo"]').isDisabled() === false, 'the file load is still undoable');
  } finally {
    await context.close();
  }
});
