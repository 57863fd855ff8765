// Bring your architecture in (issue 13), end to end: Open and drag-and-drop
// read every import format, one file or several, as `blackout import` does
// (the same fixtures accepted and refused, with the same message); a bad
// file changes nothing on screen or in storage; DOT, CSV and MEF exports are
// what `blackout export` writes, and Open reads them back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  REPO_ROOT, serveAppForTests, screenshotPath, formatProblems, eventually, waitForCount, waitForText, readAutosave, settle,
  blackoutBinary,
} from './harness.mjs';

const app = serveAppForTests('/files/');
const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures');
const IMPORT = path.join(FIXTURES, 'import');

const nodes = (page) => page.locator('[data-node-id]');
const nodeIds = (page) => nodes(page).evaluateAll((all) => all.map((n) => n.getAttribute('data-node-id')).sort());
const errorText = (page) => page.locator('[data-testid="error"] span');

/** `blackout import NAMES… -o OUT` run in `dir`: {ok, ids, title} or {ok: false, message} (stderr without "blackout: "). */
function cliImport(dir, names) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'blackout-import-')), 'out.json');
  const run = spawnSync(blackoutBinary(), ['import', ...names, '-o', out], { cwd: dir, encoding: 'utf8' });
  if (run.status === 0) {
    const model = JSON.parse(fs.readFileSync(out, 'utf8'));
    return { ok: true, ids: model.nodes.map((n) => n.id).sort(), title: model.title || '' };
  }
  assert.equal(run.status, 2, run.stderr);
  return { ok: false, message: run.stderr.trim().replace(/^blackout: /, '') };
}

/** `blackout export FILE --to FORMAT -o OUT`: the text. */
function cliExport(file, format) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'blackout-export-')), `out.${format}`);
  const run = spawnSync(blackoutBinary(), ['export', file, '--to', format, '-o', out], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return fs.readFileSync(out, 'utf8');
}

const asFile = (dir, name) => ({ name, mimeType: 'application/octet-stream', buffer: fs.readFileSync(path.join(dir, name)) });

