// How long features stay dark (issue 10), end to end on the Kakao example:
// failing Pangyo replays 2022 on the Recovery tab's timeline, the time
// control moves the map through the recovery and plays it, single points of
// failure rank by user-hours, the properties panel edits recovery hours, and
// the embed may move through the recovery too. Screenshots of the tab, light
// and dark, desktop and phone, at hour 0 and hour 30.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  serveAppForTests, screenshotPath, formatProblems, eventually, waitForAttribute, waitForCount, waitForText, settle, sleep,
} from './harness.mjs';

const app = serveAppForTests('/recovery/');
const open = (url, options) => app.open(url, options);

const node = (page, id) => page.locator(`[data-node-id="${id}"]`);
const row = (page, id) => page.locator(`[data-restore-feature="${id}"]`);
const hourControl = (page) => page.locator('[data-testid="recovery-hour"]');
const play = (page) => page.locator('[data-testid="recovery-play"]');

/** Fails Pangyo through the stored scenario (works at any width) and shows the Recovery tab. */
async function pangyoFire(page) {
  await page.locator('[data-testid="scenario"]').selectOption({ label: 'Pangyo fire (15 Oct 2022)' });
  await waitForAttribute(node(page, 'pangyo'), 'data-state', 'failed');
  await page.locator('[data-testid="panel-tab-recovery"]').click();
  await waitForCount(page.locator('[data-restore-feature]'), 12);
}

/** The restore hours the timeline lists, in its order (null: never back). */
async function timeline(page) {
  return page.locator('[data-restore-feature]').evaluateAll((rows) =>
    rows.map((r) => ({ id: r.dataset.restoreFeature, hours: r.dataset.hours === '' ? null : Number(r.dataset.hours) })));
}

/** "5.9 billion user-hours" → 5.9e9. */
function userHours(text) {
  const match = /([\d.,]+)(?: (thousand|million|billion))? user-hours/.exec(text);
  assert.ok(match, `no user-hours in "${text}"`);
  const scale = { thousand: 1e3, million: 1e6, billion: 1e9 }[match[2]] ?? 1;
  return Number(match[1].replace(/,/g, '')) * scale;
}

