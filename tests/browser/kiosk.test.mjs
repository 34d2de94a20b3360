// The kiosk display (?display=kiosk): no sign-in (the server started with --kiosk-user hands out
// a read-only session), a status summary, no action that changes anything, its own refreshes, a
// larger drawing for wall screens, and recovery from a server restart without any input.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, startServer, launchBrowser, items, waitForItem, byId, screenshot } from './harness.mjs';

let browser;
const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-kiosk-'));
before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// The server on `port` (0: a free one) over the same data directory each time.
const serve = (port) => startServer(['--kiosk-user', 'viewer@demo.local', '--agent-delay-ms', '200'], { port, dataDir });

async function openDisplay(url, viewport, query) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(url + '?display=kiosk&' + query);
  await page.waitForFunction(() => window.credentialsConsole && window.credentialsConsole.frame > 1, null, { timeout: 60000 });
  return page;
}

test('a display shows the credentials without a sign-in, changes nothing, and recovers from a server restart on its own', async () => {
  let server = await serve(0);
  const port = new URL(server.url).port;
  const page = await openDisplay(server.url, { width: 1280, height: 800 }, 'refresh=2');
  await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'the rows', timeout: 30000 });
  const drawn = await items(page);
  const ids = new Set(drawn.map((it) => it.id));
  for (const gone of ['##email', 'Sign out##header', 'New credentials##actions', 'Rename##actions', 'Delete##actions',
    'Refresh##toolbar', 'Export CSV##toolbar'])
    assert.ok(!ids.has(gone), `${gone} is not on a display`);
  const total = drawn.find((it) => it.id === 'count##kiosk');
  assert.match(total.label, /^\d+ credentials$/);
  const counts = drawn.filter((it) => it.id.startsWith('status-count/'));
  assert.ok(counts.length >= 2, 'a count per status: ' + counts.map((c) => c.label).join(', '));
  const sum = counts.reduce((n, c) => n + Number(c.label.match(/^(\d+)/)[1]), 0);
  assert.equal(sum, Number(total.label.match(/^(\d+)/)[1]), 'the status counts add up to the total');
  // Credentials that need attention first: the first row's status is not a settled one.
  const firstStatus = drawn.find((it) => it.id.startsWith('Status/') && it.visible);
  assert.ok(!['No issues found', 'No status', '-'].includes(firstStatus.label), 'first row: ' + firstStatus.label);
  const updated = (await waitForItem(page, byId('updated##kiosk'))).label;
  assert.match(updated, /^Updated /);
  await screenshot(page, 'kiosk.png');

  // A click on a row selects nothing: no details panel, no actions.
  const row = drawn.find((it) => it.id.startsWith('Credential/') && it.visible);
  await page.mouse.click(row.x + row.w / 2, row.y + row.h / 2);
  await page.waitForTimeout(500);
  assert.ok(!(await items(page)).some((it) => it.id === 'Show in tree##details'), 'no details panel');

  // The server goes away: the rows stay, the bar says so. No input from here on.
  await server.stop();
  const away = await waitForItem(page, (it) => it.id === 'updated##kiosk' && /cannot be reached/.test(it.label),
    { what: 'the server-away notice', timeout: 20000 });
  assert.ok((await items(page)).some((it) => it.id.startsWith('Credential/') && it.visible), 'rows kept while away');
  await screenshot(page, 'kiosk-server-away.png');
  assert.match(away.label, /shown: /);

  // It comes back on the same port: the display recovers by itself.
  server = await serve(port);
  await waitForItem(page, (it) => it.id === 'updated##kiosk' && /^Updated /.test(it.label),
    { what: 'the display updated again', timeout: 30000 });
  assert.ok((await items(page)).some((it) => it.id.startsWith('Credential/') && it.visible));
  await page.context().close();
  await server.stop();
});

test('a wall display draws larger', async () => {
  const server = await serve(0);
  const rowHeight = async (query) => {
    const page = await openDisplay(server.url, { width: 1920, height: 1080 }, query);
    const row = await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'a row', timeout: 30000 });
    const total = await waitForItem(page, byId('count##kiosk'));
    await page.context().close();
    return [row.h, total.h];
  };
  const [plain, plainText] = await rowHeight('zoom=1');
  const [large, largeText] = await rowHeight('zoom=2');
  assert.ok(large > plain * 1.8 && largeText > plainText * 1.8, `zoom 2 draws twice as large: ${plain} -> ${large}`);
  await server.stop();
});
