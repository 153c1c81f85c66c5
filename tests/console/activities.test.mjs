// Browser tests of the console's activity pages (issue 17) with the real `community-hub serve` on 127.0.0.1
// and Debian's chromium, one scenario per test over one hub: a 居委会 clerk creates a weekly activity (3
// places) beside the live preview; five sign-ups arrive through the real POST /api/v1/signups with a
// registered kiosk's token; the sign-up list and the CSV in the console show exactly them (3 confirmed, 2
// wait-listed in order of arrival, phones masked until an audited reveal); a 物业 clerk cannot open, edit or
// cancel it, even by POSTing straight at the routes (403); a cancellation with a reason reaches the public
// activity page. Screenshots of the list, the edit page with its preview and the sign-up list, in Chinese
// and English, into $CK_CONSOLE_SHOTS (default: <build>/tests/console/shots).
//
// Usage: node activities.test.mjs <build-dir>   (exit 0 pass, 1 fail, 77 skip: a binary is missing)
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { browserPath, field, hub, hubBin, launchBrowser, newHubDb, openConsole, requireBinaries, run, shot, shots, startHub, stopHub, textOf } from './harness.mjs';

requireBinaries([['community-hub', hubBin], ['chromium', browserPath]]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-activities-'));
const db = newHubDb(path.join(dir, 'hub.db'));
const li = { name: 'li.mei', password: 'li-mei-password' };        // 居委会 clerk
const wang = { name: 'wang.li', password: 'wang-li-password' };    // 物业 clerk
const zhao = { name: 'zhao.jie', password: 'zhao-jie-password' };  // 街道 manager

let server, url, browser, token, kioskNumber, activityId, signupsHref;
const signups = [];  // in order of arrival at the hub: { code, name, phone, state, position }

before(async () => {
  const add = (who, party, role) => run(hubBin, ['staff', 'add', '--db', db, '--name', who.name, '--party', party, '--role', role], who.password + '\n');
  add(li, 'residents_committee', 'clerk');
  add(wang, 'property_company', 'clerk');
  add(zhao, 'street_office', 'manager');
  const lobby = hub('kiosk', 'add', '--db', db, '--name', '3号楼大堂');
  token = field(lobby, 'token');
  kioskNumber = Number(field(lobby, 'kiosk_number'));
  ({ server, url } = await startHub(db));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  await stopHub(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

// ---- A sign-up code as a kiosk makes one (sync/protocol/ticket_code.h): the kiosk's number in the first
// two symbols, 50 random bits, a Damm check symbol over GF(32).
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const times2 = (v) => { v <<= 1; return (v & 0x20) ? (v ^ 0x25) : v; };
function signupCode(kiosk) {
  const values = [Math.floor(kiosk / 32), kiosk % 32];
  for (let i = 2; i < 12; ++i) values.push(crypto.randomInt(32));
  let interim = 0;
  for (const v of values) interim = times2(interim) ^ v;
  values.push(times2(interim));
  const s = values.map((v) => ALPHABET[v]).join('');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

// Beijing wall-clock date `days` from today, as YYYY-MM-DD.
const beijingDay = (days) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

// The activity as kiosks get it (the CLI prints the feed body).
function stored(id) {
  return JSON.parse(hub('event', 'list', '--db', db, '--json')).find((a) => a.id === id);
}

// Latin words in the page's main text other than codes and the few names Chinese staff use as they are.
async function englishLeaks(p) {
  // Sign-up codes ("3K7M-XQ9R-4TWBR") are Latin by design.
  const text = (await p.locator('main').innerText()).replace(/[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{5}/g, '');
  return (text.match(/[A-Za-z]{3,}/g) || []).filter((w) => !['CSV', 'ics', 'RRULE', 'RFC', 'UID'].includes(w));
}

test('a 居委会 clerk creates a weekly activity beside the live preview', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, li);
  await p.click('header nav a[href="/console/activities"]');
  await p.waitForURL('**/console/activities');
  assert.equal(await textOf(p, 'header nav a.active'), '活动');
  await p.click('text=新建活动');
  await p.waitForURL('**/console/activities/new');
  const day = beijingDay(1);
  await p.fill('input[name=title]', '太极拳晨练');
  await p.fill('input[name=place]', '社区广场');
  await p.fill('input[name=start]', `${day}T07:00`);
  await p.fill('input[name=end]', `${day}T08:00`);
  await p.selectOption('select[name=repeat]', 'weekly');
  await p.check('input[name="day.TU"]');
  await p.check('input[name="day.TH"]');
  await p.selectOption('select[name=ends]', 'count');
  await p.fill('input[name=count]', '10');
  await p.fill('input[name=capacity]', '3');
  await p.fill('input[name=eligibility]', '60岁以上');
  await p.fill('textarea[name=description]', '自带水杯，穿运动鞋。\n雨天改在活动室。');
  // The preview follows the form (console.js posts it to the hub, which renders and escapes it).
  await p.locator('#preview .k-fact', { hasText: '每周二、四，共 10 次' }).waitFor({ timeout: 10000 });
  assert.equal(await textOf(p, '#preview .k-title'), '太极拳晨练');
  assert.match(await p.locator('#preview').innerText(), /每场 3 人/);
  assert.deepEqual(await englishLeaks(p), [], 'no English in the Chinese page');
  await shot(p, 'act-01-new-with-preview-zh');
  await p.click('button[name=do][value=save]');
  await p.waitForURL(/\/console\/activities\/[0-9a-f-]{36}\?done=activity_created/);
  activityId = p.url().match(/activities\/([0-9a-f-]{36})/)[1];
  assert.match(await textOf(p, '.flash'), /活动已发布/);
  const a = stored(activityId);
  assert.equal(a.rrule, 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10');
  assert.equal(a.capacity, 3);
  assert.deepEqual(a.organisers, ['residents_committee']);
  await p.screenshot({ path: path.join(shots, 'act-02-edit-with-preview-zh-full.png'), fullPage: true });
  await shot(p, 'act-02-edit-with-preview-zh');
  csp.assertNone();
  await context.close();
});

test('five sign-ups through /api/v1/signups: 3 confirmed, 2 wait-listed in order of arrival', async () => {
  assert.ok(activityId, 'the activity exists');
  const occurrence = stored(activityId).occurrences[0].original_start;
  const people = [['王阿姨', '13812340001'], ['李大爷', '13812340002'], ['张奶奶', '13812340003'],
    ['赵叔叔', '13812340004'], ['刘阿姨', '13812340005']];
  for (const [name, phone] of people) {
    const uuid = crypto.randomUUID();
    const body = { signup_uuid: uuid, code: signupCode(kioskNumber), activity_id: activityId, occurrence, name, phone,
      people: 1, device_id: 'ignored: the token names the kiosk', submitted_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
    const r = await fetch(url + '/api/v1/signups', {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token, 'Idempotency-Key': uuid },
    });
    const answer = await r.json();
    assert.equal(r.status, 201, JSON.stringify(answer));
    signups.push({ code: body.code, name, phone, state: answer.state, position: answer.waitlist_position });
  }
  assert.deepEqual(signups.map((s) => s.state), ['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
  assert.deepEqual(signups.slice(3).map((s) => s.position), [1, 2]);
});

test('the sign-up list and the CSV in the console show exactly those sign-ups, phones masked until revealed', async () => {
  assert.equal(signups.length, 5, 'the sign-ups were made');
  const { context, page: p, csp } = await openConsole(browser, url, li);
  await p.goto(url + '/console/activities');
  const row = p.locator('table.activities tr', { hasText: '太极拳晨练' });
  assert.match(await row.innerText(), /已报 3 \/ 3 人 · 候补 2 人/);
  assert.deepEqual(await englishLeaks(p), []);
  await shot(p, 'act-03-list-zh');
  await row.locator('a', { hasText: '已报 3 / 3 人' }).click();
  await p.waitForURL(/\/signups\?at=\d+/);
  signupsHref = p.url().slice(url.length);
  const codesIn = (sel) => p.locator(`${sel} tbody tr td.code`).allInnerTexts();
  assert.deepEqual(await codesIn('table.confirmed'), signups.slice(0, 3).map((s) => s.code));
  assert.deepEqual(await codesIn('table.waiting'), signups.slice(3).map((s) => s.code), 'the wait-list in order of arrival');
  const phones = await p.locator('td.phone').allInnerTexts();
  assert.deepEqual(phones, signups.map((s) => s.phone.slice(0, 3) + '****' + s.phone.slice(-4)));
  assert.match(await textOf(p, '#summary'), /已确认 3 人 \/ 名额 3 人 · 候补 2 人/);
  assert.deepEqual(await englishLeaks(p), []);
  await shot(p, 'act-04-signups-zh');
  await p.screenshot({ path: path.join(shots, 'act-04-signups-zh-full.png'), fullPage: true });

  // The CSV, as the clerk downloads it: a BOM, Chinese headers, the same rows, phones masked.
  const csvHref = await p.locator('a.button', { hasText: '导出 CSV' }).getAttribute('href');
  const csv = await p.request.get(url + csvHref);
  assert.equal(csv.status(), 200);
  const bytes = await csv.body();
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM');
  const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  assert.equal(lines[0], '状态,候补序号,报名码,姓名,人数,电话,报名时间,签到,备注');
  const rows = lines.slice(1).map((l) => l.split(','));
  assert.deepEqual(rows.map((r) => [r[0], r[1], r[2], r[3], r[5]]), signups.map((s, i) => [
    i < 3 ? '已确认' : '候补', i < 3 ? '' : String(s.position), s.code, s.name, s.phone.slice(0, 3) + '****' + s.phone.slice(-4)]));

  // Revealing the phones is a POST, and audited.
  await p.click('button:has-text("显示完整电话")');
  await p.locator('td.phone', { hasText: signups[0].phone }).waitFor();
  assert.deepEqual(await p.locator('td.phone').allInnerTexts(), signups.map((s) => s.phone));
  assert.match(hub('audit', '--db', db, '--action', 'activity.signups_phones'), new RegExp(activityId));
  csp.assertNone();
  await context.close();
});

test('a 物业 clerk cannot open, edit or cancel the 居委会 activity, even by POSTing straight at it', async () => {
  assert.ok(activityId);
  const { context, page: p, csp } = await openConsole(browser, url, wang);
  await p.goto(url + '/console/activities');
  assert.equal(await p.locator('table.activities tr', { hasText: '太极拳晨练' }).count(), 0, 'not in 物业\'s list');
  const opened = await p.goto(url + '/console/activities/' + activityId);
  assert.equal(opened.status(), 403);
  const list = await p.goto(url + signupsHref);
  assert.equal(list.status(), 403, 'nor its sign-ups');
  // Straight at the routes, with a valid CSRF token of 物业's own session.
  await p.goto(url + '/console/activities');
  const csrf = await p.locator('input[name=csrf]').first().getAttribute('value');
  const post = (route, fields) => p.request.post(url + route, { multipart: { csrf, ...fields } });
  const edit = await post('/console/activities/' + activityId, {
    title: '物业改的标题', place: '社区广场', 'org.residents_committee': '1', start: `${beijingDay(1)}T07:00`,
    end: `${beijingDay(1)}T08:00`, repeat: 'none', capacity: '3', revision: '1', do: 'save' });
  assert.equal(edit.status(), 403);
  const cancel = await post('/console/activities/' + activityId + '/cancel', { reason: '物业取消' });
  assert.equal(cancel.status(), 403);
  const a = stored(activityId);
  assert.equal(a.title, '太极拳晨练');
  assert.equal(a.cancelled, false);
  assert.match(hub('audit', '--db', db, '--action', 'denied'), new RegExp(activityId));
  csp.assertNone();
  await context.close();
});

test('in English: the list, the edit page with its preview and the sign-up list', async () => {
  assert.ok(signupsHref);
  const { context, page: p, csp } = await openConsole(browser, url, { ...li, lang: 'en' });
  await p.goto(url + '/console/activities');
  assert.match(await p.locator('table.activities').innerText(), /3 of 3 places taken · 2 waiting/);
  await shot(p, 'act-05-list-en');
  await p.goto(url + '/console/activities/' + activityId);
  assert.match(await p.locator('#preview').innerText(), /Every Tue, Thu, 10 times/);
  await shot(p, 'act-06-edit-with-preview-en');
  await p.goto(url + signupsHref);
  assert.match(await textOf(p, '#summary'), /3 confirmed of 3 places · 2 waiting/);
  await shot(p, 'act-07-signups-en');
  csp.assertNone();
  await context.close();
});

test('a cancellation with a reason reaches the public activity page', async () => {
  assert.ok(activityId);
  const { context, page: p, csp } = await openConsole(browser, url, li);
  await p.goto(url + '/console/activities/' + activityId);
  await p.fill('form.cancel-activity input[name=reason]', '广场铺设地砖，本月暂停');
  p.once('dialog', (d) => d.accept());  // 取消活动 asks first
  await p.click('form.cancel-activity button[type=submit]');
  await p.waitForURL(/\?done=activity_cancelled/);
  assert.match(await textOf(p, '.flash'), /活动已取消/);
  const a = stored(activityId);
  assert.equal(a.cancelled, true);
  assert.equal(a.cancel_reason, '广场铺设地砖，本月暂停');
  const resident = await browser.newPage();
  const page = await resident.goto(url + '/activities/' + activityId);
  assert.equal(page.status(), 200);
  assert.match(await resident.locator('body').innerText(), /广场铺设地砖，本月暂停/);
  await resident.close();
  assert.match(hub('audit', '--db', db, '--action', 'activity.cancel'), new RegExp(activityId));
  csp.assertNone();
  await context.close();
});
