// New credentials, rename and delete in a real browser, through real mouse and keyboard input:
// one credential of each type at a different scope level (new and existing secrets), checked
// against the API (and the Kubernetes secret the cluster agent wrote); rename; delete, a credential
// in use blocked before sending, a bulk delete that leaves it out; every bad input refused with a
// message and nothing sent; and a canary secret not found in the WASM heap, localStorage or URL.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, waitForItem as waitForDrawn, click as clickItem, screenshot, items, byId, press, settle,
  apiToken, apiGet, signIn, reveal, test } from './harness.mjs';

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

// Fields of a long form may be below the fold: scroll the dialog to them first (once the
// dialog is open; elsewhere a click is a plain click).
async function click(page, pred, what) {
  await waitForItem(page, pred, { what });
  return clickItem(page, pred, what);
}

async function waitForItem(page, pred, options = {}) {
  const quick = await waitForDrawn(page, (it) => it.whole !== false && pred(it), { ...options, timeout: 3000 }).catch(() => null);
  if (quick) return quick;
  if ((await items(page)).some((it) => it.id === 'title##create')) await reveal(page, pred, options.what).catch(() => null);
  return waitForDrawn(page, pred, options);
}

async function typeInto(page, id, text) {
  await click(page, byId(id), id);
  await page.keyboard.type(text, { delay: 10 });
  await settle(page);
}

// What the browser does on Ctrl+V: a paste event carrying the clipboard's text.
async function paste(page, text) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.getElementById('canvas').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
  await settle(page);
}

const FORM_WINDOW = { width: 1280, height: 1000 };

const list = async () => (await apiGet(server.origin, '/api/v1/asset/credentials?usageInfo=true&statusInfo=true', token)).body.entries;
const byName = async (name) => (await list()).find((e) => e.meta.name === name);

async function openForm(page, kindLabel) {
  await click(page, byId('New credentials##actions'), 'New credentials');
  await click(page, byId(`${kindLabel}##new`), kindLabel);
  await waitForItem(page, byId('title##create'), { what: 'the form' });
}

// Chooses a scope through the picker's search: `pathEnd` is the end of the node's full path.
async function chooseScope(page, search, pathEnd) {
  await typeInto(page, '##scope-search', search);
  const node = await click(page, (it) => it.id.startsWith('scope/Account') && it.id.endsWith(pathEnd), `scope ${pathEnd}`);
  await waitForItem(page, (it) => it.id === 'scope/chosen' && it.label.endsWith(pathEnd), { what: 'the chosen scope' });
  return node.id.slice('scope/'.length);
}

async function submit(page) {
  await settle(page);
  const blocked = (await items(page)).find((it) => it.id === 'create/blocked');
  const button = await waitForItem(page, (it) => it.id === 'Create credentials##create' && it.enabled,
    { what: 'an enabled Create' + (blocked ? ` (blocked by ${blocked.label})` : ''), timeout: 5000 });
  await settle(page);
  await page.mouse.click(button.x + button.w / 2, button.y + button.h / 2);
  await settle(page);
}

async function dialogClosed(page) {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    if (!(await items(page)).some((it) => it.id === 'title##create')) return;
    await page.waitForTimeout(100);
  }
  const err = (await items(page)).filter((it) => it.id.startsWith('error/')).map((it) => `${it.id}: ${it.label}`);
  throw new Error('the dialog stayed open: ' + err.join('; '));
}

const noSecretIn = (entry, ...secrets) => {
  const text = JSON.stringify(entry);
  for (const s of secrets) assert.ok(!text.includes(s), `the API response holds no secret (${s.slice(0, 4)}…)`);
};

