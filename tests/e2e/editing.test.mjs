// Editing (issue 4), end to end: add and connect nodes, change requires,
// delete, undo/redo, reload restores the work, bad files change nothing,
// drag-and-drop import, dragging nodes, a corrupted autosave is set aside.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAppForTests, screenshotPath, formatProblems } from './harness.mjs';

const app = serveAppForTests('/wiki/files/blackout/');

const open = (options) => app.open(undefined, options);


const node = (page, id) => page.locator(`[data-node-id="${id}"]`);
const spof = (page, id) => node(page, id).getAttribute('data-spof');
const nodeCount = (page) => page.locator('[data-node-id]').count();

async function addNode(page, kind) {
  await page.locator('[data-testid="add-kind"]').selectOption(kind);
  await page.locator('[data-testid="add-node"]').click();
}

/** An empty graph with feature-1 depending on datacenter-1 and datacenter-2. */
async function buildTwoSites(page) {
  await page.locator('[data-testid="new"]').click();
  assert.equal(await nodeCount(page), 0);
  await page.locator('[data-testid="empty-state"]').waitFor();
  await addNode(page, 'feature');
  await addNode(page, 'datacenter');
  await addNode(page, 'datacenter');
  for (const dc of ['datacenter-1', 'datacenter-2']) {
    await node(page, 'feature-1').click();
    await node(page, dc).click({ modifiers: ['Shift'] });
    await page.locator('[data-testid="connect"]').click();
  }
}

