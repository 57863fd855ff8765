// Risk in numbers (issue 11), end to end: the Availability tab analyses the
// Kakao map in slices (progress, then results) and shows what
// `blackout analyze --json` computes for the same document: availability per
// feature, the pairs and triples of failures, the ranking and the fixes. A
// cut set fails on the map; a fix's preview marks the map and changes
// nothing; Apply is one undo step the autosave follows; MTBF / MTTR give the
// numbers the command line gives; a long analysis can be cancelled; the
// embed has no way to apply a fix. Screenshots, light and dark, desktop and
// phone, with results and with a fix previewed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  REPO_ROOT, serveAppForTests, screenshotPath, formatProblems, eventually, waitForAttribute, waitForCount, waitForText,
  readAutosave, settle, blackoutBinary, sleep,
} from './harness.mjs';

const app = serveAppForTests('/availability/');
const KAKAO = path.join(REPO_ROOT, 'assets', 'examples', 'kakao-2022.json');

const node = (page, id) => page.locator(`[data-node-id="${id}"]`);
const feature = (page, id) => page.locator(`[data-testid="availability-feature"][data-feature-id="${id}"]`);
const fixes = (page) => page.locator('[data-testid="fix"]');
const undo = (page) => page.locator('[data-testid="undo"]');

/** `blackout analyze FILE --json`, parsed. */
function analyze(file) {
  return JSON.parse(execFileSync(blackoutBinary(), ['analyze', file, '--json'], { encoding: 'utf8' }));
}

