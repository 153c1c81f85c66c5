// Browser tests of the staff console with the real `community-hub serve` on 127.0.0.1 and Debian's
// chromium driven by playwright-core, each scenario its own node:test test over one hub seeded below:
// sign-in, a 物业 clerk composing a notice (preview, hostile text), party isolation on notices (403),
// import from a file, `community-kiosk sync --once` putting a notice in a kiosk database (checked in
// SQLite) and the list's delivery count, English, a tablet, sign-out, JavaScript off, and a street office
// manager registering a kiosk and reading the audit log. Screenshots at 1366×768 into $CK_CONSOLE_SHOTS
// (default: <build>/tests/console/shots).
//
// Usage: node console_flow.test.mjs <build-dir>   (exit 0 pass, 1 fail, 77 skip: a binary is missing)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { browserPath, build, field, hub, hubBin, launchBrowser, newHubDb, openConsole, requireBinaries, run, shot, startHub, stopHub, textOf } from './harness.mjs';

const kioskBin = process.env.CK_KIOSK_BINARY || path.join(build, 'app', 'community-kiosk');
requireBinaries([['community-hub', hubBin], ['community-kiosk', kioskBin], ['chromium', browserPath]]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-console-'));
const db = newHubDb(path.join(dir, 'hub.db'));
const wang = { name: 'wang.li', password: 'wang-li-password' };
const zhao = { name: 'zhao.jie', password: 'zhao-jie-password' };

let server, url, browser, deviceId, token, committeeId;

before(async () => {
  // Accounts (password on stdin, never an argument), kiosks, and notices from the command line.
  run(hubBin, ['staff', 'add', '--db', db, '--name', wang.name, '--party', 'property_company', '--role', 'clerk'], wang.password + '\n');
  run(hubBin, ['staff', 'add', '--db', db, '--name', zhao.name, '--party', 'street_office', '--role', 'manager'], zhao.password + '\n');
  const lobby = hub('kiosk', 'add', '--db', db, '--name', '3号楼大堂');
  deviceId = field(lobby, 'device_id');
  token = field(lobby, 'token');
  hub('kiosk', 'add', '--db', db, '--name', '7号楼大堂（未联网）');
  committeeId = hub('notice', 'publish', '--db', db, '--title', '居委会：周日社区义诊', '--body', '周日上午在活动室。',
    '--publisher', 'residents_committee', '--category', 'community').trim();
  hub('notice', 'publish', '--db', db, '--title', '街道：垃圾分类新规十二月起实施', '--body', '详见公告栏。',
    '--publisher', 'street_office', '--category', 'policy', '--priority', 'important', '--pinned');
  ({ server, url } = await startHub(db));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  await stopHub(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

// Publishes a notice through the compose form as the signed-in page's staff member; returns its id.
async function compose(p, title, body) {
  await p.goto(url + '/console/notices/new');
  await p.fill('input[name=title]', title);
  await p.fill('textarea[name=body]', body);
  await p.click('button[name=do][value=save]');
  await p.waitForURL(/\/console\/notices\/[0-9a-f-]{36}\?done=published/);
  return p.url().match(/notices\/([0-9a-f-]{36})/)[1];
}

test('an anonymous visit lands on sign-in, and a wrong password is refused', async () => {
  const { context, page: p, csp } = await openConsole(browser, url);
  await p.goto(url + '/console/');
  assert.match(p.url(), /\/console\/signin/);
  await shot(p, '01-signin-zh');
  await p.fill('input[name=name]', wang.name);
  await p.fill('input[name=password]', 'wrong password');
  await p.click('button[type=submit].primary');
  assert.match(await textOf(p, '.error'), /账号或密码不正确/);
  assert.match(p.url(), /\/console\/signin/, 'still on the sign-in page');
  await p.fill('input[name=password]', wang.password);
  await p.click('button[type=submit].primary');
  await p.waitForURL('**/console/notices');
  assert.match(await textOf(p, '.who'), /物业服务中心/);
  await shot(p, '02-notices-zh');
  csp.assertNone();
  await context.close();
});

test('a 物业 clerk composes a notice: the live preview shows hostile text as text, and it is published', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, wang);
  await p.click('text=发布新公告');
  await p.waitForURL('**/console/notices/new');
  const title = '3号楼周六停水 <script>alert(1)</script>';
  await p.fill('input[name=title]', title);
  await p.fill('textarea[name=body]', '因二次供水设备检修，本周六上午 9:00–12:00 3号楼停水。\n\n请提前储水。物业服务中心');
  await p.selectOption('select[name=category]', 'water_power');
  await p.selectOption('select[name=priority]', 'urgent');
  await p.check('input[name=pinned]');
  await p.fill('input[name=audience]', '3号楼');
  // The script refreshes the preview from the server as you type.
  await p.waitForFunction(() => document.querySelector('#preview .k-title')?.textContent.includes('3号楼周六停水'));
  assert.match(await textOf(p, '#preview .k-title'), /<script>alert\(1\)<\/script>/);
  await shot(p, '03-compose-zh');
  await p.click('button[name=do][value=save]');
  await p.waitForURL(/\/console\/notices\/[0-9a-f-]{36}\?done=published/);
  assert.match(await textOf(p, '.flash'), /公告已发布/);
  assert.equal(await p.inputValue('input[name=title]'), title, 'the edit page holds the title as typed');
  await shot(p, '04-edit-zh');
  await p.goto(url + '/console/notices?publisher=property_company');
  assert.ok(!(await p.content()).includes('<script>alert(1)</script>'), 'the list escapes the hostile title');
  csp.assertNone();
  await context.close();
});

test('a 物业 clerk gets 403 for a 居委会 notice, and it is audited', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, wang);
  const denied = await p.goto(url + '/console/notices/' + committeeId);
  assert.equal(denied.status(), 403);
  assert.match(await textOf(p, 'h1'), /无权访问/);
  await shot(p, '04b-forbidden-zh');
  assert.match(hub('audit', '--db', db, '--action', 'denied'), new RegExp(committeeId));
  csp.assertNone();
  await context.close();
});

