// The executive view (issue 9), end to end: honest numbers and the
// headline, why a feature is dark, the one-page report printed to PDF,
// scenarios made and kept across a reload, search and focus, the embed
// fitting its frame, the share panel's Copy buttons, phone width; and the
// screenshots to look at (light and dark, 1440×900 and 390×844).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  serveAppForTests, screenshotPath, formatProblems, eventually, waitForAttribute, waitForText, waitForCount, readAutosave, settle,
} from './harness.mjs';

const app = serveAppForTests('/exec/blackout/');
const open = (url, options) => app.open(url, options);

const node = (page, id) => page.locator(`[data-node-id="${id}"]`);
const summary = (page) => page.locator('[data-testid="summary"]');
const HEADLINE = 'One building, SK C&C Pangyo, takes down 12 of 13 features — 47 M people, for 127.5 hours';
const PANGYO_FAILED = '12 of 13 features dark · 47 M people';

/** Every "N M people" / "N M users" on the page, in millions. */
async function millionsClaimed(page) {
  const text = await page.locator('body').innerText();
  return [...text.matchAll(/(\d+(?:\.\d+)?)\s?M (?:people|users)/g)].map((m) => Number(m[1]));
}

/** Whether box `inner` lies inside box `outer` (with `slack` pixels to spare). */
function inside(inner, outer, slack = 1) {
  return inner.x >= outer.x - slack && inner.y >= outer.y - slack
    && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;
}

