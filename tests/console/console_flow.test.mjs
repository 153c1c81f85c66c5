// Browser test of the staff console with the real `community-hub serve` on 127.0.0.1 and Debian's
// chromium driven by playwright-core: a 物业 clerk signs in, publishes a notice with the compose form,
// cannot open another party's notice (403), and `community-kiosk sync --once` puts the notice in a kiosk
// database (checked in SQLite); the notice list then says it arrived on 1 of 2 kiosks. A street office
// manager registers a kiosk (token shown once) and reads the audit log. Every page is screenshotted at
// 1366×768 (Chinese, and two in English) into $CK_CONSOLE_SHOTS (default: <build>/tests/console/shots).
//
// Usage: node console_flow.test.mjs <build-dir>   (exit 0 pass, 1 fail, 77 skip: a binary is missing)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, browserPath, check, field, hub, hubBin, launchBrowser, requireBinaries, run, shots, startHub, stopHub } from './harness.mjs';

const kioskBin = process.env.CK_KIOSK_BINARY || path.join(build, 'app', 'community-kiosk');
requireBinaries([['community-hub', hubBin], ['community-kiosk', kioskBin], ['chromium', browserPath]]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-console-'));
const db = path.join(dir, 'hub.db');

let server;
let browser;
async function main() {
  // Accounts (password on stdin, never an argument), kiosks, and a 居委会 notice from the command line.
  run(hubBin, ['staff', 'add', '--db', db, '--name', 'wang.li', '--party', 'property_company', '--role', 'clerk'], 'wang-li-password\n');
  run(hubBin, ['staff', 'add', '--db', db, '--name', 'zhao.jie', '--party', 'street_office', '--role', 'manager'], 'zhao-jie-password\n');
  const lobby = hub('kiosk', 'add', '--db', db, '--name', '3号楼大堂');
  const deviceId = field(lobby, 'device_id');
  const token = field(lobby, 'token');
  hub('kiosk', 'add', '--db', db, '--name', '7号楼大堂（未联网）');
  const committeeId = hub('notice', 'publish', '--db', db, '--title', '居委会：周日社区义诊', '--body', '周日上午在活动室。',
    '--publisher', 'residents_committee', '--category', 'community').trim();
  hub('notice', 'publish', '--db', db, '--title', '街道：垃圾分类新规十二月起实施', '--body', '详见公告栏。',
    '--publisher', 'street_office', '--category', 'policy', '--priority', 'important', '--pinned');

  let url;
  ({ server, url } = await startHub(db));

  browser = await launchBrowser();
  const viewport = { width: 1366, height: 768 };
  const shot = (page, name) => page.screenshot({ path: path.join(shots, name + '.png'), fullPage: false });

  // ---- The 物业 clerk ----
  const clerk = await browser.newContext({ viewport, locale: 'zh-CN' });
  const cspErrors = [];
  const p = await clerk.newPage();
  p.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text()); });
  await p.goto(url + '/console/');
  check(p.url().includes('/console/signin'), 'an anonymous visit lands on the sign-in page');
  await shot(p, '01-signin-zh');
  await p.fill('input[name=name]', 'wang.li');
  await p.fill('input[name=password]', 'wrong password');
  await p.click('button[type=submit].primary');
  check((await p.textContent('.error')).includes('账号或密码不正确'), 'a wrong password is refused');
  await p.fill('input[name=password]', 'wang-li-password');
  await p.click('button[type=submit].primary');
  await p.waitForURL('**/console/notices');
  check((await p.textContent('.who')).includes('物业服务中心'), 'signed in as the property company');
  await shot(p, '02-notices-zh');

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
  check((await p.textContent('#preview .k-title')).includes('<script>'), 'the preview shows hostile text as text');
  await shot(p, '03-compose-zh');
  await p.click('button[name=do][value=save]');
  await p.waitForURL(/\/console\/notices\/[0-9a-f-]{36}\?done=published/);
  const noticeId = p.url().match(/notices\/([0-9a-f-]{36})/)[1];
  check((await p.textContent('.flash')).includes('公告已发布'), 'the notice is published');
  await shot(p, '04-edit-zh');

  const denied = await p.goto(url + '/console/notices/' + committeeId);
  check(denied.status() === 403, 'the 物业 clerk gets 403 for a 居委会 notice');
  check((await p.textContent('h1')).includes('无权访问'), 'the 403 page says so');
  await shot(p, '04b-forbidden-zh');

  // Import from a file (multipart upload), the `notice import` format.
  const importFile = path.join(dir, 'notices.json');
  fs.writeFileSync(importFile, JSON.stringify([
    { publisher: 'property_company', category: 'parking', title: '地下车库12月5日清洗', body: '请当天8点前移车。' },
    { publisher: 'property_company', category: 'safety', priority: 'important', title: '消防通道禁止停车', body: '违者拖移。' },
  ]));
  await p.goto(url + '/console/notices/import');
  await p.setInputFiles('input[type=file]', importFile);
  await p.click('button[type=submit].primary');
  check((await p.textContent('.flash')).includes('已导入 2 条公告'), 'two notices imported from a file');

  // ---- The kiosk syncs ----
  const data = path.join(dir, 'kiosk');
  const sync = () => run(kioskBin, ['sync', '--once', '--data-dir', data, '--hub', url, '--device-id', deviceId, '--token', token]);
  console.log(sync().trim());
  const kioskDb = path.join(data, 'kiosk.db');
  const row = run('sqlite3', [kioskDb, `SELECT title || '|' || pinned || '|' || priority FROM notices WHERE id = '${noticeId}'`]).trim();
  check(row === `${title}|1|2`, 'the kiosk database holds the notice as published: ' + row);
  const count = run('sqlite3', [kioskDb, 'SELECT COUNT(*) FROM notices']).trim();
  check(count === '5', 'the kiosk holds all five notices (2 from the CLI, 1 composed, 2 imported): ' + count);

  await p.goto(url + '/console/notices?publisher=property_company');
  const delivered = await p.textContent(`tr:has(a[href="/console/notices/${noticeId}"]) .delivered`);
  check(delivered.includes('已送达 1/2 台'), 'the list says the notice reached 1 of 2 kiosks: ' + delivered);
  check(!(await p.content()).includes('<script>alert(1)</script>'), 'the list escapes the hostile title');
  await p.goto(url + '/console/notices');
  await shot(p, '05-notices-delivered-zh');
  await p.goto(url + '/console/notices/import');
  await shot(p, '06-import-zh');
  await p.goto(url + '/console/kiosks');
  await shot(p, '07-kiosks-clerk-zh');

  // English is one click away.
  await p.goto(url + '/console/notices');
  await p.click('a.lang');
  await p.waitForURL('**/console/notices');
  check((await p.textContent('h1')).includes('Notices'), 'the English switch works');
  await shot(p, '08-notices-en');
  await p.goto(url + '/console/notices/' + noticeId);
  await shot(p, '09-edit-en');
  await p.click('a.lang');  // back to Chinese
  // A 10-inch tablet held upright (800×1280 CSS px): the compose page stacks the preview under the form.
  await p.setViewportSize({ width: 800, height: 1280 });
  await p.goto(url + '/console/notices/new');
  const boxes = await p.evaluate(() => [document.querySelector('form[data-preview]').getBoundingClientRect().width,
    document.documentElement.scrollWidth]);
  check(boxes[1] <= 800, 'no sideways scrolling on a tablet: page width ' + boxes[1]);
  await shot(p, '12-compose-tablet-zh');
  await p.goto(url + '/console/notices');
  await shot(p, '13-notices-tablet-zh');
  await p.setViewportSize(viewport);
  await p.click('button.link');  // sign out
  await p.waitForURL('**/console/signin?done=signedout');
  check((await p.textContent('.flash, p')).length > 0, 'signed out');
  check(cspErrors.length === 0, 'no Content-Security-Policy violations: ' + cspErrors.join(' | '));

  // ---- With JavaScript off, sign-in, the server-side preview and publishing still work ----
  const nojs = await browser.newContext({ viewport, locale: 'zh-CN', javaScriptEnabled: false });
  const q = await nojs.newPage();
  await q.goto(url + '/console/signin');
  await q.fill('input[name=name]', 'wang.li');
  await q.fill('input[name=password]', 'wang-li-password');
  await q.click('button[type=submit].primary');
  await q.waitForURL('**/console/notices');
  await q.goto(url + '/console/notices/new');
  await q.fill('input[name=title]', '无脚本发布的通知');
  await q.fill('textarea[name=body]', '正文');
  await q.click('button[name=do][value=preview]');
  check((await q.textContent('#preview .k-title')).includes('无脚本发布的通知'), 'the Preview button renders the preview on the server');
  check((await q.inputValue('input[name=title]')) === '无脚本发布的通知', 'the form keeps what was typed');
  await q.click('button[name=do][value=save]');
  await q.waitForURL(/done=published/);
  check(true, 'published with JavaScript off');
  await nojs.close();

  // ---- The street office manager ----
  const street = await browser.newContext({ viewport, locale: 'zh-CN' });
  const s = await street.newPage();
  await s.goto(url + '/console/signin');
  await s.fill('input[name=name]', 'zhao.jie');
  await s.fill('input[name=password]', 'zhao-jie-password');
  await s.click('button[type=submit].primary');
  await s.waitForURL('**/console/notices');
  await s.goto(url + '/console/kiosks');
  check((await s.textContent('tr.silent')).includes('7号楼大堂'), 'a kiosk that never called is listed as silent');
  await s.fill('input[name=name]', '5号楼大堂');
  await s.click('form[action="/console/kiosks/register"] button[type=submit]');
  const newToken = (await s.textContent('#token')).trim();
  check(/^[A-Za-z0-9_-]{43}$/.test(newToken), 'a registered kiosk shows its token once');
  await shot(s, '10-kiosks-register-zh');
  await s.goto(url + '/console/audit');
  const audit = await s.textContent('table.list');
  check(audit.includes('signin.failed') && audit.includes('notice.publish') && audit.includes('denied') &&
    audit.includes('kiosk.register'), 'the audit log has the failed sign-in, the publish, the 403 and the kiosk');
  await shot(s, '11-audit-zh');
  await s.goto(url + '/console/audit?action=denied');
  check((await s.textContent('table.list')).includes('wang.li'), 'the audit log is searchable by action');

  const cli = hub('audit', '--db', db, '--action', 'notice.publish');
  check(cli.includes(noticeId), '`community-hub audit` prints the publish too');
  console.log('PASS');
}

let code = 0;
try {
  await main();
} catch (e) {
  console.error(e.stack || String(e));
  code = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
  await stopHub(server);
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