test('notices are imported from a file (multipart upload)', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, wang);
  const importFile = path.join(dir, 'notices.json');
  fs.writeFileSync(importFile, JSON.stringify([
    { publisher: 'property_company', category: 'parking', title: '地下车库12月5日清洗', body: '请当天8点前移车。' },
    { publisher: 'property_company', category: 'safety', priority: 'important', title: '消防通道禁止停车', body: '违者拖移。' },
  ]));
  await p.goto(url + '/console/notices/import');
  await shot(p, '06-import-zh');
  await p.setInputFiles('input[type=file]', importFile);
  await p.click('button[type=submit].primary');
  assert.match(await textOf(p, '.flash'), /已导入 2 条公告/);
  await p.goto(url + '/console/notices?publisher=property_company');
  const list = await textOf(p, 'table.list');
  assert.ok(list.includes('地下车库12月5日清洗') && list.includes('消防通道禁止停车'), 'both are listed');
  csp.assertNone();
  await context.close();
});

test('a kiosk syncs the notices, and the list says it reached 1 of 2 kiosks', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, wang);
  const noticeId = await compose(p, '电梯年检通知', '本周三上午电梯年检，请走楼梯。');
  const data = path.join(dir, 'kiosk');
  console.log(run(kioskBin, ['sync', '--once', '--data-dir', data, '--hub', url, '--device-id', deviceId, '--token', token]).trim());
  const kioskDb = path.join(data, 'kiosk.db');
  const row = run('sqlite3', [kioskDb, `SELECT title FROM notices WHERE id = '${noticeId}'`]).trim();
  assert.equal(row, '电梯年检通知', 'the kiosk database holds the notice as published');
  const onHub = run('sqlite3', [db, 'SELECT COUNT(*) FROM notices']).trim();
  const onKiosk = run('sqlite3', [kioskDb, 'SELECT COUNT(*) FROM notices']).trim();
  assert.equal(onKiosk, onHub, 'the kiosk holds every notice the hub has');
  await p.goto(url + '/console/notices?publisher=property_company');
  const delivered = await textOf(p, `tr:has(a[href="/console/notices/${noticeId}"]) .delivered`);
  assert.match(delivered, /已送达 1\/2 台/);
  await p.goto(url + '/console/notices');
  await shot(p, '05-notices-delivered-zh');
  await p.goto(url + '/console/kiosks');
  await shot(p, '07-kiosks-clerk-zh');
  csp.assertNone();
  await context.close();
});

