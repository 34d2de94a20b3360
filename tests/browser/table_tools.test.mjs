// The Credentials table's tools in a real browser, driven by mouse and keyboard: filters,
// search, sort, columns (persisted), deep links and the back button, refresh keeping the
// selection, CSV export, status tooltips, and the no-match and error states.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  startServer, launchBrowser, openApp, waitForItem, click, login, tableNames, screenshot, items,
  byId, apiToken, apiGet, press, settle, test } from './harness.mjs';

let server;
let browser;
let entries;  // the API's view of the demo credentials

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const token = await apiToken(server.origin);
  entries = (await apiGet(server.origin, '/api/v1/asset/credentials?usageInfo=true&statusInfo=true', token)).body.entries;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const KIND_LABEL = {
  accessKey: 'Access key', password: 'Username & password', dockerRegistry: 'Docker registry',
  genericSecret: 'Generic secret', ngcApiKey: 'NGC API key',
};

async function signedIn(options = {}, url = server.url) {
  const page = await openApp(browser, url, options);
  await login(page);
  await waitForItem(page, (it) => it.id.startsWith('Credential/'), { what: 'the table', timeout: 30000 });
  return page;
}

// All names of the current view in order, scrolling through the table.
async function allNames(page) {
  const seen = [];
  const first = await waitForItem(page, (it) => it.id.startsWith('Credential/'));
  await page.mouse.move(first.x + 10, first.y + 10);
  await settle(page);
  let unchanged = 0;
  for (let i = 0; i < 60 && unchanged < 2; i++) {
    const before = seen.length;
    for (const n of await tableNames(page)) if (!seen.includes(n)) seen.push(n);
    unchanged = seen.length === before ? unchanged + 1 : 0;
    await page.mouse.wheel(0, 300);
    await settle(page);
  }
  await page.mouse.wheel(0, -100000);
  await settle(page);
  return seen;
}

async function countLabel(page) {
  return (await waitForItem(page, byId('count##toolbar'))).label;
}

async function addChecklistFilter(page, columnTitle, values) {
  await click(page, byId('Add filter##toolbar'), 'Add filter');
  await click(page, (it) => it.id === `${columnTitle}##filter-column`, `${columnTitle} in the column list`);
  for (const v of values) await click(page, byId(`${v}##option`), `${v} option`);
  await click(page, byId('Apply##filter'), 'Apply');
}

test('filter by type: a checklist of the types present; the chip shows and can be removed', async () => {
  const page = await signedIn();
  await addChecklistFilter(page, 'Type', ['Docker registry', 'NGC API key']);
  const expected = entries.filter((e) => ['dockerRegistry', 'ngcApiKey'].includes(e.meta.kind)).map((e) => e.meta.name);
  await waitForItem(page, (it) => it.id === 'count##toolbar' && it.label.startsWith(`${expected.length} of `));
  assert.deepEqual((await allNames(page)).sort(), expected.sort());
  const chip = await waitForItem(page, (it) => it.id === 'chip-type' || it.id.endsWith('##chip-type'));
  assert.match(chip.label, /^Type: Docker registry, NGC API key$/);
  await screenshot(page, 'filter-type.png');
  await click(page, (it) => it.id.endsWith('##remove-chip-type'), 'remove chip');
  await waitForItem(page, (it) => it.id === 'count##toolbar' && it.label === `${entries.length} credentials`);
  await page.context().close();
});

test('filter by status, combined with a type filter (AND)', async () => {
  const page = await signedIn();
  await addChecklistFilter(page, 'Status', ['No issues found']);
  await addChecklistFilter(page, 'Type', ['Access key']);
  const expected = entries.filter((e) => e.status?.status === 'No issues found' && e.meta.kind === 'accessKey').map((e) => e.meta.name);
  assert.ok(expected.length > 0);
  await waitForItem(page, (it) => it.id === 'count##toolbar' && it.label.startsWith(`${expected.length} of `));
  assert.deepEqual((await allNames(page)).sort(), expected.sort());
  await click(page, byId('Clear all##chips'), 'Clear all');
  await waitForItem(page, (it) => it.id === 'count##toolbar' && it.label === `${entries.length} credentials`);
  await page.context().close();
});

test('search is instant, case-insensitive, and counts the matches', async () => {
  const page = await signedIn();
  await click(page, byId('##search'), 'search box');
  await page.keyboard.type('NVCR');
  await settle(page);  // every keystroke drawn: the count read next is the whole query's
  const expected = entries.filter((e) => JSON.stringify([e.meta.name, e.meta.description ?? '', e.clusterInfo?.resources?.map((r) => r.name) ?? []]).toLowerCase().includes('nvcr'));
  const count = await waitForItem(page, (it) => it.id === 'count##toolbar' && / of /.test(it.label));
  const names = await allNames(page);
  for (const n of names) assert.ok(expected.some((e) => e.meta.name === n) || n.includes('nvcr'), n);
  assert.equal(count.label, `${names.length} of ${entries.length} credentials`);
  assert.ok(names.length >= 2);
  // No match: the state says so and offers to clear.
  await page.keyboard.type('-no-such-thing');
  await waitForItem(page, byId('no-match##page'), { what: 'no-match state' });
  await screenshot(page, 'no-match.png');
  await click(page, byId('Clear filters##no-match'), 'Clear filters');
  await waitForItem(page, (it) => it.id === 'count##toolbar' && it.label === `${entries.length} credentials`);
  await page.context().close();
});

