// Browser benchmark for the risk map (issue: "layout time, load to first full
// render, frame time while panning" on generated layered graphs).
//
// What: for each size N (default 500, 1000, 2000, 5000, 10000 nodes, about 5
// dependencies each) it opens the Trunk build (dist/) in headless Chromium,
// loads target/bench-data/layered-N.json through the "Open" file input, and
// measures
//   - the app's own performance.measure entries (blackout:layout, :spof,
//     :cycles, :simulate), layout time per node;
//   - load to first full render: from the input's change event (in page) and
//     from setInputFiles (Node side) to all N [data-node-id] elements present
//     plus two requestAnimationFrame ticks; split into "DOM built" (a
//     MutationObserver sees N nodes) and "painted" (two rAFs later); plus
//     Chromium's main-thread script / style / layout time (CDP Performance);
//   - frame intervals (rAF to rAF) while dragging the map (60 small moves) and
//     while wheel-zooming (40 steps), as median / p95 and implied fps, as a
//     ratio to the same gesture on an empty page in the same browser session;
//   - click-to-fail latency (fail the bottom-layer node, wait two frames).
// It also reports the .wasm size (raw and gzip -9).
//
// How: build the app first (`source .ci/common.sh && trunk build --release
// --offline`), then `node benches/browser/map-performance.mjs [sizes...]`.
// Missing graph files are generated with `target/release/blackout generate`
// (or `cargo run --release`). Results: a table on stdout and
// target/bench-data/browser-results.json. Headless Chromium runs with
// --disable-gpu, so it rasterises in software: absolute fps is lower than on a
// real machine; compare against the empty-page baseline.

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { DIST_DIR, REPO_ROOT, startServer, launchBrowser } from '../../tests/e2e/harness.mjs';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
if (SIZES.length === 0) SIZES.push(500, 1000, 2000, 5000, 10000);
const DATA_DIR = path.join(REPO_ROOT, 'target', 'bench-data');
const RESULTS = path.join(DATA_DIR, 'browser-results.json');
const TIMEOUT = 180_000;
const PAN_STEPS = 60;
const ZOOM_STEPS = 40;

function graphFile(n, seed = 1) {
  const file = path.join(DATA_DIR, seed === 1 ? `layered-${n}.json` : `layered-${n}-seed${seed}.json`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    const bin = path.join(REPO_ROOT, 'target', 'release', 'blackout');
    const args = ['generate', '--nodes', String(n), '--dependencies', '5', '--seed', String(seed), '-o', file];
    if (fs.existsSync(bin)) execFileSync(bin, args, { stdio: 'inherit' });
    else execFileSync('cargo', ['run', '--release', '--bin', 'blackout', '--', ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  const edges = JSON.parse(fs.readFileSync(file, 'utf8')).nodes.reduce((sum, node) => sum + (node.depends_on?.length ?? 0), 0);
  return { file, edges };
}

function wasmSize() {
  const file = fs.readdirSync(DIST_DIR).find((f) => f.endsWith('.wasm'));
  const bytes = fs.readFileSync(path.join(DIST_DIR, file));
  return { file, bytes: bytes.length, gzip9: zlib.gzipSync(bytes, { level: 9 }).length };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN);
  const total = s.reduce((a, b) => a + b, 0);
  return { frames: s.length, median: at(0.5), p95: at(0.95), max: s.at(-1) ?? NaN, fps: s.length ? (1000 * s.length) / total : NaN };
};

// In-page rAF recorder: start, run `gesture` from Node, stop and return the
// intervals (and, given a CDP session, Chromium's main-thread time meanwhile).
async function recordFrames(page, gesture, cdp) {
  await page.evaluate(() => {
    const rec = (window.__frames = { intervals: [], last: undefined, on: true });
    const tick = (t) => {
      if (rec.last !== undefined) rec.intervals.push(t - rec.last);
      rec.last = t;
      if (rec.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const before = cdp && (await cdpMetrics(cdp));
  const started = Date.now();
  await gesture();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const wall = Date.now() - started;
  const main = cdp && diff(before, await cdpMetrics(cdp));
  const intervals = await page.evaluate(() => ((window.__frames.on = false), window.__frames.intervals));
  return { ...stats(intervals), wallMs: wall, mainThread: main };
}

// Drag from the middle of `box`, PAN_STEPS moves of 4 px right and 2 px down.
async function pan(page, box) {
  const [x, y] = [box.x + box.width / 2 - 120, box.y + box.height / 2 - 60];
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= PAN_STEPS; i++) await page.mouse.move(x + 4 * i, y + 2 * i);
  await page.mouse.up();
}

// ZOOM_STEPS wheel notches at the middle of `box`: half in, then a little less out.
async function zoom(page, box) {
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < ZOOM_STEPS; i++) await page.mouse.wheel(0, i < ZOOM_STEPS / 2 ? -60 : 40);
}

async function cdpMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
  return { script: m.ScriptDuration * 1000, style: m.RecalcStyleDuration * 1000, layout: m.LayoutDuration * 1000, task: m.TaskDuration * 1000 };
}
const diff = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, b[k] - a[k]]));

