// Browser benchmark (run by scripts/bench): the reference server with N generated credentials
// and the web app in Chromium. Times what a user waits for: sign-in to the first rows (and,
// within it, the list's arrival to the first rows: the app's own share), a search keystroke
// to its result, a header click to the sorted table, Refresh to the reloaded list.
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openApp, typeInto, waitForItem, byId, DEMO_ADMIN } from '../tests/browser/harness.mjs';

// Polls the drawn items inside the page at every animation frame; returns when pred holds.
// It does not ask the app for frames: the app draws when input or data arrive, and forcing
// display-rate frames would take CPU from the very work being timed.
// Answers the page's clock (performance.now()) when it held.
async function until(page, predSource, arg) {
  const handle = await page.waitForFunction(({ src, arg }) => {
    const pred = new Function('items', 'arg', src);
    return pred(window.credentialsConsole.items(), arg) && performance.now();
  }, { src: predSource, arg }, { polling: 'raf', timeout: 120000 });
  return handle.jsonValue();
}

// When the last response of the combined credential list ended, on the page's clock.
async function listArrived(page) {
  return page.evaluate(() => {
    const lists = performance.getEntriesByType('resource').filter((e) => e.name.includes('/asset/credentials?'));
    return lists.length ? lists[lists.length - 1].responseEnd : NaN;
  });
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
// ms at 10,000 credentials: Sign in to the first rows (password hashing, five requests, the
// list's 9 MB), and the list's arrival to the first rows drawn (decode, rows, view, frame).
const targets = { 10000: { load: 1000, client: 500 } };
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
    const drawnAt = await until(page, "return items.some((i) => i.id.startsWith('Credential/'));");
    const load = performance.now() - t0;
    const clientMs = drawnAt - (await listArrived(page));
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

    // Refresh: the whole list again (and the org lists), as a user reloading the table.
    const refresh = await waitForItem(page, byId('Refresh##toolbar'));
    t0 = performance.now();
    await page.mouse.click(refresh.x + refresh.w / 2, refresh.y + refresh.h / 2);
    await until(page, "return items.some((i) => i.id === 'Refresh##toolbar' && !i.enabled);");
    await until(page, "return items.some((i) => i.id === 'Refresh##toolbar' && i.enabled) && items.some((i) => i.id.startsWith('Credential/'));");
    const refreshMs = performance.now() - t0;

    const verdict = (ms, limit) => {
      if (limit === undefined) return '';
      if (ms > limit) missed++;
      return `   target <= ${String(limit).padStart(4)} ms   ${ms <= limit ? 'ok' : 'MISSED'}`;
    };
    const limits = targets[n] || {};
    console.log(`browser, ${count}:`);
    console.log(`  sign in -> first rows drawn         ${load.toFixed(0).padStart(7)} ms${verdict(load, limits.load)}`);
    console.log(`    of which list arrived -> drawn    ${clientMs.toFixed(0).padStart(7)} ms${verdict(clientMs, limits.client)}`);
    console.log(`  search keystroke -> filtered table  ${searchMs.toFixed(0).padStart(7)} ms`);
    console.log(`  header click -> sorted table        ${sortMs.toFixed(0).padStart(7)} ms`);
    console.log(`  refresh click -> list reloaded      ${refreshMs.toFixed(0).padStart(7)} ms`);
    await page.context().close();
  } finally {
    await server.stop();
  }
}
await browser.close();
process.exit(missed ? 1 : 0);