/** The number of pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="${testid}"]`).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

test('the headline leads with the biggest risk; failing Pangyo never claims more than its 47 M people', async () => {
  const { context, page, problems } = await open();
  try {
    await waitForText(summary(page), HEADLINE);
    const risks = page.locator('[data-testid="spof-list"]');
    assert.match(await risks.innerText(), /SK C&C Pangyo[\s\S]*12 of 13 features · 47 M people/);
    // The building's group: the cache, the grid feed and the UPS room are the same risk.
    const members = risks.locator('[data-testid="risk-members"]').first();
    await members.locator('summary').click();
    await waitForText(members, /and 3 more[\s\S]*Cache cluster[\s\S]*KEPCO grid \(Pangyo\)[\s\S]*UPS battery room B3/);
    for (const millions of await millionsClaimed(page)) assert.ok(millions <= 47, `${millions} M claimed`);

    await node(page, 'pangyo').click();
    await waitForText(summary(page), PANGYO_FAILED);
    for (const millions of await millionsClaimed(page)) assert.ok(millions <= 47, `${millions} M claimed after the failure`);
    assert.doesNotMatch(await page.locator('body').innerText(), /216 M/);

    // Why Kakao Pay is dark: the whole tree, on the map too, and in view after picking it low in the list.
    await page.locator('[data-feature-id="kakao-pay"]').click();
    const why = page.locator('[data-testid="explanation"]');
    const text = await waitForText(why, /Kakao Pay/);
    assert.match(text, /Kakao Pay \(23 M users\) needs both of its dependencies — Kakao Pay servers and Kakao account auth are down/);
    assert.match(text, /Kakao Pay servers needs 1 of 2 — Pay servers \(Pangyo\) and Pay standby \(Gasan\) are down/);
    // Deeper levels open on a click; the whole tree is there, down to the building.
    assert.match(await why.textContent(), /Pay servers \(Pangyo\) needs all 3 of its dependencies — SK C&C Pangyo and Cache cluster are down.*SK C&C Pangyo failed/);
    await why.locator('summary', { hasText: 'Kakao Pay servers needs 1 of 2' }).click();
    await waitForText(why, /Pay servers \(Pangyo\) needs all 3 of its dependencies/);
    const treeNodes = await why.locator('[data-why-node]').evaluateAll((items) => [...new Set(items.map((i) => i.dataset.whyNode))]);
    assert.ok(treeNodes.length >= 3, treeNodes.join());
    await eventually(async () => {
      const lit = await page.locator('.node.lit').evaluateAll((nodes) => nodes.map((n) => n.dataset.nodeId));
      assert.deepEqual([...lit].sort(), [...treeNodes].sort(), 'the map lights exactly the tree');
    });
    const panel = await page.locator('.side-panel').boundingBox();
    assert.ok(inside(await why.boundingBox(), panel), 'the explanation is in view');
    await page.locator('[data-feature-id="daum"]').scrollIntoViewIfNeeded();
    await page.locator('[data-feature-id="daum"]').click();
    await waitForText(why, /^Daum/);
    assert.ok(inside(await why.boundingBox(), await page.locator('.side-panel').boundingBox()), 'still in view after picking from low in the list');
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('the report is the CLI\'s page, prints on one A4 or Letter page, light on paper, and downloads', async () => {
  const { context, page, problems } = await open(undefined, { colorScheme: 'dark' });
  try {
    await page.locator('[data-testid="scenario"]').selectOption({ label: 'Pangyo fire (15 Oct 2022)' });
    await waitForAttribute(node(page, 'pangyo'), 'data-state', 'failed');
    await page.locator('[data-testid="report"]').click();
    const frame = page.locator('[data-testid="report-frame"]');
    await frame.waitFor();
    const html = await frame.getAttribute('srcdoc');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /One building, SK C&amp;C Pangyo, takes down 12 of 13 features — 47\u00a0M people/);
    assert.match(html, /<tr class="shown"><td>Pangyo fire \(15 Oct 2022\)<\/td>/, 'named after the stored scenario');
    assert.doesNotMatch(html, /<script/i);
    await waitForText(page.frameLocator('[data-testid="report-frame"]').locator('h1'), /SK C&C Pangyo/);

    const saved = await download(page, 'report-download');
    assert.equal(saved.name, 'kakao-october-2022-report.html');
    assert.equal(saved.text, html, 'the download is the page on screen');

    // Printed as a person would (print media, a dark screen): one page, white paper.
    const printer = await context.newPage();
    await printer.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await printer.setContent(html);
    assert.equal(await printer.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), 'rgb(255, 255, 255)');
    for (const format of ['A4', 'Letter']) {
      const pdf = await printer.pdf({ format, printBackground: true });
      assert.equal(pdfPages(pdf), 1, `${format}: one page`);
    }
    await printer.close();
    await page.locator('[data-testid="report-close"]').click();
    await waitForCount(page.locator('[data-testid="report-view"]'), 0);
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('a scenario made from the failures is stored, survives a reload, and compares side by side', async () => {
  const { context, page, problems } = await open();
  try {
    await node(page, 'anyang').click();
    await node(page, 'cache').click();
    await waitForAttribute(node(page, 'cache'), 'data-state', 'failed');
    await page.locator('[data-testid="panel-tab-scenarios"]').click();
    const compare = page.locator('[data-testid="scenario-compare"]');
    await waitForText(compare.locator('[data-testid="current-failures"]'), /Current failures/);
    await page.locator('[data-testid="save-scenario"]').click();
    const names = page.locator('[data-testid="scenario-name"]');
    // Kakao stores six; the new one is the seventh.
    await waitForCount(names, 7);
    assert.equal(await names.nth(6).inputValue(), 'Cache cluster and Kakao Anyang site fail', 'named after what failed, in file order');
    await names.nth(6).fill('Anyang and the cache');
    await names.nth(6).press('Enter');
    await eventually(async () => assert.match((await readAutosave(page)).document, /"name":\s*"Anyang and the cache"/));
    // Side by side: the Pangyo fire darkens 12 features for 47 M people.
    const fire = compare.locator('tbody[data-scenario-index="0"]');
    assert.equal(await fire.locator('[data-testid="scenario-name"]').inputValue(), 'Pangyo fire (15 Oct 2022)');
    assert.match((await fire.innerText()).trim(), /\b12\s+47 M\s+127\.5$/);

    await page.reload();
    await summary(page).waitFor();
    await page.locator('[data-testid="panel-tab-scenarios"]').click();
    await waitForCount(names, 7);
    assert.equal(await names.nth(6).inputValue(), 'Anyang and the cache', 'still there after a reload');

    // Delete is one undoable edit.
    await page.locator('tbody[data-scenario-index="6"] [data-testid="scenario-delete"]').click();
    await waitForCount(names, 6);
    await page.locator('[data-testid="undo"]').click();
    await waitForCount(names, 7);

    // The generated library is one click away: apply a suggestion, save it.
    const suggested = page.locator('[data-testid="suggested-scenarios"]');
    assert.match(await suggested.innerText(), /SK C&C Pangyo lost[\s\S]*KEPCO grid \(Pangyo\) fails/);
    await suggested.locator('tbody', { hasText: 'SK C&C Pangyo lost' }).locator('[data-testid="suggestion-apply"]').click();
    await waitForText(summary(page), PANGYO_FAILED);
    await suggested.locator('tbody', { hasText: 'SK C&C Pangyo lost' }).locator('[data-testid="suggestion-save"]').click();
    await waitForCount(names, 8);
    assert.equal(await names.nth(7).inputValue(), 'SK C&C Pangyo lost');
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('search "pangyo": selected and in view; focus dims the rest and Escape leaves it', async () => {
  const { context, page, problems } = await open();
  try {
    // Zoom far into a corner, so that Pangyo is off screen.
    for (let i = 0; i < 6; i++) await page.locator('.zoom-controls button[aria-label="Zoom in"]').click();
    const mapBox = await page.locator('.map').boundingBox();
    await eventually(async () => assert.ok(!inside(await node(page, 'pangyo').boundingBox(), mapBox), 'off screen to begin with'));

    await page.locator('.map').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    const box = page.locator('[data-testid="search"]');
    await eventually(async () => assert.ok(await box.evaluate((input) => input === document.activeElement), 'focused'));
    await box.pressSequentially('pangyo');
    const hits = page.locator('[data-testid="search-hits"] [data-hit-id]');
    await eventually(async () => assert.equal(await hits.first().getAttribute('data-hit-id'), 'pangyo'));
    await box.press('Enter');
    await waitForCount(box, 0);
    await waitForAttribute(node(page, 'pangyo'), 'data-selected', 'true');
    await eventually(async () => assert.ok(inside(await node(page, 'pangyo').boundingBox(), mapBox), 'in view'));
    await waitForText(page.locator('[data-testid="explanation"]'), /^SK C&C Pangyo/);
    assert.equal(await page.locator('[data-state="failed"]').count(), 0, 'searching fails nothing');

    // Ctrl+K opens it too; Escape closes it.
    await page.keyboard.press('Control+k');
    await box.waitFor();
    await page.keyboard.press('Escape');
    await waitForCount(box, 0);

    // Focus: only what depends on Pangyo, the rest dimmed. (Selected, a
    // single point of failure already dims what it does not take down.)
    const dimmed = () => page.locator('.node.dimmed').evaluateAll((nodes) => nodes.map((n) => n.dataset.nodeId).sort());
    const unfocused = await dimmed();
    await page.keyboard.press('d');
    await page.locator('[data-testid="focus-notice"]').waitFor();
    await waitForAttribute(page.locator('[data-testid="focus-downstream"]'), 'aria-pressed', 'true');
    assert.ok((await page.locator('.node.dimmed').count()) > 0);
    assert.equal(await node(page, 'pangyo').evaluate((n) => n.classList.contains('dimmed')), false);
    assert.equal(await node(page, 'talk').evaluate((n) => n.classList.contains('dimmed')), false, 'KakaoTalk depends on it');
    assert.equal(await node(page, 'bank-core').evaluate((n) => n.classList.contains('dimmed')), true, 'core banking does not');
    assert.notDeepEqual(await dimmed(), unfocused);
    await page.keyboard.press('Escape');
    await waitForCount(page.locator('[data-testid="focus-notice"]'), 0);
    await eventually(async () => assert.deepEqual(await dimmed(), unfocused));
    assert.equal(await node(page, 'pangyo').getAttribute('data-selected'), 'true', 'Escape left the focus, not the selection');
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('the embed fits its own frame, not the sender\'s window', async () => {
  const sender = await open(undefined, { viewport: { width: 1440, height: 900 } });
  let link;
  try {
    for (let i = 0; i < 5; i++) await sender.page.locator('.zoom-controls button[aria-label="Zoom in"]').click();
    await sender.page.locator('[data-testid="share-link"]').click();
    link = await waitForText(sender.page.locator('[data-testid="share-url"]'), /#b1\./);
  } finally {
    await sender.context.close();
  }
  const { context, page, problems } = await open(app.url(), { viewport: { width: 900, height: 700 } });
  try {
    const embed = link.replace('#', '?embed#');
    await page.setContent(`<!DOCTYPE html><body style="margin:40px"><iframe src="${embed}" width="520" height="340" style="border:0"></iframe></body>`);
    const frame = page.frameLocator('iframe');
    await frame.locator('[data-testid="summary"]').waitFor({ timeout: 20_000 });
    const frameBox = await page.locator('iframe').boundingBox();
    const map = await frame.locator('.map').boundingBox();
    assert.ok(inside(map, frameBox), `the map keeps to the frame: ${JSON.stringify(map)}`);
    await eventually(async () => {
      const boxes = await frame.locator('[data-node-id]').evaluateAll((nodes) => nodes.map((n) => {
        const r = n.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }));
      assert.ok(boxes.length > 50);
      for (const b of boxes) {
        assert.ok(inside({ ...b, x: b.x + frameBox.x, y: b.y + frameBox.y }, map, 2), `a node outside the frame's map: ${JSON.stringify(b)}`);
      }
    });
    await page.screenshot({ path: screenshotPath('exec-embed-in-520x340-frame') });
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('the share panel\'s Copy buttons put the link and the snippet on the clipboard', async () => {
  const { context, page, problems } = await open(undefined, { permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await page.locator('[data-testid="share-link"]').click();
    const link = await waitForText(page.locator('[data-testid="share-url"]'), /#b1\./);
    await page.locator('[data-testid="copy-link"]').click();
    await eventually(async () => assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link));
    const snippet = (await page.locator('[data-testid="embed-snippet"]').innerText()).trim();
    await page.locator('[data-testid="copy-snippet"]').click();
    await eventually(async () => assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet));
    assert.match(snippet, /^<iframe src=".*\?embed#b1\./);
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

test('phone width: the actions fold into a menu, tap targets are 40 px, labels stay readable', async () => {
  const { context, page, problems } = await open(undefined, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const report = page.locator('[data-testid="report"]');
    assert.equal(await report.isVisible(), false, 'folded away');
    const small = await page.locator('button, select, label.button').evaluateAll((controls) => controls
      .filter((c) => c.getClientRects().length > 0 && getComputedStyle(c).visibility !== 'hidden')
      .map((c) => ({ what: c.dataset.testid || c.getAttribute('aria-label') || c.textContent.trim(), ...c.getBoundingClientRect().toJSON() }))
      .filter((r) => r.width > 0 && (r.height < 40 || r.width < 40)));
    assert.deepEqual(small, [], 'every visible control is at least 40 × 40 px');
    const labels = await page.locator('.node .label').evaluateAll((texts) => texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a));
    assert.ok(Math.min(...labels) >= 9.5, `labels at least about 10 px on screen: ${Math.min(...labels)}`);
    await page.locator('[data-testid="menu"]').tap();
    await report.waitFor({ state: 'visible' });
    await report.tap();
    await page.locator('[data-testid="report-frame"]').waitFor();
    await waitForCount(page.locator('.actions:popover-open'), 0);
    await page.locator('[data-testid="report-close"]').tap();
    // The side panel is below the map, whole.
    const panel = await page.locator('.side-panel').boundingBox();
    const map = await page.locator('.map').boundingBox();
    assert.ok(panel.y >= map.y + map.height - 1, 'the panel is under the map');
    // Why a feature picked low in the list is dark stays on screen.
    await node(page, 'pangyo').tap();
    await waitForText(summary(page), PANGYO_FAILED);
    await page.locator('[data-feature-id="kakao-pay"]').tap();
    const why = page.locator('[data-testid="explanation"]');
    await waitForText(why, /^Kakao Pay/);
    await eventually(async () => {
      const box = await why.boundingBox();
      assert.ok(box.y >= 0 && box.y + 40 <= 844, `the explanation is on screen: ${JSON.stringify(box)}`);
    });
    assert.deepEqual(problems, [], formatProblems(problems));
  } finally {
    await context.close();
  }
});

// Screenshots to look at before calling it done: light and dark, desktop and phone.
const VIEWS = [
  { name: '1440x900', viewport: { width: 1440, height: 900 } },
  { name: '390x844', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];

for (const scheme of ['light', 'dark']) {
  for (const view of VIEWS) {
    test(`screenshots: ${scheme} ${view.name}`, async () => {
      const { viewport, isMobile = false, hasTouch = false } = view;
      const { context, page, problems } = await open(undefined, { viewport, isMobile, hasTouch, colorScheme: scheme });
      const shot = (what) => page.screenshot({ path: screenshotPath(`exec-${what}-${scheme}-${view.name}`) });
      const phone = view.viewport.width < 600;
      try {
        await waitForText(summary(page), HEADLINE);
        await shot('default');

        await page.locator('[data-testid="scenario"]').selectOption({ label: 'Pangyo fire (15 Oct 2022)' });
        await waitForText(summary(page), PANGYO_FAILED);
        await settle(page);
        await shot('pangyo-failed');
        await page.locator('[data-feature-id="kakao-pay"]').click();
        await waitForText(page.locator('[data-testid="explanation"]'), /Kakao Pay/);
        await settle(page);
        await shot('pangyo-why');
        if (phone) {
          await page.locator('[data-testid="explanation"]').scrollIntoViewIfNeeded();
          await shot('pangyo-why-panel');
        }

        await page.locator('[data-testid="panel-tab-scenarios"]').click();
        await page.locator('[data-testid="scenario-compare"]').waitFor();
        await settle(page);
        await shot('scenarios');

        if (phone) await page.locator('[data-testid="menu"]').tap();
        await page.locator('[data-testid="report"]').click();
        await waitForText(page.frameLocator('[data-testid="report-frame"]').locator('h1'), /SK C&C Pangyo/);
        await settle(page);
        await shot('report');
        await page.locator('[data-testid="report-close"]').click();

        await page.evaluate(() => window.scrollTo(0, 0));
        await page.locator('[data-testid="open-search"]').click();
        await page.locator('[data-testid="search"]').pressSequentially('pangyo');
        await waitForAttribute(page.locator('[data-testid="search-hits"] [data-hit-id]').first(), 'data-hit-id', 'pangyo');
        await shot('search');
        await page.keyboard.press('Enter');
        await waitForAttribute(node(page, 'pangyo'), 'data-selected', 'true');
        await page.keyboard.press('d');
        await page.locator('[data-testid="focus-notice"]').waitFor();
        await settle(page);
        await shot('focus');
        assert.deepEqual(problems, [], formatProblems(problems));
      } finally {
        await context.close();
      }
    });
  }
}
