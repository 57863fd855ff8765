// Browser benchmark for the risk map: what a person feels (issue 14).
//
// For each size N (default 2,000, 10,000, 50,000 and 100,000 nodes, about 5
// dependencies each) it opens the Trunk build (dist/, or BLACKOUT_DIST) in
// headless Chromium, loads target/bench-data/layered-N.json through the
// "Open" file input, and measures
//   - load: from the input's change event to the new graph analysed (the
//     summary changed) and its map drawn (no DOM change for 3 frames; the
//     time is that of the first frame after the last change), plus the
//     app's own performance.measure entries (blackout:layout, ...) if any;
//   - per pointer event while dragging the map, and per wheel event while
//     zooming: each event is dispatched alone (CDP input), awaited, then a
//     frame is awaited; per event the wall time and the main thread's time
//     (CDP Performance.getMetrics TaskDuration, ScriptDuration, style and
//     layout deltas), as median and p95; then, zoomed in until a node is
//     90 px wide (labels readable), the same drag again ("close-up");
//   - page memory: JS heap (CDP), performance.measureUserAgentSpecificMemory
//     (the page is made cross-origin isolated for it) and the proportional
//     set size of the renderer processes and of the whole browser (Linux
//     /proc), after the load and at its peak during the load;
//   - click to fail (at that zoom): a real click on a node in view, from the pointerdown's
//     timestamp to its data-state becoming "failed" and a frame later.
// The same gestures, memory readings and a click on a plain element run on
// an empty page in the same browser first and again after each size; the
// tables give ratios to the median of those readings.
//
// It finds the app only through stable hooks: [data-testid="open-file"],
// [data-testid="summary"], [data-testid="mode-simulate"], [data-node-id] with
// data-state, and the map as [data-testid="map"] or else the region named
// "Risk map". Nodes may be drawn any way: DOM counts are reported, not
// required.
//
// Run: see benches/browser/README.md. Results: tables on stdout, everything
// in target/bench-data/browser-results.json.

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { DIST_DIR, REPO_ROOT, startServer, launchBrowser } from '../../tests/e2e/harness.mjs';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
if (SIZES.length === 0) SIZES.push(2000, 10000, 50000, 100000);
const number = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
/** Pointer moves in the drag, and wheel notches in the zoom. */
const PAN_EVENTS = number('BENCH_PAN_EVENTS', 40);
const WHEEL_EVENTS = number('BENCH_WHEEL_EVENTS', 30);
/** A gesture stops early after this long (at least MIN_EVENTS events). */
const GESTURE_BUDGET_MS = number('BENCH_GESTURE_BUDGET_MS', 60_000);
const MIN_EVENTS = 6;
const LOAD_TIMEOUT_MS = number('BENCH_LOAD_TIMEOUT_MS', 300_000);
/** Added to the app's URL, e.g. '?embed' or a prototype's '?render=hybrid'. */
const QUERY = process.env.BENCH_QUERY ?? '';
/** The browser's total memory at which a size is given up (the machine is shared). */
const MEMORY_LIMIT_BYTES = number('BENCH_MEMORY_LIMIT_GB', 8) * 2 ** 30;
const QUIET_FRAMES = 3;
/** Longer than the app's wheel settle (200 ms without a wheel event). */
const SETTLE_WAIT_MS = 400;
/** The close-up drag happens once a node is this wide on screen (152 map units at zoom 0.6). */
const CLOSE_UP_WIDTH = 90;
const VIEWPORT = { width: 1280, height: 800 };
/** BENCH_CPU_PROFILE=1: a CPU profile of each size's wheel gesture and click (see profiled). */
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE === '1';
/** BENCH_TRACE=1: a Chrome trace of the same, with the main thread's self time per trace event (see traced). */
const TRACE = process.env.BENCH_TRACE === '1';
const DATA_DIR = path.join(REPO_ROOT, 'target', 'bench-data');
const RESULTS = path.join(DATA_DIR, 'browser-results.json');

