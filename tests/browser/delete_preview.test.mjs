// The delete dialog's preview in a real browser: a selection of two free credentials and two in
// use (by data sources, environments or templates of the demo account) is split into "Will be
// deleted" and "Blocked — used by …" with who uses each; "Delete 2 credentials" sends only the
// free ones; the report gives each credential's outcome; the server agrees.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, waitForItem, click, screenshot, items, byId, settle, apiToken, apiGet, signIn, test,
} from './harness.mjs';

let server;
let browser;
let token;

before(async () => {
  server = await startServer(['--agent-delay-ms', '200']);
  browser = await launchBrowser();
  token = await apiToken(server.origin);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const list = async () => (await apiGet(server.origin, '/api/v1/asset/credentials?usageInfo=true&statusInfo=true', token)).body.entries;
const usedByNames = (e) => Object.values(e.usedBy ?? {}).flatMap((v) =>
  Array.isArray(v) ? v.map((x) => x.name) : Object.values(v ?? {}).flatMap((w) => (w ?? []).map((x) => x.name)));

// Selects the rows named `names` (ctrl-click after the first), each found through the search.
async function selectRows(page, names) {
  for (const [i, n] of names.entries()) {
    await click(page, byId('##search'), 'search');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(n);
    await settle(page);
    if (i) await page.keyboard.down('Control');
    await click(page, (it) => it.id.startsWith(`Credential/${n}##`), n);
    if (i) await page.keyboard.up('Control');
  }
  await click(page, byId('##search'), 'search');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await settle(page);
}

test('delete preview: in-use credentials are blocked with their users; only the others are deleted; each is reported', async () => {
  const entries = await list();
  const used = entries.filter((e) => usedByNames(e).length > 0 && e.meta.scope !== 'tenant').slice(0, 2);
  const free = entries.filter((e) => usedByNames(e).length === 0 && e.status?.status === 'No issues found' &&
    e.meta.scope !== 'tenant').slice(0, 2);
  assert.equal(used.length, 2, 'the demo data has credentials in use');
  assert.equal(free.length, 2);

  const page = await signIn(browser, server.url, { width: 1400, height: 1000 });
  await selectRows(page, [free[0].meta.name, used[0].meta.name, free[1].meta.name, used[1].meta.name]);
  await click(page, (it) => it.id.startsWith('Delete (4)##actions'), 'Delete (4)');

  const title = await waitForItem(page, byId('title##delete'), { what: 'the dialog' });
  assert.equal(title.label, 'Delete 4 credentials');
  const will = await waitForItem(page, byId('delete/will-heading'));
  assert.equal(will.label, 'Will be deleted (2)');
  const blocked = await waitForItem(page, byId('delete/blocked-heading'));
  assert.match(blocked.label, /^Blocked .* \(2\)$/);
  const drawn = await items(page);
  const willNames = drawn.filter((it) => it.id.startsWith('delete/will/')).map((it) => it.label);
  assert.deepEqual(willNames, [free[0].meta.name, free[1].meta.name]);
  for (const u of used) {
    const line = drawn.find((it) => it.id === `delete/blocked/${u.meta.name}`);
    assert.ok(line, `${u.meta.name} is blocked`);
    for (const user of usedByNames(u)) assert.ok(line.label.includes(user), `${line.label} names ${user}`);
  }
  await screenshot(page, 'delete-preview.png');

  await click(page, byId('Delete 2 credentials##delete'), 'Delete 2 credentials');
  const head = await waitForItem(page, byId('title##delete-report'), { what: 'the report', timeout: 20000 });
  assert.equal(head.label, '2 of 4 credentials deleted; 2 could not be');
  for (const f of free) {
    const o = await waitForItem(page, byId(`delete/outcome/${f.meta.name}`));
    assert.equal(o.label, `${f.meta.name}: deleted`);
  }
  for (const u of used) {
    const o = await waitForItem(page, byId(`delete/outcome/${u.meta.name}`));
    assert.match(o.label, /: not sent — used by /);
  }
  await screenshot(page, 'delete-preview-report.png');
  await click(page, byId('Close##delete'), 'Close');

  // The server: the free ones are going or gone, the used ones untouched.
  const after = await list();
  for (const f of free) {
    const e = after.find((x) => x.meta.id === f.meta.id);
    assert.ok(!e || e.status?.status === 'Deleting', `${f.meta.name} is deleted`);
  }
  for (const u of used) {
    const e = after.find((x) => x.meta.id === u.meta.id);
    assert.ok(e && e.status?.status !== 'Deleting', `${u.meta.name} is still there`);
  }
  await page.context().close();
});
