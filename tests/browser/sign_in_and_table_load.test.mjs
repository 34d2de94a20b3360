// Signing in and loading the table in a real browser: sign in through the login form, see the demo
// account's credentials drawn from the live API, with scope and cluster names resolved;
// also under a path prefix, at devicePixelRatio 2, when the window resizes, and when the
// server goes away.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, openApp, waitForItem, click, login, typeInto, tableNames, screenshot, items,
  byId, byLabel, apiToken, apiGet, DEMO_ADMIN, test } from './harness.mjs';

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

async function waitForTable(page) {
  await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'a credential row', timeout: 30000 });
}

test('the login screen asks for email and password; Sign in is disabled until both are typed', async () => {
  const page = await openApp(browser, server.url);
  const signIn = await waitForItem(page, byId('Sign in##login'), { what: 'Sign in' });
  assert.equal(signIn.enabled, false);
  await screenshot(page, 'login.png');
  await typeInto(page, '##email', DEMO_ADMIN.email);
  await typeInto(page, '##password', DEMO_ADMIN.password);
  const enabled = await waitForItem(page, (it) => it.id === 'Sign in##login' && it.enabled, { what: 'enabled Sign in' });
  assert.equal(enabled.enabled, true);
  await page.context().close();
});

test('a wrong password is refused with a clear message', async () => {
  const page = await openApp(browser, server.url);
  await login(page, { email: DEMO_ADMIN.email, password: 'not-the-password' });
  const error = await waitForItem(page, byId('error##login'), { what: 'the error message' });
  assert.equal(error.label, 'The email or password is incorrect');
  // Still on the login screen, with the fields ready for another try.
  await waitForItem(page, byId('##email'));
  await page.context().close();
});

test('signing in shows the table with the demo credentials from the API', async () => {
  const page = await openApp(browser, server.url);
  await login(page);
  await waitForTable(page);
  await screenshot(page, 'credentials-table.png');

  const token = await apiToken(server.origin);
  const { status, body } = await apiGet(server.origin, '/api/v1/asset/credentials?usageInfo=true&statusInfo=true', token);
  assert.equal(status, 200);
  assert.ok(body.entries.length >= 30, 'the demo seeds about 40 credentials');
  const expected = new Set(body.entries.map((e) => e.meta.name));

  // The rows drawn (those that fit on screen) are demo credentials, in the API's order.
  const drawn = await tableNames(page);
  assert.ok(drawn.length >= 10, `expected at least 10 rows on a 1280x800 screen, got ${drawn.length}`);
  for (const name of drawn) assert.ok(expected.has(name), `${name} is not a credential of the API`);
  assert.deepEqual(drawn, body.entries.slice(0, drawn.length).map((e) => e.meta.name));

  // Scope and cluster names are resolved through the org lists (not ids or placeholders).
  const all = await items(page);
  const first = body.entries[0];
  const scopeCell = all.find((it) => it.id === `Scope/${first.meta.name}##${first.meta.id}`);
  assert.ok(scopeCell, 'the first row has a Scope cell');
  assert.ok(!/^(project|department|cluster) /.test(scopeCell.label), `scope resolved: ${scopeCell.label}`);
  const clusters = (await apiGet(server.origin, '/api/v1/clusters', token)).body.map((c) => c.name);
  const clusterCells = all.filter((it) => it.id.startsWith('Cluster/') && it.label !== '');
  assert.ok(clusterCells.length > 0);
  for (const c of clusterCells) assert.ok(clusters.includes(c.label), `${c.label} is a cluster name`);
  // Every column header is there.
  for (const title of ['Credential', 'Description', 'Type', 'Status', 'Scope', 'Kubernetes name', 'Environment(s)',
    'Data source(s)', 'Created by', 'Creation time', 'Cluster']) {
    assert.ok(all.some((it) => it.label === title), `column ${title}`);
  }
  const summary = all.find((it) => it.id === 'count##toolbar');
  assert.match(summary.label, new RegExp(`^${body.entries.length} credentials`));
  await page.context().close();
});

test('the table scrolls through every credential', async () => {
  const page = await openApp(browser, server.url, { width: 1280, height: 600 });
  await login(page);
  await waitForTable(page);
  const token = await apiToken(server.origin);
  const { body } = await apiGet(server.origin, '/api/v1/asset/credentials', token);
  const seen = new Set(await tableNames(page));
  const row = await waitForItem(page, (it) => it.id.startsWith('Credential/'));
  await page.mouse.move(row.x + 20, row.y + 40);
  for (let i = 0; i < 20 && seen.size < body.entries.length; i++) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(120);
    for (const n of await tableNames(page)) seen.add(n);
  }
  assert.equal(seen.size, body.entries.length);
  await page.context().close();
});

test('the app works mounted under a path prefix of a host console', async () => {
  const prefixed = await startServer(['--base-path', '/credentials/']);
  try {
    assert.match(prefixed.url, /\/credentials\/$/);
    const page = await openApp(browser, prefixed.url);
    await login(page);
    await waitForTable(page);
    assert.ok((await tableNames(page)).length >= 10);
    await page.context().close();
  } finally {
    await prefixed.stop();
  }
});