// The app's own measures: total ms and count per phase since the last clearMeasures().
async function readPhases(page) {
  const measures = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => ({ name: m.name, duration: m.duration })));
  const phase = (name) => measures.filter((m) => m.name === `blackout:${name}`).reduce((a, m) => ({ ms: a.ms + m.duration, count: a.count + 1 }), { ms: 0, count: 0 });
  return Object.fromEntries(['layout', 'spof', 'cycles', 'simulate'].map((p) => [p, phase(p)]));
}

async function baseline(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.setContent('<!doctype html><body style="margin:0"><div style="width:100vw;height:100vh"></div></body>');
  const box = { x: 0, y: 0, width: 1280, height: 800 };
  const result = { idle: await recordFrames(page, () => page.waitForTimeout(1000)), pan: await recordFrames(page, () => pan(page, box), cdp), zoom: await recordFrames(page, () => zoom(page, box), cdp) };
  await context.close();
  return result;
}

async function measureSize(browser, url, n) {
  const { file, edges } = graphFile(n);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.locator('[data-testid="summary"]').waitFor({ timeout: 30_000 });
  const input = page.locator('[data-testid="open-file"]');
  // Record the change event and the moment N nodes are in the DOM, then two frames later.
  await page.evaluate((n) => {
    performance.clearMeasures();
    const t = (window.__load = {});
    document.querySelector('[data-testid="open-file"]').addEventListener('change', () => (t.change = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (t.dom || document.querySelectorAll('[data-node-id]').length !== n) return;
      t.dom = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => (t.painted = performance.now())));
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }, n);
  const before = await cdpMetrics(cdp);
  const started = Date.now();
  await input.setInputFiles(file);
  await page.waitForFunction(() => window.__load.painted, null, { timeout: TIMEOUT, polling: 100 });
  const nodeSideMs = Date.now() - started;
  const main = diff(before, await cdpMetrics(cdp));
  const load = await page.evaluate(() => window.__load);
  const phases = await readPhases(page);
  const domElements = await page.evaluate(() => document.getElementsByTagName('*').length);

  const box = await page.locator('.map').boundingBox();
  const transform = () => page.locator('.map-layer').getAttribute('style');
  const t0 = await transform();
  const panFrames = await recordFrames(page, () => pan(page, box), cdp);
  const t1 = await transform();
  const zoomFrames = await recordFrames(page, () => zoom(page, box), cdp);
  const t2 = await transform();

  // Click-to-fail: the last node is in the bottom layer (a provider). A real
  // press (pointerdown, pointerup, click) so the map does not take it for a drag.
  const fail = await page.evaluate(async (id) => {
    const node = document.querySelector(`[data-node-id="${id}"]`);
    const { x, y } = node.getBoundingClientRect();
    const init = { bubbles: true, pointerId: 1, isPrimary: true, clientX: x + 1, clientY: y + 1 };
    const start = performance.now();
    node.dispatchEvent(new PointerEvent('pointerdown', init));
    node.dispatchEvent(new PointerEvent('pointerup', init));
    node.dispatchEvent(new MouseEvent('click', init));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { ms: performance.now() - start, state: node.getAttribute('data-state'), down: document.querySelectorAll('[data-node-id]:not([data-state="up"])').length };
  }, `n${n - 1}`);

  // Warm analysis: open another graph of the same size (seed 2) in the same
  // page; the wasm code is compiled and tiered up by now.
  await page.evaluate(() => performance.clearMeasures());
  await input.setInputFiles(graphFile(n, 2).file);
  await page.waitForFunction(() => ['layout', 'spof'].every((p) => performance.getEntriesByName(`blackout:${p}`).length), null, { timeout: TIMEOUT, polling: 100 });
  const warm = await readPhases(page);
  await context.close();
  return {
    nodes: n, edges, domElements, phases, warm, layoutUsPerNode: (1000 * phases.layout.ms) / phases.layout.count / n,
    load: { fromChangeMs: load.painted - load.change, domBuiltMs: load.dom - load.change, paintAfterDomMs: load.painted - load.dom, nodeSideMs, mainThread: main },
    pan: { ...panFrames, moved: t0 !== t1 }, zoom: { ...zoomFrames, zoomed: t1 !== t2 }, fail, errors,
  };
}

