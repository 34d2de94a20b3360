// The canvas as screen readers and the browser's find see it: the accessibility mirror's roles,
// names and states (read through Playwright's ARIA queries and Chromium's own accessibility
// tree), axe-core over the page with no serious or critical violation, activation by a screen
// reader reaching the app, the focus following the app's, and status changes spoken politely.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  test, startServer, launchBrowser, openApp, login, waitForItem, byId, click, settle, items, screenshot,
  apiToken, apiGet, apiSend,
} from './harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('../../node_modules/axe-core/axe.min.js'), 'utf8');

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

// A page whose CSP lets the test add axe-core (the app's own policy allows scripts from its
// origin only).
async function signedIn() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const page = await openApp(browser, server.url, { context });
  await login(page);
  await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'the table', timeout: 30000 });
  return page;
}

// The mirror follows the canvas when the browser is idle: wait until it shows what `check` wants.
async function mirrored(page, check, what) {
  const deadline = Date.now() + 10000;
  let last;
  while (Date.now() < deadline) {
    last = await check().catch((e) => e);
    if (last === true) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the mirror never showed ${what}: ${last}`);
}

async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.html).join(' ')}`);
}

test('the table is a grid: row count, column headers with their sort, rows and cells by name', async () => {
  const page = await signedIn();
  const grid = page.getByRole('grid', { name: 'Credentials' });
  await mirrored(page, async () => (await grid.count()) === 1, 'the grid');
  const count = (await items(page)).find((it) => it.id === 'count##toolbar').label; // "42 credentials"
  const total = Number(count.match(/^(\d+)/)[1]);
  assert.equal(await grid.getAttribute('aria-rowcount'), String(total + 1), 'every credential and the header row');

  const header = page.getByRole('columnheader', { name: 'Credential', exact: true });
  assert.equal(await header.getAttribute('aria-sort'), 'none');
  await click(page, byId('header/Credential'), 'the Credential header');
  await mirrored(page, async () => (await header.getAttribute('aria-sort')) === 'ascending', 'aria-sort ascending');
  await click(page, byId('header/Credential'), 'the Credential header');
  await mirrored(page, async () => (await header.getAttribute('aria-sort')) === 'descending', 'aria-sort descending');

  // The first row under the header is the first row of the view, with its cells by name.
  const first = (await items(page)).find((it) => it.id.startsWith('Credential/') && it.visible);
  const row = page.getByRole('row', { name: first.label, exact: true });
  await mirrored(page, async () => (await row.getAttribute('aria-rowindex')) === '2', 'the first row at index 2');
  const cell = row.locator(`[data-cc-id="${first.id}"]`);
  assert.equal(await cell.getAttribute('role'), 'gridcell');
  assert.equal(await cell.textContent(), first.label);
  assert.ok((await page.getByRole('row').count()) > 5, 'the visible rows are mirrored');

  // Chromium's own accessibility tree has the grid, its header, rows and cells.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const roles = nodes.map((n) => n.role && n.role.value);
  assert.ok(roles.includes('grid'), 'a grid in the browser accessibility tree');
  const sorted = nodes.find((n) => n.role?.value === 'columnheader' && n.name?.value === 'Credential');
  assert.ok(sorted, 'the Credential column header in the browser accessibility tree');
  assert.ok(roles.filter((r) => r === 'row').length > 5, 'rows in the browser accessibility tree');
  assert.ok(roles.includes('gridcell'), 'cells in the browser accessibility tree');

  // The browser's find finds a name on screen, as on a DOM page.
  assert.ok(await page.evaluate((name) => window.find(name), first.label), 'window.find finds a row name');

  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], 'no serious or critical axe-core violation on the table');
  await page.context().close();
});