test('at devicePixelRatio 2 items are reported and clicked in CSS pixels', async () => {
  const page = await openApp(browser, server.url, { deviceScaleFactor: 2 });
  const canvas = await page.evaluate(() => ({ w: document.getElementById('canvas').width, css: innerWidth }));
  assert.equal(canvas.w, canvas.css * 2, 'the canvas has twice as many pixels as CSS pixels');
  const signIn = await waitForItem(page, byId('Sign in##login'));
  assert.ok(signIn.x + signIn.w <= 1280 && signIn.y + signIn.h <= 800, 'rectangles are in CSS pixels');
  await login(page);
  await waitForTable(page);
  await screenshot(page, 'credentials-table-dpr2.png');
  await page.context().close();
});

test('the canvas follows the window size', async () => {
  const page = await openApp(browser, server.url);
  await login(page);
  await waitForTable(page);
  const before = await waitForItem(page, byId('Sign out##header'));
  await page.setViewportSize({ width: 1920, height: 1080 });
  const after = await waitForItem(page, (it) => it.id === 'Sign out##header' && it.x > before.x + 500, { what: 'Sign out moved right' });
  assert.ok(after.x + after.w <= 1920);
  const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
  assert.deepEqual(size, [1920, 1080]);
  await screenshot(page, 'credentials-table-1920.png');
  await page.context().close();
});

test('when the server cannot be reached, refresh shows the error and a retry', async () => {
  const own = await startServer();
  const page = await openApp(browser, own.url);
  await login(page);
  await waitForTable(page);
  const exited = new Promise((r) => own.proc.once('exit', r));
  own.proc.kill('SIGKILL');
  await exited;
  await click(page, byId('Refresh##toolbar'), 'Refresh');
  const error = await waitForItem(page, byId('error##page'), { what: 'error state' });
  assert.match(error.label, /^The server could not be reached\./);
  await waitForItem(page, byId('Retry##error'), { what: 'Retry' });
  await screenshot(page, 'error-state.png');
  await page.context().close();
  await own.stop();
});

test('signing out returns to the login screen', async () => {
  const page = await openApp(browser, server.url);
  await login(page);
  await waitForTable(page);
  await click(page, byId('Sign out##header'), 'Sign out');
  await waitForItem(page, byId('Sign in##login'), { what: 'login screen' });
  // Signed out is signed out for the tab: a reload asks again.
  await page.reload();
  await waitForItem(page, byId('Sign in##login'), { what: 'login screen after a reload' });
  await page.context().close();
});

test('a reload keeps the session in the same tab; a new tab asks to sign in; the token is never in localStorage or the URL', async () => {
  const page = await openApp(browser, server.url);
  await login(page);
  await waitForTable(page);
  await page.reload();
  await waitForTable(page);
  assert.ok(!(await items(page)).some((it) => it.id === 'Sign in##login'), 'no login form after the reload');
  // The page asked for the list (and the org lists) once, at load, before the app's code was
  // running (a cached module can arrive before the list request starts, so the mark of the
  // runtime's start is the line, not the module's download).
  const timing = await page.evaluate(() => {
    const all = performance.getEntriesByType('resource');
    const orgLists = all.filter((e) => /\/(clusters|org-unit\/departments|org-unit\/projects)\?/.test(e.name));
    if (orgLists.length !== 3 || orgLists.some((e) => e.initiatorType !== 'fetch')) return { orgLists: orgLists.map((e) => [e.name, e.initiatorType]) };
    const lists = all.filter((e) => e.name.includes('/asset/credentials?'));
    const ready = performance.getEntriesByName('credentials-console:runtime-ready')[0];
    return { lists: lists.map((e) => ({ initiator: e.initiatorType, start: e.startTime })), runtimeReady: ready ? ready.startTime : NaN };
  });
  assert.ok(timing.lists, 'the org lists were asked for once each, at load: ' + JSON.stringify(timing));
  assert.equal(timing.lists.length, 1, 'one list request: ' + JSON.stringify(timing));
  assert.equal(timing.lists[0].initiator, 'fetch');
  assert.ok(timing.lists[0].start < timing.runtimeReady, 'asked before the app code was running: ' + JSON.stringify(timing));
  const stored = await page.evaluate(() => ({
    session: JSON.parse(sessionStorage.getItem('credentials-console.session') || 'null'),
    local: JSON.stringify(Object.assign({}, localStorage)),
    url: location.href,
  }));
  assert.equal(stored.session.user, DEMO_ADMIN.email);
  assert.ok(stored.session.token.length > 20);
  assert.ok(!stored.local.includes(stored.session.token), 'not in localStorage');
  assert.ok(!stored.url.includes(stored.session.token), 'not in the URL');

  // Another tab of the same browser profile does not share sessionStorage.
  const other = await page.context().newPage();
  await other.goto(server.url);
  await other.waitForFunction(() => window.credentialsConsole && window.credentialsConsole.frame > 1);
  await waitForItem(other, byId('Sign in##login'), { what: 'login screen in a new tab' });

  // A token the server no longer accepts: the app returns to the login form and forgets it.
  await page.evaluate(() => sessionStorage.setItem('credentials-console.session',
    JSON.stringify({ token: 'expired-or-forged', user: 'someone' })));
  await page.reload();
  await waitForItem(page, byId('Sign in##login'), { what: 'login screen after a refused token' });
  assert.equal(await page.evaluate(() => sessionStorage.getItem('credentials-console.session')), null);
  await page.context().close();
});
