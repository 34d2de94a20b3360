// Text in any script: descriptions in Japanese, Hebrew, Greek, Cyrillic, Polish (Latin
// Extended-A) and with an emoji show as text, not as replacement boxes. The embedded fonts hold
// ASCII and Latin-1; the
// browser draws the other characters into the font atlas on demand. The app reports how many
// replacement glyphs its last frame drew (credentialsConsole.fontInfo()), and a character no
// font on any machine has (U+10FFFD) proves that count sees them.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import {
  startServer, launchBrowser, waitForItem, click, screenshot, settle, apiToken, apiGet, apiSend, signIn, test,
} from './harness.mjs';

let browser;
let srv;
before(async () => {
  browser = await launchBrowser();
  srv = await startServer();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const DESCRIPTIONS = {
  'intl-ja': '日本語の説明 東京',
  'intl-he': 'תיאור בעברית',
  'intl-el': 'Ελληνικά κείμενο',
  'intl-ru': 'Кириллица описание',
  'intl-pl': 'Zażółć gęślą jaźń',
  'intl-emoji': 'emoji 😀 🚀 ok',
};

async function createKey(token, cluster, name, description) {
  const res = await apiSend(srv.origin, 'POST', '/api/v1/asset/credentials/access-key', token, {
    meta: { name, scope: 'cluster', clusterId: cluster.uuid, description },
    spec: { accessKeyId: 'AKIA' + name.toUpperCase().replace(/-/g, ''), secretAccessKey: 'intl-secret-value' },
  });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  return res.body.meta.id;
}

const fontInfo = (page) => page.evaluate(() => window.credentialsConsole.fontInfo());

async function search(page, text) {
  await click(page, (it) => it.id === '##search', 'search');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await settle(page);
}

async function openDetails(page, name) {
  for (let i = 0; i < 3; i++) {
    await click(page, (it) => it.id.startsWith(`Credential/${name}##`), name);
    const shown = await waitForItem(page, (it) => it.id === 'details/name' && it.label === name, { timeout: 3000 })
      .catch(() => null);
    if (shown) return;
  }
  throw new Error('the details of ' + name + ' did not open');
}

test('descriptions in Japanese, Hebrew, Greek, Cyrillic, Polish and emoji draw without replacement glyphs', async () => {
  const token = await apiToken(srv.origin);
  const cluster = (await apiGet(srv.origin, '/api/v1/clusters', token)).body[0];
  for (const [name, description] of Object.entries(DESCRIPTIONS)) await createKey(token, cluster, name, description);
  const page = await signIn(browser, srv.url, { width: 1600, height: 900, deviceScaleFactor: 2 });
  await click(page, (it) => it.id === 'Refresh##toolbar', 'Refresh');
  await search(page, 'intl-');
  for (const name of Object.keys(DESCRIPTIONS))
    await waitForItem(page, (it) => it.id.startsWith(`Credential/${name}##`), { what: name });
  await openDetails(page, 'intl-ja');
  const details = await waitForItem(page, (it) => it.id === 'details/description', { what: 'the description' });
  assert.equal(details.label, DESCRIPTIONS['intl-ja']);
  await settle(page);
  const info = await fontInfo(page);
  assert.equal(info.replacementGlyphs, 0, 'no character is drawn as a replacement glyph');
  assert.ok(info.atlasWidth > 0 && info.atlasHeight > 0);
  console.log(`font atlas at DPR 2: ${info.atlasWidth} x ${info.atlasHeight}`);
  await screenshot(page, 'text-in-any-script.png');

  // A character no font has is drawn as a replacement glyph, and the count sees it.
  await createKey(token, cluster, 'intl-nofont', 'no font has \u{10FFFD} this');
  await click(page, (it) => it.id === 'Refresh##toolbar', 'Refresh');
  await search(page, 'intl-nofont');
  await openDetails(page, 'intl-nofont');
  await settle(page);
  assert.ok((await fontInfo(page)).replacementGlyphs > 0, 'U+10FFFD counts as a replacement glyph');
  await page.context().close();
});
