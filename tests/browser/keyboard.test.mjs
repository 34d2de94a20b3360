// The page by keyboard only (after the page has loaded, no mouse at all): sign in, search, select
// with the arrows, open the details, run the command palette, create a Generic secret and delete
// it; the shortcuts list; and a copy button that puts the Kubernetes name on the system clipboard.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, openApp, waitForItem, items, byId, settle, screenshot, apiToken, apiGet, click,
  signIn, test } from './harness.mjs';

let server;
let browser;
let entries;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const token = await apiToken(server.origin);
  entries = (await apiGet(server.origin, '/api/v1/asset/credentials', token)).body.entries;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function key(page, k) {
  await page.keyboard.press(k);
  await settle(page);
}

async function type(page, text) {
  await page.keyboard.type(text, { delay: 15 });
  await settle(page);
}

async function byName(name) {
  const token = await apiToken(server.origin);
  return (await apiGet(server.origin, '/api/v1/asset/credentials', token)).body.entries.find((e) => e.meta.name === name);
}

const selectedName = async (page) => (await items(page)).find((it) => it.id === 'details/name' && it.visible)?.label;

test('the page works by keyboard alone: sign in, search, select, details, palette, create, delete', async () => {
  const page = await openApp(browser, server.url);
  // The email field has the focus at load.
  await type(page, 'admin@demo.local');
  await key(page, 'Tab');
  await type(page, 'demo-admin');
  await key(page, 'Enter');
  await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'the table', timeout: 30000 });
  const total = entries.length;
  await waitForItem(page, (it) => it.id === 'count##toolbar' && it.label === `${total} credentials`);

  // "/" goes to the search without typing itself there; Tab leaves the field.
  const target = [...entries].map((e) => e.meta.name).sort()[0];
  await key(page, '/');
  await type(page, target);
  await key(page, 'Tab');
  const matching = entries.filter((e) => e.meta.name.includes(target)).length;
  await waitForItem(page, (it) => it.id === 'count##toolbar' && it.label.startsWith(`${matching} of ${total}`),
    { what: 'the search narrowing the table' });

  // Down selects the view's first row, End the last, Home the first again; each shows its details.
  await key(page, 'ArrowDown');
  const first = (await items(page)).filter((it) => it.id.startsWith('Credential/')).map((it) => it.label)[0];
  await waitForItem(page, (it) => it.id === 'details/name' && it.label === first, { what: 'the first row selected' });
  if (matching > 1) {
    await key(page, 'End');
    assert.notEqual(await selectedName(page), first);
    await key(page, 'Home');
  }
  await key(page, 'Enter');
  await waitForItem(page, (it) => it.id === 'details/name' && it.label === first, { what: 'the details' });
  await waitForItem(page, byId('Copy##k8s-name'), { what: 'the details\' copy buttons' });

  // Clear the search again (select all, erase), then the arrows walk the whole list.
  await key(page, '/');
  await key(page, 'Control+A');
  await key(page, 'Backspace');
  await key(page, 'Tab');
  await waitForItem(page, (it) => it.id === 'count##toolbar' && it.label === `${total} credentials`);
  await key(page, 'Home');
  const top = await selectedName(page);
  await key(page, 'ArrowDown');
  await key(page, 'ArrowDown');
  const third = await selectedName(page);
  assert.notEqual(third, top);
  await key(page, 'ArrowUp');
  await key(page, 'ArrowUp');
  await key(page, 'ArrowUp');  // stays on the first row
  assert.equal(await selectedName(page), top);
  await key(page, 'PageDown');
  assert.notEqual(await selectedName(page), top);

  // "?" lists the shortcuts; Escape closes the list.
  await key(page, '?');
  await waitForItem(page, byId('title##shortcuts'), { what: 'the shortcuts dialog' });
  for (const k of ['/', 'n', 'Up / Down', 'Page Up / Page Down', 'Home / End', 'Enter', 'Delete', 'r', '?', 'Ctrl+K / Cmd+K'])
    assert.ok((await items(page)).some((it) => it.id === `shortcut/${k}`), `the list names ${k}`);
  await screenshot(page, 'keyboard-shortcuts.png');
  await key(page, 'Escape');
  assert.ok(!(await items(page)).some((it) => it.id === 'title##shortcuts' && it.visible), 'the list closed');

  // Ctrl+K: the palette filters its commands as one types; Enter runs the highlighted one.
  await key(page, 'Control+k');
  await waitForItem(page, byId('##palette-query'), { what: 'the command palette' });
  assert.ok((await items(page)).some((it) => it.id === 'New Generic secret credential##palette' && it.visible));
  await screenshot(page, 'keyboard-palette.png');
  await type(page, 'new generic');
  const listed = (await items(page)).filter((it) => it.id.endsWith('##palette') && it.visible).map((it) => it.label);
  assert.deepEqual(listed, ['New Generic secret credential']);
  await screenshot(page, 'keyboard-palette-filtered.png');
  await key(page, 'Enter');
  await waitForItem(page, (it) => it.id === 'title##create' && it.label === 'New Generic secret credential',
    { what: 'the new Generic secret form' });

  // The name field has the focus; Tab goes through the form, Shift+Tab back to the scope tree.
  const name = 'kbd-only-secret';
  await type(page, name);
  await key(page, 'Tab');  // description
  await type(page, 'made by keyboard');
  for (const stop of ['New secret', 'Existing secret', 'Key(s) & value(s)', 'Access key', 'Username & password', 'SSH key',
    'Paste a .env block', 'the first key']) await key(page, 'Tab');
  await type(page, 'TOKEN');
  await key(page, 'Tab');  // its value
  await type(page, 'not-a-real-token');
  // Back: the key, the import, the four secret formats, both sources, description, name, then the
  // tree's last node.
  for (let i = 0; i < 11; i++) await key(page, 'Shift+Tab');
  await key(page, 'Space');  // chooses the focused node
  const chosen = await waitForItem(page, (it) => it.id === 'scope/chosen' && it.label !== 'No scope chosen',
    { what: 'a scope chosen by keyboard' });
  await screenshot(page, 'keyboard-create-form.png');
  await key(page, 'Enter');
  await waitForItem(page, (it) => it.id === 'details/name' && it.label === name, { what: 'the created credential', timeout: 30000 });
  const created = await byName(name);
  assert.ok(created, `created on the server (scope ${chosen.label})`);
  assert.equal(created.meta.description, 'made by keyboard');

  // Find it, select it, Delete, confirm with Enter: it is gone.
  await key(page, '/');
  await type(page, name);
  await key(page, 'Tab');
  await key(page, 'ArrowDown');
  await waitForItem(page, (it) => it.id === 'details/name' && it.label === name);
  await key(page, 'Delete');
  const q = await waitForItem(page, byId('delete/question'), { what: 'the delete confirmation' });
  assert.equal(q.label, `Delete ${name}?`);
  await key(page, 'Enter');
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline && (await byName(name))) await page.waitForTimeout(200);
  assert.equal(await byName(name), undefined, 'deleted on the server');
  await waitForItem(page, byId('no-match##page'), { what: 'the row gone from the table', timeout: 20000 });
  await page.context().close();
});

