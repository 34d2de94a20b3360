// The Generic secret form's "Secret format" chooser in a real browser: one credential of each
// format made through the form, its format seen in the table's Type column and the details, the
// key names stored (and, for the SSH key, the ssh-auth Secret the agent wrote); a public and an
// encrypted SSH key refused in the form with the reason; and, for an existing secret, the
// kubectl commands of the SSH key format.
//
// TEST-ONLY KEYS: the private keys below were made with ssh-keygen for this test alone.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, waitForItem as waitForDrawn, click as clickItem, screenshot, items, byId, press, settle,
  apiToken, apiGet, signIn, reveal, test } from './harness.mjs';

const KEY = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACCRJ/ogFlrvoMmttu1+tdUoe5Y/RgY6Wcn1MYoJZjYiAQAAAJASzZ+MEs2f
jAAAAAtzc2gtZWQyNTUxOQAAACCRJ/ogFlrvoMmttu1+tdUoe5Y/RgY6Wcn1MYoJZjYiAQ
AAAECB7HQb4NC/gtFoOo0Hg4+C3uM4ptk9SthHdFhTpIrh2JEn+iAWWu+gya227X611Sh7
lj9GBjpZyfUxiglmNiIBAAAACXRlc3Qtb25seQECAwQ=
-----END OPENSSH PRIVATE KEY-----
`;
const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJEn+iAWWu+gya227X611Sh7lj9GBjpZyfUxiglmNiIB test-only';
const ENCRYPTED_KEY = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABDScOoEXT
Qnu3ktC+lRcmsSAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIJm+Xf4/QA1dtLPa
Ga/TkKdPdGQwOlMr4eeVw9zetuFBAAAAkPkj2leEUTedGuNnGtjWiGTbqi2HbWy5+oqfsu
h4hdwhddYQAH4qh7vKzbXZqzejdOooXuTNnIap0qBentdyolrrQspzVjGj99hndOKhLrJc
VODPuyV7dsWLdFCKqEI/ppP1FRORdwqQEfZGzhZQ/cmBtZoEgPMNvV3CPLlaB4jWwLuFsk
y3Ke2WOMz4Fb+ONA==
-----END OPENSSH PRIVATE KEY-----
`;

let server;
let browser;
let token;