test('Docker registry at a project, with a new secret: stored as typed, selected, Creating… then settled', async () => {
  const page = await signIn(browser, server.url, FORM_WINDOW);
  await openForm(page, 'Docker registry');
  const path = await chooseScope(page, 'team-a', '/ team-a');
  await typeInto(page, '##name', 'ui-docker-team-a');
  await typeInto(page, '##description', 'made in the browser');
  await typeInto(page, '##user', 'robot$ui');
  await typeInto(page, '##password', 'dckr-pass-7Hq2');
  await typeInto(page, '##url', 'docker.io');
  const warning = await waitForItem(page, byId('warning/url'), { what: 'the Docker Hub warning' });
  assert.match(warning.label, /https:\/\/index\.docker\.io\/v1\//);
  await click(page, byId('##url'), 'url');
  for (let i = 0; i < 'docker.io'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('https://index.docker.io/v1/');
  await settle(page);
  assert.ok(!(await items(page)).some((it) => it.id === 'warning/url'), 'the warning is gone');
  await screenshot(page, 'form-docker.png');
  await submit(page);
  await dialogClosed(page);
  const details = await waitForItem(page, (it) => it.id === 'details/name' && it.label === 'ui-docker-team-a', { what: 'the new row selected' });
  assert.ok(details);
  const entry = await byName('ui-docker-team-a');
  assert.equal(entry.meta.kind, 'dockerRegistry');
  assert.equal(entry.meta.scope, 'project');
  assert.equal(entry.meta.description, 'made in the browser');
  assert.equal(entry.spec.dockerRegistry?.url ?? entry.spec.url, 'https://index.docker.io/v1/');
  assert.equal((entry.spec.dockerRegistry ?? entry.spec).user ?? null, null, 'the API does not echo the user back');
  assert.ok(path.endsWith('team-a'));
  noSecretIn(entry, 'dckr-pass-7Hq2');
  await waitForItem(page, (it) => it.id.startsWith('Status/ui-docker-team-a##') && it.label === 'No issues found', { what: 'settled status', timeout: 20000 });
  await page.context().close();
});

test('Access key at a department from an existing secret picked from the list', async () => {
  const page = await signIn(browser, server.url, FORM_WINDOW);
  await openForm(page, 'Access key');
  await chooseScope(page, 'platform', '/ platform');
  await typeInto(page, '##name', 'ui-access-platform');
  await click(page, byId('Existing secret (in the cluster)##source'), 'Existing secret');
  await click(page, byId('##existing'), 'the secret list');
  await click(page, (it) => it.id === 'platform-s3-backup   (runai)##existing-platform-s3-backup' || it.id.endsWith('##existing-platform-s3-backup'), 'platform-s3-backup');
  await screenshot(page, 'form-existing.png');
  await submit(page);
  await dialogClosed(page);
  const entry = await byName('ui-access-platform');
  assert.equal(entry.meta.scope, 'department');
  assert.equal(entry.spec.accessKey?.existingSecretName ?? entry.spec.existingSecretName, 'platform-s3-backup');
  await page.context().close();
});

test('an existing-secret scope without secrets explains how to create one, with kubectl commands', async () => {
  const page = await signIn(browser, server.url, FORM_WINDOW);
  await openForm(page, 'Username & password');
  await chooseScope(page, 'team-b', '/ team-b');
  await click(page, byId('Existing secret (in the cluster)##source'), 'Existing secret');
  const empty = await waitForItem(page, byId('existing/empty'), { what: 'the empty explanation' });
  assert.match(empty.label, /No unused Username & password secrets/);
  const cmds = await waitForItem(page, byId('existing/kubectl'));
  assert.match(cmds.label, /kubectl create secret generic/);
  assert.match(cmds.label, /-n runai-team-b|--namespace[ =]runai-team-b/);
  assert.match(cmds.label, /run\.ai\/resource=password/);
  await screenshot(page, 'form-existing-empty.png');
  await press(page, 'Escape');
  assert.ok(!(await items(page)).some((it) => it.id === 'title##create'), 'Esc closes the form');
  await page.context().close();
});

test('Username & password at a cluster: the app sends exactly what was typed, and the agent writes the secret', async () => {
  const page = await signIn(browser, server.url, FORM_WINDOW);
  // The API never returns secret values, so the values are checked where they leave the app; the
  // API tests check that the agent writes what was sent into the Kubernetes secret byte for byte.
  let sent = null;
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname.endsWith('/api/v1/asset/credentials/password')) sent = req.postData();
  });
  await openForm(page, 'Username & password');
  const path = await chooseScope(page, 'cluster-b', 'cluster-b');
  assert.equal(path, 'Account / cluster-b');
  await typeInto(page, '##name', 'ui-password-b');
  await typeInto(page, '##user', 'svc-reader');
  await typeInto(page, '##password', 'pw with spaces & "quotes"');
  // Enter submits a valid form.
  await press(page, 'Enter');
  await dialogClosed(page);
  const entry = await byName('ui-password-b');
  assert.equal(entry.meta.scope, 'cluster');
  noSecretIn(entry, 'pw with spaces');
  assert.ok(sent, 'the app sent the create request');
  const sentSpec = JSON.parse(sent).spec;
  assert.equal(sentSpec.user, 'svc-reader');
  assert.equal(sentSpec.password, 'pw with spaces & "quotes"');
  // cluster-b's team-h has no namespace in the demo: the status settles to Issues found.
  const settled = await waitForItem(page, (it) => it.id.startsWith('Status/ui-password-b##') && it.label !== 'Creating…', { what: 'settled', timeout: 20000 });
  assert.match(settled.label, /^(No issues found|Issues found)$/);
  const fresh = await byName('ui-password-b');
  const k8sName = fresh.clusterInfo.resources[0].name;
  const secrets = await apiGet(server.origin, `/api/v1/x-reference/clusters/${entry.meta.clusterId}/secrets?namespace=runai`, token);
  const secret = secrets.body.items.find((s) => s.metadata.name === k8sName);
  assert.ok(secret, 'the agent wrote the secret');
  assert.equal(secret.data, undefined, 'secret values never leave the server');
  await page.context().close();
});