function graphFile(n) {
  const file = path.join(DATA_DIR, `layered-${n}.json`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    const bin = path.join(REPO_ROOT, 'target', 'release', 'blackout');
    const args = ['generate', '--nodes', String(n), '--dependencies', '5', '--seed', '1', '-o', file];
    if (fs.existsSync(bin)) execFileSync(bin, args, { stdio: 'inherit' });
    else execFileSync('cargo', ['run', '--release', '--bin', 'blackout', '--', ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  const nodes = JSON.parse(fs.readFileSync(file, 'utf8')).nodes;
  return { file, bytes: fs.statSync(file).size, edges: nodes.reduce((sum, node) => sum + (node.depends_on?.length ?? 0), 0) };
}

function wasmSize(dist) {
  const file = fs.readdirSync(dist).find((f) => f.endsWith('.wasm'));
  if (!file) return null;
  const bytes = fs.readFileSync(path.join(dist, file));
  return { file, bytes: bytes.length, gzip9: zlib.gzipSync(bytes, { level: 9 }).length };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function stats(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (q) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN);
  return { count: s.length, median: at(0.5), p95: at(0.95), max: s.at(-1) ?? NaN, mean: s.reduce((a, b) => a + b, 0) / (s.length || 1) };
}

// ---- Chromium's view: main-thread time and memory ----------------------

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(list.map(({ name, value }) => [name, value]));
  return {
    task: m.TaskDuration * 1000, script: m.ScriptDuration * 1000, style: m.RecalcStyleDuration * 1000, layout: m.LayoutDuration * 1000,
    heap: m.JSHeapUsedSize, domNodes: m.Nodes, layoutObjects: m.LayoutObjects,
  };
}

/** Proportional set size (bytes) of the browser's renderers and of all its processes (Linux only). */
async function processMemory(browserCdp) {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  const pss = (pid) => {
    try {
      const kb = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+)/m);
      return kb ? Number(kb[1]) * 1024 : NaN;
    } catch {
      return NaN;
    }
  };
  let renderers = 0;
  let total = 0;
  for (const p of processInfo) {
    const bytes = pss(p.id);
    total += bytes;
    if (p.type === 'renderer') renderers += bytes;
  }
  return { renderers, total };
}

/** Heap, user-agent-specific memory and process memory of the page now. */
async function pageMemory(page, cdp, browserCdp) {
  const m = await metrics(cdp);
  const userAgentSpecific = await page.evaluate(async () =>
    self.crossOriginIsolated && performance.measureUserAgentSpecificMemory ? (await performance.measureUserAgentSpecificMemory()).bytes : null,
  );
  return { jsHeap: m.heap, userAgentSpecific, domNodes: m.domNodes, layoutObjects: m.layoutObjects, ...(await processMemory(browserCdp)) };
}

/** What makes a page cross-origin isolated. */
const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** A fresh context whose pages are cross-origin isolated, so measureUserAgentSpecificMemory works. */
async function isolatedContext(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), ...ISOLATION_HEADERS } });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { context, page, cdp };
}

// ---- per-event gestures --------------------------------------------------

/**
 * Runs `work` under Chromium's sampling profiler when BENCH_CPU_PROFILE=1:
 * writes target/bench-data/NAME.cpuprofile (open it in DevTools) and prints
 * the functions with the most self time. For readable Wasm names, profile a
 * build without wasm-opt (README).
 */
