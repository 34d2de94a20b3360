// Browser test harness: starts the reference server on a free port with a fresh data dir,
// launches Debian's chromium through playwright-core, and finds/clicks ImGui items through
// window.credentialsConsole.items() (CSS pixel rectangles of the items drawn last frame).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test as nodeTest } from 'node:test';

const require = createRequire(import.meta.url);
const { chromium } = require(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../node_modules/playwright-core'));

export const serverBin = process.env.CC_SERVER_BIN;
export const webDir = process.env.CC_WEB_DIR;
export const artifacts = process.env.CC_ARTIFACTS || path.resolve('build/screenshots');

// Every browser test has its own time limit, so that a wait that can never end fails the test
// that waits (and names it) instead of holding up the whole run. (node's --test-timeout would
// also time the file as a whole.)
export const TEST_TIMEOUT_MS = 300000;
export function test(name, fn) {
  return nodeTest(name, { timeout: TEST_TIMEOUT_MS }, fn);
}

export const DEMO_ADMIN = { email: 'admin@demo.local', password: 'demo-admin' };

// `port` 0 picks a free one; a `dataDir` given is the caller's (kept on stop, so a server can be
// started again over the same data), otherwise a fresh one is made and removed on stop.
export async function startServer(extraArgs = [], { port = 0, dataDir: given } = {}) {
  if (!serverBin || !webDir) throw new Error('CC_SERVER_BIN and CC_WEB_DIR must be set (run through ctest)');
  const dataDir = given ?? mkdtempSync(path.join(tmpdir(), 'cc-browser-'));
  const proc = spawn(serverBin, ['--port', String(port), '--data', dataDir, '--web', webDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + log)), 30000);
    const onData = (chunk) => {
      log += chunk.toString();
      const m = log.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (c) => { log += c.toString(); });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
  });
  return {
    url,                        // includes the base path, ends with '/'
    origin: new URL(url).origin,
    proc,
    dataDir,
    log: () => log,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      if (!given) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
           '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
           '--disable-quic'],
  });
}

export async function openApp(browser, url, { width = 1280, height = 800, deviceScaleFactor = 1, colorScheme = 'light', context } = {}) {
  context ??= await browser.newContext({ viewport: { width, height }, deviceScaleFactor, colorScheme });
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('pageerror', (e) => consoleLines.push('pageerror: ' + e.message));
  await page.goto(url);
  await page.waitForFunction(() => window.credentialsConsole && window.credentialsConsole.frame > 1, null, { timeout: 60000 });
  page.consoleLines = consoleLines;
  return page;
}

export async function items(page) {
  return page.evaluate(() => { window.credentialsConsole.redraw(); return window.credentialsConsole.items(); });
}

// Waits until an item matching `pred` is drawn (and visible), returns it.
export async function waitForItem(page, pred, { timeout = 20000, what = 'item' } = {}) {
  const deadline = Date.now() + timeout;
  let last = [];
  while (Date.now() < deadline) {
    last = await items(page);
    const found = last.find((it) => it.visible && pred(it));
    if (found) return found;
    await page.waitForTimeout(100);
  }
  const shot = path.join(artifacts, `timeout-${Date.now()}.png`);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: shot }).catch(() => {});
  const named = last.filter((i) => !/^##row-|\//.test(i.id)).map((i) => `${i.id}=${JSON.stringify(i.label)}`);
  throw new Error(`timed out waiting for ${what} (screenshot ${shot}); drawn: ${named.slice(0, 60).join(' | ')}`);
}

export const byId = (id) => (it) => it.id === id;
export const byLabel = (label) => (it) => it.label === label;

// Waits until the app has drawn `frames` more frames: input is applied over a few frames
// (a move, the press, the release), so the effect of an action is visible after that.
export async function settle(page, frames = 5) {
  const start = await page.evaluate(() => { window.credentialsConsole.redraw(); return window.credentialsConsole.frame; });
  await page.waitForFunction((f) => { window.credentialsConsole.redraw(); return window.credentialsConsole.frame >= f; },
    start + frames, { timeout: 10000, polling: 16 });
}

// Scrolls the scrollable area under `at` (default: the page centre) until an item matching
// `pred` is drawn and visible: long forms put fields below the fold.
export async function reveal(page, pred, what, at) {
  const visible = async () => (await items(page)).find((it) => it.visible && it.whole && pred(it));
  let found = await visible();
  if (found) return found;
  const vp = page.viewportSize();
  const x = at?.x ?? vp.width / 2, y = at?.y ?? vp.height / 2;
  await page.mouse.move(x, y);
  for (const dir of [1, -1]) {
    for (let i = 0; i < 12 && !found; i++) {
      await page.mouse.wheel(0, dir * 300);
      await settle(page, 3);
      found = await visible();
    }
    if (found) return found;
  }
  return waitForItem(page, pred, { what, timeout: 1000 });
}

export async function click(page, pred, what) {
  const it = await waitForItem(page, pred, { what });
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
  await settle(page);
  return it;
}

export async function press(page, key) {
  await page.keyboard.press(key);
  await settle(page);
}

export async function typeInto(page, id, text) {
  await click(page, byId(id), id);
  await page.keyboard.type(text, { delay: 10 });
  await settle(page);
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, name);
  await page.evaluate(() => window.credentialsConsole.redraw());
  await page.waitForTimeout(150);
  await page.screenshot({ path: file });
  return file;
}

export async function login(page, { email, password } = DEMO_ADMIN) {
  await typeInto(page, '##email', email);
  await typeInto(page, '##password', password);
  await click(page, byId('Sign in##login'), 'Sign in button');
}

// Names shown in the table's Credential column, in drawn order.
export async function tableNames(page) {
  const all = await items(page);
  return all.filter((it) => it.id.startsWith('Credential/')).map((it) => it.label);
}

// The API, straight from node (to compare the UI with what the server holds).
export async function apiToken(origin, base = '/', { email, password } = DEMO_ADMIN) {
  const res = await fetch(new URL(base + 'api/v1/token', origin), {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grantType: 'password', username: email, password }),
  });
  if (res.status !== 200) throw new Error('token request failed: ' + res.status);
  return (await res.json()).accessToken;
}

export async function apiGet(origin, pathAndQuery, token) {
  const res = await fetch(new URL(pathAndQuery, origin), { headers: { Authorization: 'Bearer ' + token } });
  return { status: res.status, body: await res.json() };
}

export async function apiSend(origin, method, pathAndQuery, token, body) {
  const res = await fetch(new URL(pathAndQuery, origin), {
    method,
    headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// Signs in through the form and waits for the first credential row.
export async function signIn(browser, url, options = {}, user = DEMO_ADMIN) {
  const page = await openApp(browser, url, options);
  await login(page, user);
  await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'the table', timeout: 30000 });
  return page;
}