test('Generic secret at the account: rows typed and pasted from a .env block; NGC API key at a project', async () => {
  const page = await signIn(browser, server.url, FORM_WINDOW);
  await openForm(page, 'Generic secret');
  await chooseScope(page, 'Account', 'Account');
  await typeInto(page, '##name', 'ui-generic-account');
  await typeInto(page, '##key-0', 'API_TOKEN');
  await typeInto(page, '##value-0', 'tok-123');
  await click(page, byId('Paste a .env block##import'), 'Paste a .env block');
  await click(page, byId('##import-text'), 'the import box');
  await paste(page, '# comment\nexport DB_URL="postgres://u:p@db/x"\nREGION=eu-west-1\n');
  await settle(page);
  await click(page, byId('Fill rows##import'), 'Fill rows');
  const msg = await waitForItem(page, byId('import/message'));
  assert.match(msg.label, /Added 2 keys/);
  await submit(page);
  await dialogClosed(page);
  const entry = await byName('ui-generic-account');
  assert.equal(entry.meta.scope, 'tenant');
  const pairs = entry.spec.genericSecret?.keyValuePairs ?? entry.spec.keyValuePairs;
  assert.deepEqual(pairs.map((p) => p.key), ['API_TOKEN', 'DB_URL', 'REGION']);
  noSecretIn(entry, 'tok-123', 'postgres://u:p@db/x');

  await openForm(page, 'NGC API key');
  await chooseScope(page, 'team-c', '/ team-c');
  await typeInto(page, '##name', 'ui-ngc-team-c');
  assert.ok(!(await items(page)).some((it) => it.id.endsWith('##source')), 'NGC has no existing-secret option');
  await typeInto(page, '##ngc-key', 'nvapi-ABCdef_123.xyz');
  await submit(page);
  await dialogClosed(page);
  const ngc = await byName('ui-ngc-team-c');
  assert.equal(ngc.meta.kind, 'ngcApiKey');
  assert.equal(ngc.meta.scope, 'project');
  noSecretIn(ngc, 'nvapi-ABCdef_123.xyz');
  await page.context().close();
});

