// Snapshots for docs (issue 5), end to end: share links round-trip without
// touching the receiver's own work, embed mode hides editing, exports match
// the command line, hostile labels stay text, bad links are refused cleanly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  REPO_ROOT, serveAppForTests, screenshotPath, formatProblems, eventually, waitForAttribute, waitForCount, waitForText, readAutosave,
  blackoutBinary,
} from './harness.mjs';

const app = serveAppForTests('/team/docs/risk/');


const open = (url, options) => app.open(url, options);
const nodeCount = (page) => page.locator('[data-node-id]').count();
const transform = (page) => page.locator('.map-layer').getAttribute('style');

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="${testid}"]`).click()]);
  return fs.readFileSync(await file.path());
}

test('a share link carries graph, failures and view, and keeps the receiver’s work', async () => {
  const sender = await open();
  let url;
  try {
    await sender.page.locator('[data-node-id="pangyo"]').click();
    await waitForAttribute(sender.page.locator('[data-node-id="pangyo"]'), 'data-state', 'failed');
    const box = await sender.page.locator('.map').boundingBox();
    await sender.page.mouse.move(box.x + 300, box.y + 200);
    await sender.page.mouse.wheel(0, -300);
    await waitForAttribute(sender.page.locator('.map'), 'data-interaction', 'idle');
    await sender.page.locator('[data-testid="share-link"]').click();
    url = await waitForText(sender.page.locator('[data-testid="share-url"]'), /#b1\./);
    assert.match(url, /\/team\/docs\/risk\/#b1\./);
    assert.match(await sender.page.locator('[data-testid="embed-snippet"]').innerText(), /<iframe src=".*\?embed#b1\./);
    await sender.page.screenshot({ path: screenshotPath('share-panel-1280x800') });
    var senderTransform = await transform(sender.page);
    var senderSummary = await sender.page.locator('[data-testid="summary"]').innerText();
  } finally {
    await sender.context.close();
  }

  // The receiver has work of their own, autosaved.
  const receiver = await open();
  try {
    const { page } = receiver;
    await page.locator('[data-testid="new"]').click();
    await page.locator('[data-testid="add-node"]').click();
    await waitForCount(page.locator('[data-node-id]'), 1);
    await eventually(async () => assert.match((await readAutosave(page)).document, /service-1/));
    await page.goto('about:blank');
    await page.goto(url);
    await page.locator('[data-testid="shared-notice"]').waitFor();
    await waitForAttribute(page.locator('[data-node-id="pangyo"]'), 'data-state', 'failed');
    await waitForText(page.locator('[data-testid="summary"]'), senderSummary);
    await eventually(async () => assert.equal(await transform(page), senderTransform, 'the same view'));
    const stored = (await readAutosave(page)).document;
    assert.match(stored, /service-1/, 'own work is still in storage');
    assert.doesNotMatch(stored, /pangyo/);
    await page.locator('[data-testid="back-to-own"]').click();
    await waitForCount(page.locator('[data-node-id]'), 1);
    assert.equal(new URL(page.url()).hash, '');

    // Keeping a shared map makes it the receiver's work.
    await page.goto('about:blank');
    await page.goto(url);
    await page.locator('[data-testid="keep-shared"]').click();
    await eventually(async () => assert.match((await readAutosave(page)).document, /pangyo/));
    await page.reload();
    await page.locator('[data-testid="summary"]').waitFor();
    assert.ok((await nodeCount(page)) > 50);
    assert.equal(await page.locator('[data-testid="shared-notice"]').count(), 0);
  } finally {
    await receiver.context.close();
  }
});

test('embed mode shows map, legend and summary, allows click-to-fail, hides editing', async () => {
  const sender = await open();
  await sender.page.locator('[data-testid="share-link"]').click();
  const url = await waitForText(sender.page.locator('[data-testid="share-url"]'), /#b1\./);
  await sender.context.close();

  for (const embedUrl of [app.url() + '?embed', url.replace('#', '?embed#')]) {
    const { context, page, problems } = await open(embedUrl, { viewport: { width: 960, height: 600 } });
    try {
      for (const control of ['mode-edit', 'mode-simulate', 'add-node', 'undo', 'redo', 'save', 'open-file', 'share-link', 'export-svg']) {
        assert.equal(await page.locator(`[data-testid="${control}"]`).count(), 0, `${control} is hidden`);
      }
      assert.equal(await page.locator('.side-panel').count(), 0);
      assert.ok(await page.locator('.legend').isVisible());
      await page.locator('[data-testid="fit"]').click();
      await page.locator('[data-node-id="pangyo"]').click();
      await waitForAttribute(page.locator('[data-node-id="talk"]'), 'data-state', 'down');
      await page.screenshot({ path: screenshotPath('embed-960x600') });
      assert.equal(await page.evaluate(() => localStorage.getItem('blackout.autosave.v1')), null, 'an embed stores nothing');
      assert.deepEqual(problems, [], formatProblems(problems));
    } finally {
      await context.close();
    }
  }
});

test('SVG export equals `blackout render`, PNG is 2×, Mermaid is produced', async () => {
  const { context, page } = await open();
  try {
    await page.locator('[data-node-id="pangyo"]').click();
    await waitForAttribute(page.locator('[data-node-id="pangyo"]'), 'data-state', 'failed');
    const svg = (await download(page, 'export-svg')).toString('utf8');
    const cli = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'render-')), 'kakao.svg');
    execFileSync(blackoutBinary(), ['render', path.join(REPO_ROOT, 'assets/examples/kakao-2022.json'), '-o', cli, '--fail', 'pangyo']);
    assert.equal(svg, fs.readFileSync(cli, 'utf8'), 'the app and the command line draw the same picture');
    const wellFormed = await page.evaluate((text) => !new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror'), svg);
    assert.ok(wellFormed);

    const png = await download(page, 'export-png');
    assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG file');
    const svgWidth = Number(/<svg[^>]* width="(\d+)"/.exec(svg)[1]);
    assert.equal(png.readUInt32BE(16), svgWidth * 2, 'rasterised at 2×');

    const mermaid = (await download(page, 'export-mermaid')).toString('utf8');
    assert.match(mermaid, /^flowchart TB/m);
    assert.match(mermaid, /failed/);
  } finally {
    await context.close();
  }
});

test('hostile labels stay text everywhere', async () => {
  const hostile = {
    version: 1,
    title: '</title><script>alert(1)</script>',
    nodes: [
      { id: 'x', label: '<script>alert(1)</script>', kind: 'feature', users: 10, depends_on: ['y'], notes: '<img src=x onerror=alert(2)>' },
      { id: 'y', label: '"><img src=x onerror=alert(3)>', kind: 'datacenter' },
    ],
  };
  const { context, page, dialogs, problems } = await open();
  try {
    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostile)) });
    await page.waitForFunction(() => document.querySelectorAll('[data-node-id]').length === 2);
    assert.equal(await page.locator('img').count(), 0, 'no injected element');
    assert.equal(await page.locator('body script').count(), 0);
    assert.match(await page.locator('[data-node-id="x"] title').textContent(), /<script>alert\(1\)<\/script>/);
    await page.locator('[data-node-id="y"]').click();
    await waitForAttribute(page.locator('[data-node-id="y"]'), 'data-state', 'failed');
    const svg = (await download(page, 'export-svg')).toString('utf8');
    assert.doesNotMatch(svg, /<script|<img/);
    const mermaid = (await download(page, 'export-mermaid')).toString('utf8');
    assert.doesNotMatch(mermaid, /<script|<img/);
    await page.locator('[data-testid="share-link"]').click();
    const url = await waitForText(page.locator('[data-testid="share-url"]'), /#b1\./);
    const embed = await open(url.replace('#', '?embed#'));
    assert.equal(await embed.page.locator('img').count(), 0);
    assert.match(await embed.page.locator('[data-node-id="x"] title').textContent(), /<script>/);
    await embed.context.close();
    assert.deepEqual(dialogs, [], 'nothing executed');
    assert.deepEqual(problems.filter((p) => !p.includes('favicon')), [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('bad links are refused with a message and the user’s own work opens', async () => {
  const first = await open();
  await first.page.locator('[data-testid="share-link"]').click();
  const good = await waitForText(first.page.locator('[data-testid="share-url"]'), /#b1\./);
  await first.page.locator('[data-testid="new"]').click();
  await first.page.locator('[data-testid="add-node"]').click();
  await waitForCount(first.page.locator('[data-node-id]'), 1);
  const context = first.context;
  const page = first.page;
  try {
    const cases = [
      [good.slice(0, Math.floor(good.length * 0.6)), /could not be opened: the link/],
      [app.url() + '#b1.%%%%', /could not be opened/],
      [app.url() + '#hello', /not a Blackout share link/],
      // Longer than Blackout accepts, shorter than the 2 MiB Chromium allows in a URL.
      [app.url() + '#b1.' + 'A'.repeat(2_010_000), /characters long/],
    ];
    for (const [url, message] of cases) {
      // A fresh load each time: a change of fragment alone would not reload the page.
      await page.goto('about:blank');
      await page.goto(url);
      await waitForText(page.locator('[data-testid="error"]'), message);
      await waitForCount(page.locator('[data-node-id]'), 1);
      assert.equal(await page.locator('[data-testid="shared-notice"]').count(), 0);
    }
  } finally {
    await context.close();
  }
});