const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '-');
function table(title, cols, rows) {
  rows = rows.map((r) => r.map(String));
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(`\n${title}\n${line(cols)}`);
  rows.forEach((r) => console.log(line(r)));
}
function printReport(results, base, wasm) {
  console.log(`\nwasm ${wasm.file}: ${f(wasm.bytes / 1024)} KiB raw, ${f(wasm.gzip9 / 1024)} KiB gzip -9`);
  console.log(`baseline, empty page, same browser: rAF idle median ${f(base.idle.median, 1)} ms; during the pan gesture ${f(base.pan.median, 1)} (p95 ${f(base.pan.p95, 1)}); during the wheel gesture ${f(base.zoom.median, 1)} (p95 ${f(base.zoom.p95, 1)})`);
  const per = (p) => f(p.ms / Math.max(1, p.count), p.ms < 10 ? 1 : 0);
  table('LOAD (ms; analysis = the app\'s performance.measure, per run; main thread = Chromium CDP totals during the load)',
    ['nodes', 'edges', 'DOM el', 'layout', 'µs/node', 'warm', 'spof', 'warm', 'cycles', 'simulate', 'DOM built', 'painted', 'Node side', 'script', 'style', 'css layout'],
    results.map((r) => [r.nodes, r.edges, r.domElements, per(r.phases.layout), f(r.layoutUsPerNode, 1), per(r.warm.layout), per(r.phases.spof), per(r.warm.spof), per(r.phases.cycles), per(r.phases.simulate),
      f(r.load.domBuiltMs), f(r.load.fromChangeMs), f(r.load.nodeSideMs), f(r.load.mainThread.script), f(r.load.mainThread.style), f(r.load.mainThread.layout)]));
  const other = (m) => m.task - m.script - m.style - m.layout;
  const gesture = (g, b, steps) => [`${f(g.median, 1)} / ${f(g.p95, 1)}`, f(1000 / g.median, 1), f(g.median / b.median, 1), f(g.wallMs),
    f(g.mainThread.script / steps, 1), f((g.mainThread.style + g.mainThread.layout) / steps, 1), f(other(g.mainThread) / steps, 1)];
  table(`INTERACTION (frame = rAF interval median / p95 ms; fps = 1000 / median; ×base = median / empty-page median; per-event main-thread ms; fail = click to 2 frames)`,
    ['nodes', 'pan frame', 'fps', '×base', 'wall', 'script/ev', 'style+lay/ev', 'other/ev', 'zoom frame', 'fps', '×base', 'wall', 'script/ev', 'style+lay/ev', 'other/ev', 'fail ms (down)'],
    results.map((r) => [r.nodes, ...gesture(r.pan, base.pan, PAN_STEPS), ...gesture(r.zoom, base.zoom, ZOOM_STEPS), `${f(r.fail.ms)} (${r.fail.down})`]));
  console.log(`"other" = main-thread task time that is not script, style or layout (paint recording, hit testing, GC); empty page: pan ${f(other(base.pan.mainThread) / PAN_STEPS, 1)}, wheel ${f(other(base.zoom.mainThread) / ZOOM_STEPS, 1)} ms/ev.`);
  console.log('"warm" = the same phase on a second graph of that size (seed 2) opened in the same page, after the wasm code has tiered up.');
  console.log('"DOM built" = change event to N [data-node-id] in the DOM; "painted" = that plus two rAFs; "Node side" = setInputFiles to painted, seen from Node.');
  for (const r of results) if (r.errors.length || !r.pan.moved || !r.zoom.zoomed || r.fail.state !== 'failed') console.log(`!! ${r.nodes}: moved=${r.pan.moved} zoomed=${r.zoom.zoomed} fail=${r.fail.state} errors=${JSON.stringify(r.errors)}`);
}

const server = await startServer(DIST_DIR, '/bench/');
const browser = await launchBrowser();
try {
  const wasm = wasmSize();
  const base = await baseline(browser);
  const results = [];
  for (const n of SIZES) {
    process.stderr.write(`measuring ${n} nodes…\n`);
    results.push(await measureSize(browser, server.url, n));
  }
  printReport(results, base, wasm);
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg() };
  console.log(`machine: ${machine.cpus} CPUs, load average ${machine.loadavg.map((l) => l.toFixed(1)).join(' ')} (other work on the machine skews the numbers)`);
  const meta = { date: new Date().toISOString(), chromium: browser.version(), viewport: '1280x800', dist: DIST_DIR, machine };
  fs.writeFileSync(RESULTS, JSON.stringify({ ...meta, wasm, baseline: base, results }, null, 2));
  console.log(`\nJSON: ${path.relative(REPO_ROOT, RESULTS)}`);
} finally {
  await browser.close();
  await server.close();
}