test('bad input in every field shows a clear message and sends nothing', async () => {
  const before = (await list()).length;
  const page = await signIn(browser, server.url, FORM_WINDOW);
  const expectError = async (field, pattern) => {
    const e = await waitForItem(page, (it) => it.id === `error/${field}` && pattern.test(it.label), { what: `the ${field} message ${pattern}` });
    const create = (await items(page)).find((it) => it.id === 'Create credentials##create');
    assert.equal(create.enabled, false, `Create is disabled while ${field} is wrong`);
    return e;
  };
  const retype = async (id, text) => {
    await click(page, byId(id), id);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    if (text) await page.keyboard.type(text);
    await settle(page);
  };

  await openForm(page, 'Username & password');
  await chooseScope(page, 'team-a', '/ team-a');
  await typeInto(page, '##user', 'someone');
  await typeInto(page, '##password', 'x');
  await retype('##password', '');
  await expectError('password', /Enter the password/);
  await typeInto(page, '##password', 'fine');
  await typeInto(page, '##name', 'a');
  await retype('##name', '');
  await expectError('name', /name/i);
  await retype('##name', 'Upper-Case');
  await expectError('name', /lowercase/);
  await retype('##name', 'x'.repeat(64));
  await expectError('name', /64 characters long; the limit is 63/);
  const existing = (await list()).find((e) => e.meta.scope === 'project' && e.meta.projectId === 1) ??
    (await list()).find((e) => e.meta.name === 'team-a-s3');
  if (existing) {
    await retype('##name', existing.meta.name);
    await expectError('name', /already exists in team-a/);
  }
  await retype('##name', 'fine-name');
  await click(page, byId('##description'), 'description');
  await paste(page, 'd'.repeat(251));
  await expectError('description', /251 characters long; the limit is 250/);
  assert.equal((await waitForItem(page, byId('description/counter'))).label, '251 / 250');
  await press(page, 'Enter');  // refused: nothing is sent
  await screenshot(page, 'form-errors.png');
  await press(page, 'Escape');

  await openForm(page, 'Generic secret');
  await chooseScope(page, 'team-a', '/ team-a');
  await typeInto(page, '##name', 'dup-keys');
  await typeInto(page, '##key-0', 'SAME');
  await typeInto(page, '##value-0', 'one');
  await click(page, byId('Key & value##generic'), '+ Key & value');
  await typeInto(page, '##key-1', 'SAME');
  await typeInto(page, '##value-1', 'two');
  await expectError('key.1', /The key SAME is used twice/);
  await typeInto(page, '##key-1', '!');
  await expectError('key.1', /only letters, digits/);
  await click(page, byId('remove-pair-1'), 'remove row 2');
  await waitForItem(page, (it) => it.id === 'Create credentials##create' && it.enabled, { what: 'valid again after removing the row' });
  await press(page, 'Escape');

  await openForm(page, 'NGC API key');
  await chooseScope(page, 'team-a', '/ team-a');
  await typeInto(page, '##name', 'bad-ngc');
  await typeInto(page, '##ngc-key', 'not a key!');
  await expectError('ngcApiKey', /contains only letters, digits/);
  await press(page, 'Enter');
  await press(page, 'Escape');

  assert.equal((await list()).length, before, 'nothing was created');
  await page.context().close();
});

test('a name taken on the server (409) lands on the name field and nothing typed is lost', async () => {
  const page = await signIn(browser, server.url, FORM_WINDOW);
  await openForm(page, 'Access key');
  await chooseScope(page, 'team-d', '/ team-d');
  await typeInto(page, '##name', 'raced-name');
  await typeInto(page, '##access-key-id', 'AKIARACE');
  await typeInto(page, '##secret-access-key', 'race-secret');
  // Someone else takes the name after the list was loaded.
  const project = (await list()).find((e) => e.meta.projectName === 'team-d' || e.meta.scope === 'project');
  const teamD = (await apiGet(server.origin, '/api/v1/org-unit/projects?limit=500', token)).body.projects.find((p) => p.name === 'team-d');
  const res = await fetch(new URL('/api/v1/asset/credentials/password', server.origin), {
    method: 'POST', headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ meta: { name: 'raced-name', scope: 'project', projectId: Number(teamD.id), clusterId: teamD.clusterId }, spec: { user: 'u', password: 'p' } }),
  });
  assert.equal(res.status, 202);
  void project;
  await submit(page);
  const err = await waitForItem(page, (it) => it.id === 'error/name', { what: 'the 409 on the name field' });
  assert.match(err.label, /raced-name|already exists/);
  assert.ok((await items(page)).some((it) => it.id === 'title##create'), 'the dialog stays open');
  // Nothing typed was lost: a new name is enough to create it.
  await click(page, byId('##name'), 'name');
  await page.keyboard.type('-2');
  await submit(page);
  await dialogClosed(page);
  assert.ok(await byName('raced-name-2'));
  await page.context().close();
});