test('English is one click away, and back', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, wang);
  await p.goto(url + '/console/notices');
  await p.click('a.lang');
  await p.waitForURL('**/console/notices');
  assert.match(await textOf(p, 'h1'), /Notices/);
  await shot(p, '08-notices-en');
  await p.goto(url + '/console/notices/new');
  assert.match(await textOf(p, 'h1'), /[A-Za-z]/);
  await shot(p, '09-edit-en');
  await p.click('a.lang');
  await p.waitForURL('**/console/notices/new');
  assert.match(await textOf(p, 'h1'), /公告/);
  csp.assertNone();
  await context.close();
});

test('on a 10-inch tablet held upright the compose page does not scroll sideways', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, { ...wang, size: { width: 800, height: 1280 } });
  await p.goto(url + '/console/notices/new');
  const width = await p.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 800, 'page width ' + width);
  await shot(p, '12-compose-tablet-zh');
  await p.goto(url + '/console/notices');
  await shot(p, '13-notices-tablet-zh');
  csp.assertNone();
  await context.close();
});

test('signing out ends the session and says so', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, wang);
  await p.click('button.link');  // sign out
  await p.waitForURL('**/console/signin?done=signedout');
  assert.match(await textOf(p, '.flash'), /您已退出登录/);
  await shot(p, '14-signedout-zh');
  await p.goto(url + '/console/notices');
  assert.match(p.url(), /\/console\/signin/, 'the session is gone');
  csp.assertNone();
  await context.close();
  const { context: en, page: e } = await openConsole(browser, url, { ...wang, lang: 'en' });
  await e.click('button.link');
  await e.waitForURL('**/console/signin?done=signedout');
  assert.match(await textOf(e, '.flash'), /You have signed out\./);
  await shot(e, '15-signedout-en');
  await en.close();
});

test('with JavaScript off, sign-in, the server-side preview and publishing still work', async () => {
  const { context, page: q } = await openConsole(browser, url, { ...wang, javaScriptEnabled: false });
  await q.goto(url + '/console/notices/new');
  await q.fill('input[name=title]', '无脚本发布的通知');
  await q.fill('textarea[name=body]', '正文');
  await q.click('button[name=do][value=preview]');
  assert.match(await textOf(q, '#preview .k-title'), /无脚本发布的通知/);
  assert.equal(await q.inputValue('input[name=title]'), '无脚本发布的通知', 'the form keeps what was typed');
  await q.click('button[name=do][value=save]');
  await q.waitForURL(/done=published/);
  assert.match(await textOf(q, '.flash'), /公告已发布/);
  await q.goto(url + '/console/notices?q=' + encodeURIComponent('无脚本发布的通知'));
  assert.match(await textOf(q, 'table.list'), /无脚本发布的通知/);
  await context.close();
});

test('a street office manager sees a silent kiosk, registers one (token shown once) and reads the audit', async () => {
  const { context, page: s, csp } = await openConsole(browser, url, zhao);
  await s.goto(url + '/console/kiosks');
  assert.match(await textOf(s, 'tr.silent'), /7号楼大堂/);
  await s.fill('input[name=name]', '5号楼大堂');
  await s.click('form[action="/console/kiosks/register"] button[type=submit]');
  assert.match(await textOf(s, '#token'), /^[A-Za-z0-9_-]{43}$/);
  await shot(s, '10-kiosks-register-zh');
  // A failed sign-in to find in the audit.
  const { context: other, page: o } = await openConsole(browser, url);
  await o.goto(url + '/console/signin');
  await o.fill('input[name=name]', wang.name);
  await o.fill('input[name=password]', 'not it');
  await o.click('button[type=submit].primary');
  await other.close();
  await s.goto(url + '/console/audit');
  const audit = await textOf(s, 'table.list');
  for (const action of ['signin.failed', 'kiosk.register'])
    assert.ok(audit.includes(action), 'the audit log has ' + action);
  await shot(s, '11-audit-zh');
  await s.goto(url + '/console/audit?action=kiosk.register');
  const registered = await textOf(s, 'table.list');
  assert.ok(registered.includes('5号楼大堂') && !registered.includes('signin.failed'), 'the audit log is searchable by action');
  assert.match(hub('audit', '--db', db, '--action', 'kiosk.register'), /5号楼大堂/);
  csp.assertNone();
  await context.close();
});
