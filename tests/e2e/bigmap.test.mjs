// The map at scale (issue 14), end to end: a generated 10,000-node map
// opens; at the fitted view only a handful of nodes (none, far out) are SVG
// elements and the rest is drawn on the canvas under them; a minimap says
// where the view is; zooming in brings real nodes that a click fails; a
// pan moves the view; the wheel zooms around the pointer; search finds a node that was not in view and brings
// it there, and focusing on it fades the rest, canvas included. The Kakao
// example keeps its all-SVG drawing (no canvas, no minimap).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  serveAppForTests, blackoutBinary, screenshotPath, formatProblems, eventually, waitForAttribute, waitForCount, settle,
} from './harness.mjs';

const app = serveAppForTests('/bigmap/blackout/');
const NODES = 10_000;

/** A generated layered map of `NODES` nodes, written by the CLI. */
function generatedMap() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blackout-bigmap-'));
  const file = path.join(dir, 'big.json');
  const run = spawnSync(blackoutBinary(), ['generate', '--nodes', String(NODES), '--dependencies', '5', '--seed', '1', '-o', file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return file;
}

/** Whether box `inner` lies inside box `outer`. */
function inside(inner, outer) {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** The ids of the nodes drawn as SVG elements. */
const drawnIds = (page) => page.locator('[data-node-id]').evaluateAll((nodes) => nodes.map((n) => n.dataset.nodeId));

/** The first of the nodes drawn as SVG elements that lies wholly inside `mapBox`, with its box. */
async function nodeWhollyIn(page, mapBox) {
  for (const id of await drawnIds(page)) {
    const box = await page.locator(`[data-node-id="${id}"]`).boundingBox();
    if (box && inside(box, mapBox)) return { id, box };
  }
  return null;
}

const centre = (box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

test('a 10,000-node map opens culled, with a minimap; zoom in and click fails a node; search brings a far node into view', async () => {
  const file = generatedMap();
  const { context, page, problems } = await app.open();
  try {
    // The Kakao example: every node and edge SVG, as before.
    await eventually(async () => assert.ok((await page.locator('[data-node-id]').count()) > 50));
    assert.ok((await page.locator('.map .edges path').count()) > 50, 'small maps keep SVG edges');
    assert.equal(await page.locator('.map-edges').count(), 0, 'no canvas for a small map');
    assert.equal(await page.locator('[data-testid="minimap"]').count(), 0, 'no minimap for a small map');

    await page.locator('[data-testid="open-file"]').setInputFiles(file);
    const minimap = page.locator('[data-testid="minimap"]');
    await minimap.waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.map-edges').waitFor({ state: 'attached' });
    await settle(page);

    // Fitted: the overview is on the canvas; far fewer elements than nodes.
    const fitted = (await drawnIds(page)).length;
    assert.ok(fitted < NODES / 20, `${fitted} nodes drawn as SVG at the fitted view`);
    assert.equal(await page.locator('.map .edges path').count(), 0, 'a big map draws its edges on the canvas');
    await page.screenshot({ path: screenshotPath('bigmap-10000-fit') });
    // The side panel lists the head of its lists, not thousands of rows.
    assert.equal(await page.locator('[data-testid="spof-list"] > li').count(), 50, 'the top 50 risks');
    assert.match(await page.locator('[data-testid="not-listed"]').first().innerText(), /^and [\d,]+ more risks: search/);
    assert.ok((await page.locator('[data-feature-id]').count()) <= 50, 'at most 50 features listed');

    // Zoom in around the middle until real nodes appear; click one: failed.
    const zoomIn = page.locator('.zoom-controls button[aria-label="Zoom in"]');
    for (let i = 0; i < 40 && (await drawnIds(page)).length === 0; i++) {
      await zoomIn.click();
      await settle(page);
    }
    const mapBox = await page.locator('.map').boundingBox();
    const shown = await drawnIds(page);
    assert.ok(shown.length > 0 && shown.length < NODES / 20, `${shown.length} nodes drawn zoomed in`);
    const target = await nodeWhollyIn(page, mapBox);
    assert.ok(target, 'a node wholly in view');
    await page.mouse.click(centre(target.box).x, centre(target.box).y);
    await waitForAttribute(page.locator(`[data-node-id="${target.id}"]`), 'data-state', 'failed');
    await page.screenshot({ path: screenshotPath('bigmap-10000-zoomed') });

    // A pan moves the view; the nodes drawn follow once it settles.
    const before = new Set(await drawnIds(page));
    await page.mouse.move(mapBox.x + mapBox.width / 2, mapBox.y + 20);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(mapBox.x + mapBox.width / 2 - step * 60, mapBox.y + 20);
    await page.mouse.up();
    await eventually(async () => {
      const after = await drawnIds(page);
      assert.ok(after.some((id) => !before.has(id)), 'new nodes in view after the pan');
    });

    // A wheel gesture: each step moves the map, the canvas under it and the
    // minimap's outline together (between renders: see view_feed.rs), and
    // once the wheel is still the node under the pointer is still there,
    // drawn bigger.
    const anchor = await nodeWhollyIn(page, mapBox);
    assert.ok(anchor, 'a node wholly in view after the pan');
    const pointer = centre(anchor.box);
    await page.mouse.move(pointer.x, pointer.y);
    const onScreen = () => page.evaluate(() => ({
      layer: document.querySelector('.map-layer').style.transform,
      frame: document.querySelector('.map-edges-frame').style.transform,
      outline: document.querySelector('.minimap-view').getBoundingClientRect().toJSON(),
    }));
    let shownBefore = await onScreen();
    for (let step = 0; step < 3; step++) {
      await page.mouse.wheel(0, -60);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
      const shownAfter = await onScreen();
      assert.notEqual(shownAfter.layer, shownBefore.layer, `wheel step ${step + 1} moves the map`);
      assert.notEqual(shownAfter.frame, shownBefore.frame, `wheel step ${step + 1} moves the canvas`);
      assert.ok(shownAfter.outline.width < shownBefore.outline.width, `wheel step ${step + 1} shrinks the minimap's outline`);
      shownBefore = shownAfter;
    }
    await settle(page);
    const grown = await page.locator(`[data-node-id="${anchor.id}"]`).boundingBox();
    assert.ok(grown.width > anchor.box.width * 1.1, `${anchor.id} drawn bigger (${anchor.box.width} to ${grown.width} px)`);
    const stayed = centre(grown);
    assert.ok(Math.abs(stayed.x - pointer.x) < 2 && Math.abs(stayed.y - pointer.y) < 2, `${anchor.id} stays under the pointer`);

    // A pinch cancelled with Escape puts the view back where it began: the
    // canvas and the minimap's outline too, though the app renders them
    // with the props they last had (regression: they kept the pinch's
    // last transform).
    const frameAndOutline = () => page.evaluate(() => ({
      frame: document.querySelector('.map-edges-frame').style.transform,
      outline: document.querySelector('.minimap-view').getBoundingClientRect().toJSON(),
    }));
    await eventually(async () => assert.equal(await page.locator('.map').getAttribute('data-interaction'), 'idle', 'the wheel has settled'));
    const beforePinch = await frameAndOutline();
    const cdp = await page.context().newCDPSession(page);
    const fingers = (spread) => [
      { x: pointer.x - spread, y: pointer.y, id: 1 },
      { x: pointer.x + spread, y: pointer.y, id: 2 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(40) });
    for (const spread of [60, 80, 100]) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(spread) });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
    assert.equal(await page.locator('.map').getAttribute('data-interaction'), 'pinching');
    assert.notDeepEqual(await frameAndOutline(), beforePinch, 'the pinch moves the canvas and the outline');
    await page.keyboard.press('Escape');
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await eventually(async () => assert.deepEqual(await frameAndOutline(), beforePinch, 'Escape puts the canvas and the outline back'));

    // The window resizing during a drag: the canvas takes the map's new
    // size at once, not when the drag ends.
    const viewport = page.viewportSize();
    const canvasWidth = () => page.locator('.map-edges').evaluate((canvas) => canvas.getBoundingClientRect().width);
    const wideCanvas = await canvasWidth();
    await page.mouse.move(mapBox.x + mapBox.width / 2, mapBox.y + 20);
    await page.mouse.down();
    for (let step = 1; step <= 4; step++) await page.mouse.move(mapBox.x + mapBox.width / 2 - step * 20, mapBox.y + 20);
    await page.setViewportSize({ width: viewport.width - 200, height: viewport.height });
    // Two frames: the resize is observed in the first, drawn by the second.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    assert.ok((await canvasWidth()) < wideCanvas - 100, 'the canvas follows the new width of the map mid-drag');
    assert.equal(await page.locator('.map').getAttribute('data-interaction'), 'panning');
    await page.mouse.up();
    await page.setViewportSize(viewport);
    await settle(page);

    // Search: a node that is not drawn now, found and brought into view.
    const drawn = new Set(await drawnIds(page));
    const far = ['n9999', 'n9000', 'n5000', 'n1'].find((id) => !drawn.has(id));
    await page.keyboard.press('Control+k');
    const box = page.locator('[data-testid="search"]');
    await box.waitFor();
    await box.pressSequentially(far);
    await eventually(async () => assert.equal(await page.locator('[data-testid="search-hits"] [data-hit-id]').first().getAttribute('data-hit-id'), far));
    await box.press('Enter');
    await waitForCount(box, 0);
    const found = page.locator(`[data-node-id="${far}"]`);
    await waitForAttribute(found, 'data-selected', 'true');
    await eventually(async () => assert.ok(inside(await found.boundingBox(), mapBox), `${far} in view`));

    // Focus on what the found node depends on: the notice shows, the nodes
    // in view outside the focus are dimmed and the canvas under them is
    // drawn again with them faded: fewer of its pixels are solid. The
    // canvas is read alone (copied to a 2D canvas), so neither the dimmed
    // SVG nodes nor the map moving under the notice can pass this.
    const solidPixels = () => page.evaluate(() => {
      const drawn = document.querySelector('.map-edges');
      const copy = document.createElement('canvas');
      [copy.width, copy.height] = [drawn.width, drawn.height];
      const context = copy.getContext('2d');
      context.drawImage(drawn, 0, 0);
      const { data } = context.getImageData(0, 0, copy.width, copy.height);
      let solid = 0;
      for (let alpha = 3; alpha < data.length; alpha += 4) if (data[alpha] > 128) solid += 1;
      return solid;
    });
    await settle(page);
    const unfocused = await solidPixels();
    assert.ok(unfocused > 0, 'the canvas draws the map');
    await page.keyboard.press('u');
    await page.locator('[data-testid="focus-notice"]').waitFor();
    await eventually(async () => assert.ok((await page.locator('.map [data-node-id].dimmed').count()) > 0, 'nodes outside the focus are dimmed'));
    await settle(page);
    await eventually(async () => {
      const focused = await solidPixels();
      assert.ok(focused < unfocused * 0.8, `the focus fades the canvas (${focused} solid pixels, ${unfocused} before)`);
    });
    await page.screenshot({ path: screenshotPath('bigmap-10000-focus') });
    await page.locator('[data-testid="leave-focus"]').click();
    await waitForCount(page.locator('[data-testid="focus-notice"]'), 0);

    // The minimap outlines the view; a click on it moves there.
    const outline = minimap.locator('.minimap-view');
    const outlined = await outline.boundingBox();
    const miniBox = await minimap.boundingBox();
    await minimap.click({ position: { x: miniBox.width - 4, y: miniBox.height / 2 } });
    await eventually(async () => assert.notDeepEqual(await outline.boundingBox(), outlined, 'the outline moved'));

    assert.deepEqual(problems, [], `problems:\n${formatProblems(problems)}`);
  } finally {
    await context.close();
  }
});