async function profiled({ cdp, browser, page }, name, work) {
  if (TRACE) return traced(browser, page, name, work);
  if (!CPU_PROFILE) return work();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(path.join(DATA_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
  const self = new Map();
  const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const id of profile.samples) {
    const frame = byId.get(id).callFrame;
    const key = frame.functionName || `(anonymous ${path.basename(frame.url)}:${frame.lineNumber})`;
    self.set(key, (self.get(key) ?? 0) + interval);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  process.stderr.write(`${name}: self time, ms\n${top.map(([key, ms]) => `  ${ms.toFixed(1).padStart(8)}  ${key.slice(0, 140)}`).join('\n')}\n`);
  return result;
}

/** Trace categories that show a frame's phases on the renderer's main thread. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'gpu', 'v8.execute', 'toplevel'];

/**
 * Runs `work` under a Chrome trace (BENCH_TRACE=1): writes
 * target/bench-data/NAME.trace.json (open it in DevTools' Performance
 * panel) and prints the trace events with the most self time on the
 * renderer's main thread, so a frame's style, paint and commit can be told
 * from script.
 */
async function traced(browser, page, name, work) {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `${name}.trace.json`);
  await browser.startTracing(page, { path: file, categories: TRACE_CATEGORIES });
  const result = await work();
  await browser.stopTracing();
  const events = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const spans = events.filter((e) => e.ph === 'X' && e.dur !== undefined && mainThreads.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: a span's duration less that of the spans nested in it.
  const self = new Map();
  const open = [];
  for (const span of spans) {
    while (open.length && open.at(-1).ts + open.at(-1).dur <= span.ts) open.pop();
    const parent = open.at(-1);
    if (parent) self.set(parent, self.get(parent) - span.dur);
    self.set(span, span.dur);
    open.push(span);
  }
  const byName = new Map();
  for (const [span, us] of self) byName.set(span.name, (byName.get(span.name) ?? 0) + us / 1000);
  const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25);
  process.stderr.write(`${name}: main-thread self time per trace event, ms\n${top.map(([key, ms]) => `  ${ms.toFixed(1).padStart(8)}  ${key}`).join('\n')}\n`);
  return result;
}

/** Resolves after the next frame has been rendered (its rAF callbacks, style, layout and paint). */
const afterNextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Dispatches `count` events one at a time (`dispatch(i)` awaits the
 * browser's acknowledgement), waits for a frame after each, and records per
 * event the wall time and the main thread's time.
 */
async function perEvent(page, cdp, count, dispatch) {
  const events = [];
  let before = await metrics(cdp);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await dispatch(i);
    await page.evaluate(afterNextFrame);
    const wall = performance.now() - t0;
    const after = await metrics(cdp);
    events.push({ wall, task: after.task - before.task, script: after.script - before.script, styleLayout: after.style + after.layout - before.style - before.layout });
    before = after;
    if (performance.now() - started > GESTURE_BUDGET_MS && events.length >= MIN_EVENTS) break;
  }
  return {
    events: events.length, totalMs: performance.now() - started,
    wall: stats(events.map((e) => e.wall)), task: stats(events.map((e) => e.task)),
    script: stats(events.map((e) => e.script)), styleLayout: stats(events.map((e) => e.styleLayout)),
    first: events[0],
  };
}

/** Drag from near the middle of `box`: pointer down, PAN_EVENTS moves of (4, 2) px, pointer up. */
async function pan(page, cdp, box) {
  const [x, y] = [box.x + box.width / 2 - 120, box.y + box.height / 2 - 60];
  await page.mouse.move(x, y);
  await page.mouse.down();
  const result = await perEvent(page, cdp, PAN_EVENTS, (i) => page.mouse.move(x + 4 * (i + 1), y + 2 * (i + 1)));
  await page.mouse.up();
  return result;
}

/** WHEEL_EVENTS notches at the middle of `box`: half in, then a little less out. */
async function wheel(page, cdp, box) {
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  return perEvent(page, cdp, WHEEL_EVENTS, (i) => page.mouse.wheel(0, i < WHEEL_EVENTS / 2 ? -60 : 40));
}

// ---- the page's side of load and click ---------------------------------

/**
 * In page: timestamps of the load (see the header), in window.__load. The
 * DOM is watched by its element count once a frame (cheap: the browser keeps
 * it until the DOM changes), not by a MutationObserver, whose records would
 * cost the page time and memory at 100,000 nodes.
 */
function installLoadProbe({ summary, open, quietFrames }) {
  const probe = (window.__load = { change: null, analysed: null, drawn: null, done: false, changes: 0 });
  const before = document.querySelector(summary)?.textContent;
  document.querySelector(open).addEventListener('change', () => (probe.change = performance.now()), { capture: true, once: true });
  const all = document.getElementsByTagName('*');
  let seen = -1;
  let quiet = 0;
  const frame = (now) => {
    if (probe.change !== null && probe.analysed === null && document.querySelector(summary)?.textContent !== before) probe.analysed = performance.now();
    if (probe.analysed !== null) {
      const count = all.length;
      if (count !== seen) {
        seen = count;
        quiet = 0;
        probe.changes += 1;
        probe.drawn = null;
      } else {
        // The frame before this one rendered the DOM after its last change.
        if (quiet === 0) probe.drawn = now;
        quiet += 1;
        if (quiet >= quietFrames) {
          probe.done = true;
          return;
        }
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * In page: a node in the map's box whose centre hits it, the lowest one (a
 * provider when whole layers are in view). Only the lowest few candidates
 * are hit-tested: on a map of 50,000 elements one hit test is expensive.
 */
function pickVisibleNode(box) {
  const candidates = [];
  for (const node of document.querySelectorAll('[data-node-id]')) {
    const r = node.getBoundingClientRect();
    const [x, y] = [r.x + r.width / 2, r.y + r.height / 2];
    if (r.width < 4 || x < box.x || y < box.y || x > box.x + box.width || y > box.y + box.height) continue;
    candidates.push({ node, x, y, width: r.width });
  }
  candidates.sort((a, b) => b.y - a.y);
  for (const { node, x, y, width } of candidates.slice(0, 20)) {
    if (document.elementFromPoint(x, y)?.closest('[data-node-id]')?.isSameNode(node)) {
      return { id: node.getAttribute('data-node-id'), x, y, width, state: node.getAttribute('data-state') };
    }
  }
  return null;
}

/**
 * In page: from the next pointerdown to [data-node-id=id] showing `state`
 * and the frame that draws it (checked once a frame: the change happened in
 * an earlier task, and this frame renders it).
 */
function installClickProbe({ id, state }) {
  const probe = (window.__click = { down: null, mutated: null, changed: null, painted: null });
  window.addEventListener('pointerdown', (e) => (probe.down = e.timeStamp), { capture: true, once: true });
  const selector = `[data-node-id="${CSS.escape(id)}"]`;
  // When the DOM changed, apart from when a frame showed it.
  const observer = new MutationObserver(() => {
    if (probe.mutated === null && document.querySelector(selector)?.getAttribute('data-state') === state) {
      probe.mutated = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'], childList: true });
  const frame = () => {
    if (probe.down === null || document.querySelector(selector)?.getAttribute('data-state') !== state) {
      requestAnimationFrame(frame);
      return;
    }
    probe.changed = performance.now();
    setTimeout(() => (probe.painted = performance.now()), 0);
  };
  requestAnimationFrame(frame);
}

async function clickAndWait(page, target, state) {
  await page.evaluate(installClickProbe, { id: target.id, state });
  await page.mouse.click(target.x, target.y);
  await page.waitForFunction(() => window.__click.painted !== null, null, { timeout: LOAD_TIMEOUT_MS, polling: 50 });
  const probe = await page.evaluate(() => window.__click);
  return { ms: probe.painted - probe.down, changedMs: probe.changed - probe.down, mutatedMs: probe.mutated - probe.down };
}

/**
 * Search and focus (issue 14: "without a pause"): open the search box,
 * type the id of the last node (n{N-1}, far from the view) key by key, each
 * key measured like a gesture's event; Enter (the node selected and brought
 * into view), then focus on what depends on it ("d") and leave the focus
 * again ("Show all"), each from the key press to the change in the DOM and a
 * frame, with the main thread's time.
 */
async function findAndFocus(page, cdp, n) {
  const box = page.locator('[data-testid="search"]');
  await page.keyboard.press('Control+k');
  await box.waitFor({ timeout: 10_000 }).catch(() => {});
  if (!(await box.count())) return null;
  const query = `n${n - 1}`;
  const typing = await perEvent(page, cdp, query.length, (i) => page.keyboard.press(query[i]));
  const firstHit = await page.locator('[data-testid="search-hits"] [data-hit-id]').first().getAttribute('data-hit-id').catch(() => null);
  const timed = async (act, done, arg = null) => {
    const before = await metrics(cdp);
    const t0 = performance.now();
    await act();
    await page.waitForFunction(done, arg, { timeout: LOAD_TIMEOUT_MS, polling: 'raf' });
    await page.evaluate(afterNextFrame);
    const wall = performance.now() - t0;
    const after = await metrics(cdp);
    return { wall, task: after.task - before.task };
  };
  const selected = (id) => document.querySelector(`[data-node-id="${id}"]`)?.getAttribute('data-selected') === 'true';
  const reveal = await timed(() => box.press('Enter'), selected, query);
  const focus = await timed(() => page.keyboard.press('d'), () => document.querySelector('[data-testid="focus-notice"]') !== null);
  const leave = await timed(() => page.locator('[data-testid="leave-focus"]').click(), () => document.querySelector('[data-testid="focus-notice"]') === null);
  return { query, firstHit, typing, reveal, focus, leave };
}

// ---- the empty page ------------------------------------------------------

const EMPTY_PAGE =
  '<!doctype html><body style="margin:0"><div style="width:100vw;height:100vh">' +
  '<div data-node-id="a" data-state="up" style="position:absolute;left:600px;top:380px;width:80px;height:40px"></div></div>' +
  '<script>document.querySelector("[data-node-id]").addEventListener("click", (e) => e.target.setAttribute("data-state", "failed"));</script></body>';

async function baseline(browser, browserCdp) {
  const { context, page, cdp } = await isolatedContext(browser);
  // Served (not set as content) so that it is cross-origin isolated like the app.
  await context.route('http://empty.invalid/', (route) => route.fulfill({ contentType: 'text/html', body: EMPTY_PAGE, headers: ISOLATION_HEADERS }));
  await page.goto('http://empty.invalid/');
  const box = { x: 0, y: 0, ...VIEWPORT };
  const memory = await pageMemory(page, cdp, browserCdp);
  const panned = await pan(page, cdp, box);
  const wheeled = await profiled({ cdp, browser, page }, 'wheel-empty', () => wheel(page, cdp, box));
  const click = await clickAndWait(page, { id: 'a', x: 640, y: 400 }, 'failed');
  await context.close();
  return { memory, pan: panned, wheel: wheeled, click };
}

// ---- one size of the app -------------------------------------------------

async function mapBox(page) {
  const byTestId = page.locator('[data-testid="map"]');
  const map = (await byTestId.count()) ? byTestId : page.getByRole('region', { name: 'Risk map' });
  return map.first().boundingBox();
}

/**
 * What the map shows, to tell that a gesture changed it: the screen boxes of
 * the first node elements, or, when it draws no node as an element (a
 * canvas at far zoom), a hash of its pixels.
 */
async function mapSignature(page, box) {
  const nodes = await page.evaluate(() => [...document.querySelectorAll('[data-node-id]')].slice(0, 50).map((n) => {
    const r = n.getBoundingClientRect();
    return `${n.getAttribute('data-node-id')}@${r.x.toFixed(1)},${r.y.toFixed(1)},${r.width.toFixed(1)}`;
  }).join(' '));
  if (nodes) return nodes;
  return createHash('sha256').update(await page.screenshot({ clip: box })).digest('hex');
}

async function measureSize(browser, browserCdp, url, n) {
  const graph = graphFile(n);
  const { context, page, cdp } = await isolatedContext(browser);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page.locator('[data-testid="summary"]').waitFor({ timeout: 60_000 });
  const idle = await pageMemory(page, cdp, browserCdp);

  // Load, with the browser's memory sampled from outside the page (a long
  // task blocks every page.evaluate) and the size given up past the limit.
  await page.evaluate(() => performance.clearMeasures());
  await page.evaluate(installLoadProbe, { summary: '[data-testid="summary"]', open: '[data-testid="open-file"]', quietFrames: QUIET_FRAMES });
  const before = await metrics(cdp);
  let peak = 0;
  let gaveUp = null;
  const started = performance.now();
  const sampler = setInterval(async () => {
    const { total } = await processMemory(browserCdp).catch(() => ({ total: 0 }));
    peak = Math.max(peak, total);
    if (total > MEMORY_LIMIT_BYTES && !gaveUp) {
      gaveUp = `browser memory ${(total / 2 ** 30).toFixed(1)} GB after ${((performance.now() - started) / 1000).toFixed(0)} s`;
      context.close().catch(() => {});
    }
  }, 500);
  try {
    await page.locator('[data-testid="open-file"]').setInputFiles(graph.file);
    await page.waitForFunction(() => window.__load.done, null, { timeout: LOAD_TIMEOUT_MS, polling: 200 });
  } catch (error) {
    gaveUp ??= `no load within ${LOAD_TIMEOUT_MS / 1000} s: ${String(error).split('\n')[0]}`;
  } finally {
    clearInterval(sampler);
  }
  if (gaveUp) {
    await context.close().catch(() => {});
    return { nodes: n, ...graph, gaveUp, peakBytes: peak, errors };
  }
  const nodeSideMs = performance.now() - started;
  const loadMain = await metrics(cdp);
  const probe = await page.evaluate(() => window.__load);
  const phases = await page.evaluate(() => {
    const out = {};
    for (const m of performance.getEntriesByType('measure')) if (m.name.startsWith('blackout:')) out[m.name.slice(9)] = (out[m.name.slice(9)] ?? 0) + m.duration;
    performance.clearMeasures();
    return out;
  });
  const box = await mapBox(page);
  const dom = await page.evaluate((b) => {
    const nodes = document.querySelectorAll('[data-node-id]');
    let inView = 0;
    for (const node of nodes) {
      const r = node.getBoundingClientRect();
      if (r.right > b.x && r.bottom > b.y && r.left < b.x + b.width && r.top < b.y + b.height) inView += 1;
    }
    return { elements: document.getElementsByTagName('*').length, nodeElements: nodes.length, nodesInView: inView };
  }, box);
  const memory = await pageMemory(page, cdp, browserCdp);

  const p0 = await mapSignature(page, box);
  const panned = await pan(page, cdp, box);
  const p1 = await mapSignature(page, box);
  const wheeled = await profiled({ cdp, browser, page }, `wheel-${n}`, () => wheel(page, cdp, box));
  const p2 = await mapSignature(page, box);

  // Close up: zoom in at the middle until a node in view is at least
  // CLOSE_UP_WIDTH px wide (labels readable), then drag again. A renderer
  // that draws only what is in view does most work per node here.
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  let target = await page.evaluate(pickVisibleNode, box);
  for (let i = 0; (!target || target.width < CLOSE_UP_WIDTH) && i < 40; i++) {
    await page.mouse.move(middle.x, middle.y);
    await page.mouse.wheel(0, -120);
    await page.evaluate(afterNextFrame);
    target = await page.evaluate(pickVisibleNode, box);
    // A map that draws nodes as elements only once the zoom has settled
    // (the big map, from 2,000 nodes) shows them after the wheel is still.
    if (!target || target.width < CLOSE_UP_WIDTH) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_WAIT_MS));
      target = await page.evaluate(pickVisibleNode, box);
    }
  }
  const closeUp = target ? await pan(page, cdp, box) : null;
  const p3 = await mapSignature(page, box);

  // Click to fail, in simulate mode, on a node in view.
  const simulate = page.locator('[data-testid="mode-simulate"]');
  if (await simulate.count()) await simulate.click();
  target = await page.evaluate(pickVisibleNode, box);
  let click = null;
  if (target) {
    click = await profiled({ cdp, browser, page }, `click-${n}`, () => clickAndWait(page, target, 'failed'));
    click.node = target.id;
    click.notUpInDom = await page.evaluate(() => document.querySelectorAll('[data-node-id]:not([data-state="up"])').length);
  }
  const finding = await findAndFocus(page, cdp, n);
  // The app's own measures during the gestures and the click (a redraw
  // once a gesture settles, say): count, total and longest per name.
  const laterPhases = await page.evaluate(() => {
    const out = {};
    for (const m of performance.getEntriesByType('measure')) {
      if (!m.name.startsWith('blackout:')) continue;
      const p = (out[m.name.slice(9)] ??= { count: 0, ms: 0, maxMs: 0 });
      p.count += 1;
      p.ms += m.duration;
      p.maxMs = Math.max(p.maxMs, m.duration);
    }
    return out;
  });
  await context.close();
  return {
    nodes: n, ...graph, dom, phases, laterPhases, memory, idleMemory: idle, peakBytes: peak, errors,
    load: { analysedMs: probe.analysed - probe.change, drawnMs: probe.drawn - probe.change, nodeSideMs, domChanges: probe.changes,
      mainThread: { task: loadMain.task - before.task, script: loadMain.script - before.script, styleLayout: loadMain.style + loadMain.layout - before.style - before.layout } },
    pan: { ...panned, moved: p0 !== p1 }, wheel: { ...wheeled, zoomed: p1 !== p2 }, closeUp: closeUp && { ...closeUp, moved: p2 !== p3 }, click, finding,
  };
}

// ---- report --------------------------------------------------------------

/** The first baseline with its per-event medians and its click replaced by the median over `bases` (memory stays the first reading's; every reading is kept in `readings`). */
function medianBaseline(bases) {
  const middle = (pick) => stats(bases.map(pick)).median;
  const base = structuredClone(bases[0]);
  for (const gesture of ['pan', 'wheel']) {
    for (const measure of ['task', 'wall', 'script', 'styleLayout']) base[gesture][measure].median = middle((b) => b[gesture][measure].median);
  }
  base.click.ms = middle((b) => b.click.ms);
  base.readings = bases.map((b) => ({ pan: b.pan.task.median, wheel: b.wheel.task.median, click: b.click.ms }));
  return base;
}

const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const mb = (bytes) => f(bytes / 2 ** 20, bytes < 10 * 2 ** 20 ? 1 : 0);
const ratio = (x, base) => (Number.isFinite(x) && Number.isFinite(base) && base > 0 ? `${f(x / base, x / base < 10 ? 1 : 0)}×` : '-');
function table(title, cols, rows) {
  rows = rows.map((r) => r.map(String));
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n\n${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
  rows.forEach((r) => console.log(line(r)));
}

function printReport(results, base, wasm) {
  if (wasm) console.log(`wasm ${wasm.file}: ${f(wasm.bytes / 1024)} KiB raw, ${f(wasm.gzip9 / 1024)} KiB gzip -9`);
  const b = base;
  const spread = (key) => `${f(Math.min(...b.readings.map((r) => r[key])), 1)} to ${f(Math.max(...b.readings.map((r) => r[key])), 1)}`;
  console.log(`empty page, ${b.readings.length} readings (before the first size and after each): pan ${spread('pan')} ms, wheel ${spread('wheel')} ms main thread per event; the medians below`);
  console.log(
    `empty page, same browser: pan ${f(b.pan.task.median, 1)} ms main thread / ${f(b.pan.wall.median, 1)} ms wall per event; ` +
      `wheel ${f(b.wheel.task.median, 1)} / ${f(b.wheel.wall.median, 1)} ms; click ${f(b.click.ms)} ms; ` +
      `JS heap ${mb(b.memory.jsHeap)} MB, UA-specific ${mb(b.memory.userAgentSpecific)} MB, renderers ${mb(b.memory.renderers)} MB, browser ${mb(b.memory.total)} MB`,
  );
  const ok = results.filter((r) => !r.gaveUp);
  table('Per event (median, ×empty page; main = main-thread task time, wall = dispatch to the next rendered frame)',
    ['nodes (edges)', 'pan main', 'pan wall (p95)', 'wheel main', 'wheel wall (p95)', 'close-up pan main', 'close-up pan wall (p95)', 'events'],
    ok.map((r) => [`${r.nodes.toLocaleString('en')} (${r.edges.toLocaleString('en')})`,
      `${f(r.pan.task.median, 1)} ms (${ratio(r.pan.task.median, b.pan.task.median)})`,
      `${f(r.pan.wall.median)} ms (${f(r.pan.wall.p95)}) (${ratio(r.pan.wall.median, b.pan.wall.median)})`,
      `${f(r.wheel.task.median, 1)} ms (${ratio(r.wheel.task.median, b.wheel.task.median)})`,
      `${f(r.wheel.wall.median)} ms (${f(r.wheel.wall.p95)}) (${ratio(r.wheel.wall.median, b.wheel.wall.median)})`,
      r.closeUp ? `${f(r.closeUp.task.median, 1)} ms (${ratio(r.closeUp.task.median, b.pan.task.median)})` : '-',
      r.closeUp ? `${f(r.closeUp.wall.median)} ms (${f(r.closeUp.wall.p95)}) (${ratio(r.closeUp.wall.median, b.pan.wall.median)})` : '-',
      `${r.pan.events} + ${r.wheel.events} + ${r.closeUp?.events ?? 0}`]));
  table('Load, memory and click to fail (load = change event to the map drawn; memory after the load, peak during it; ×empty page)',
    ['nodes', 'file', 'load', 'analysed', 'layout (app)', 'DOM elements', 'nodes in DOM (in view)', 'JS heap', 'UA-specific', 'renderers (×empty) (peak browser)', 'click to fail', 'longest redraw'],
    results.map((r) => r.gaveUp
      ? [r.nodes.toLocaleString('en'), `${mb(r.bytes)} MB`, `gave up: ${r.gaveUp}`, '-', '-', '-', '-', '-', '-', `(${mb(r.peakBytes)} MB)`, '-', '-']
      : [r.nodes.toLocaleString('en'), `${mb(r.bytes)} MB`, `${f(r.load.drawnMs / 1000, 1)} s`, `${f(r.load.analysedMs / 1000, 1)} s`,
        r.phases.layout === undefined ? '-' : `${f(r.phases.layout)} ms`,
        r.dom.elements.toLocaleString('en'), `${r.dom.nodeElements.toLocaleString('en')} (${r.dom.nodesInView.toLocaleString('en')})`,
        `${mb(r.memory.jsHeap)} MB`, `${mb(r.memory.userAgentSpecific)} MB`,
        `${mb(r.memory.renderers)} MB (${ratio(r.memory.renderers, b.memory.renderers)}) (${mb(r.peakBytes)} MB)`,
        r.click ? `${f(r.click.ms)} ms (${ratio(r.click.ms, b.click.ms)})` : 'no node in view',
        // The app's canvas redraws after the load (once a gesture settles, after the click, …).
        r.laterPhases.canvas ? `${f(r.laterPhases.canvas.maxMs)} ms (of ${r.laterPhases.canvas.count})` : '-']));
  table('Search and focus, close up (per key: main thread, wall; Enter: the node selected and in view; focus "d" and leaving it: to the DOM changed and a frame)',
    ['nodes', 'query', 'per key main', 'per key wall (max)', 'Enter', 'focus', 'leave focus'],
    ok.filter((r) => r.finding).map((r) => {
      const g = r.finding;
      const both = (x) => `${f(x.wall)} ms (main ${f(x.task)} ms)`;
      return [r.nodes.toLocaleString('en'), g.query, `${f(g.typing.task.median, 1)} ms`,
        `${f(g.typing.wall.median)} ms (${f(g.typing.wall.max)})`, both(g.reveal), both(g.focus), both(g.leave)];
    }));
  for (const r of results) {
    if (r.gaveUp) continue;
    const problems = [];
    if (!r.pan.moved) problems.push('the drag moved nothing');
    if (!r.wheel.zoomed) problems.push('the wheel zoomed nothing');
    if (!r.closeUp) problems.push(`no node reached ${CLOSE_UP_WIDTH} px`);
    else if (!r.closeUp.moved) problems.push('the close-up drag moved nothing');
    if (!r.click) problems.push('no node to click');
    if (!r.finding) problems.push('no search box');
    else if (r.finding.firstHit !== r.finding.query) problems.push(`search for ${r.finding.query} found ${r.finding.firstHit} first`);
    if (r.errors.length) problems.push(`errors: ${JSON.stringify(r.errors)}`);
    if (problems.length) console.log(`!! ${r.nodes}: ${problems.join('; ')}`);
  }
}

const server = await startServer(DIST_DIR, '/bench/');
// Eager memory measurement: measureUserAgentSpecificMemory answers at once
// instead of at the next garbage collection.
const browser = await launchBrowser({ args: ['--enable-blink-features=ForceEagerMeasureMemory'] });
try {
  const browserCdp = await browser.newBrowserCDPSession();
  const wasm = wasmSize(DIST_DIR);
  // The empty page before the first size and after each one: on a shared
  // machine one reading of a ~1 ms gesture drifts by half, and every ratio
  // with it. The ratios use the median of the readings.
  process.stderr.write('measuring the empty page…\n');
  const bases = [await baseline(browser, browserCdp)];
  const results = [];
  for (const n of SIZES) {
    process.stderr.write(`measuring ${n} nodes…\n`);
    results.push(await measureSize(browser, browserCdp, server.url + QUERY, n));
    process.stderr.write('measuring the empty page again…\n');
    bases.push(await baseline(browser, browserCdp));
  }
  const base = medianBaseline(bases);
  printReport(results, base, wasm);
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg(), memoryBytes: os.totalmem() };
  console.log(`\nmachine: ${machine.cpus} CPUs, load average ${machine.loadavg.map((l) => l.toFixed(1)).join(' ')} (other work on the machine skews the numbers)`);
  const meta = { date: new Date().toISOString(), chromium: browser.version(), viewport: VIEWPORT, dist: path.relative(REPO_ROOT, DIST_DIR) || '.', machine,
    settings: { QUERY, PAN_EVENTS, WHEEL_EVENTS, GESTURE_BUDGET_MS, MEMORY_LIMIT_BYTES, QUIET_FRAMES } };
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(RESULTS, JSON.stringify({ ...meta, wasm, baseline: base, results }, null, 2));
  console.log(`JSON: ${path.relative(REPO_ROOT, RESULTS)}`);
} finally {
  await browser.close();
  await server.close();
}
