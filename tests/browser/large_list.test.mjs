// A large list arriving over a slow network: the first rows show while the rest is on its way,
// in the server's order, with the progress where the count will be; Export waits for the whole
// list; when it has arrived the count says how many there are. A sorted view waits for the whole
// list before it shows rows (its first rows are not known before the end).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, openApp, waitForItem, items, screenshot, byId, apiToken, apiGet, test,
} from './harness.mjs';

const SIZE = 20000;
let server;
let browser;
let token;
let entries;

before(async () => {
  server = await startServer(['--demo-size', String(SIZE)]);
  browser = await launchBrowser();
  token = await apiToken(server.origin, new URL(server.url).pathname);
  entries = (await apiGet(server.origin, 'api/v1/asset/credentials?usageInfo=true&statusInfo=true', token)).body.entries;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// A tab that holds a session (as after a reload), on a network of 512 KB/s (the list: ~2 MB of gzip).
async function openSlow(hash = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((t) => {
    sessionStorage.setItem('credentials-console.session', JSON.stringify({ token: t, user: 'admin@demo.local' }));
  }, token);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 20, downloadThroughput: 512 * 1024, uploadThroughput: 512 * 1024,
  });
  return openApp(browser, server.url + hash, { context });
}

test('the first rows of a large list show while the rest arrives, then the whole list', async () => {
  const page = await openSlow();
  const row = await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'a first row', timeout: 60000 });
  const now = await items(page);
  await screenshot(page, 'large-list-arriving.png');
  const progress = now.find((it) => it.id === 'loading##toolbar');
  assert.ok(progress, 'the toolbar says the list is still arriving');
  assert.match(progress.label, /^Loading credentials… \d+% \(/);
  assert.ok(!now.some((it) => it.id === 'count##toolbar'), 'no count before the whole list is in');
  const exportButton = now.find((it) => it.id === 'Export CSV##toolbar');
  assert.equal(exportButton?.enabled, false, 'Export waits for the whole list');
  // The first rows are the list's first entries, in the server's order.
  const shown = now.filter((it) => it.id.startsWith('Credential/')).map((it) => it.label);
  assert.ok(shown.length >= 5);
  assert.deepEqual(shown, entries.slice(0, shown.length).map((e) => e.meta.name));
  assert.equal(row.label, entries[0].meta.name);

  await waitForItem(page, (it) => it.id === 'count##toolbar' && it.label === `${entries.length} credentials`,
    { what: 'the count of the whole list', timeout: 120000 });
  const done = await items(page);
  assert.ok(!done.some((it) => it.id === 'loading##toolbar'));
  assert.equal(done.find((it) => it.id === 'Export CSV##toolbar')?.enabled, true);
  await page.context().close();
});

test('a sorted view shows rows only once the whole list is in', async () => {
  const page = await openSlow('#s=credential');
  await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'a first row', timeout: 120000 });
  const now = await items(page);
  assert.ok(now.some((it) => it.id === 'count##toolbar' && it.label === `${entries.length} credentials`),
    'the rows came with the whole list');
  const header = now.find((it) => it.id === 'header/Credential');
  assert.equal(header?.label, 'Credential (ascending)');
  await page.context().close();
});
