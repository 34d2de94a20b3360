// "Test login" of registry credentials in a real browser, against a real registry: Debian's
// docker-registry started here on loopback with htpasswd auth. The new-credential form tests the
// typed values (a good login, then a wrong password); a stored credential is tested from the
// details panel with the values the server keeps, and the server keeps the outcome.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startServer, launchBrowser, waitForItem, click, screenshot, byId, settle, apiToken, apiGet, apiSend, signIn, reveal,
  items, test } from './harness.mjs';

const USER = 'alice';
const PASSWORD = 'ui-registry-pw-4Kx';

let server;
let browser;
let token;
let registry;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

async function startRegistry() {
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-registry-'));
  const port = await freePort();
  execFileSync('htpasswd', ['-Bbc', path.join(dir, 'htpasswd'), USER, PASSWORD], { stdio: 'ignore' });
  writeFileSync(path.join(dir, 'config.yml'), [
    'version: 0.1', 'log:', '  level: error', '  accesslog:', '    disabled: true',
    'storage:', '  filesystem:', `    rootdirectory: ${path.join(dir, 'data')}`,
    'http:', `  addr: 127.0.0.1:${port}`,
    'auth:', '  htpasswd:', '    realm: test-realm', `    path: ${path.join(dir, 'htpasswd')}`, ''].join('\n'));
  const proc = spawn('/usr/bin/docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
  const until = Date.now() + 10000;
  for (;;) {
    const up = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > until) throw new Error('docker-registry did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

before(async () => {
  registry = await startRegistry();
  server = await startServer(['--agent-delay-ms', '300']);
  browser = await launchBrowser();
  token = await apiToken(server.origin);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await registry?.stop();
});

const FORM_WINDOW = { width: 1280, height: 1000 };

// Fields of a long form may be below the fold: scroll the dialog to them first.
async function clickField(page, id) {
  const quick = await waitForItem(page, (it) => it.id === id && it.whole !== false, { timeout: 2000 }).catch(() => null);
  if (!quick) await reveal(page, byId(id), id).catch(() => null);
  return click(page, byId(id), id);
}

async function typeInto(page, id, text) {
  await clickField(page, id);
  await page.keyboard.type(text, { delay: 10 });
  await settle(page);
}

const note = (page, id) => waitForItem(page, (it) => it.id === id && it.label !== '' && !it.label.startsWith('Checking'),
  { what: `${id} with an outcome`, timeout: 20000 });

test('the new-credential form tests the typed login: good, then a wrong password', async () => {
  const page = await signIn(browser, server.url, FORM_WINDOW);
  await click(page, byId('New credentials##actions'), 'New credentials');
  await click(page, byId('Docker registry##new'), 'Docker registry');
  await waitForItem(page, byId('title##create'), { what: 'the form' });
  // Disabled until url, user and password are filled.
  const disabled = await waitForItem(page, byId('Test login##form-login-test'), { what: 'Test login' });
  assert.equal(disabled.enabled, false);
  await typeInto(page, '##user', USER);
  await typeInto(page, '##password', PASSWORD);
  await typeInto(page, '##url', registry.url);
  await waitForItem(page, (it) => it.id === 'Test login##form-login-test' && it.enabled, { what: 'an enabled Test login' });
  await clickField(page, 'Test login##form-login-test');
  const good = await note(page, 'form/login-check');
  assert.match(good.label, /^Login OK · checked just now$/);
  await screenshot(page, 'registry-login-form-ok.png');

  await clickField(page, '##password');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('not-the-password', { delay: 10 });
  await settle(page);
  await clickField(page, 'Test login##form-login-test');
  const wrong = await waitForItem(page, (it) => it.id === 'form/login-check' && it.label.startsWith('Wrong user or password'),
    { what: 'the wrong-password outcome', timeout: 20000 });
  assert.match(wrong.label, /checked just now$/);
  const detail = (await items(page)).find((it) => it.id === 'form/login-check/detail');
  assert.ok(detail && detail.label.includes('refused'), 'the server says what the registry did');
  await screenshot(page, 'registry-login-form-wrong.png');
});

test('a stored credential is tested from the details panel, and the outcome is kept', async () => {
  const created = await apiSend(server.origin, 'POST', '/api/v1/asset/credentials/docker-registry', token, {
    meta: { name: 'ui-registry-stored', scope: 'project', projectId: 1 },
    spec: { url: registry.url, user: USER, password: PASSWORD },
  });
  assert.equal(created.status, 202);
  const id = created.body.meta.id;
  const page = await signIn(browser, server.url, { width: 1440, height: 900 });
  await click(page, byId('##search'), 'search');
  await page.keyboard.type('ui-registry-stored');
  await settle(page);
  for (let i = 0; i < 3; i++) {
    await click(page, (it) => it.id.startsWith('Credential/ui-registry-stored##'), 'the row');
    if (await waitForItem(page, (it) => it.id === 'details/name' && it.label === 'ui-registry-stored', { timeout: 3000 }).catch(() => null)) break;
  }
  await waitForItem(page, (it) => it.id === 'details/login-check' && it.label === 'Not checked yet', { what: 'not checked yet' });
  await click(page, byId('Test login##details-login-test'), 'Test login');
  const ok = await note(page, 'details/login-check');
  assert.equal(ok.label, 'Login OK · checked just now');
  await screenshot(page, 'registry-login-details.png');

  const kept = await apiGet(server.origin, `/api/v1/asset/credentials/docker-registry/${id}/login-check`, token);
  assert.equal(kept.status, 200);
  assert.equal(kept.body.loginCheck.outcome, 'ok');
  assert.ok(!JSON.stringify(kept.body).includes(PASSWORD));
});
