// Editing (issue 4), end to end: add and connect nodes, change requires,
// delete, undo/redo, reload restores the work, bad files change nothing,
// drag-and-drop import, dragging nodes, a corrupted autosave is set aside.
// Every check after an action waits for its condition.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAppForTests, screenshotPath, formatProblems, eventually, waitForAttribute, waitForCount, waitForText, readAutosave, settle } from './harness.mjs';

const app = serveAppForTests('/wiki/files/blackout/');

const open = (options) => app.open(undefined, options);

const node = (page, id) => page.locator(`[data-node-id="${id}"]`);
const nodes = (page) => page.locator('[data-node-id]');
const spof = (page, id, value) => waitForAttribute(node(page, id), 'data-spof', value);

async function addNode(page, kind) {
  const before = await nodes(page).count();
  await page.locator('[data-testid="add-kind"]').selectOption(kind);
  await page.locator('[data-testid="add-node"]').click();
  await waitForCount(nodes(page), before + 1);
}

/** An empty graph with feature-1 depending on datacenter-1 and datacenter-2. */
async function buildTwoSites(page) {
  await page.locator('[data-testid="new"]').click();
  await waitForCount(nodes(page), 0);
  await page.locator('[data-testid="empty-state"]').waitFor();
  await addNode(page, 'feature');
  await addNode(page, 'datacenter');
  await addNode(page, 'datacenter');
  for (const dc of ['datacenter-1', 'datacenter-2']) {
    await node(page, 'feature-1').click();
    await waitForAttribute(node(page, 'feature-1'), 'data-selected', 'true');
    await node(page, dc).click({ modifiers: ['Shift'] });
    await waitForAttribute(node(page, dc), 'data-selected', 'true');
    await page.locator('[data-testid="connect"]').click();
    await spof(page, dc, 'true');
  }
}

test('add, connect, requires any, delete, undo and redo, reload', async () => {
  const { context, page, problems } = await open();
  try {
    await buildTwoSites(page);
    await spof(page, 'datacenter-1', 'true');
    await spof(page, 'datacenter-2', 'true');
    await page.screenshot({ path: screenshotPath('editing-two-sites-1280x800') });

    // Requires any: neither site alone takes the feature down.
    await node(page, 'feature-1').click();
    await page.locator('[data-testid="prop-requires"]').selectOption('any');
    await spof(page, 'datacenter-1', null);
    await spof(page, 'datacenter-2', null);

    // Delete one site: the other becomes a SPOF again.
    await node(page, 'datacenter-2').click();
    await waitForAttribute(node(page, 'datacenter-2'), 'data-selected', 'true');
    await page.keyboard.press('Delete');
    await waitForCount(node(page, 'datacenter-2'), 0);
    await spof(page, 'datacenter-1', 'true');

    // Undo the deletion, then the requires change; redo both.
    await page.keyboard.press('Control+z');
    await waitForCount(node(page, 'datacenter-2'), 1);
    await spof(page, 'datacenter-1', null);
    await page.locator('[data-testid="undo"]').click();
    await spof(page, 'datacenter-1', 'true');
    await page.keyboard.press('Control+Shift+z');
    await spof(page, 'datacenter-1', null);
    await page.locator('[data-testid="redo"]').click();
    await waitForCount(node(page, 'datacenter-2'), 0);
    // Undo the deletion once more and the connections survive it.
    await page.locator('[data-testid="undo"]').click();
    await waitForCount(nodes(page), 3);

    // Reload: the work is restored from local storage.
    await eventually(async () => assert.match((await readAutosave(page)).document, /datacenter-2/));
    await page.reload();
    await page.locator('[data-testid="summary"]').waitFor();
    await waitForCount(nodes(page), 3);
    await waitForCount(node(page, 'datacenter-2'), 1);
    await spof(page, 'datacenter-1', null);
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
    await eventually(async () => assert.match(await node(page, 'feature-1').textContent(), /Checkout/));
    await page.locator('[data-testid="prop-requires"]').selectOption('at_least');
    await page.locator('[data-testid="prop-k"]').fill('3');
    await page.locator('[data-testid="prop-k"]').press('Enter');
    const error = await waitForText(page.locator('[data-testid="error"]'), /feature-1/);
    assert.match(error, /k must be between 1 and 2/);
  } finally {
    await context.close();
  }
});

