// Frames drawn in a real browser: a page that waits for typing draws only the caret's blinks
// (every frame at display rate would take the CPU that software-rendered kiosks need elsewhere).
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