/** `blackout analyze --json` of a document's text. */
function analyzeText(text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blackout-availability-'));
  try {
    const file = path.join(dir, 'map.json');
    fs.writeFileSync(file, text);
    return analyze(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Opens the Availability tab and waits for its results. Resolves to whether
 * the progress showed on the way (watched from before the click, so even a
 * quick analysis is seen).
 */
async function showAvailability(page) {
  await page.evaluate(() => {
    window.progressSeen = false;
    const seen = () => document.querySelector('[data-testid="availability-progress"]') !== null;
    new MutationObserver((_, observer) => {
      if (seen()) {
        window.progressSeen = true;
        observer.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.locator('[data-testid="panel-tab-availability"]').click();
  await page.locator('[data-testid="fix-list"]').waitFor({ timeout: 60_000 });
  await waitForCount(page.locator('[data-testid="availability-progress"]'), 0);
  return page.evaluate(() => window.progressSeen);
}

/** "99.7 % · 24 h a year" → {percent, hours}, with the step each was rounded to. */
function figure(text) {
  const match = /^([\d.]+) % · ([\d.]+) (h|min|s) a year$/.exec(text);
  assert.ok(match, `an exact availability, not "${text}"`);
  const decimals = (match[1].split('.')[1] ?? '').length;
  const perHour = { h: 1, min: 60, s: 3600 }[match[3]];
  const hourDecimals = (match[2].split('.')[1] ?? '').length;
  return {
    percent: Number(match[1]),
    percentStep: 10 ** -decimals,
    hours: Number(match[2]) / perHour,
    hoursStep: 10 ** -hourDecimals / perHour,
  };
}

/** Whether `shown` is `exact` rounded to `step` (half a step either way, and a little for binary floats). */
function rounds(shown, exact, step, what) {
  assert.ok(Math.abs(shown - exact) <= step / 2 + 1e-9, `${what}: shows ${shown}, the command line computes ${exact}`);
}

/** "216 M" → 216e6 (the app's short number form). */
function shortNumber(text) {
  const match = /^([\d.]+)(?: (k|M|B))?$/.exec(text);
  assert.ok(match, `a short number, not "${text}"`);
  return Number(match[1]) * ({ k: 1e3, M: 1e6, B: 1e9 }[match[2]] ?? 1);
}

/** Each feature's figure on the tab agrees with the command line's availability and hours down. */
async function assertFiguresMatch(page, expected) {
  for (const risk of expected.features) {
    const text = (await feature(page, risk.id).locator('[data-testid="availability-figure"]').textContent()).trim();
    const shown = figure(text);
    rounds(shown.percent, risk.availability * 100, shown.percentStep, `${risk.id}'s availability`);
    rounds(shown.hours, risk.hours_down_per_year, shown.hoursStep, `${risk.id}'s hours down a year`);
  }
}

/** The cut sets of one size listed for a feature: the count in the heading and the listed ids (sorted in each). */
async function listedCutSets(page, id, size) {
  const heading = size === 2 ? 'Pairs' : 'Triples';
  const block = feature(page, id).locator('.cut-sets').filter({ has: page.locator('h3', { hasText: heading }) });
  if ((await block.count()) === 0) return { count: 0, listed: [] };
  const title = (await block.locator('h3').textContent()).trim();
  const count = Number(new RegExp(`^${heading} \\((\\d+)\\)$`).exec(title)?.[1]);
  const listed = await block.locator('[data-testid="cut-set"]').evaluateAll((buttons) =>
    buttons.map((b) => b.dataset.cutSet.split(',').sort().join(',')));
  return { count, listed };
}

test('the Kakao analysis shows its progress, then what the command line computes; a pair fails on the map', async () => {
  const expected = analyze(KAKAO);
  const { context, page, problems } = await app.open();
  try {
    assert.ok(await showAvailability(page), 'the progress shows while the analysis runs');
    // No Kakao node states an availability: every feature is always up, and the tab says why.
    assert.equal(expected.expected_user_hours, 0);
    await waitForText(page.locator('[data-testid="expected-loss"] p'), /^No node states an availability/);
    await waitForCount(page.locator('[data-testid="availability-feature"]'), expected.features.length);
    await assertFiguresMatch(page, expected);

    // The pairs and triples of every feature: as many as the command line finds, and the listed ones among them.
    let pairs = 0;
    for (const risk of expected.features) {
      for (const size of [2, 3]) {
        const cli = (risk.cut_sets ?? []).filter((set) => set.length === size).map((set) => set.join(','));
        const { count, listed } = await listedCutSets(page, risk.id, size);
        assert.equal(count, cli.length, `${risk.id}: cut sets of ${size}`);
        assert.equal(listed.length, Math.min(cli.length, 12), `${risk.id}: up to 12 listed`);
        for (const set of listed) assert.ok(cli.includes(set), `${risk.id}: ${set} is a cut set the command line finds`);
        if (size === 2) pairs += cli.length;
      }
    }
    assert.ok(pairs > 0, 'Kakao has pairs of failures that take features down');

    // The ranking and the fixes, in the command line's order.
    const ranking = await page.locator('[data-testid="importance-ranking"] > li').evaluateAll((rows) => rows.map((r) => r.dataset.node));
    assert.deepEqual(ranking, expected.ranking.slice(0, 12).map((r) => r.id));
    const titles = await fixes(page).locator('.fix-title').allTextContents();
    assert.deepEqual(titles, expected.fixes.map((f) => f.description));
    // The JSON's users_protected is a sum over features (216 M); people are
    // said by the audience rule, never more than Kakao's 47 M.
    const protectedUsers = await fixes(page).locator('.meta').first().textContent();
    assert.match(protectedUsers, /^Protects 47 M people/);
    assert.ok(Math.abs(expected.fixes[0].users_protected - 216e6) < 0.5e6, `${expected.fixes[0].users_protected} users`);

    // A pair of the feature opened first fails on the map, and only it.
    const open = page.locator('details[open][data-testid="availability-feature"]');
    await waitForCount(open, 1);
    const pair = open.locator('[data-testid="cut-set"]').first();
    const ids = (await pair.getAttribute('data-cut-set')).split(',');
    assert.equal(ids.length, 2);
    await pair.click();
    for (const id of ids) await waitForAttribute(node(page, id), 'data-state', 'failed');
    await waitForCount(page.locator('[data-node-id][data-state="failed"]'), 2);
    const featureId = await open.getAttribute('data-feature-id');
    await waitForAttribute(node(page, featureId), 'data-state', 'down');
    assert.ok(await undo(page).isDisabled(), 'failing nodes is no undo step');
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test("a fix's preview marks the map and changes nothing; Apply is one undo step and the autosave follows", async () => {
  const expected = analyze(KAKAO);
  const fix = expected.fixes[0];
  const added = fix.changes.filter((c) => c.add_node).map((c) => c.add_node.id);
  const changed = fix.changes.flatMap((c) => Object.values(c).map((v) => v.node)).filter(Boolean);
  assert.ok(added.length > 0 && changed.length > 0, 'the first Kakao fix adds a replica and rewires its dependents');
  const { context, page, problems } = await app.open();
  try {
    await showAvailability(page);
    await settle(page);
    const stored = await readAutosave(page);
    const preview = fixes(page).first().locator('[data-testid="fix-preview"]');

    await preview.click();
    await waitForAttribute(preview, 'aria-pressed', 'true');
    await waitForText(fixes(page).first().locator('[data-testid="fix-changes"]'), /^Adds .+ Changes .+ \(dashed on the map\)\. Protects .+ \(ringed\)\.$/);
    for (const id of changed) await waitForAttribute(node(page, id), 'data-preview', 'changes');
    const marks = await page.locator('[data-node-id][data-preview]').evaluateAll((nodes) =>
      Object.fromEntries(nodes.map((n) => [n.dataset.nodeId, n.dataset.preview])));
    const ringed = Object.keys(marks).filter((id) => marks[id] === 'protects').sort();
    assert.deepEqual(ringed, fix.features_protected.filter((id) => marks[id] !== 'changes').sort(), 'the protected features are ringed');
    for (const id of added) assert.equal(await node(page, id).count(), 0, `${id} is not added by a preview`);
    // Nothing in the document changed: no undo step, nothing stored, nothing failed.
    await settle(page);
    assert.ok(await undo(page).isDisabled(), 'a preview is no undo step');
    assert.deepEqual(await readAutosave(page), stored, 'a preview stores nothing');
    await waitForCount(page.locator('[data-node-id][data-state="failed"]'), 0);
    // Hiding it clears the map.
    await preview.click();
    await waitForAttribute(preview, 'aria-pressed', 'false');
    await waitForCount(page.locator('[data-node-id][data-preview]'), 0);
    // Another tab ends it too: only this tab says what the marks mean.
    await preview.click();
    await waitForAttribute(node(page, changed[0]), 'data-preview', 'changes');
    await page.locator('[data-testid="panel-tab-risks"]').click();
    await waitForCount(page.locator('[data-node-id][data-preview]'), 0);
    await page.locator('[data-testid="panel-tab-availability"]').click();
    await waitForAttribute(preview, 'aria-pressed', 'false');

    // Apply (while previewed): the replica is on the map, one undo step, stored, and analysed afresh.
    await preview.click();
    await waitForAttribute(preview, 'aria-pressed', 'true');
    await fixes(page).first().locator('[data-testid="fix-apply"]').click();
    for (const id of added) await node(page, id).waitFor();
    await waitForCount(page.locator('[data-node-id][data-preview]'), 0);
    assert.ok(await undo(page).isEnabled());
    await eventually(async () => {
      const saved = JSON.parse((await readAutosave(page)).document);
      for (const id of added) assert.ok(saved.nodes.some((n) => n.id === id), `${id} stored`);
    });
    await page.locator('[data-testid="fix-list"]').waitFor({ timeout: 60_000 });
    await eventually(async () => assert.notEqual(await fixes(page).locator('.fix-title').first().textContent(), fix.description));
    const saved = (await readAutosave(page)).document;
    const after = analyzeText(saved);
    assert.deepEqual(await fixes(page).locator('.fix-title').allTextContents(), after.fixes.map((f) => f.description),
      'the fixed map has the fixes the command line finds for it');

    // One undo step takes it all back, the autosave too.
    await undo(page).click();
    for (const id of added) await waitForCount(node(page, id), 0);
    await eventually(async () => assert.ok(await undo(page).isDisabled(), 'back to no undo step'));
    await eventually(async () => {
      const now = JSON.parse((await readAutosave(page)).document);
      for (const id of added) assert.ok(!now.nodes.some((n) => n.id === id), `${id} no longer stored`);
    });
    await waitForText(fixes(page).first().locator('.fix-title'), fix.description);
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('availabilities from MTBF / MTTR give the numbers the command line gives', async () => {
  const { context, page, problems } = await app.open();
  try {
    await page.locator('[data-testid="mode-edit"]').click();
    // The building: fails once a year for a day.
    await node(page, 'pangyo').click();
    const field = (name) => page.locator(`[data-testid="prop-${name}"]`);
    await field('mtbf-mttr').fill('8760 / 24');
    await field('mtbf-mttr').press('Enter');
    await eventually(async () => assert.equal(Number(await field('availability').inputValue()), 8760 / 8784));
    assert.equal(await field('mtbf-mttr').inputValue(), '', 'the MTBF / MTTR field empties once applied');
    // Nonsense says which node and field, and changes nothing.
    await field('mtbf-mttr').fill('often');
    await field('mtbf-mttr').press('Enter');
    await waitForText(page.locator('[data-testid="error"]'), /"pangyo": availability/);
    assert.equal(Number(await field('availability').inputValue()), 8760 / 8784);
    // The other site, by its availability.
    await node(page, 'anyang').click();
    await eventually(async () => assert.equal(await field('label').inputValue(), 'Kakao Anyang site'));
    await field('availability').fill('0.999');
    await field('availability').press('Enter');
    await eventually(async () => {
      const saved = JSON.parse((await readAutosave(page)).document);
      assert.equal(saved.nodes.find((n) => n.id === 'anyang').availability, 0.999);
    });

    await showAvailability(page);
    const expected = analyzeText((await readAutosave(page)).document);
    assert.ok(expected.expected_user_hours > 0);
    await assertFiguresMatch(page, expected);
    // Least available first: a feature on Pangyo alone, down a day a year.
    const first = page.locator('[data-testid="availability-feature"]').first();
    const least = expected.features.reduce((a, b) => (b.availability < a.availability ? b : a));
    const firstId = await first.getAttribute('data-feature-id');
    assert.equal(expected.features.find((f) => f.id === firstId).availability, least.availability);
    const loss = await waitForText(page.locator('[data-testid="expected-loss"] p'), /^[\d.]+(?: [kMB])? user-hours a year over \d+ features$/);
    const [, amount, count] = /^(.+) user-hours a year over (\d+) features$/.exec(loss);
    assert.equal(Number(count), expected.features.length);
    const total = shortNumber(amount);
    assert.ok(Math.abs(total - expected.expected_user_hours) <= 0.05 * expected.expected_user_hours, `${loss} vs ${expected.expected_user_hours}`);
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('a long analysis shows its progress and can be cancelled, and started again', async () => {
  // 500 generated nodes: an analysis of several seconds, in slices.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blackout-availability-'));
  const file = path.join(dir, 'big.json');
  try {
    execFileSync(blackoutBinary(), ['generate', '--nodes', '500', '-o', file]);
    const { context, page, problems } = await app.open();
    try {
      await page.locator('[data-testid="open-file"]').setInputFiles(file);
      await node(page, 'n499').waitFor({ state: 'attached', timeout: 30_000 });
      await page.locator('[data-testid="panel-tab-availability"]').click();
      const progress = page.locator('[data-testid="availability-progress"]');
      await waitForText(progress.locator('p'), /^Analysing… \d+ %$/);
      // The page answers while it runs: the progress moves and Cancel is heard.
      await eventually(async () => assert.ok(Number(await progress.locator('progress').getAttribute('value')) > 0));
      await page.locator('[data-testid="availability-cancel"]').click();
      await waitForText(page.locator('[data-testid="panel-availability"] p'), 'Analysis cancelled.');
      await sleep(500);
      await settle(page);
      assert.equal(await progress.count(), 0, 'cancelled means stopped');
      assert.equal(await page.locator('[data-testid="fix-list"]').count(), 0);
      // Another tab and back: still cancelled, until Analyse.
      await page.locator('[data-testid="panel-tab-risks"]').click();
      await page.locator('[data-testid="panel-tab-availability"]').click();
      await waitForText(page.locator('[data-testid="panel-availability"] p'), 'Analysis cancelled.');
      await page.locator('[data-testid="availability-start"]').click();
      await waitForText(progress.locator('p'), /^Analysing… \d+ %$/);
      await page.locator('[data-testid="availability-cancel"]').click();
      await waitForCount(page.locator('[data-testid="availability-start"]'), 1);
      assert.deepEqual(problems, [], formatProblems(problems));
    } finally {
      await context.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the embed has no Availability tab and no way to apply a fix', async () => {
  const { context, page, problems } = await app.open(`${app.url()}?embed`);
  try {
    await node(page, 'pangyo').click();
    await waitForAttribute(node(page, 'pangyo'), 'data-state', 'failed');
    await settle(page);
    for (const hook of ['panel-tab-availability', 'panel-availability', 'fix-apply', 'fix-preview', 'prop-mtbf-mttr']) {
      assert.equal(await page.locator(`[data-testid="${hook}"]`).count(), 0, `no ${hook} in the embed`);
    }
    assert.equal(await page.locator('[data-node-id][data-preview]').count(), 0);
    // Keys that edit elsewhere edit nothing here.
    await page.keyboard.press('Control+z');
    await settle(page);
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'the embed stores nothing');
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('screenshots of the Availability tab with results and with a fix previewed', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      const { context, page, problems } = await app.open(undefined, { viewport: { width, height }, colorScheme });
      try {
        await showAvailability(page);
        const name = `availability-${colorScheme}-${width}x${height}`;
        // The tab's top (on a phone the page scrolls to the panel below the map).
        await page.locator('.side-panel').evaluate((panel) => panel.scrollIntoView({ block: 'start' }));
        await settle(page);
        await page.screenshot({ path: screenshotPath(`${name}-results`) });
        // The least available feature, open: its pairs and triples.
        await page.locator('[data-testid="availability-feature"]').first().evaluate((details) => details.scrollIntoView({ block: 'start' }));
        await settle(page);
        await page.screenshot({ path: screenshotPath(`${name}-features`) });
        await fixes(page).first().locator('[data-testid="fix-preview"]').click();
        await waitForAttribute(node(page, 'cache'), 'data-preview', 'changes');
        await fixes(page).first().evaluate((fix) => fix.scrollIntoView({ block: 'start' }));
        await settle(page);
        await page.screenshot({ path: screenshotPath(`${name}-preview`) });
        if (width < 760) {
          // On a phone the map is above the panel: the marks there too.
          await page.evaluate(() => window.scrollTo(0, 0));
          await settle(page);
          await page.screenshot({ path: screenshotPath(`${name}-preview-map`) });
        }
        assert.deepEqual(problems, [], formatProblems(problems));
      } finally {
        await context.close();
      }
    }
  }
});
