// The web app under the server's Content-Security-Policy: sign-in, the table, a form and the
// scope tree run with no violation reported (no inline script or style, no eval), and the
// frame-ancestors option decides which host page may show the app in a frame.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  startServer, launchBrowser, openApp, login, waitForItem, click, press, byId, screenshot, test } from './harness.mjs';

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

// A page context that records every CSP violation the page reports, from its first script on.
async function watchedContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return context;
}

const violations = (page) => page.evaluate(() => window.__cspViolations);

test('the page is served with a strict policy, and the app runs under it with no violation', async () => {
  const context = await watchedContext();
  const page = await context.newPage();
  const response = await page.goto(server.url);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /style-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'self'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.equal(response.headers()['referrer-policy'], 'no-referrer');
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  await page.close();

  const app = await openApp(browser, server.url, { context });
  await login(app);
  await waitForItem(app, (it) => it.id.startsWith('Credential/'), { what: 'the table', timeout: 30000 });
  await click(app, byId('Refresh##toolbar'), 'Refresh');
  await click(app, byId('New credentials##actions'), 'New credentials');
  await click(app, byId('Generic secret##new'), 'Generic secret');
  await waitForItem(app, byId('title##create'), { what: 'the form' });
  await screenshot(app, 'csp-form.png');
  await press(app, 'Escape');
  assert.deepEqual(await violations(app), []);
  assert.deepEqual(app.consoleLines.filter((l) => /Content Security Policy|Refused to/i.test(l)), []);
  await context.close();
});

// A host console on another origin: a page with the app (set later) in an iframe.
async function startHostPage() {
  const host = { appUrl: 'about:blank' };
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>host</title><iframe id="app" src="${host.appUrl}" width="1000" height="700"></iframe>`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  host.url = `http://127.0.0.1:${server.address().port}/`;
  host.origin = new URL(host.url).origin;
  host.close = () => new Promise((r) => server.close(r));
  return host;
}

async function appStartsInFrame(hostUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(hostUrl);
  const frame = await (await page.waitForSelector('#app')).contentFrame();
  let started = false;
  for (let i = 0; i < 100 && !started; i++) {
    started = await frame.evaluate(() => !!(window.credentialsConsole && window.credentialsConsole.frame > 1)).catch(() => false);
    if (!started) await page.waitForTimeout(100);
  }
  await context.close();
  return started;
}

test('another origin may frame the app only when the server names it in frame-ancestors', async () => {
  const host = await startHostPage();
  const embedded = await startServer(['--frame-ancestors', `'self' ${host.origin}`]);
  try {
    // The default ('self'): a host page on another origin gets no app.
    host.appUrl = server.url;
    assert.equal(await appStartsInFrame(host.url), false, 'the default policy keeps the app out of other origins');
    // The server that names the host's origin: the app starts inside the host page.
    host.appUrl = embedded.url;
    assert.equal(await appStartsInFrame(host.url), true, 'the app starts in the named host page');
  } finally {
    await embedded.stop();
    await host.close();
  }
});