test('sort: click a header for ascending then descending, shift-click adds a second key', async () => {
  const page = await signedIn({ width: 1920, height: 1080 });
  const natural = (a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
  await click(page, byId('header/Credential'), 'Credential header');
  await waitForItem(page, (it) => it.id === 'header/Credential' && it.label === 'Credential (ascending)');
  // items(prefix) answers only the items whose id starts with it (what a watcher reads per frame).
  const headers = await page.evaluate(() => window.credentialsConsole.items('header/'));
  assert.ok(headers.length >= 5 && headers.every((it) => it.id.startsWith('header/')), headers.map((it) => it.id).join(', '));
  assert.equal(headers.find((it) => it.id === 'header/Credential').label, 'Credential (ascending)');
  let names = await allNames(page);
  assert.equal(names.length, entries.length);
  assert.deepEqual(names, [...names].sort(natural));
  await click(page, byId('header/Credential'), 'Credential header');
  await waitForItem(page, (it) => it.id === 'header/Credential' && it.label === 'Credential (descending)');
  names = await allNames(page);
  assert.deepEqual(names, [...names].sort(natural).reverse());

  // Type ascending, then creation time descending within each type.
  await click(page, byId('header/Type'), 'Type header');
  await page.keyboard.down('Shift');
  await click(page, byId('header/Creation time'), 'Creation time header');
  await click(page, byId('header/Creation time'), 'Creation time header');
  await page.keyboard.up('Shift');
  await waitForItem(page, (it) => it.id === 'header/Creation time' && it.label === 'Creation time (descending, 2)');
  assert.ok((await items(page)).some((it) => it.id === 'header/Type' && it.label === 'Type (ascending, 1)'));
  names = await allNames(page);
  const byName = Object.fromEntries(entries.map((e) => [e.meta.name, e]));
  const expected = [...entries].sort((a, b) => KIND_LABEL[a.meta.kind].localeCompare(KIND_LABEL[b.meta.kind]) ||
    Date.parse(b.meta.createdAt) - Date.parse(a.meta.createdAt)).map((e) => e.meta.name);
  assert.deepEqual(names, expected);
  assert.ok(byName[names[0]]);
  await screenshot(page, 'sorted-two-keys.png');
  await page.context().close();
});

test('hiding a column persists across a reload; reset brings it back', async () => {
  const page = await signedIn();
  await click(page, byId('Columns##toolbar'), 'Columns');
  await click(page, byId('Description##column-visible'), 'Description checkbox');
  await press(page, 'Escape');
  await page.waitForTimeout(200);
  assert.ok(!(await items(page)).some((it) => it.id === 'header/Description'), 'Description is hidden');
  await page.reload();
  await page.waitForFunction(() => window.credentialsConsole && window.credentialsConsole.frame > 1);
  // The tab kept its session: the table comes back without signing in.
  await waitForItem(page, (it) => it.id.startsWith('Credential/'));
  assert.ok(!(await items(page)).some((it) => it.id === 'header/Description'), 'still hidden after reload');
  assert.ok((await items(page)).some((it) => it.id === 'header/Type'));
  await click(page, byId('Columns##toolbar'), 'Columns');
  await click(page, byId('Reset columns##columns'), 'Reset columns');
  await waitForItem(page, byId('header/Description'), { what: 'Description header back' });
  await page.context().close();
});

test('a deep link restores search, filters, sort and columns; back steps through view changes', async () => {
  const hash = 'q=research&f=type:Docker%20registry|Generic%20secret&s=-credential&c=credential,type,status,scope';
  const page = await openApp(browser, server.url + '#' + hash);
  await login(page);
  await waitForItem(page, (it) => it.id.startsWith('Credential/'));
  const search = await waitForItem(page, byId('##search'));
  assert.ok(search);
  const expected = entries.filter((e) => ['dockerRegistry', 'genericSecret'].includes(e.meta.kind))
    .filter((e) => [e.meta.name, KIND_LABEL[e.meta.kind], e.status?.status ?? ''].join(' ').toLowerCase().includes('research') ||
      false);
  const names = await allNames(page);
  assert.ok(names.length > 0);
  for (const n of names) assert.ok(n.includes('research') || expected.some((e) => e.meta.name === n), n);
  assert.deepEqual(names, [...names].sort((a, b) => b.localeCompare(a, 'en', { numeric: true })));
  const headers = (await items(page)).filter((it) => it.id.startsWith('header/')).map((it) => it.id);
  assert.deepEqual(headers, ['header/Credential', 'header/Type', 'header/Status', 'header/Scope']);
  await screenshot(page, 'deep-link.png');

  // Two view changes, then back twice.
  await click(page, byId('header/Type'), 'Type header');
  await page.waitForTimeout(150);
  const afterSort = await page.evaluate(() => location.hash);
  assert.match(afterSort, /s=type/);
  await click(page, (it) => it.id.endsWith('##remove-chip-type'), 'remove type chip');
  await page.waitForTimeout(150);
  assert.ok(!(await page.evaluate(() => location.hash)).includes('f=type'));
  await page.goBack();
  await waitForItem(page, (it) => it.id.endsWith('##chip-type'), { what: 'the type chip again' });
  await page.goBack();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => location.hash), '#' + hash);
  await page.context().close();
});