/** Drops files ({name, text}) on the page, as a user dragging them from a file manager. */
function drop(page, files) {
  return page.evaluate((files) => {
    const data = new DataTransfer();
    for (const { name, text } of files) data.items.add(new File([text], name));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

/** Exports through the header's "More…" menu (option values: 0 DOT, 1 CSV, 2 MEF). */
const exportOption = (page, format) => page.locator('[data-testid="export-format"]').selectOption({ value: String(['dot', 'csv', 'mef'].indexOf(format)) });

async function download(page, format) {
  const [file] = await Promise.all([page.waitForEvent('download'), exportOption(page, format)]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

test('a multi-document Backstage catalog dropped on the app is one map and one undo step', async () => {
  const { context, page, problems } = await app.open();
  try {
    const expected = cliImport(IMPORT, ['catalog.yaml', 'infra.yaml']);
    assert.ok(expected.ok);
    const text = (name) => fs.readFileSync(path.join(IMPORT, name), 'utf8');
    await drop(page, [{ name: 'catalog.yaml', text: text('catalog.yaml') }, { name: 'infra.yaml', text: text('infra.yaml') }]);
    await waitForCount(nodes(page), expected.ids.length, { timeout: 30_000 });
    assert.deepEqual(await nodeIds(page), expected.ids);
    // The API provided by two components: "any" of them, so neither is a single point of failure.
    await page.locator('[data-node-id="api:default/orders"]').waitFor();
    assert.equal(await page.locator('[data-node-id="component:default/orders-eu"]').getAttribute('data-spof'), null);
    assert.equal(await page.locator('[data-node-id="resource:default/orders-db"]').getAttribute('data-spof'), 'true');
    await page.locator('[data-testid="undo"]').click();
    await page.waitForFunction(() => document.title.startsWith('Kakao'));
    assert.ok(await page.locator('[data-testid="undo"]').isDisabled(), 'the import was one undo step');
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('screenshots of an imported catalog, light and dark, wide and narrow', async () => {
  const text = (name) => fs.readFileSync(path.join(IMPORT, name), 'utf8');
  for (const colorScheme of ['light', 'dark']) {
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      const { context, page } = await app.open(undefined, { viewport: { width, height }, colorScheme });
      try {
        await page.locator('[data-testid="open-file"]').setInputFiles([asFile(IMPORT, 'catalog.yaml'), asFile(IMPORT, 'infra.yaml')]);
        await page.locator('[data-node-id="api:default/orders"]').waitFor({ timeout: 30_000 });
        await settle(page);
        await page.screenshot({ path: screenshotPath(`files-catalog-${colorScheme}-${width}x${height}`) });
        assert.ok(text('catalog.yaml').length > 0);
      } finally {
        await context.close();
      }
    }
  }
});

test('the app accepts and refuses exactly the files blackout import does, with the same message', async () => {
  const cases = [
    ...fs.readdirSync(IMPORT).map((name) => [IMPORT, name]),
    ...fs.readdirSync(path.join(FIXTURES, 'mef')).map((name) => [path.join(FIXTURES, 'mef'), name]),
    ...fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.json')).map((name) => [FIXTURES, name]),
  ];
  assert.ok(cases.length > 30, `${cases.length} fixtures`);
  const { context, page, problems } = await app.open();
  try {
    for (const [dir, name] of cases) {
      const expected = cliImport(dir, [name]);
      const before = await nodeIds(page);
      const title = await page.title();
      await page.locator('[data-testid="open-file"]').setInputFiles(asFile(dir, name));
      if (expected.ok) {
        await eventually(async () => assert.deepEqual(await nodeIds(page), expected.ids, name), { timeout: 30_000 });
        await eventually(async () => assert.equal(await page.title(), expected.title ? `${expected.title} · Blackout` : 'Blackout', name));
        assert.equal(await page.locator('[data-testid="error"]').count(), 0, `${name} is accepted without a message`);
      } else {
        await waitForText(errorText(page), expected.message, { timeout: 30_000 });
        assert.deepEqual(await nodeIds(page), before, `${name} changed nothing`);
        assert.equal(await page.title(), title);
        await page.locator('[data-testid="error"] button').click();
        await waitForCount(page.locator('[data-testid="error"]'), 0);
      }
    }
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('a bad CSV dropped on the app names the file, line and node, and changes nothing on screen or in storage', async () => {
  const { context, page } = await app.open();
  try {
    // Own work in storage first.
    await page.locator('[data-node-id="anyang"]').click();
    await eventually(async () => assert.deepEqual((await readAutosave(page))?.failed, ['anyang']));
    const storage = () => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    const [stored, ids, summary] = [await storage(), await nodeIds(page), await page.locator('[data-testid="summary"]').innerText()];
    const expected = cliImport(IMPORT, ['bad-users.csv']);
    assert.equal(expected.message, 'bad-users.csv line 3: node "shop": users: "many" is not a whole number of users');
    await drop(page, [{ name: 'bad-users.csv', text: fs.readFileSync(path.join(IMPORT, 'bad-users.csv'), 'utf8') }]);
    await waitForText(errorText(page), expected.message, { timeout: 30_000 });
    // A catalog that needs a file not given: the missing reference, named with its line.
    await drop(page, [{ name: 'catalog.yaml', text: fs.readFileSync(path.join(IMPORT, 'catalog.yaml'), 'utf8') }]);
    await waitForText(errorText(page), /^catalog\.yaml line 90: component:default\/orders-eu depends on "resource:infra\/eu-west"/, { timeout: 30_000 });
    // Two formats at once are refused too.
    await drop(page, [{ name: 'a.csv', text: 'id\na\n' }, { name: 'b.dot', text: 'digraph { b }' }]);
    await waitForText(errorText(page), 'b.dot is Graphviz DOT but a.csv is CSV: import files of one format at a time');
    await page.screenshot({ path: screenshotPath('files-bad-file-1280x800') });
    assert.deepEqual(await nodeIds(page), ids);
    assert.equal(await page.locator('[data-testid="summary"]').innerText(), summary);
    assert.equal(await page.locator('[data-node-id="anyang"]').getAttribute('data-state'), 'failed');
    assert.ok(await page.locator('[data-testid="undo"]').isDisabled(), 'no undo step');
    assert.equal(await storage(), stored, 'storage is untouched');
  } finally {
    await context.close();
  }
});

test('DOT, CSV and MEF exports are what blackout export writes, and Open reads them back', async () => {
  const { context, page, problems } = await app.open();
  try {
    const kakao = path.join(REPO_ROOT, 'assets', 'examples', 'kakao-2022.json');
    const ids = await nodeIds(page);
    for (const [format, extension] of [['dot', 'dot'], ['csv', 'csv']]) {
      const exported = await download(page, format);
      assert.equal(exported.name, `kakao-october-2022.${extension}`);
      assert.equal(exported.text, cliExport(kakao, format), `${format} as the command line writes it`);
      // Read back: a new undo step with the same nodes.
      await page.locator('[data-testid="new"]').click();
      await waitForCount(nodes(page), 0);
      await page.locator('[data-testid="open-file"]').setInputFiles({ name: exported.name, mimeType: 'text/plain', buffer: Buffer.from(exported.text) });
      await eventually(async () => assert.deepEqual(await nodeIds(page), ids, format), { timeout: 30_000 });
    }
    // The Kakao example has a cycle (incident response needs KakaoTalk): no fault tree.
    // (Read back from CSV, which carries no title, the file is named blackout.xml.)
    await exportOption(page, 'mef');
    await waitForText(errorText(page), /^Could not make blackout\.xml: a fault tree has no cycles, and this graph has one: talk → /);
    // An acyclic map does export, and reads back.
    const regions = path.join(REPO_ROOT, 'assets', 'examples', 'two-regions.json');
    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'two-regions.json', mimeType: 'application/json', buffer: fs.readFileSync(regions) });
    await page.waitForFunction(() => !document.title.startsWith('Kakao'));
    const regionIds = await nodeIds(page);
    const mef = await download(page, 'mef');
    assert.equal(mef.text, cliExport(regions, 'mef'));
    await page.locator('[data-testid="new"]').click();
    await page.locator('[data-testid="open-file"]').setInputFiles({ name: mef.name, mimeType: 'application/xml', buffer: Buffer.from(mef.text) });
    await eventually(async () => assert.deepEqual(await nodeIds(page), regionIds), { timeout: 30_000 });
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});