async function selectRows(page, names) {
  await click(page, byId('##search'), 'search');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await settle(page);
  for (const [i, n] of names.entries()) {
    if (i) await page.keyboard.down('Control');
    await click(page, (it) => it.id.startsWith(`Credential/${n}##`), n);
    if (i) await page.keyboard.up('Control');
  }
}

test('rename edits name and description together; delete asks first and the row goes', async () => {
  const page = await signIn(browser, server.url, FORM_WINDOW);
  await click(page, byId('##search'), 'search');
  await page.keyboard.type('wandb-org');
  // The first click may only take the focus from the search box.
  for (let i = 0; i < 3; i++) {
    await click(page, (it) => it.id.startsWith('Credential/wandb-org##'), 'wandb-org');
    if (await waitForDrawn(page, (it) => it.id === 'details/name' && it.label === 'wandb-org', { timeout: 3000 }).catch(() => null)) break;
  }
  await click(page, byId('Rename##actions'), 'Rename');
  await waitForItem(page, byId('title##rename'));
  await click(page, byId('##rename-name'), 'name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('wandb-team');
  await click(page, byId('##rename-description'), 'description');
  await page.keyboard.type('renamed in the browser');
  await click(page, byId('Save##rename'), 'Save');
  await waitForItem(page, (it) => it.id === 'details/name' && it.label === 'wandb-team', { what: 'the renamed row' });
  const renamed = await byName('wandb-team');
  assert.equal(renamed.meta.description, 'renamed in the browser');

  await click(page, byId('Delete##actions'), 'Delete');
  const q = await waitForItem(page, byId('delete/question'));
  assert.equal(q.label, 'Delete wandb-team?');
  await screenshot(page, 'delete-confirm.png');
  await click(page, byId('Delete##delete'), 'confirm');
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline && (await byName('wandb-team'))) await page.waitForTimeout(200);
  assert.equal(await byName('wandb-team'), undefined, 'deleted on the server');
  await waitForItem(page, byId('no-match##page'), { what: 'the row gone from the table', timeout: 20000 });
  await page.context().close();
});

test('a credential in use is blocked before anything is sent; a bulk delete sends only the others and reports each', async () => {
  const entries = await list();
  const used = entries.find((e) => e.usedBy && JSON.stringify(e.usedBy).includes('"name"') && e.meta.name !== 'wandb-team');
  const free = entries.filter((e) => !JSON.stringify(e.usedBy ?? {}).includes('"name"') && e.status?.status === 'No issues found' && e.meta.scope !== 'tenant').slice(0, 2);
  assert.ok(used && free.length === 2);
  const page = await signIn(browser, server.url, { width: 1920, height: 1080 });
  await selectRows(page, [used.meta.name]);
  await click(page, byId('Delete##actions'), 'Delete');
  const flag = await waitForItem(page, (it) => it.id === `delete/blocked/${used.meta.name}`, { what: 'the blocked credential' });
  assert.match(flag.label, / used by /);
  const nothing = await waitForItem(page, byId('Nothing to delete##delete'), { what: 'the disabled confirm button' });
  assert.equal(nothing.enabled, false);
  await screenshot(page, 'delete-blocked.png');
  await click(page, byId('Cancel##delete'), 'Cancel');
  assert.ok(await byName(used.meta.name), 'still there');

  // Bulk: two free ones and the used one.
  const names = [free[0].meta.name, used.meta.name, free[1].meta.name];
  const sorted = await page.evaluate(() => 0);
  void sorted;
  await click(page, byId('##search'), 'search');
  for (const [i, n] of names.entries()) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(n);
    await settle(page);
    if (i) await page.keyboard.down('Control');
    await click(page, (it) => it.id.startsWith(`Credential/${n}##`), n);
    if (i) await page.keyboard.up('Control');
    await click(page, byId('##search'), 'search');
  }
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await settle(page);
  await click(page, (it) => it.id.startsWith('Delete (3)##actions'), 'Delete (3)');
  const q = await waitForItem(page, byId('delete/question'));
  assert.match(q.label, /^Delete 2 credentials: /);  // the one in use is not offered
  for (const n of [free[0].meta.name, free[1].meta.name]) assert.ok(q.label.includes(n));
  await waitForItem(page, (it) => it.id === `delete/blocked/${used.meta.name}`);
  await click(page, byId('Delete 2 credentials##delete'), 'confirm');
  const head = await waitForItem(page, byId('title##delete-report'), { what: 'the report' });
  assert.equal(head.label, '2 of 3 credentials deleted; 1 could not be');
  await waitForItem(page, (it) => it.id === `delete/outcome/${used.meta.name}` && it.label.includes('not sent'));
  await screenshot(page, 'delete-report.png');
  await click(page, byId('Close##delete'), 'Close');
  assert.ok(await byName(used.meta.name));
  await page.context().close();
});

