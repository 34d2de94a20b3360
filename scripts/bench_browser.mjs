// Browser benchmark (run by scripts/bench): the reference server with N generated credentials
// and the web app in Chromium. Times what a user waits for: sign-in to the first rows, a search
// keystroke to its result, a header click to the sorted table.
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openApp, typeInto, waitForItem, byId, DEMO_ADMIN } from '../tests/browser/harness.mjs';

// Polls the drawn items inside the page at every animation frame; returns when pred holds.
async function until(page, predSource, arg) {
  await page.waitForFunction(({ src, arg }) => {
    window.credentialsConsole.redraw();
    const pred = new Function('items', 'arg', src);
    return pred(window.credentialsConsole.items(), arg);
  }, { src: predSource, arg }, { polling: 'raf', timeout: 120000 });
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const targets = { 10000: 1000 };  // ms from Sign in to the first rows
let missed = 0;
const browser = await launchBrowser();
for (const n of sizes.length ? sizes : [10000, 100000]) {
  const server = await startServer(['--demo-size', String(n)]);
  try {
    const page = await openApp(browser, server.url, { width: 1280, height: 800 });
    await typeInto(page, '##email', DEMO_ADMIN.email);
    await typeInto(page, '##password', DEMO_ADMIN.password);
    const signIn = await waitForItem(page, byId('Sign in##login'));
    let t0 = performance.now();
    await page.mouse.click(signIn.x + signIn.w / 2, signIn.y + signIn.h / 2);
    await until(page, "return items.some((i) => i.id.startsWith('Credential/'));");
    const load = performance.now() - t0;
    const count = (await waitForItem(page, byId('count##toolbar'))).label;
    assert.match(count, /credentials$/);

    const search = await waitForItem(page, byId('##search'));
    await page.mouse.click(search.x + search.w / 2, search.y + search.h / 2);
    await page.waitForTimeout(300);
    t0 = performance.now();
    await page.keyboard.type('7');
    await until(page, "return items.some((i) => i.id === 'count##toolbar' && i.label.includes(' of '));");
    const searchMs = performance.now() - t0;
    await page.keyboard.press('Backspace');
    await until(page, "return items.some((i) => i.id === 'count##toolbar' && !i.label.includes(' of '));");

    const header = await waitForItem(page, byId('header/Credential'));
    t0 = performance.now();
    await page.mouse.click(header.x + header.w / 2, header.y + header.h / 2);
    await until(page, "return items.some((i) => i.id === 'header/Credential' && i.label === 'Credential (ascending)');");
    const sortMs = performance.now() - t0;

    const limit = targets[n];
    const verdict = limit === undefined ? '' : load <= limit ? `   target <= ${limit} ms   ok` : `   target <= ${limit} ms   MISSED`;
    if (limit !== undefined && load > limit) missed++;
    console.log(`browser, ${count}:`);
    console.log(`  sign in -> first rows drawn         ${load.toFixed(0).padStart(7)} ms${verdict}`);
    console.log(`  search keystroke -> filtered table  ${searchMs.toFixed(0).padStart(7)} ms`);
    console.log(`  header click -> sorted table        ${sortMs.toFixed(0).padStart(7)} ms`);
    await page.context().close();
  } finally {
    await server.stop();
  }
}
await browser.close();
process.exit(missed ? 1 : 0);
