// Look and feel in a real browser: the screenshot matrix (devicePixelRatio 1 and 2, light and
// dark, 1280x800 and 1920x1080) with checks that nothing is clipped, that the canvas is drawn at
// the screen's resolution (crisp at 1, 1.5, 2, 3 and after a zoom), and that the browser keeps
// its zoom shortcuts.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, waitForItem, screenshot, items, byId, signIn, settle, test } from './harness.mjs';
import { decodePng, luminance } from './png.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const TOOLBAR = ['##search', 'Add filter##toolbar', 'Columns##toolbar', 'Export CSV##toolbar', 'Refresh##toolbar',
  'count##toolbar', 'loaded##toolbar'];

async function canvasSize(page) {
  return page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight, dpr: window.devicePixelRatio };
  });
}

// Every toolbar item and every drawn header lies inside the viewport; the table reaches down
// to the window's bottom edge area (it fills the page, nothing spills past it).
async function assertNotClipped(page, width, height) {
  const all = await items(page);
  for (const id of TOOLBAR) {
    const it = all.find((i) => i.id === id);
    assert.ok(it, `${id} is drawn`);
    assert.ok(it.x >= 0 && it.y >= 0 && it.x + it.w <= width + 0.5 && it.y + it.h <= height + 0.5,
      `${id} lies inside ${width}x${height}: ${JSON.stringify(it)}`);
  }
  const headers = all.filter((i) => i.id.startsWith('header/') && i.visible);
  assert.ok(headers.length >= 4, 'the table headers are drawn');
  for (const h of headers) assert.ok(h.y >= 0 && h.y + h.h <= height, `${h.id} is on screen`);
  const rows = all.filter((i) => i.id.startsWith('Credential/') && i.visible);
  assert.ok(rows.length >= 5, 'rows are drawn');
  for (const r of rows) assert.ok(r.x >= 0 && r.x + r.w <= width + 0.5, `${r.id} fits horizontally`);
}

// One sign-in per colour scheme and devicePixelRatio; the window is resized under it.
for (const colorScheme of ['light', 'dark']) {
  for (const dpr of [1, 2]) {
    test(`screenshots at 1280x800 and 1920x1080, devicePixelRatio ${dpr}, ${colorScheme}`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr, colorScheme });
      const page = await signIn(browser, server.url, { context });
      for (const [width, height] of [[1280, 800], [1920, 1080]]) {
        await page.setViewportSize({ width, height });
        await page.waitForFunction((w) => document.getElementById('canvas').width === w, width * dpr);
        await settle(page, 6);
        await assertNotClipped(page, width, height);
        const size = await canvasSize(page);
        assert.equal(size.w, width * dpr, 'the canvas has one pixel per device pixel');
        assert.equal(size.h, height * dpr);
        const file = await screenshot(page, `table-${width}x${height}-dpr${dpr}-${colorScheme}.png`);
        const png = decodePng(readFileSync(file));
        assert.equal(png.width, width * dpr);
        // The page background follows prefers-color-scheme.
        const bg = luminance(png.pixel(png.width - 3, png.height - 3));
        if (colorScheme === 'dark') assert.ok(bg < 70, `dark background, luminance ${bg}`);
        else assert.ok(bg > 200, `light background, luminance ${bg}`);
      }
      await context.close();
    });
  }
}

test('crisp at devicePixelRatio 1.5 and 3: the canvas matches the device pixels, input stays in CSS pixels', async () => {
  for (const dpr of [1.5, 3]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr });
    const page = await signIn(browser, server.url, { context });
    const size = await canvasSize(page);
    assert.equal(size.w, Math.round(1280 * dpr));
    assert.equal(size.h, Math.round(800 * dpr));
    await assertNotClipped(page, 1280, 800);
    await screenshot(page, `table-1280x800-dpr${dpr}.png`);
    await context.close();
  }
});

test('browser zoom: a new devicePixelRatio re-rasterizes at the new resolution and keeps the layout in em', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await signIn(browser, server.url, { context });
  const before = (await items(page)).find((i) => i.id === 'Refresh##toolbar');
  // Ctrl + / Ctrl - / Ctrl 0 reach the browser: the app does not swallow them.
  // The listener is in place before the first key goes down; only the non-modifier keys count.
  await page.evaluate(() => {
    document.getElementById('canvas').focus();
    window.zoomKeysSeen = [];
    window.addEventListener('keydown', (e) => {
      if (e.ctrlKey && e.key !== 'Control') window.zoomKeysSeen.push(e.defaultPrevented);
    });
  });
  await page.keyboard.press('Control+Equal');
  await page.keyboard.press('Control+Minus');
  await page.keyboard.press('Control+Digit0');
  await page.waitForFunction(() => window.zoomKeysSeen.length === 3, null, { timeout: 10000 });
  const zoomKeys = page.evaluate(() => window.zoomKeysSeen);
  assert.deepEqual(await zoomKeys, [false, false, false], 'zoom shortcuts are left to the browser');

  // What a 150% zoom does to the page: devicePixelRatio 1.5 and a smaller CSS viewport.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 853, height: 533, deviceScaleFactor: 1.5, mobile: false });
  await page.waitForFunction(() => window.devicePixelRatio === 1.5);
  await settle(page, 10);
  const size = await canvasSize(page);
  assert.equal(size.w, Math.round(853 * 1.5));
  const after = await waitForItem(page, byId('Refresh##toolbar'));
  assert.ok(Math.abs(after.h - before.h) < 1.5, `the same height in CSS pixels (${before.h} -> ${after.h})`);
  await screenshot(page, 'zoom-150.png');
  await context.close();
});
