// A phone: 390 x 844 CSS pixels at devicePixelRatio 3 with touch. The table becomes cards, the
// toolbar folds into a menu without overlapping, a finger drags the list (and a flick goes on scrolling), a
// tap opens a credential's details as a full-screen sheet, and a credential is created by taps
// and typing.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  test, startServer, launchBrowser, openApp, items, waitForItem, byId, settle, screenshot, apiToken, apiGet,
} from './harness.mjs';

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

const PHONE = { width: 390, height: 844 };

async function phone() {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  return openApp(browser, server.url, { context });
}

// A finger's tap on the item.
async function tap(page, pred, what) {
  const it = await waitForItem(page, pred, { what });
  await page.touchscreen.tap(it.x + it.w / 2, it.y + it.h / 2);
  await settle(page);
  return it;
}

async function tapAndType(page, id, text) {
  await tap(page, byId(id), id);
  await page.keyboard.type(text, { delay: 10 });
  await settle(page);
}

// A finger drag from y0 to y1 at x in `steps` moves, `ms` apart; with `ms` 0 the moves are sent
// at once, as a flick's arrive.
async function drag(page, x, y0, y1, steps, ms) {
  const cdp = await page.context().newCDPSession(page);
  const point = (y) => [{ x, y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(y0) });
  const moves = [];
  for (let i = 1; i <= steps; ++i) {
    const move = cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(y0 + ((y1 - y0) * i) / steps) });
    if (ms) {
      await move;
      await page.waitForTimeout(ms);
    } else {
      moves.push(move);
    }
  }
  moves.push(cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] }));
  await Promise.all(moves);
  await cdp.detach();
}

// The card under a point of the list (cards are never entirely inside the list's clip rectangle:
// a selectable reaches into the spacing around it).
const cardAt = async (page, y = 600) =>
  (await items(page)).find((it) => it.id.startsWith('Card/') && it.visible && it.y <= y && y < it.y + it.h);
const firstCard = async (page) => (await cardAt(page))?.id;

const overlap = (a, b) => a.x + 0.5 < b.x + b.w && b.x + 0.5 < a.x + a.w && a.y + 0.5 < b.y + b.h && b.y + 0.5 < a.y + a.h;