test('add, connect, requires any, delete, undo and redo, reload', async () => {
  const { context, page, problems } = await open();
  try {
    await buildTwoSites(page);
    assert.equal(await spof(page, 'datacenter-1'), 'true', 'a new SPOF appears');
    assert.equal(await spof(page, 'datacenter-2'), 'true');
    await page.screenshot({ path: screenshotPath('editing-two-sites-1280x800') });

    // Requires any: neither site alone takes the feature down.
    await node(page, 'feature-1').click();
    await page.locator('[data-testid="prop-requires"]').selectOption('any');
    assert.equal(await spof(page, 'datacenter-1'), null, 'the SPOF disappears');
    assert.equal(await spof(page, 'datacenter-2'), null);

    // Delete one site: the other becomes a SPOF again.
    await node(page, 'datacenter-2').click();
    await page.keyboard.press('Delete');
    assert.equal(await node(page, 'datacenter-2').count(), 0);
    assert.equal(await spof(page, 'datacenter-1'), 'true');

    // Undo the deletion, then the requires change; redo both.
    await page.keyboard.press('Control+z');
    assert.equal(await node(page, 'datacenter-2').count(), 1);
    assert.equal(await spof(page, 'datacenter-1'), null);
    await page.locator('[data-testid="undo"]').click();
    assert.equal(await spof(page, 'datacenter-1'), 'true', 'requires is back to all');
    await page.keyboard.press('Control+Shift+z');
    assert.equal(await spof(page, 'datacenter-1'), null);
    await page.locator('[data-testid="redo"]').click();
    assert.equal(await node(page, 'datacenter-2').count(), 0);
    // Undo the deletion once more and the connections survive it.
    await page.keyboard.press('Control+y').catch(() => {});
    await page.locator('[data-testid="undo"]').click();
    assert.equal(await nodeCount(page), 3);

    // Reload: the work is restored from local storage.
    await page.reload();
    await page.locator('[data-testid="summary"]').waitFor();
    assert.equal(await nodeCount(page), 3);
    assert.equal(await node(page, 'datacenter-2').count(), 1);
    assert.equal(await spof(page, 'datacenter-1'), null);
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('properties: label keeps the id, k out of range is refused with a message', async () => {
  const { context, page } = await open();
  try {
    await buildTwoSites(page);
    await node(page, 'feature-1').click();
    await page.locator('[data-testid="prop-label"]').fill('Checkout');
    await page.locator('[data-testid="prop-label"]').press('Enter');
    assert.match(await node(page, 'feature-1').textContent(), /Checkout/);
    await page.locator('[data-testid="prop-requires"]').selectOption('at_least');
    await page.locator('[data-testid="prop-k"]').fill('3');
    await page.locator('[data-testid="prop-k"]').press('Enter');
    const error = await page.locator('[data-testid="error"]').innerText();
    assert.match(error, /feature-1/);
    assert.match(error, /k must be between 1 and 2/);
  } finally {
    await context.close();
  }
});

test('a bad file leaves the graph exactly as it was', async () => {
  const { context, page } = await open();
  try {
    const before = await nodeCount(page);
    const cases = [
      ['broken.json', '{"version": 1, "nodes": [ {"id": "a",, } ]}', /broken\.json: invalid JSON at line 1, column/],
      ['ghost.json', '{"version": 1, "nodes": [{"id": "a", "kind": "feature", "depends_on": ["ghost"]}]}', /node "a" depends on unknown node "ghost"/],
      ['twice.json', '{"version": 1, "nodes": [{"id": "a", "kind": "feature"}, {"id": "a", "kind": "service"}]}', /duplicate node id "a"/],
      ['types.json', '{"version": 1, "nodes": [{"id": "a", "kind": "feature", "users": "many"}]}', /nodes\[0\] \(id "a"\)\.users/],
    ];
    for (const [name, text, message] of cases) {
      await page.locator('[data-testid="open-file"]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await page.locator('[data-testid="error"]').waitFor();
      assert.match(await page.locator('[data-testid="error"]').innerText(), message);
      assert.equal(await nodeCount(page), before, `${name} changed nothing`);
      assert.match(await page.title(), /Kakao/);
    }
    const huge = Buffer.alloc(33 * 1024 * 1024, 32);
    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: huge });
    assert.match(await page.locator('[data-testid="error"]').innerText(), /huge\.json: the file is \d+ bytes; the limit is/);
    assert.equal(await nodeCount(page), before);
    await page.screenshot({ path: screenshotPath('editing-bad-file-1280x800') });
  } finally {
    await context.close();
  }
});

test('open by file picker and by drag-and-drop', async () => {
  const { context, page } = await open();
  try {
    const graph = JSON.stringify({
      version: 1,
      title: 'Dropped graph',
      nodes: [
        { id: 'shop', kind: 'feature', users: 1000, depends_on: ['db'] },
        { id: 'db', kind: 'datastore' },
      ],
    });
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, graph);
    await page.waitForFunction(() => document.title.startsWith('Dropped graph'));
    assert.equal(await nodeCount(page), 2);
    assert.equal(await spof(page, 'db'), 'true');
    // Opening is undoable.
    await page.locator('[data-testid="undo"]').click();
    assert.match(await page.title(), /Kakao/);

    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'picked.json', mimeType: 'application/json', buffer: Buffer.from(graph) });
    await page.waitForFunction(() => document.title.startsWith('Dropped graph'));
    assert.equal(await nodeCount(page), 2);
  } finally {
    await context.close();
  }
});

test('dragging a node moves it as one undo step', async () => {
  const { context, page } = await open();
  try {
    await page.locator('[data-testid="mode-edit"]').click();
    const pangyo = node(page, 'pangyo');
    const before = await pangyo.boundingBox();
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.down();
    await page.mouse.move(before.x + before.width / 2 + 80, before.y + before.height / 2 + 40, { steps: 8 });
    await page.mouse.up();
    const after = await pangyo.boundingBox();
    assert.ok(Math.abs(after.x - before.x - 80) < 3 && Math.abs(after.y - before.y - 40) < 3, JSON.stringify({ before, after }));
    await page.locator('[data-testid="undo"]').click();
    const undone = await pangyo.boundingBox();
    assert.ok(Math.abs(undone.x - before.x) < 1 && Math.abs(undone.y - before.y) < 1);
    assert.equal(await page.locator('[data-state="failed"]').count(), 0, 'a drag fails nothing');
  } finally {
    await context.close();
  }
});

