// The details panel's history in a real browser: a credential renamed through the Rename dialog
// shows the rename (who, what, outcome) in its history at once; a refused attempt made elsewhere
// (the viewer, through the API) shows after Refresh; both agree with the server's history.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, waitForItem, click, screenshot, items, byId, settle, apiToken, apiGet, apiSend, signIn,
  test } from './harness.mjs';

let server;
let browser;
let token;

before(async () => {
  server = await startServer(['--agent-delay-ms', '300']);
  browser = await launchBrowser();
  token = await apiToken(server.origin);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const ARROW = '\u2192';

async function entryOf(name) {
  const list = await apiGet(server.origin, '/api/v1/asset/credentials', token);
  return list.body.entries.find((e) => e.meta.name === name);
}

// Selects the row of `name` through the search box (the first click may only take the focus).
async function select(page, name) {
  await click(page, byId('##search'), 'search');
  await page.keyboard.type(name);
  await settle(page);
  for (let i = 0; i < 3; i++) {
    await click(page, (it) => it.id.startsWith(`Credential/${name}##`), name);
    if (await waitForItem(page, (it) => it.id === 'details/name' && it.label === name, { timeout: 3000 }).catch(() => null)) return;
  }
  throw new Error('the row of ' + name + ' did not open its details');
}

const historyLines = async (page) =>
  (await items(page)).filter((it) => /^details\/history\/\d+$/.test(it.id)).sort((a, b) => a.y - b.y).map((it) => it.label);

test('a rename made in the page shows in the history of the details panel', async () => {
  const before = await entryOf('hf-token');
  assert.ok(before, 'the demo credential hf-token exists');
  const id = before.meta.id;
  const page = await signIn(browser, server.url, { width: 1440, height: 900 });
  await select(page, 'hf-token');
  // A seeded credential has no recorded change yet.
  await waitForItem(page, (it) => it.id === 'details/history' && it.label === 'empty', { what: 'an empty history' });

  await click(page, byId('Rename##actions'), 'Rename');
  await waitForItem(page, byId('title##rename'), { what: 'the rename dialog' });
  await click(page, byId('##rename-name'), 'name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('hf-token-read');
  await settle(page);
  await click(page, byId('Save##rename'), 'Save');
  await waitForItem(page, (it) => it.id === 'details/name' && it.label === 'hf-token-read', { what: 'the renamed row' });

  const line = await waitForItem(page, (it) => it.id === 'details/history/0' && it.label.startsWith('Rename '),
    { what: 'the rename in the history' });
  assert.ok(line.label.includes('Done'), line.label);
  assert.ok(line.label.includes('admin@demo.local'), line.label);
  assert.ok(line.label.includes(`name: hf-token ${ARROW} hf-token-read`), line.label);
  assert.equal((await historyLines(page)).length, 1);

  // A refused attempt by someone else shows after Refresh, newest first.
  const viewer = await apiToken(server.origin, '/', { email: 'viewer@demo.local', password: 'demo-viewer' });
  const refused = await apiSend(server.origin, 'PUT', `/api/v1/asset/credentials/generic-secret/${id}`, viewer,
    { meta: { name: 'viewer-was-here' } });
  assert.equal(refused.status, 403);
  await page.waitForTimeout(1100);  // the toolbar's load time changes by the second
  await click(page, byId('Refresh##toolbar'), 'Refresh');
  await waitForItem(page, (it) => it.id === 'details/history/0' && it.label.startsWith('Rename ') && it.label.includes('Refused (403)'),
    { what: 'the refused rename in the history' });
  const lines = await historyLines(page);
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.ok(lines[0].includes('viewer@demo.local'), lines[0]);
  assert.ok(lines[0].includes('viewer-was-here'), lines[0]);
  assert.ok(lines[1].includes('admin@demo.local') && lines[1].includes('Done'), lines[1]);

  // The page shows what the server holds.
  const history = await apiGet(server.origin, `/api/v1/x-reference/credentials/${id}/history`, token);
  assert.equal(history.status, 200);
  assert.deepEqual(history.body.entries.map((e) => [e.action, e.outcome, e.actor]),
    [['credential.rename', 'refused', 'viewer@demo.local'], ['credential.rename', 'done', 'admin@demo.local']]);
  assert.equal(history.body.entries[1].clientAddress, '127.0.0.1');

  // Sizes follow the font: the panel's lines are readable and inside the panel.
  const panel = (await items(page)).find((it) => it.id === 'details/name');
  for (const it of (await items(page)).filter((i) => /^details\/history\/\d+$/.test(i.id))) {
    assert.ok(it.h >= 30, `a history entry takes at least two lines (${it.h}px)`);
    assert.ok(it.x >= panel.x - 1, 'inside the details panel');
  }
  // The history is at the foot of the panel: scroll the panel to it for the picture.
  await page.mouse.move(panel.x + panel.w / 2, panel.y + 200);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 400);
  await settle(page);
  await waitForItem(page, (it) => it.id === 'details/history/1' && it.whole, { what: 'the whole history in view' });
  await page.mouse.move(300, 600);  // no tooltip over the picture
  await settle(page);
  await screenshot(page, 'credential-history.png');
  await page.context().close();
});
