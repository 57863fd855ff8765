import { startServer, launchBrowser, openApp, waitForAttribute } from './harness.mjs';
const server = await startServer('/work/main/dist', '/');
const browser = await launchBrowser();
const { context, page } = await openApp(browser, server.url, { viewport: { width: 390, height: 844 } });
await page.locator('[data-node-id="pangyo"]').click();
await waitForAttribute(page.locator('[data-node-id="pangyo"]'), 'data-state', 'failed');
await page.waitForTimeout(500);
console.log(await page.evaluate(() => {
  const r = (s) => { const e = document.querySelector(s); if (!e) return null; const b = e.getBoundingClientRect(); return [s, Math.round(b.x), Math.round(b.width), getComputedStyle(e).fontSize]; };
  return JSON.stringify([document.documentElement.scrollWidth, document.documentElement.clientWidth, r('.recovery-bar'), r('.recovery-line'), r('.time-control'), r('.top-bar'), r('.summary'), r('.map-area'), r('.side-panel'), r('.tabs')]);
}));
await context.close(); await browser.close(); await server.close();