test('on a phone the table is a list of cards, nothing overlaps, a finger scrolls it and opens a sheet', async () => {
  const page = await phone();
  await tapAndType(page, '##email', 'admin@demo.local');
  await tapAndType(page, '##password', 'demo-admin');
  await tap(page, byId('Sign in##login'), 'Sign in');
  await waitForItem(page, (it) => it.id.startsWith('Card/'), { what: 'the cards', timeout: 30000 });
  const drawn = await items(page);
  assert.ok(!drawn.some((it) => it.id.startsWith('header/')), 'no table headers on a phone');
  const bar = drawn.filter((it) => it.visible && !it.group && ['Sign out##header', 'New credentials##actions',
    'Rename##actions', 'Delete##actions', '##search', 'count##toolbar', 'More##toolbar'].includes(it.id));
  assert.equal(bar.length, 7, 'every control is there: ' + bar.map((it) => it.id).join(', '));
  const within = (list) => {
    for (const it of list) assert.ok(it.x >= 0 && it.x + it.w <= PHONE.width + 0.5, `${it.id} within the screen`);
    for (let i = 0; i < list.length; ++i)
      for (let j = i + 1; j < list.length; ++j)
        assert.ok(!overlap(list[i], list[j]), `${list[i].id} and ${list[j].id} do not overlap`);
  };
  within(bar);
  assert.ok(!drawn.some((it) => it.visible && ['Add filter##toolbar', 'Columns##toolbar', 'Export CSV##toolbar',
    'Refresh##toolbar'].includes(it.id)), 'the toolbar\'s other tools are folded into its menu');
  const cards = drawn.filter((it) => it.id.startsWith('Card/') && it.visible);
  for (const c of cards) assert.ok(c.x >= 0 && c.x + c.w <= PHONE.width + 0.5, 'a card fits the width');
  await screenshot(page, 'phone-cards.png');

  // The toolbar's menu holds the filter, the columns, export, refresh and the time of the load.
  await tap(page, byId('More##toolbar'), 'More');
  await waitForItem(page, byId('Refresh##toolbar-menu'), { what: 'the toolbar menu' });
  const menu = (await items(page)).filter((it) => it.visible && !it.group && ['Add filter##toolbar-menu',
    'Columns##toolbar-menu', 'Export CSV##toolbar-menu', 'Refresh##toolbar-menu', 'loaded##toolbar'].includes(it.id));
  assert.equal(menu.length, 5, 'the menu holds every tool: ' + menu.map((it) => it.id).join(', '));
  within(menu);
  await screenshot(page, 'phone-toolbar-menu.png');
  await tap(page, byId('Columns##toolbar-menu'), 'Columns');
  await waitForItem(page, byId('Reset columns##columns'), { what: 'the column menu' });
  await page.keyboard.press('Escape');
  await waitForItem(page, (it) => it.id === 'More##toolbar' && it.visible, { what: 'the toolbar again' });
  await page.waitForFunction(() => !window.credentialsConsole.items().some((it) => it.id === 'Reset columns##columns'));

  // A slow drag moves the list with the finger; a flick goes on after the finger leaves.
  const before = await firstCard(page);
  assert.ok(before, 'a card under the finger');
  await drag(page, 195, 700, 450, 10, 40);
  await settle(page);
  const dragged = await firstCard(page);
  assert.notEqual(dragged, before, 'the list follows the finger');
  await drag(page, 195, 700, 500, 4, 0);
  await page.waitForTimeout(30);
  const released = await firstCard(page);
  await page.waitForTimeout(800);
  await settle(page);
  assert.notEqual(await firstCard(page), released, 'a flick scrolls on after the finger leaves');

  // A tap on a card: its details fill the screen; closing them shows the cards again.
  const card = await cardAt(page, 500);
  await tap(page, byId(card.id), 'a card');
  const name = await waitForItem(page, byId('details/name'), { what: 'the details sheet' });
  assert.equal(name.label, card.label);
  assert.ok(!(await items(page)).some((it) => it.id.startsWith('Card/') && it.visible), 'the sheet covers the cards');
  await screenshot(page, 'phone-details.png');
  await tap(page, byId('##close-details'), 'Close');
  await waitForItem(page, (it) => it.id.startsWith('Card/'), { what: 'the cards again' });

  // A credential created by taps and typing, in a dialog that fits the screen.
  await tap(page, byId('New credentials##actions'), 'New credentials');
  await tap(page, byId('Generic secret##new'), 'Generic secret');
  await waitForItem(page, byId('title##create'), { what: 'the form' });
  await tapAndType(page, '##scope-search', 'Account');
  await tap(page, (it) => it.id === 'scope/Account', 'the account');
  await waitForItem(page, (it) => it.id === 'scope/chosen' && it.label.endsWith('Account'), { what: 'the chosen scope' });
  await tapAndType(page, '##name', 'from-a-phone');
  // The form (with its secret formats) is longer than the screen: a finger drags it up to the rows.
  const keyShown = async () => (await items(page)).some((it) => it.id === '##key-0' && it.visible && it.whole !== false);
  for (let i = 0; i < 8 && !(await keyShown()); i++) await drag(page, PHONE.width / 2, 600, 350, 8, 16);
  await tapAndType(page, '##key-0', 'TOKEN');
  await tapAndType(page, '##value-0', 'phone-secret');
  for (const it of (await items(page)).filter((i) => i.visible && !i.group && /##(create|name|key-0|value-0)$/.test(i.id)))
    assert.ok(it.x >= 0 && it.x + it.w <= PHONE.width + 0.5, `${it.id} within the screen`);
  await screenshot(page, 'phone-create.png');
  await tap(page, (it) => it.id === 'Create credentials##create' && it.enabled, 'Create');
  const token = await apiToken(server.origin);
  const deadline = Date.now() + 15000;
  let made;
  while (!made && Date.now() < deadline) {
    made = (await apiGet(server.origin, '/api/v1/asset/credentials', token)).body.entries.find((e) => e.meta.name === 'from-a-phone');
    if (!made) await page.waitForTimeout(200);
  }
  assert.ok(made, 'the credential was created');
  await page.context().close();
});

// Touch points by CDP: `fingers` is a list of [x, y] per finger.
async function touches(cdp, type, fingers) {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: fingers.map(([x, y], i) => ({ x, y, id: i + 1 })) });
}