test('help overlay and keyboard', async () => {
  const { context, page } = await open();
  try {
    await page.keyboard.press('?');
    await page.locator('[data-testid="help-overlay"]').waitFor();
    assert.match(await page.locator('[data-testid="help-overlay"]').innerText(), /Ctrl\+Z/);
    await page.screenshot({ path: screenshotPath('help-1280x800') });
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('[data-testid="help-overlay"]').count(), 0);
    for (const button of await page.locator('button').all()) {
      const name = (await button.getAttribute('aria-label')) || (await button.innerText());
      assert.ok(name.trim().length > 0, 'every button has an accessible name');
    }
  } finally {
    await context.close();
  }
});

test('a corrupted autosave is set aside and reported, and the app still starts', async () => {
  const { context, page } = await open();
  try {
    await page.evaluate(() => localStorage.setItem('blackout.autosave.v1', '{"document": "not a graph'));
    await page.reload();
    await page.locator('[data-testid="error"]').waitFor();
    assert.match(await page.locator('[data-testid="error"]').innerText(), /could not be read/);
    assert.ok((await nodeCount(page)) > 50, 'the example opened instead');
    const kept = await page.evaluate(() => localStorage.getItem('blackout.autosave.unreadable'));
    assert.equal(kept, '{"document": "not a graph');
  } finally {
    await context.close();
  }
});

test('connect from the handle, box select and move several, double-click adds, auto-layout', async () => {
  const { context, page } = await open();
  try {
    await page.locator('[data-testid="new"]').click();
    await addNode(page, 'feature');
    await addNode(page, 'datacenter');
    // Drag from the feature's handle onto the data center: it now depends on it.
    await node(page, 'feature-1').click();
    const handle = await page.locator('[data-testid="connect-handle"]').boundingBox();
    const target = await node(page, 'datacenter-1').boundingBox();
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 6 });
    await page.mouse.up();
    assert.equal(await spof(page, 'datacenter-1'), 'true', 'connected by dragging the handle');

    // Double-click on empty space adds a node there.
    const map = await page.locator('.map').boundingBox();
    await page.mouse.dblclick(map.x + 60, map.y + map.height - 60);
    assert.equal(await nodeCount(page), 3);

    // Shift-drag a box around everything, then drag one node: all move together.
    await page.keyboard.down('Shift');
    await page.mouse.move(map.x + 5, map.y + 5);
    await page.mouse.down();
    await page.mouse.move(map.x + map.width - 80, map.y + map.height - 5, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    assert.equal(await page.locator('.node.selected').count(), 3, 'box select');
    const before = await Promise.all(['feature-1', 'datacenter-1'].map((id) => node(page, id).boundingBox()));
    const grab = before[0];
    await page.mouse.move(grab.x + grab.width / 2, grab.y + grab.height / 2);
    await page.mouse.down();
    await page.mouse.move(grab.x + grab.width / 2 + 50, grab.y + grab.height / 2 + 30, { steps: 5 });
    await page.mouse.up();
    const after = await Promise.all(['feature-1', 'datacenter-1'].map((id) => node(page, id).boundingBox()));
    for (let i = 0; i < 2; i++) {
      assert.ok(Math.abs(after[i].x - before[i].x) > 20, 'every selected node moved');
      assert.ok(Math.abs(after[i].x - before[i].x - (after[0].x - before[0].x)) < 1, 'by the same amount');
    }

    // Re-lay all puts the feature above its dependency again.
    await page.locator('[data-testid="relayout-all"]').click();
    const feature = await node(page, 'feature-1').boundingBox();
    const site = await node(page, 'datacenter-1').boundingBox();
    assert.ok(feature.y < site.y, 'tiers in order after re-layout');
    await page.screenshot({ path: screenshotPath('editing-gestures-1280x800') });
  } finally {
    await context.close();
  }
});
