// Personal credentials in a real browser: a researcher opens "My credentials" from the user menu
// and makes one of each personal type (no scope, no existing secret); they are listed there and
// nowhere on the Credentials table, not even for their owner. Another researcher of the same
// project and the platform admin, each in a browser context of their own, find them nowhere:
// not in the table, not by search, not in their own "My credentials"; the API agrees. The owner
// deletes one from "My credentials".
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, waitForItem as waitForDrawn, click as clickItem, screenshot, items, byId, settle,
  apiToken, apiGet, signIn, reveal, tableNames, test } from './harness.mjs';

const RILEY = { email: 'researcher@demo.local', password: 'demo-researcher' };
const ROWAN = { email: 'researcher-b@demo.local', password: 'demo-researcher-b' };
const ADMIN = { email: 'admin@demo.local', password: 'demo-admin' };
const WINDOW = { width: 1280, height: 1000 };

let server;
let browser;

before(async () => {
  server = await startServer(['--agent-delay-ms', '200']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function waitForItem(page, pred, options = {}) {
  const quick = await waitForDrawn(page, (it) => it.whole !== false && pred(it), { ...options, timeout: 3000 }).catch(() => null);
  if (quick) return quick;
  if ((await items(page)).some((it) => it.id === 'title##create')) await reveal(page, pred, options.what).catch(() => null);
  return waitForDrawn(page, pred, options);
}

async function click(page, pred, what) {
  await waitForItem(page, pred, { what });
  return clickItem(page, pred, what);
}

async function typeInto(page, id, text) {
  await click(page, byId(id), id);
  await page.keyboard.type(text, { delay: 5 });
  await settle(page);
}

async function openMyCredentials(page) {
  await click(page, (it) => it.id.endsWith('##user-menu') && it.id.includes('@demo.local'), 'the user menu');
  await click(page, byId('My credentials##user-menu'), 'My credentials');
  await waitForItem(page, byId('title##personal'), { what: 'My credentials' });
}

async function backToTable(page) {
  await click(page, byId('Back to Credentials##personal'), 'Back');
  await waitForItem(page, byId('##search'), { what: 'the table again' });
}

// The table, searched for `name`: nothing matches.
async function searchFindsNothing(page, name) {
  await click(page, byId('##search'), 'search');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(name);
  await settle(page);
  await waitForItem(page, byId('no-match##page'), { what: `no match for ${name}` });
  assert.ok(!(await tableNames(page)).includes(name));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await settle(page);
}

const personal = [
  { kind: 'Docker registry', name: 'riley-registry', path: 'docker-registry',
    fill: async (page) => {
      await typeInto(page, '##user', 'riley');
      await typeInto(page, '##password', 'pers-dkr-9x');
      await typeInto(page, '##url', 'https://index.docker.io/v1/');
    } },
  { kind: 'Generic secret', name: 'riley-tokens', path: 'generic-secret',
    fill: async (page) => {
      await typeInto(page, '##key-0', 'HF_TOKEN');
      await typeInto(page, '##value-0', 'hf-pers-123');
    } },
  { kind: 'NGC API key', name: 'riley-ngc', path: 'ngc-api-key',
    fill: async (page) => { await typeInto(page, '##ngc-key', 'nvapi-pers_456'); } },
];

test('personal credentials: made in My credentials, shown only there and only to their owner', async () => {
  const page = await signIn(browser, server.url, WINDOW, RILEY);
  const tableBefore = await tableNames(page);
  await openMyCredentials(page);
  await waitForItem(page, byId('empty##personal'), { what: 'no personal credentials yet' });

  for (const p of personal) {
    await click(page, byId('New personal credential##personal'), 'New personal credential');
    // Only the three personal types are offered.
    const offered = (await items(page)).filter((it) => it.id.endsWith('##new-personal')).map((it) => it.label);
    assert.deepEqual(offered, ['Docker registry', 'Generic secret', 'NGC API key']);
    await click(page, byId(`${p.kind}##new-personal`), p.kind);
    const title = await waitForItem(page, byId('title##create'), { what: 'the form' });
    assert.equal(title.label, `New personal ${p.kind} credential`);
    const drawn = await items(page);
    assert.ok(!drawn.some((it) => it.id === 'scope/chosen'), 'no scope picker');
    assert.ok(!drawn.some((it) => it.id.endsWith('##source')), 'no existing-secret choice');
    await waitForItem(page, byId('personal/note##create'));
    await typeInto(page, '##name', p.name);
    await p.fill(page);
    if (p === personal[0]) await screenshot(page, 'personal-form.png');
    const create = await waitForItem(page, (it) => it.id === 'Create credentials##create' && it.enabled, { what: 'an enabled Create' });
    await page.mouse.click(create.x + create.w / 2, create.y + create.h / 2);
    await waitForItem(page, (it) => it.id === `personal/${p.name}`, { what: `${p.name} in My credentials`, timeout: 20000 });
  }
  // Listed with its type, and settled.
  for (const p of personal) {
    const type = await waitForItem(page, byId(`personal/${p.name}/type`));
    assert.equal(type.label, p.kind);
    await waitForItem(page, (it) => it.id === `personal/${p.name}/status` && !it.label.endsWith('\u2026'),
      { what: `${p.name} settled`, timeout: 20000 });
  }
  await screenshot(page, 'personal-list.png');

  // The name a personal Docker registry already has is taken for that type only.
  await click(page, byId('New personal credential##personal'), 'New personal credential');
  await click(page, byId('Docker registry##new-personal'), 'Docker registry');
  await typeInto(page, '##name', 'riley-registry');
  const taken = await waitForItem(page, byId('error/name'), { what: 'the name taken' });
  assert.equal(taken.label, 'You already have a personal Docker registry credential named riley-registry');
  await page.keyboard.press('Escape');
  await settle(page);

  // The owner's table does not show them either: they are not scope assets.
  await backToTable(page);
  assert.deepEqual(await tableNames(page), tableBefore);
  for (const p of personal) await searchFindsNothing(page, p.name);

  // The API: the owner's list holds them, private.
  const rileyToken = await apiToken(server.origin, '/', RILEY);
  const mine = (await apiGet(server.origin, '/api/v1/asset/credentials', rileyToken)).body.entries
    .filter((e) => personal.some((p) => p.name === e.meta.name));
  assert.equal(mine.length, 3);
  for (const e of mine) {
    assert.equal(e.meta.private, true);
    assert.equal(e.meta.scope, 'tenant');
  }
  await page.context().close();

  // Another researcher of the same project, and the platform admin: nowhere.
  for (const [who, user] of [['researcher-b', ROWAN], ['admin', ADMIN]]) {
    const other = await signIn(browser, server.url, WINDOW, user);  // a browser context of its own
    for (const p of personal) await searchFindsNothing(other, p.name);
    await openMyCredentials(other);
    await waitForItem(other, byId('empty##personal'), { what: `${who}'s own (empty) My credentials` });
    assert.ok(!(await items(other)).some((it) => it.id.startsWith('personal/riley')), `${who} sees none of Riley's`);
    if (who === 'admin') await screenshot(other, 'personal-admin-sees-none.png');
    await other.context().close();

    const token = await apiToken(server.origin, '/', user);
    const listed = await apiGet(server.origin, '/api/v1/asset/credentials?usageInfo=true&statusInfo=true', token);
    assert.equal(listed.status, 200);
    for (const p of personal) assert.ok(!JSON.stringify(listed.body).includes(p.name), `${who}'s list has no ${p.name}`);
    for (const e of mine) {
      const got = await apiGet(server.origin, `/api/v1/asset/credentials/${personal.find((p) => p.name === e.meta.name).path}/${e.meta.id}`, token);
      assert.equal(got.status, 404, `${who} gets 404 for ${e.meta.name}`);
    }
  }

  // The owner deletes one from My credentials.
  const again = await signIn(browser, server.url, WINDOW, RILEY);
  await openMyCredentials(again);
  await click(again, byId('Delete##personal/riley-ngc'), 'Delete riley-ngc');
  const q = await waitForItem(again, byId('delete/question'));
  assert.equal(q.label, 'Delete riley-ngc?');
  await click(again, byId('Delete##delete'), 'confirm');
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline && (await items(again)).some((it) => it.id === 'personal/riley-ngc')) await again.waitForTimeout(200);
  assert.ok(!(await items(again)).some((it) => it.id === 'personal/riley-ngc'), 'gone from My credentials');
  await waitForItem(again, byId('personal/riley-registry'));
  // The cluster agents take a moment to remove its Secrets (Deleting...), then it is gone.
  let after;
  const gone = Date.now() + 20000;
  do {
    after = (await apiGet(server.origin, '/api/v1/asset/credentials', rileyToken)).body.entries;
    if (after.some((e) => e.meta.name === 'riley-ngc')) await again.waitForTimeout(250);
  } while (Date.now() < gone && after.some((e) => e.meta.name === 'riley-ngc'));
  assert.ok(!after.some((e) => e.meta.name === 'riley-ngc'), 'deleted on the server');
  await again.context().close();
});