test('a canary typed into every secret field is not left in the WASM heap, localStorage or the URL', async () => {
  const page = await signIn(browser, server.url, FORM_WINDOW);
  const canary = `cnry${Date.now().toString(36)}Zq`;
  const fields = {
    'Docker registry': ['##password'],
    'Access key': ['##access-key-id', '##secret-access-key'],
    'Username & password': ['##password'],
    'Generic secret': ['##value-0'],
    'NGC API key': ['##ngc-key'],
  };
  let n = 0;
  for (const [kind, secretFields] of Object.entries(fields)) {
    n++;
    await openForm(page, kind);
    await chooseScope(page, 'team-e', '/ team-e');
    await typeInto(page, '##name', `canary-${n}`);
    if (kind === 'Docker registry' || kind === 'Username & password') await typeInto(page, '##user', 'u');
    if (kind === 'Docker registry') await typeInto(page, '##url', 'registry.example.com');
    if (kind === 'Generic secret') await typeInto(page, '##key-0', 'K');
    for (const f of secretFields) {
      await typeInto(page, f, canary + f.slice(2, 5));
      // Reveal it too (kinds with two secret fields share one toggle).
      if ((await items(page)).some((it) => it.id.startsWith('Show##reveal-'))) await click(page, (it) => it.id.startsWith('Show##reveal-'), 'reveal');
    }
    await submit(page);
    await dialogClosed(page);
  }
  // One more form filled and cancelled: cancelling wipes too.
  await openForm(page, 'NGC API key');
  await typeInto(page, '##ngc-key', canary + 'cancel');
  await press(page, 'Escape');
  await settle(page, 10);
  const found = await page.evaluate((c) => {
    const heap = window.HEAPU8 ?? Module.HEAPU8;
    const ascii = new TextEncoder().encode(c.slice(0, 10));
    const utf16 = new Uint8Array(ascii.length * 2);
    ascii.forEach((b, i) => { utf16[i * 2] = b; });
    const search = (needle) => {
      outer: for (let i = 0; i + needle.length <= heap.length; i++) {
        if (heap[i] !== needle[0]) continue;
        for (let j = 1; j < needle.length; j++) if (heap[i + j] !== needle[j]) continue outer;
        return i;
      }
      return -1;
    };
    const storage = Object.keys(localStorage).map((k) => k + '=' + localStorage.getItem(k)).join('\n');
    return { heapBytes: heap.length, ascii: search(ascii), utf16: search(utf16), storage: storage.includes(c), url: location.href.includes(c) };
  }, canary);
  assert.ok(found.heapBytes > 1e6);
  assert.equal(found.ascii, -1, 'not in HEAPU8 as UTF-8');
  assert.equal(found.utf16, -1, 'not in HEAPU8 as UTF-16 (ImGui keeps wide text)');
  assert.equal(found.storage, false, 'not in localStorage');
  assert.equal(found.url, false, 'not in the URL');
  // And the server has them, encrypted: the API answers no value.
  for (let i = 1; i <= 5; i++) noSecretIn(await byName(`canary-${i}`), canary);
  await page.context().close();
});

test('keyboard: Tab moves through the fields in order, Esc cancels', async () => {
  const page = await signIn(browser, server.url, FORM_WINDOW);
  await openForm(page, 'NGC API key');
  // The name field has the focus when the form opens.
  await page.keyboard.type('kbd-name');
  await page.keyboard.press('Tab');
  await page.keyboard.type('four');
  await settle(page);
  assert.equal((await waitForItem(page, byId('description/counter'))).label, '4 / 250', 'Tab went from name to description');
  await press(page, 'Escape');
  assert.ok(!(await items(page)).some((it) => it.id === 'title##create'));
  await page.context().close();
});
