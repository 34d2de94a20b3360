// The table's states in a real browser: a new credential polled from Creating… to No issues
// found without a refresh, the empty account, an expired session (401) back to the login, and
// a host console handing over a token.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, openApp, waitForItem, click, login, screenshot, items, byId, typeInto,
  apiToken, apiGet, apiSend, signIn, test } from './harness.mjs';

const servers = [];
let browser;

async function server(args) {
  const s = await startServer(args);
  servers.push(s);
  browser ??= await launchBrowser();
  return s;
}

after(async () => {
  await browser?.close();
  for (const s of servers) await s.stop();
});

test('a credential created elsewhere shows Creating… after Refresh and settles to No issues found by polling', async () => {
  const srv = await server(['--agent-delay-ms', '4000']);
  const token = await apiToken(srv.origin);
  const page = await signIn(browser, srv.url);
  const cluster = (await apiGet(srv.origin, '/api/v1/clusters', token)).body[0];
  const created = await apiSend(srv.origin, 'POST', '/api/v1/asset/credentials/access-key', token, {
    meta: { name: 'polled-key', scope: 'cluster', clusterId: cluster.uuid, description: 'made by the polling test' },
    spec: { accessKeyId: 'AKIAPOLLING', secretAccessKey: 'polling-secret-value' },
  });
  assert.equal(created.status, 202);
  const id = created.body.meta.id;
  await click(page, byId('Refresh##toolbar'), 'Refresh');
  await typeInto(page, '##search', 'polled-key');
  const creating = await waitForItem(page, (it) => it.id === `Status/polled-key##${id}`, { what: 'the new row' });
  assert.equal(creating.label, 'Creating…');
  await screenshot(page, 'status-creating.png');
  const loaded = (await waitForItem(page, byId('loaded##toolbar'))).label;
  // No click from here on: the row is re-polled until the agent reports.
  const settled = await waitForItem(page, (it) => it.id === `Status/polled-key##${id}` && it.label !== 'Creating…',
    { what: 'the settled status', timeout: 20000 });
  assert.equal(settled.label, 'No issues found');
  assert.equal((await waitForItem(page, byId('loaded##toolbar'))).label, loaded, 'the table was not reloaded');
  const list = await apiGet(srv.origin, '/api/v1/asset/credentials?statusInfo=true', token);
  assert.equal(list.body.entries.find((e) => e.meta.id === id).status.status, 'No issues found');
  await page.context().close();
});

test('an empty account says so instead of drawing an empty table', async () => {
  const srv = await server(['--demo-size', '0']);
  const page = await openApp(browser, srv.url);
  await login(page);
  const card = await waitForItem(page, byId('empty##page'), { what: 'the empty state', timeout: 30000 });
  assert.match(card.label, /None are defined in the scopes you can see/);
  assert.ok(!(await items(page)).some((it) => it.id.startsWith('header/')), 'no table headers');
  await screenshot(page, 'empty-account.png');
  await page.context().close();
});

test('an expired or revoked session returns to the login with a message', async () => {
  const srv = await server([]);
  const page = await signIn(browser, srv.url);
  // A host console hands over a token the server does not accept (expired, revoked).
  await page.evaluate(() => window.credentialsConsole.setToken('eyJhbGciOiJIUzI1NiJ9.e30.invalid', 'host-user'));
  const err = await waitForItem(page, byId('error##login'), { what: 'the session-expired message' });
  assert.match(err.label, /session has expired/i);
  await waitForItem(page, byId('Sign in##login'));
  assert.ok(!(await items(page)).some((it) => it.id.startsWith('Credential/')), 'the table is gone');
  await screenshot(page, 'session-expired.png');
  // The email is kept: typing the password again brings the table back.
  await typeInto(page, '##password', 'demo-admin');
  await click(page, byId('Sign in##login'), 'Sign in');
  await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'the table again', timeout: 30000 });
  await page.context().close();
});

test('a host console can hand over a valid token and skip the login', async () => {
  const srv = await server([]);
  const token = await apiToken(srv.origin);
  const page = await openApp(browser, srv.url);
  await page.evaluate((t) => window.credentialsConsole.setToken(t, 'admin@demo.local'), token);
  await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'the table', timeout: 30000 });
  assert.ok(!(await items(page)).some((it) => it.id === 'Sign in##login'));
  await page.context().close();
});

test('a new sort or search shows the top of the table; refresh keeps the scroll position', async () => {
  const srv = await server([]);
  const page = await signIn(browser, srv.url);
  const first = await waitForItem(page, (it) => it.id.startsWith('Credential/'));
  await page.mouse.move(first.x + 10, first.y + 10);
  await page.mouse.wheel(0, 100000);
  const topName = async () => (await items(page)).filter((it) => it.id.startsWith('Credential/') && it.visible)
    .sort((a, b) => a.y - b.y)[0].label;
  await waitForItem(page, (it) => it.id.startsWith('Credential/'));
  const scrolled = await topName();
  assert.notEqual(scrolled, first.label, 'scrolled down');
  await click(page, byId('Refresh##toolbar'), 'Refresh');
  await page.waitForTimeout(500);
  assert.equal(await topName(), scrolled, 'refresh keeps the scroll position');
  await click(page, byId('header/Credential'), 'Credential header');
  await waitForItem(page, (it) => it.id === 'header/Credential' && it.label === 'Credential (ascending)');
  await page.waitForTimeout(200);
  const names = (await apiGet(srv.origin, '/api/v1/asset/credentials', await apiToken(srv.origin))).body.entries
    .map((e) => e.meta.name).sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }));
  assert.equal(await topName(), names[0], 'the sorted table starts at its first row');
  await page.context().close();
});