test('a screen reader opens the new-credential dialog through the mirror and finds its fields and the scope tree', async () => {
  const page = await signedIn();
  // Activation as a screen reader does it: a click on the element, not at a pointer position.
  const activate = (locator) => locator.evaluate((el) => el.click());
  const button = page.getByRole('button', { name: 'New credentials' });
  await mirrored(page, async () => (await button.count()) === 1, 'the New credentials button');
  assert.equal(await button.getAttribute('aria-haspopup'), 'menu');
  await activate(button);
  const menu = page.getByRole('menu', { name: 'Credential type' });
  await mirrored(page, async () => (await menu.count()) === 1, 'the menu');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await activate(menu.getByRole('menuitem', { name: 'Generic secret' }));

  const dialog = page.getByRole('dialog', { name: 'New Generic secret credential' });
  await mirrored(page, async () => (await dialog.count()) === 1, 'the dialog');
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  for (const name of ['Credential name', 'Description (optional)', 'Search the organization'])
    assert.equal(await dialog.getByRole(name.startsWith('Search') ? 'searchbox' : 'textbox', { name }).count(), 1, name);

  const tree = dialog.getByRole('tree', { name: 'Scope' });
  assert.equal(await tree.count(), 1, 'the scope picker is a tree');
  const account = tree.getByRole('treeitem').first();
  assert.equal(await account.getAttribute('aria-level'), '1');
  assert.equal(await account.getAttribute('aria-expanded'), 'true');
  const levels = await tree.getByRole('treeitem').evaluateAll((els) => els.map((e) => Number(e.getAttribute('aria-level'))));
  assert.ok(levels.includes(2), 'clusters one level down: ' + levels);

  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], 'no serious or critical axe-core violation with the dialog open');
  await screenshot(page, 'a11y-dialog.png');
  await page.context().close();
});

test('the scope diagram is a tree with levels and expanded states', async () => {
  const page = await signedIn();
  const first = (await items(page)).find((it) => it.id.startsWith('Credential/') && it.visible);
  await click(page, byId(first.id), 'a row');
  await click(page, byId('Show in tree##details'), 'Show in tree');
  const tree = page.getByRole('tree', { name: 'Scope tree' });
  await mirrored(page, async () => (await tree.getByRole('treeitem').count()) > 2, 'the diagram tree');
  const levels = await tree.getByRole('treeitem').evaluateAll((els) => els.map((e) => [
    Number(e.getAttribute('aria-level')), e.getAttribute('aria-expanded')]));
  assert.deepEqual(levels[0], [1, 'true'], 'the account, expanded');
  assert.ok(levels.some(([level]) => level >= 3), 'departments or projects: ' + JSON.stringify(levels));
  await page.context().close();
});