test('a long press opens a card\'s actions; in the scope diagram a finger pans and two fingers pinch the zoom', async () => {
  const page = await phone();
  await tapAndType(page, '##email', 'admin@demo.local');
  await tapAndType(page, '##password', 'demo-admin');
  await tap(page, byId('Sign in##login'), 'Sign in');
  await waitForItem(page, (it) => it.id.startsWith('Card/'), { what: 'the cards', timeout: 30000 });
  const card = await cardAt(page, 500);
  const cdp = await page.context().newCDPSession(page);

  // A finger held still: the card's menu (and no click on lifting it).
  const at = [card.x + card.w / 2, card.y + card.h / 2];
  await touches(cdp, 'touchStart', [at]);
  await page.waitForTimeout(800);
  await touches(cdp, 'touchEnd', []);
  await settle(page);
  const menu = await waitForItem(page, byId('Show details##row-menu'), { what: 'the row menu' });
  const listed = (await items(page)).filter((it) => it.visible && it.id.endsWith('##row-menu')).map((it) => it.label);
  for (const title of ['Show details', 'Rename', 'Delete', 'Copy name', 'Copy Kubernetes name'])
    assert.ok(listed.includes(title), `the menu lists ${title}: ${listed.join(', ')}`);
  assert.ok(!(await items(page)).some((it) => it.id === 'details/name' && it.visible), 'lifting the finger clicked nothing');
  assert.ok(menu.x >= 0 && menu.x + menu.w <= PHONE.width + 0.5, 'the menu fits the screen');
  await screenshot(page, 'phone-row-menu.png');
  await tap(page, byId('Show details##row-menu'), 'Show details');
  const name = await waitForItem(page, byId('details/name'), { what: 'the details sheet' });
  assert.equal(name.label, card.label);

  // The diagram: one finger pans it (the zoom stays), two fingers spreading apart zoom in.
  await tap(page, byId('Show in tree##details'), 'Show in tree');
  const canvas = await waitForItem(page, byId('canvas##diagram'), { what: 'the diagram' });
  const zoom = async () => parseFloat((await waitForItem(page, byId('zoom##diagram'))).label);
  const offset = async () => (await waitForItem(page, byId('offset##diagram'))).label;
  await settle(page, 10);
  const z0 = await zoom();
  const o0 = await offset();
  const cx = canvas.x + canvas.w / 2, cy = canvas.y + canvas.h / 2;
  await touches(cdp, 'touchStart', [[cx, cy]]);
  for (let i = 1; i <= 6; ++i) await touches(cdp, 'touchMove', [[cx + i * 10, cy + i * 12]]);
  await touches(cdp, 'touchEnd', []);
  await settle(page);
  assert.notEqual(await offset(), o0, 'a finger\'s drag pans the diagram');
  assert.equal(await zoom(), z0, 'and does not zoom it');

  await touches(cdp, 'touchStart', [[cx - 30, cy]]);
  await touches(cdp, 'touchStart', [[cx - 30, cy], [cx + 30, cy]]);
  for (let i = 1; i <= 6; ++i) await touches(cdp, 'touchMove', [[cx - 30 - i * 15, cy], [cx + 30 + i * 15, cy]]);
  await touches(cdp, 'touchEnd', []);
  await settle(page);
  const z1 = await zoom();
  assert.ok(z1 > z0 * 1.8, `spreading two fingers zooms in: ${z0}% -> ${z1}%`);
  await screenshot(page, 'phone-diagram-pinched.png');
  await cdp.detach();
  await page.context().close();
});