test('a copy button puts the Kubernetes name on the system clipboard and says Copied', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const page = await signIn(browser, server.url, { context });
  await page.keyboard.press('ArrowDown');
  const k8s = await waitForItem(page, (it) => it.id === 'details/kubernetes-name' && it.label !== '',
    { what: 'a Kubernetes name in the details' });
  assert.ok(!(await items(page)).some((it) => it.id === 'copied/k8s-name'), 'no confirmation before a copy');
  await click(page, byId('Copy##k8s-name'), 'the Kubernetes name\'s copy button');
  await waitForItem(page, (it) => it.id === 'copied/k8s-name' && it.label === 'Copied', { what: 'Copied' });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, k8s.label);
  // The confirmation goes after a moment, without any input.
  await page.waitForTimeout(2200);
  await settle(page, 2);
  assert.ok(!(await items(page)).some((it) => it.id === 'copied/k8s-name'), 'the confirmation went away');
  // The name's button copies the name.
  await click(page, byId('Copy##name'), 'the name\'s copy button');
  await waitForItem(page, (it) => it.id === 'copied/name');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await selectedName(page));
  await context.close();
});

test('Enter presses the focused button (Cancel cancels), and Shift+F10 opens the selection\'s actions', async () => {
  const page = await signIn(browser, server.url);
  await key(page, 'ArrowDown');
  const name = await selectedName(page);
  assert.ok(name, 'a row selected');

  // Shift+F10: the row's menu, at the selection; Escape closes it.
  await key(page, 'Shift+F10');
  await waitForItem(page, byId('Show details##row-menu'), { what: 'the row menu' });
  const menu = (await items(page)).filter((it) => it.visible && it.id.endsWith('##row-menu')).map((it) => it.label);
  assert.deepEqual(menu.slice(0, 3), ['Show details', 'Rename', 'Delete']);
  await screenshot(page, 'keyboard-row-menu.png');
  await key(page, 'Escape');
  assert.ok(!(await items(page)).some((it) => it.id.endsWith('##row-menu') && it.visible), 'the menu closed');

  // Delete asks; Tab to Cancel, Enter: the dialog closes and nothing is deleted.
  await key(page, 'Delete');
  await waitForItem(page, byId('title##delete'), { what: 'the delete confirmation' });
  let focused;
  for (let i = 0; i < 6 && focused !== 'Cancel##delete'; i++) {
    await key(page, 'Tab');
    focused = (await items(page)).find((it) => it.focused)?.id;
  }
  assert.equal(focused, 'Cancel##delete', 'Tab reaches Cancel');
  await key(page, 'Enter');
  await settle(page, 5);
  assert.ok(!(await items(page)).some((it) => it.id === 'title##delete' && it.visible), 'Enter pressed Cancel');
  assert.ok(await byName(name), 'nothing was deleted');
  await page.context().close();
});