test('the focus follows the app: a text field being typed in has the DOM focus, and typing still reaches the app', async () => {
  const page = await signedIn();
  await click(page, byId('##search'), 'the search field');
  await mirrored(page, async () => (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ===
    'Search credentials', 'the focus on the search field');
  await page.keyboard.type('nvcr', { delay: 10 });
  await settle(page);
  await waitForItem(page, (it) => it.id === 'count##toolbar' && / of /.test(it.label), { what: 'the filtered count' });
  await page.context().close();
});

test('the reverse: a screen reader moving its cursor onto an element moves the app\'s focus there', async () => {
  const page = await signedIn();
  // The Refresh button's element gets the DOM focus from outside: ImGui's focus goes to the button.
  await mirrored(page, async () => (await page.$('#cc-a11y [data-cc-id="Refresh##toolbar"]')) !== null, 'Refresh');
  await page.focus('#cc-a11y [data-cc-id="Refresh##toolbar"]');
  await settle(page);
  await waitForItem(page, (it) => it.id === 'Refresh##toolbar' && it.focused, { what: 'the app\'s focus on Refresh' });
  // The search field's input: its editing starts, and typing filters the table.
  await page.focus('#cc-a11y [data-cc-id="##search"]');
  await settle(page);
  await waitForItem(page, (it) => it.id === '##search' && it.focused, { what: 'the search being edited' });
  await page.keyboard.type('nvcr', { delay: 10 });
  await settle(page);
  await waitForItem(page, (it) => it.id === 'count##toolbar' && / of /.test(it.label), { what: 'the filtered count' });
  await page.context().close();
});

test('a status change is announced in a polite live region', async () => {
  const page = await signedIn();
  const token = await apiToken(server.origin);
  const cluster = (await apiGet(server.origin, '/api/v1/clusters', token)).body[0];
  const created = await apiSend(server.origin, 'POST', '/api/v1/asset/credentials/access-key', token, {
    meta: { name: 'announced-key', scope: 'cluster', clusterId: cluster.uuid },
    spec: { accessKeyId: 'AKIAANNOUNCED', secretAccessKey: 'not-read-back' },
  });
  assert.equal(created.status, 202, JSON.stringify(created.body));
  await click(page, byId('Refresh##toolbar'), 'Refresh');
  const live = page.locator('[role=status][aria-live=polite]');
  await mirrored(page, async () => /^announced-key: /.test(await live.textContent()), 'the announcement');
  const html = await page.evaluate(() => document.getElementById('cc-a11y').innerHTML);
  assert.ok(!html.includes('not-read-back'), 'no secret in the mirror');
  await page.context().close();
});

test('the login is typed into real inputs with autocomplete attributes, which never keep the text', async () => {
  const page = await openApp(browser, server.url);
  const email = page.locator('#cc-a11y input[autocomplete=username]');
  const password = page.locator('#cc-a11y input[type=password][autocomplete=current-password]');
  await mirrored(page, async () => (await email.count()) === 1 && (await password.count()) === 1, 'the login inputs');
  assert.equal(await email.getAttribute('aria-label'), 'Email');
  assert.equal(await password.getAttribute('aria-label'), 'Password');

  // A click on the field (the canvas) makes its input the focused element; keys go to it.
  await click(page, byId('##email'), 'the email field');
  await mirrored(page, async () => page.evaluate(() => document.activeElement?.getAttribute('autocomplete') === 'username'),
    'the focus in the email input');
  await page.keyboard.type('admin@demo.local', { delay: 10 });
  assert.equal(await email.inputValue(), '', 'the input hands its text to the app and keeps none');
  await page.keyboard.press('Tab');
  await mirrored(page, async () => page.evaluate(() => document.activeElement?.getAttribute('type') === 'password'),
    'the focus in the password input');
  // What an autofill or an IME commits arrives as an input event, not as keys.
  await page.keyboard.insertText('demo-admin');
  assert.equal(await password.inputValue(), '', 'the password is not kept in the DOM');
  await page.keyboard.press('Enter');
  await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'the table after signing in', timeout: 30000 });

  // Text composed outside the keyboard (an IME) reaches the search.
  await click(page, byId('##search'), 'the search field');
  await mirrored(page, async () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Search credentials'),
    'the focus in the search input');
  await page.keyboard.insertText('nvcr');
  await waitForItem(page, (it) => it.id === 'count##toolbar' && / of /.test(it.label), { what: 'the filtered count' });
  await page.context().close();
});

test('Ctrl+V pastes the system clipboard into a field', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const page = await openApp(browser, server.url, { context });
  await login(page);
  await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'the table', timeout: 30000 });
  await page.evaluate(() => navigator.clipboard.writeText('nvcr'));
  await click(page, byId('##search'), 'the search field');
  await mirrored(page, async () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Search credentials'),
    'the focus in the search input');
  await page.keyboard.press('ControlOrMeta+V');
  await waitForItem(page, (it) => it.id === 'count##toolbar' && / of /.test(it.label), { what: 'the pasted search' });
  const names = (await items(page)).filter((it) => it.id.startsWith('Credential/') && it.visible).map((it) => it.label);
  assert.ok(names.length > 0 && names.every((n) => n.includes('nvcr')), 'only matching rows: ' + names.join(', '));
  await context.close();
});