test('a bad file leaves the graph exactly as it was', async () => {
  const { context, page } = await open();
  try {
    const before = await nodes(page).count();
    const cases = [
      ['broken.json', '{"version": 1, "nodes": [ {"id": "a",, } ]}', /broken\.json: invalid JSON at line 1, column/],
      ['ghost.json', '{"version": 1, "nodes": [{"id": "a", "kind": "feature", "depends_on": ["ghost"]}]}', /ghost\.json: node "a" depends on unknown node "ghost"/],
      ['twice.json', '{"version": 1, "nodes": [{"id": "a", "kind": "feature"}, {"id": "a", "kind": "service"}]}', /twice\.json: duplicate node id "a"/],
      ['types.json', '{"version": 1, "nodes": [{"id": "a", "kind": "feature", "users": "many"}]}', /types\.json: nodes\[0\] \(id "a"\)\.users/],
    ];
    for (const [name, text, message] of cases) {
      await page.locator('[data-testid="open-file"]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await waitForText(page.locator('[data-testid="error"]'), message);
      assert.equal(await nodes(page).count(), before, `${name} changed nothing`);
      assert.match(await page.title(), /Kakao/);
    }
    const huge = Buffer.alloc(33 * 1024 * 1024, 32);
    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: huge }, { timeout: 120_000 });
    await waitForText(page.locator('[data-testid="error"]'), /huge\.json: the file is \d+ bytes; the limit is/, { timeout: 60_000 });
    assert.equal(await nodes(page).count(), before);
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
    await waitForCount(nodes(page), 2);
    await spof(page, 'db', 'true');
    // Opening is undoable.
    await page.locator('[data-testid="undo"]').click();
    await page.waitForFunction(() => document.title.startsWith('Kakao'));

    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'picked.json', mimeType: 'application/json', buffer: Buffer.from(graph) });
    await page.waitForFunction(() => document.title.startsWith('Dropped graph'));
    await waitForCount(nodes(page), 2);
  } finally {
    await context.close();
  }
});

test('dragging a node moves it as one undo step', async () => {
  const { context, page } = await open();
  try {
    await page.locator('[data-testid="mode-edit"]').click();
    await waitForAttribute(page.locator('[data-testid="mode-edit"]'), 'aria-pressed', 'true');
    const pangyo = node(page, 'pangyo');
    const before = await pangyo.boundingBox();
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.down();
    await page.mouse.move(before.x + before.width / 2 + 80, before.y + before.height / 2 + 40, { steps: 8 });
    await page.mouse.up();
    await eventually(async () => {
      const after = await pangyo.boundingBox();
      assert.ok(Math.abs(after.x - before.x - 80) < 3 && Math.abs(after.y - before.y - 40) < 3, JSON.stringify({ before, after }));
    });
    await page.locator('[data-testid="undo"]').click();
    await eventually(async () => {
      const undone = await pangyo.boundingBox();
      assert.ok(Math.abs(undone.x - before.x) < 1 && Math.abs(undone.y - before.y) < 1);
    });
    await settle(page);
    assert.equal(await page.locator('[data-state="failed"]').count(), 0, 'a drag fails nothing');
    assert.ok(await page.locator('[data-testid="undo"]').isDisabled(), 'the drag was one step');
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
    await waitForCount(page.locator('[data-testid="help-overlay"]'), 0);
    for (const button of await page.locator('button').all()) {
      // Text content, not innerText: a button inside a closed <details> is not rendered, yet named.
      const name = (await button.getAttribute('aria-label')) || (await button.textContent());
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
    await waitForText(page.locator('[data-testid="error"]'), /could not be read/);
    assert.ok((await nodes(page).count()) > 50, 'the example opened instead');
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
    await waitForCount(nodes(page), 0);
    await addNode(page, 'feature');
    await addNode(page, 'datacenter');
    // Drag from the feature's handle onto the data center: it now depends on it.
    await node(page, 'feature-1').click();
    await page.locator('[data-testid="connect-handle"]').waitFor();
    const handle = await page.locator('[data-testid="connect-handle"]').boundingBox();
    const target = await node(page, 'datacenter-1').boundingBox();
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 6 });
    await waitForAttribute(page.locator('.map'), 'data-interaction', 'connecting');
    await page.mouse.up();
    await spof(page, 'datacenter-1', 'true');

    // Double-click on empty space adds a node there.
    const map = await page.locator('.map').boundingBox();
    await page.mouse.dblclick(map.x + 60, map.y + map.height - 60);
    await waitForCount(nodes(page), 3);

    // Shift-drag a box around everything, then drag one node: all move together.
    await page.keyboard.down('Shift');
    await page.mouse.move(map.x + 5, map.y + 5);
    await page.mouse.down();
    await page.mouse.move(map.x + map.width - 80, map.y + map.height - 5, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await waitForCount(page.locator('.node.selected'), 3);
    const before = await Promise.all(['feature-1', 'datacenter-1'].map((id) => node(page, id).boundingBox()));
    const grab = before[0];
    await page.mouse.move(grab.x + grab.width / 2, grab.y + grab.height / 2);
    await page.mouse.down();
    await page.mouse.move(grab.x + grab.width / 2 + 50, grab.y + grab.height / 2 + 30, { steps: 5 });
    await page.mouse.up();
    await eventually(async () => {
      const after = await Promise.all(['feature-1', 'datacenter-1'].map((id) => node(page, id).boundingBox()));
      for (let i = 0; i < 2; i++) {
        assert.ok(Math.abs(after[i].x - before[i].x) > 20, 'every selected node moved');
        assert.ok(Math.abs(after[i].x - before[i].x - (after[0].x - before[0].x)) < 1, 'by the same amount');
      }
    });

    // Re-lay all puts the feature above its dependency again.
    await page.locator('[data-testid="relayout-all"]').click();
    await eventually(async () => {
      const feature = await node(page, 'feature-1').boundingBox();
      const site = await node(page, 'datacenter-1').boundingBox();
      assert.ok(feature.y < site.y, 'tiers in order after re-layout');
    });
    await page.screenshot({ path: screenshotPath('editing-gestures-1280x800') });
  } finally {
    await context.close();
  }
});
