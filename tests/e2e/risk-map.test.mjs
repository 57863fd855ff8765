// The risk map (issue 3), end to end: the Kakao example opens with its single
// points of failure, failing Pangyo darkens what went dark in 2022, the
// explanation tree is shown, reset restores everything; pan and zoom work.
// Every check after an action waits for its condition.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAppForTests, screenshotPath, formatProblems, eventually, waitForAttribute, waitForText, settle } from './harness.mjs';

// What went dark on 15 October 2022 (ids in assets/examples/kakao-2022.json).
const WENT_DARK = [
  'talk', 'talk-photo', 'kakao-login', 'kakao-pay', 'kakao-t', 'kakao-map',
  'kakao-mail', 'daum', 'tistory', 'kakaopage', 'melon-login', 'bank-linked',
];

const app = serveAppForTests('/docs/blackout/');

const open = (options) => app.open(undefined, options);

const node = (page, id) => page.locator(`[data-node-id="${id}"]`);
const summary = (page) => page.locator('[data-testid="summary"]');
// With nothing failed the summary line leads with the biggest risk.
const HEADLINE = 'One building, SK C&C Pangyo, takes down 12 of 13 features — 47 M people, for 127.5 hours';

test('Kakao map: SPOFs, click Pangyo, explanation, reset', async () => {
  const { context, page, problems } = await open();
  try {
    assert.match(await page.title(), /Kakao, October 2022/);
    assert.ok((await page.locator('[data-node-id]').count()) >= 50);
    assert.equal(await node(page, 'pangyo').getAttribute('data-spof'), 'true');
    assert.equal(await node(page, 'anyang').getAttribute('data-spof'), null);
    const spofList = await page.locator('[data-testid="spof-list"]').innerText();
    assert.match(spofList, /SK C&C Pangyo/);
    // People, never a sum over features (216 M) presented as a head count.
    assert.match(spofList, /12 of 13 features · 47 M people/);
    assert.doesNotMatch(spofList, /216 M/);
    await waitForText(summary(page), HEADLINE);

    await page.locator('[data-testid="mode-simulate"]').click();
    await node(page, 'pangyo').click();
    await waitForAttribute(node(page, 'pangyo'), 'data-state', 'failed');
    for (const id of WENT_DARK) await waitForAttribute(node(page, id), 'data-state', 'down');
    assert.equal(await node(page, 'bank-core').getAttribute('data-state'), 'up', 'KakaoBank core banking kept working');
    await waitForText(summary(page), `${WENT_DARK.length} of 13 features dark · 47 M people`);
    await page.screenshot({ path: screenshotPath('kakao-pangyo-failed-1280x800') });

    // Selecting a dark feature explains why it is dark.
    await page.locator('[data-feature-id="kakao-pay"]').click();
    const explanation = await waitForText(page.locator('[data-testid="explanation"]'), /Kakao Pay/);
    assert.match(explanation, /needs both of its dependencies — Kakao Pay servers and Kakao account auth are down/);
    // The whole tree is there (deeper levels open on a click), down to the building.
    assert.match(await page.locator('[data-testid="explanation"]').textContent(), /SK C&C Pangyo failed/);
    await eventually(async () => assert.ok((await page.locator('.node.lit').count()) >= 3, 'the tree is highlighted on the map'));
    await page.screenshot({ path: screenshotPath('kakao-explanation-1280x800') });

    await page.locator('[data-testid="reset"]').click();
    for (const id of WENT_DARK) await waitForAttribute(node(page, id), 'data-state', 'up');
    await waitForText(summary(page), HEADLINE);

    // Failing the other site alone darkens nothing user-facing; the click
    // itself must have done something for that to mean anything.
    await node(page, 'anyang').click();
    await waitForAttribute(node(page, 'anyang'), 'data-state', 'failed');
    await waitForText(summary(page), 'All 13 features up');
    assert.equal(await page.locator('.feature-list .state-down').count(), 0, 'no feature went dark');
    await page.locator('[data-testid="reset"]').click();
    await waitForAttribute(node(page, 'anyang'), 'data-state', 'up');
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('stored scenarios can be picked', async () => {
  const { context, page } = await open();
  try {
    await page.locator('[data-testid="scenario"]').selectOption({ label: 'Pangyo fire (15 Oct 2022)' });
    await waitForAttribute(node(page, 'pangyo'), 'data-state', 'failed');
    await waitForAttribute(node(page, 'talk'), 'data-state', 'down');
  } finally {
    await context.close();
  }
});

test('pan, zoom and fit change the view', async () => {
  const { context, page } = await open();
  try {
    const layer = page.locator('.map-layer');
    const transform = () => layer.getAttribute('style');
    const before = await transform();
    const box = await page.locator('.map').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + 30);
    await page.mouse.wheel(0, -400);
    const zoomed = await eventually(async () => {
      const now = await transform();
      assert.notEqual(now, before, 'wheel zooms');
      return now;
    });
    // The zoom ends when the wheel is still.
    await waitForAttribute(page.locator('.map'), 'data-interaction', 'idle');
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + 90, { steps: 5 });
    await page.mouse.up();
    await eventually(async () => assert.notEqual(await transform(), zoomed, 'drag pans'));
    await page.locator('[data-testid="fit"]').click();
    await eventually(async () => assert.equal(await transform(), before, 'fit returns to the whole map'));
    // The drag must not have failed anything, and the keyboard still does.
    await settle(page);
    assert.equal(await page.locator('[data-state="failed"]').count(), 0);
    await node(page, 'pangyo').focus();
    await page.keyboard.press('Enter');
    await waitForAttribute(node(page, 'pangyo'), 'data-state', 'failed');
  } finally {
    await context.close();
  }
});

test('dark theme and phone width render', async () => {
  const dark = await open({ colorScheme: 'dark' });
  await dark.page.screenshot({ path: screenshotPath('kakao-dark-1280x800') });
  await dark.context.close();
  const phone = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  assert.ok(await phone.page.locator('[data-testid="summary"]').isVisible());
  // A tap fails a node on a phone too.
  await phone.page.locator('[data-node-id="pangyo"]').tap();
  await waitForAttribute(phone.page.locator('[data-node-id="pangyo"]'), 'data-state', 'failed');
  await phone.page.screenshot({ path: screenshotPath('kakao-phone-390x844') });
  await phone.context.close();
});
