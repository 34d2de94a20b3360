// Frames drawn and what they cost, in a real browser: a page that waits for typing draws only
// the caret's blinks (every frame at display rate would take the CPU that software-rendered
// kiosks need elsewhere), and credentialsConsole.frameStats() accounts for every drawn frame.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, waitForItem, byId, settle, test } from './harness.mjs';

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

// Frames the app draws in `ms` on its own (nothing asks it for frames meanwhile).
async function framesDrawnIn(page, ms) {
  const start = await page.evaluate(() => window.credentialsConsole.frame);
  await page.waitForTimeout(ms);
  return (await page.evaluate(() => window.credentialsConsole.frame)) - start;
}

test('a focused search box with nothing typed draws only the caret blinking, not frames at display rate', async () => {
  const page = await signIn(browser, server.url);
  const search = await waitForItem(page, byId('##search'));
  await page.mouse.click(search.x + search.w / 2, search.y + search.h / 2);
  await page.waitForTimeout(1000);  // the frames that the click itself asked for are drawn
  const frames = await framesDrawnIn(page, 2000);
  assert.ok(frames < 20, `at most a few frames a second while idle, drew ${frames} in 2 s`);
  assert.ok(frames >= 1, 'the caret keeps blinking');
  // Typing still reaches the field at once.
  await page.keyboard.type('zzzz-no-such-credential');
  await waitForItem(page, (it) => it.id === 'count##toolbar' && it.label.includes(' of '), { what: 'the filtered count' });
  await page.context().close();
});

test('frameStats() accounts for every drawn frame, split into update, ui and gl', async () => {
  const page = await signIn(browser, server.url);
  const start = await page.evaluate(() => { window.credentialsConsole.resetFrameStats(); return window.credentialsConsole.frame; });
  await page.mouse.move(640, 500);
  for (let i = 0; i < 5; i++) {
    await page.mouse.wheel(0, 300);
    await settle(page, 3);
  }
  const { stats, end } = await page.evaluate(() => ({ stats: window.credentialsConsole.frameStats(), end: window.credentialsConsole.frame }));
  assert.equal(stats.frames, end - start, 'one entry per drawn frame');
  for (const part of ['total', 'update', 'ui', 'gl']) {
    const s = stats[part];
    assert.ok(Number.isFinite(s.p50) && s.p50 >= 0 && s.p50 <= s.p99 && s.p99 <= s.max, `${part}: ${JSON.stringify(s)}`);
  }
  assert.ok(stats.total.max > 0, 'drawing a frame takes time');
  assert.ok(stats.ui.max <= stats.total.max && stats.gl.max <= stats.total.max, 'the parts lie within the frame');
  const afterReset = await page.evaluate(() => { window.credentialsConsole.resetFrameStats(); return window.credentialsConsole.frameStats(); });
  assert.equal(afterReset.frames, 0, 'resetFrameStats() starts a new count');
  await page.context().close();
});
