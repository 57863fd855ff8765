// What a wheel step costs a bare page, whatever the app does: the floor
// under the map benchmark's wheel column (benches/browser/RENDERING.md,
// "Measured a fourth time").
//
// Each variant is a page of the map's size with the big map's structure in
// plain HTML (a canvas, a transformed canvas frame, an SVG layer, a minimap)
// and a different wheel handler. Each wheel step is dispatched alone and
// followed by a frame, as in map-performance.mjs; per variant it prints the
// median main-thread time (CDP TaskDuration) and wall time per step, for
// four rounds run in turn so that a slow moment of the machine hits every
// variant.
//
// Run: node benches/browser/wheel-floor.mjs [variant…]

import { performance } from 'node:perf_hooks';
import { launchBrowser } from '../../tests/e2e/harness.mjs';

const STEPS = 40;
const ROUNDS = 4;
const VIEWPORT = { width: 1280, height: 800 };

/** The page, with `onWheel` run at each step (k: the zoom, x: a pan) and `listener` its options. */
function page({ onWheel = '', listener = '{ passive: false }', cancel = true } = {}) {
  const bands = Array.from({ length: 8 }, (_, i) => `<rect x="0" y="${i * 10}" width="168" height="9" fill="#ccc"/>`).join('');
  const layer = 'position:absolute;left:0;top:0;will-change:transform;transform-origin:0 0';
  return `<!doctype html><body style="margin:0">
<div id="surface" style="position:relative;width:${VIEWPORT.width}px;height:${VIEWPORT.height}px;overflow:hidden">
  <div id="frame" style="${layer}"><canvas id="edges" width="1280" height="800"></canvas></div>
  <div id="nodes" style="${layer}"><svg width="20000" height="9000"></svg></div>
  <svg style="position:absolute;left:12px;bottom:12px;will-change:transform" width="168" height="84">${bands}
    <rect id="outline" x="10" y="10" width="30" height="20" fill="none" stroke="#0072b2"/></svg>
  <div id="area" style="position:absolute;left:12px;top:0;width:1px;height:1px;background:#0072b2;${layer}"></div>
</div>
<script>
  // Edges drawn once, shown as a bitmap, like the app's canvas.
  const offscreen = new OffscreenCanvas(1280, 800);
  const context = offscreen.getContext('2d');
  for (let i = 0; i < 3000; i++) {
    context.beginPath();
    context.moveTo((i * 37) % 1280, (i * 53) % 800);
    context.lineTo((i * 91) % 1280, (i * 17) % 800);
    context.stroke();
  }
  document.getElementById('edges').getContext('bitmaprenderer').transferFromImageBitmap(offscreen.transferToImageBitmap());
  const [frame, nodes, outline, area] = ['frame', 'nodes', 'outline', 'area'].map((id) => document.getElementById(id));
  let k = 1;
  let x = 0;
  document.getElementById('surface').addEventListener('wheel', (event) => {
    ${cancel ? 'event.preventDefault();' : ''}
    k *= event.deltaY < 0 ? 1.1 : 0.95;
    x += 3;
    ${onWheel}
  }, ${listener});
</script></body>`;
}

const move = (element) => `${element}.style.transform = 'translate(' + x + 'px, 0px) scale(' + k + ')';`;
const VARIANTS = {
  'empty page': '<!doctype html><body style="margin:0"><div style="width:100vw;height:100vh"></div></body>',
  'passive listener, no change': page({ listener: '{ passive: true }', cancel: false }),
  'cancelable listener, no change': page(),
  'one layer moved': page({ onWheel: move('nodes') }),
  'two layers moved': page({ onWheel: move('nodes') + move('frame') }),
  'two layers, SVG outline by attributes': page({
    onWheel: `${move('nodes')}${move('frame')} outline.setAttribute('x', x % 100); outline.setAttribute('width', 30 / k);`,
  }),
  'two layers, outline by a transform': page({
    onWheel: `${move('nodes')}${move('frame')} area.style.transform = 'translate(' + (x % 100) + 'px, 10px) scale(' + 30 / k + ', 20)';`,
  }),
};

async function measure(browser, html) {
  const tab = await browser.newPage({ viewport: VIEWPORT });
  await tab.setContent(html);
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('Performance.enable');
  const taskMs = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  const afterNextFrame = () => tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  await tab.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 2);
  const main = [];
  const wall = [];
  for (let i = 0; i < STEPS; i++) {
    const before = await taskMs();
    const started = performance.now();
    await tab.mouse.wheel(0, i % 2 ? 40 : -60);
    await afterNextFrame();
    wall.push(performance.now() - started);
    main.push((await taskMs()) - before);
  }
  await tab.close();
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return `${median(main).toFixed(2)} ms / ${median(wall).toFixed(0)} ms`;
}

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(VARIANTS);
const browser = await launchBrowser();
const results = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const name of names) results[name].push(await measure(browser, VARIANTS[name]));
}
await browser.close();
console.log(`per wheel step, main thread / wall (median of ${STEPS} steps), ${ROUNDS} rounds:`);
for (const name of names) console.log(`${name.padEnd(40)} ${results[name].join('   ')}`);