before(async () => {
  server = await startServer(['--agent-delay-ms', '100']);
  browser = await launchBrowser();
  token = await apiToken(server.origin);
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

// What the browser does on Ctrl+V: a paste event carrying the clipboard's text.
async function paste(page, id, text) {
  await click(page, byId(id), id);
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.getElementById('canvas').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
  await settle(page);
}

async function openGenericForm(page, scopeSearch, pathEnd, name, formatLabel) {
  await click(page, byId('New credentials##actions'), 'New credentials');
  await click(page, byId('Generic secret##new'), 'Generic secret');
  await waitForItem(page, byId('title##create'), { what: 'the form' });
  await typeInto(page, '##scope-search', scopeSearch);
  await click(page, (it) => it.id.startsWith('scope/Account') && it.id.endsWith(pathEnd), `scope ${pathEnd}`);
  await typeInto(page, '##name', name);
  await click(page, byId(`${formatLabel}##format`), formatLabel);
  const radio = await waitForItem(page, byId(`${formatLabel}##format`));
  assert.ok(radio, `the ${formatLabel} format is chosen`);
}

async function submit(page) {
  await settle(page);
  const blocked = (await items(page)).find((it) => it.id === 'create/blocked');
  const button = await waitForItem(page, (it) => it.id === 'Create credentials##create' && it.enabled,
    { what: 'an enabled Create' + (blocked ? ` (blocked by ${blocked.label})` : ''), timeout: 5000 });
  await page.mouse.click(button.x + button.w / 2, button.y + button.h / 2);
  await settle(page);
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    if (!(await items(page)).some((it) => it.id === 'title##create')) return;
    await page.waitForTimeout(100);
  }
  const err = (await items(page)).filter((it) => it.id.startsWith('error/')).map((it) => `${it.id}: ${it.label}`);
  throw new Error('the dialog stayed open: ' + err.join('; '));
}

const entryNamed = async (name) =>
  (await apiGet(server.origin, '/api/v1/asset/credentials', token)).body.entries.find((e) => e.meta.name === name);

test('each secret format made through the form shows in the table, stored under its key names', async () => {
  const page = await signIn(browser, server.url, { width: 1280, height: 1000 });
  let sent = null;
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname.endsWith('/credentials/generic-secret')) sent = JSON.parse(req.postData());
  });
  const formats = [
    { name: 'fmt-pairs', label: 'Key(s) & value(s)', type: 'Generic secret', keys: ['WANDB_API_KEY'],
      fill: async () => { await typeInto(page, '##key-0', 'WANDB_API_KEY'); await typeInto(page, '##value-0', 'w-123'); } },
    { name: 'fmt-access', label: 'Access key', type: 'Generic secret · Access key', keys: ['AccessKeyId', 'SecretKey'],
      fill: async () => { await typeInto(page, '##access-key-id', 'AKIAFMT'); await typeInto(page, '##secret-access-key', 's3cr/t+'); } },
    { name: 'fmt-user', label: 'Username & password', type: 'Generic secret · Username & password', keys: ['User', 'Password'],
      fill: async () => { await typeInto(page, '##user', 'git-bot'); await typeInto(page, '##password', 'pw 123'); } },
    { name: 'fmt-ssh', label: 'SSH key', type: 'Generic secret · SSH key', keys: ['ssh-privatekey'],
      fill: async () => {
        // The key field shows no key/value rows, and the key is masked.
        assert.ok(!(await items(page)).some((it) => it.id === '##key-0'), 'no key/value rows in the SSH key format');
        await paste(page, '##ssh-key', KEY);
        await screenshot(page, 'form-generic-ssh-key.png');
      } },
  ];
  for (const f of formats) {
    await openGenericForm(page, 'team-a', '/ team-a', f.name, f.label);
    await f.fill();
    await submit(page);
    // The new row is selected: its Type cell and the details say the format.
    const cell = await waitForItem(page, (it) => it.id.startsWith(`Type/${f.name}##`), { what: `the Type cell of ${f.name}` });
    assert.equal(cell.label, f.type);
    const details = await waitForItem(page, byId('details/type'), { what: 'the details type' });
    assert.equal(details.label, f.type);
    const entry = await entryNamed(f.name);
    assert.deepEqual(entry.spec.genericSecret.keyValuePairs.map((p) => p.key), f.keys);
    assert.ok(entry.spec.genericSecret.keyValuePairs.every((p) => p.value === null), 'no value comes back');
  }
  // The key left the app with its line breaks, though the field dropped them.
  assert.deepEqual(sent.spec.keyValuePairs, [{ key: 'ssh-privatekey', value: KEY }]);
  await screenshot(page, 'table-generic-formats.png');
  // The agent wrote a kubernetes.io/ssh-auth Secret.
  const ssh = await entryNamed('fmt-ssh');
  let secret;
  for (let i = 0; i < 50 && !secret; i++) {
    const list = await apiGet(server.origin, `/api/v1/x-reference/clusters/${ssh.meta.clusterId}/secrets?namespace=runai-team-a`, token);
    secret = list.body.items.find((s) => s.metadata.name === 'fmt-ssh');
    if (!secret) await page.waitForTimeout(100);
  }
  assert.ok(secret, 'the agent wrote the Secret');
  assert.equal(secret.type, 'kubernetes.io/ssh-auth');
  await page.context().close();
});

test('a public or encrypted key is refused in the form with the reason; existing secrets get ssh-auth commands', async () => {
  const page = await signIn(browser, server.url, { width: 1280, height: 1000 });
  let posts = 0;
  page.on('request', (req) => { if (req.method() === 'POST' && req.url().includes('/credentials/')) posts++; });
  for (const [key, words] of [[PUBLIC_KEY, /This is a public key/], [ENCRYPTED_KEY, /a passphrase cannot be typed inside a pod/]]) {
    await openGenericForm(page, 'team-b', '/ team-b', 'bad-ssh', 'SSH key');
    await paste(page, '##ssh-key', key);
    const message = await waitForItem(page, byId('error/sshKey'), { what: 'the key message' });
    assert.match(message.label, words);
    const blocked = await waitForItem(page, byId('create/blocked'), { what: 'Create disabled' });
    assert.match(blocked.label, /^sshKey: /);
    await press(page, 'Enter');
    assert.ok((await items(page)).some((it) => it.id === 'title##create'), 'the form stays open');
    if (words.source.includes('passphrase')) await screenshot(page, 'form-generic-ssh-encrypted.png');
    await press(page, 'Escape');
  }
  assert.equal(posts, 0, 'nothing was sent');

  await openGenericForm(page, 'team-b', '/ team-b', 'existing-ssh', 'SSH key');
  await click(page, byId('Existing secret (in the cluster)##source'), 'Existing secret');
  const empty = await waitForItem(page, byId('existing/empty'), { what: 'the empty explanation' });
  assert.match(empty.label, /No unused Generic secret · SSH key secrets/);
  const commands = await waitForItem(page, byId('existing/kubectl'));
  assert.match(commands.label, /kubectl create secret generic '<secret-name>' --namespace=runai-team-b --type=kubernetes\.io\/ssh-auth --from-file=ssh-privatekey=/);
  assert.match(commands.label, /run\.ai\/resource=generic/);
  await screenshot(page, 'form-generic-ssh-existing.png');
  await press(page, 'Escape');
  await page.context().close();
});