test('failing Pangyo replays 2022 on the timeline; the time control moves the map and plays', async () => {
  const { context, page, problems } = await open();
  try {
    await page.locator('[data-testid="panel-tab-recovery"]').click();
    await waitForText(page.locator('[data-testid="recovery-empty"]'), /Fail a node on the map/);
    assert.equal(await page.locator('[data-testid="recovery-bar"]').count(), 0, 'no recovery line before a failure');
    await page.locator('[data-testid="panel-tab-risks"]').click();
    await pangyoFire(page);

    const rows = await timeline(page);
    const hours = Object.fromEntries(rows.map((r) => [r.id, r.hours]));
    assert.ok(hours.talk >= 9 && hours.talk <= 11, `messaging back after about 10 h, not ${hours.talk}`);
    assert.ok(hours['kakao-mail'] >= 86 && hours['kakao-mail'] <= 90, `Daum Mail after about 88 h, not ${hours['kakao-mail']}`);
    assert.equal(Math.max(...rows.map((r) => r.hours)), 127.5, 'the last feature back after 127 h 30 min');
    assert.ok(!('bank-core' in hours), "KakaoBank's core banking is not dark");
    assert.ok('bank-linked' in hours, 'the KakaoBank features tied to Kakao accounts are');
    assert.ok(rows.every((r) => r.hours !== null), 'everything comes back');
    assert.deepEqual(rows.map((r) => r.hours), [...rows.map((r) => r.hours)].sort((a, b) => a - b), 'sooner first');
    const summary = await waitForText(page.locator('[data-testid="recovery-summary"]'), /^Every feature back after 127\.5 h · [\d.]+ billion user-hours$/);
    assert.ok(userHours(summary) > 1e9, summary);
    // Kakao Pay outlasts its 3-hour tolerance, and says so.
    assert.match(await row(page, 'kakao-pay').innerText(), /Over its 3 h tolerance by/);

    // Hour 12: messaging is back on the map, mail is not, the building still burns.
    assert.equal(await hourControl(page).inputValue(), '0');
    await hourControl(page).fill('12');
    await waitForAttribute(node(page, 'talk'), 'data-state', 'up');
    await waitForAttribute(node(page, 'kakao-mail'), 'data-state', 'down');
    assert.equal(await node(page, 'pangyo').getAttribute('data-state'), 'failed');
    await waitForAttribute(row(page, 'talk'), 'class', 'restore-row back');
    assert.equal(await row(page, 'kakao-mail').getAttribute('class'), 'restore-row dark');
    const back = rows.filter((r) => r.hours <= 12).length;
    await waitForText(page.locator('[data-testid="recovery-progress"]'), `At 12 h since the failure: ${back} of 12 dark features back.`);

    // Play advances the hour and lights the map up; pause holds it.
    await play(page).click();
    await waitForAttribute(play(page), 'aria-pressed', 'true');
    await eventually(async () => assert.ok(Number(await hourControl(page).inputValue()) >= 32));
    await waitForAttribute(node(page, 'talk-photo'), 'data-state', 'up');
    await play(page).click();
    await waitForAttribute(play(page), 'aria-pressed', 'false');
    const paused = await hourControl(page).inputValue();
    await sleep(600);
    await settle(page);
    assert.equal(await hourControl(page).inputValue(), paused, 'paused means still');
    // Played to the end, everything is back and the play stops by itself.
    await play(page).click();
    await eventually(async () => assert.equal(await hourControl(page).inputValue(), '127.5'), { timeout: 30_000 });
    await waitForAttribute(play(page), 'aria-pressed', 'false');
    await waitForCount(page.locator('.node.state-down, .node.state-failed'), 0);

    // A new failure set starts again at the moment of the failure.
    await node(page, 'anyang').click();
    await waitForAttribute(node(page, 'anyang'), 'data-state', 'failed');
    await eventually(async () => assert.equal(await hourControl(page).inputValue(), '0'));
    await waitForAttribute(node(page, 'talk'), 'data-state', 'down');
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('a feature that never comes back is flagged with what blocks it', async () => {
  // The ops tooling and its deploy pipeline need each other: no way back.
  const graph = JSON.stringify({
    version: 1,
    title: 'Cold start',
    nodes: [
      { id: 'chat', label: 'Chat', kind: 'feature', users: 500, depends_on: ['ops', 'dc'], recovery_hours: 1 },
      { id: 'mail', label: 'Mail', kind: 'feature', users: 200, depends_on: ['dc'], recovery_hours: 2, tolerance_hours: 1 },
      { id: 'ops', label: 'Ops tooling', kind: 'service', depends_on: ['deploy'] },
      { id: 'deploy', label: 'Deploy', kind: 'service', depends_on: ['ops', 'dc'] },
      { id: 'dc', label: 'Data center', kind: 'datacenter', recovery_hours: 4 },
    ],
  });
  const { context, page, problems } = await open();
  try {
    await page.locator('[data-testid="open-file"]').setInputFiles({ name: 'cold.json', mimeType: 'application/json', buffer: Buffer.from(graph) });
    await page.waitForFunction(() => document.title.startsWith('Cold start'));
    await node(page, 'dc').click();
    await waitForAttribute(node(page, 'dc'), 'data-state', 'failed');
    await page.locator('[data-testid="panel-tab-recovery"]').click();
    await waitForCount(page.locator('[data-restore-feature]'), 2);
    assert.deepEqual(await timeline(page), [{ id: 'mail', hours: 6 }, { id: 'chat', hours: null }], 'never back last');
    assert.equal(await row(page, 'chat').getAttribute('data-hours'), '');
    const chat = await row(page, 'chat').innerText();
    assert.match(chat, /never back/);
    assert.match(chat, /Waits on Ops tooling\. Cycle with no rebuild: Ops tooling, Deploy\./);
    assert.match(await row(page, 'mail').innerText(), /Over its 1 h tolerance by 5 h/);
    await waitForText(page.locator('[data-testid="recovery-summary"]'), '1 of 2 dark features never come back · 1.2 thousand user-hours for those that do');
    // The time control ends when the last node that comes back is back.
    await hourControl(page).fill('100');
    await eventually(async () => assert.equal(await hourControl(page).inputValue(), '6'));
    await waitForAttribute(node(page, 'mail'), 'data-state', 'up');
    assert.equal(await node(page, 'chat').getAttribute('data-state'), 'down');
    await page.screenshot({ path: screenshotPath('recovery-never-back-1280x800') });
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('single points of failure rank by user-hours as well as by users', async () => {
  const { context, page, problems } = await open();
  try {
    // One row a risk (the members folded under a risk share its numbers).
    const list = page.locator('[data-testid="spof-list"] > li > [data-spof-id]');
    const byUsers = await list.evaluateAll((rows) => rows.map((r) => r.dataset.spofId));
    await page.locator('[data-testid="spof-rank-user-hours"]').click();
    await waitForAttribute(page.locator('[data-testid="spof-rank-user-hours"]'), 'aria-pressed', 'true');
    await eventually(async () => assert.match(await list.first().innerText(), /user-hours/));
    const metas = await list.allInnerTexts();
    const lost = metas.map(userHours);
    assert.deepEqual(lost, [...lost].sort((a, b) => b - a), `by user-hours, most first: ${metas.join(' | ')}`);
    const byHours = await list.evaluateAll((rows) => rows.map((r) => r.dataset.spofId));
    assert.deepEqual([...byHours].sort(), [...byUsers].sort(), 'the same single points of failure');
    assert.notDeepEqual(byHours, byUsers, 'in another order');
    await page.locator('[data-testid="spof-rank-users"]').click();
    await eventually(async () => assert.deepEqual(await list.evaluateAll((rows) => rows.map((r) => r.dataset.spofId)), byUsers));
    // Either way each row says how long it keeps its features dark, with the unit.
    assert.match(await list.first().innerText(), /dark 127\.5 h · 5\.9 billion user-hours$/);
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('the properties panel edits recovery, rebuild and tolerance hours, each one undo step', async () => {
  const { context, page, problems } = await open();
  try {
    await pangyoFire(page);
    await waitForAttribute(row(page, 'talk'), 'data-hours', '10');
    await page.locator('[data-testid="mode-edit"]').click();
    await node(page, 'talk').click();
    const field = (name) => page.locator(`[data-testid="prop-${name}"]`);
    await field('recovery-hours').fill('2');
    await field('recovery-hours').press('Enter');
    await waitForAttribute(row(page, 'talk'), 'data-hours', '12');
    await field('tolerance-hours').fill('4');
    await field('tolerance-hours').press('Enter');
    await waitForText(row(page, 'talk').locator('.tolerance-note'), '⚠ Over its 4 h tolerance by 8 h');
    // Refused values leave the map as it was and name the node and field.
    await field('rebuild-hours').fill('soon');
    await field('rebuild-hours').press('Enter');
    await waitForText(page.locator('[data-testid="error"]'), /"talk": rebuild_hours must be a finite number/);
    await field('recovery-hours').fill('-1');
    await field('recovery-hours').press('Enter');
    await waitForText(page.locator('[data-testid="error"]'), /"talk": recovery_hours -1 must be 0 or more hours/);
    assert.equal(await row(page, 'talk').getAttribute('data-hours'), '12');
    // Tolerance is for features: a service has no such field.
    await node(page, 'talk-api').click();
    await eventually(async () => assert.equal(await field('label').inputValue(), 'KakaoTalk servers'));
    assert.equal(await field('tolerance-hours').count(), 0);
    assert.equal(await field('recovery-hours').inputValue(), '1');
    // Two edits, two undo steps.
    await page.locator('[data-testid="undo"]').click();
    await waitForCount(row(page, 'talk').locator('.tolerance-note'), 0);
    assert.equal(await row(page, 'talk').getAttribute('data-hours'), '12');
    await page.locator('[data-testid="undo"]').click();
    await waitForAttribute(row(page, 'talk'), 'data-hours', '10');
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('the embed shows the recovery line and lets readers move through the recovery', async () => {
  const { context, page, problems } = await open(`${app.url()}?embed`);
  try {
    assert.equal(await page.locator('.side-panel').count(), 0, 'the embed is just the map');
    await node(page, 'pangyo').click();
    await waitForAttribute(node(page, 'pangyo'), 'data-state', 'failed');
    await waitForText(page.locator('[data-testid="recovery-summary"]'), /^Every feature back after 127\.5 h/);
    await hourControl(page).fill('12');
    await waitForAttribute(node(page, 'talk'), 'data-state', 'up');
    assert.equal(await node(page, 'kakao-mail').getAttribute('data-state'), 'down');
    await settle(page);
    await page.screenshot({ path: screenshotPath('recovery-embed-1280x800-12h') });
    const stored = await page.evaluate(() => Object.keys(localStorage));
    assert.deepEqual(stored, [], 'the embed stores nothing');
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('screenshots of the Recovery tab after the Pangyo fire, at hour 0 and hour 30', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      const { context, page, problems } = await open(undefined, { viewport: { width, height }, colorScheme });
      try {
        await pangyoFire(page);
        await settle(page);
        await page.screenshot({ path: screenshotPath(`recovery-${colorScheme}-${width}x${height}-0h`) });
        await hourControl(page).fill('30');
        await waitForAttribute(node(page, 'talk-photo'), 'data-state', 'up');
        await settle(page);
        await page.screenshot({ path: screenshotPath(`recovery-${colorScheme}-${width}x${height}-30h`) });
        assert.deepEqual(problems, [], formatProblems(problems));
      } finally {
        await context.close();
      }
    }
  }
});