test('refresh reloads and keeps the selection, the filters and the sort', async () => {
  const page = await signedIn();
  await addChecklistFilter(page, 'Type', ['Docker registry']);
  await click(page, byId('header/Credential'), 'Credential header');
  const target = entries.filter((e) => e.meta.kind === 'dockerRegistry').map((e) => e.meta.name).sort()[1];
  await click(page, (it) => it.id.startsWith(`Credential/${target}##`), target);
  await waitForItem(page, (it) => it.id === 'details/name' && it.label === target, { what: 'details of ' + target });
  const loadedBefore = (await waitForItem(page, byId('loaded##toolbar'))).label;
  await page.waitForTimeout(1100);
  await click(page, byId('Refresh##toolbar'), 'Refresh');
  await waitForItem(page, (it) => it.id === 'loaded##toolbar' && it.label !== loadedBefore, { what: 'a new load time' });
  await waitForItem(page, (it) => it.id === 'details/name' && it.label === target, { what: 'selection kept' });
  assert.ok((await items(page)).some((it) => it.id.endsWith('##chip-type')));
  assert.match(await page.evaluate(() => location.hash), /s=credential/);
  await page.context().close();
});

test('the details panel shows scope path, Kubernetes name, status and users', async () => {
  const used = entries.find((e) => e.usedBy && (e.usedBy.assets?.datasources?.length || e.usedBy.templates?.length));
  const page = await signedIn();
  await click(page, byId('##search'), 'search');
  await page.keyboard.type(used.meta.name);
  await click(page, (it) => it.id.startsWith(`Credential/${used.meta.name}##`), used.meta.name);
  const scope = await waitForItem(page, byId('details/scope'));
  assert.match(scope.label, /^Account( \/ .+)*$/);
  const k8s = await waitForItem(page, byId('details/kubernetes-name'));
  assert.equal(k8s.label, used.clusterInfo.resources.map((r) => r.name).join(', '));
  const users = await waitForItem(page, byId('details/used-by'));
  const someUser = used.usedBy.assets?.datasources?.[0]?.name ?? used.usedBy.templates[0].name;
  assert.ok(users.label.includes(someUser), users.label);
  await screenshot(page, 'details-panel.png');
  await page.context().close();
});

test('export downloads the visible rows and columns as RFC 4180 CSV', async () => {
  const page = await signedIn();
  await addChecklistFilter(page, 'Type', ['Username & password']);
  await click(page, byId('Columns##toolbar'), 'Columns');
  for (const c of ['Description', 'Kubernetes name', 'Environment(s)', 'Data source(s)', 'Created by', 'Creation time', 'Cluster'])
    await click(page, byId(`${c}##column-visible`), c);
  await press(page, 'Escape');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    click(page, byId('Export CSV##toolbar'), 'Export CSV'),
  ]);
  assert.match(download.suggestedFilename(), /^credentials-\d{4}-\d\d-\d\d-\d{4}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'Credential,Type,Status,Scope');
  const expected = entries.filter((e) => e.meta.kind === 'password');
  assert.equal(lines.length, expected.length + 2);  // header, rows, empty after the last CRLF
  assert.equal(lines.at(-1), '');
  for (const e of expected) assert.ok(lines.some((l) => l.startsWith(e.meta.name + ',Username & password,')), e.meta.name);
  await page.context().close();
});

test('the status tooltip explains the status and names the failing scopes', async () => {
  // The first credential with issues in server order is on the first screen of the table.
  const issue = entries.find((e) => e.status?.status === 'Issues found' && e.status.issues?.length);
  assert.ok(issue, 'the demo has a credential with issues');
  assert.ok(entries.indexOf(issue) < 15, 'it is on the first screen');
  const page = await signedIn();
  const cell = await waitForItem(page, (it) => it.id.startsWith(`Status/${issue.meta.name}##`));
  await page.mouse.move(cell.x + cell.w / 2 - 4, cell.y + cell.h / 2);
  await settle(page);
  await page.mouse.move(cell.x + cell.w / 2, cell.y + cell.h / 2, { steps: 4 });
  await settle(page);
  const tip = await waitForItem(page, (it) => it.id === 'tooltip' && it.label.includes('Issues found while propagating'), { what: 'status tooltip' });
  assert.match(tip.label, /(Not created in|Replication failed in|State lost in) (project|department|cluster) \S+/);
  await screenshot(page, 'status-tooltip.png');
  await page.context().close();
});
