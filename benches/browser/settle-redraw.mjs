// The big map's canvas redraw once a wheel gesture settles, zoom step by
// zoom step: from the fitted view inwards, one wheel notch of 240 px at the
// middle of the map, then a wait longer than the app's wheel settle; per
// step the map's scale and the app's `blackout:canvas` measures (drawing
// and rasterising). The heaviest step is the first at which node shapes
// are drawn (benches/browser/RENDERING.md, "Measured a fourth time").
//
// Run (after `trunk build --release --offline`):
//   node benches/browser/settle-redraw.mjs [nodes, default 50000] [rounds, default 1]
// The graph is target/bench-data/layered-N.json, as map-performance.mjs
// writes it (run that first for N). BLACKOUT_DIST picks another build.

import fs from 'node:fs';
import path from 'node:path';
import { DIST_DIR, REPO_ROOT, startServer, launchBrowser } from '../../tests/e2e/harness.mjs';

const nodes = Number(process.argv[2] ?? 50_000);
const rounds = Number(process.argv[3] ?? 1);
const STEPS = 10;
/** Longer than the app's wheel settle (200 ms) plus a redraw. */
const SETTLE_MS = 700;
const graph = path.join(REPO_ROOT, 'target', 'bench-data', `layered-${nodes}.json`);
if (!fs.existsSync(graph)) {
  console.error(`${graph} is missing: run node benches/browser/map-performance.mjs ${nodes} first`);
  process.exit(2);
}

const server = await startServer(DIST_DIR, '/settle/');
const browser = await launchBrowser();
try {
  for (let round = 1; round <= rounds; round++) {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(server.url);
    await page.locator('[data-testid="summary"]').waitFor();
    await page.locator('[data-testid="open-file"]').setInputFiles(graph);
    await page.locator('.map-edges').waitFor({ state: 'attached', timeout: 120_000 });
    await page.waitForTimeout(2_000);
    const map = await page.locator('.map-surface').boundingBox();
    await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
    const steps = [];
    for (let step = 0; step < STEPS; step++) {
      await page.evaluate(() => performance.clearMeasures());
      await page.mouse.wheel(0, -240);
      await page.waitForTimeout(SETTLE_MS);
      steps.push(await page.evaluate(() => ({
        scale: Number(document.querySelector('.map-layer').style.transform.match(/scale\(([\d.]+)\)/)?.[1]),
        ms: performance.getEntriesByType('measure').filter((m) => m.name === 'blackout:canvas').map((m) => m.duration),
      })));
    }
    console.log(`round ${round}, ${nodes} nodes: scale → canvas redraw ms`);
    for (const { scale, ms } of steps) console.log(`  ${scale.toFixed(4).padStart(8)}  ${ms.map((d) => d.toFixed(0)).join(', ') || '-'}`);
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.close();
}
