// Browser tests of the console's work orders (the 12345 flow) with the real `community-hub serve` on
// 127.0.0.1 and Debian's chromium via playwright-core, each scenario its own node:test test:
//   the street office accepts a plain Open311 report and dispatches it to 物业; the 物业 clerk sees the
//   phone masked until "show" (audited), answers with a 常用回复 and resolves it, and a resident's rating of
//   1 re-opens and flags it; the 物业 clerk gets 403 (audited) for a 居委会 ticket; a clerk files a report
//   by phone (代录入) and gets a receipt with a QR code; and on a hub of its own, restarted 4 days ahead
//   (--clock-offset-seconds), a ticket is overdue, the street office marks it 督办, it tops 物业's queue, the
//   resident's page says so, and the 三率 page and its CSV equal a hand count.
// Screenshots at 1366×768 (Chinese, and English) into $CK_CONSOLE_SHOTS (default <build>/tests/console/shots).
//
// Usage: node work_orders.test.mjs <build-dir>   (exit 0 pass, 1 fail, 77 skip: a binary is missing)
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { browserPath, field, hub, hubBin, launchBrowser, newHubDb, openConsole, requireBinaries, run, shot, startHub, stopHub, textOf } from './harness.mjs';

requireBinaries([['community-hub', hubBin], ['chromium', browserPath]]);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-orders-'));
const wang = { name: 'wang.li', password: 'wang-li-password' };
const zhao = { name: 'zhao.jie', password: 'zhao-jie-password' };

// A hub of its own: a database with two staff, a kiosk, two reply templates, and `serve` on it.
async function newHub(name) {
  const db = newHubDb(path.join(root, name + '.db'));
  run(hubBin, ['staff', 'add', '--db', db, '--name', wang.name, '--party', 'property_company', '--role', 'clerk'], wang.password + '\n');
  run(hubBin, ['staff', 'add', '--db', db, '--name', zhao.name, '--party', 'street_office', '--role', 'manager'], zhao.password + '\n');
  const token = field(hub('kiosk', 'add', '--db', db, '--name', '3号楼大堂'), 'token');
  hub('template', 'add', '--db', db, '--title', '已安排清运', '--service', 'sanitation',
    '--body', '您好，已安排保洁今日清运，并加强巡查。物业服务中心');
  hub('template', 'add', '--db', db, '--title', '已收到', '--body', '您好，您反映的问题已收到，我们会尽快处理。');
  const h = { db, token, ...(await startHub(db)) };
  hubs.push(h);
  return h;
}
const hubs = [];

// A plain Open311 client: form-encoded, the kiosk token as api_key, no extensions.
async function open311Post(h, fields) {
  const body = new URLSearchParams({ api_key: h.token, ...fields }).toString();
  const r = await fetch(h.url + '/requests.json', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  const text = await r.text();
  assert.equal(r.status, 201, 'Open311 POST: ' + text);
  return JSON.parse(text)[0];
}
async function rate(h, ticket, score) {
  const rating = { rating_uuid: randomUUID(), service_request_id: ticket.service_request_id, ticket_code: ticket.ticket_code, score, quick_comment: 'unresolved', comment: '还是没清' };
  const r = await fetch(h.url + '/api/v1/ratings', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + h.token }, body: JSON.stringify(rating) });
  assert.equal(r.status, 200, 'the rating is accepted');
}
const garbage = { service_code: 'sanitation', description: '2号楼门口垃圾三天没人清运 <b>臭</b>', address_string: '2号楼1单元门口', phone: '13812345678' };

let browser, shared;
before(async () => {
  browser = await launchBrowser();
  shared = await newHub('shared');
});
after(async () => {
  if (browser) await browser.close().catch(() => {});
  for (const h of hubs) await stopHub(h.server);
  fs.rmSync(root, { recursive: true, force: true });
});

test('the street office accepts an Open311 report and dispatches it to 物业, naming a person', async () => {
  const h = shared;
  const a = await open311Post(h, garbage);
  const { context, page: s, csp } = await openConsole(browser, h.url, zhao);
  await s.goto(h.url + '/console/orders');
  assert.ok((await textOf(s, 'table.orders')).includes(a.ticket_code), 'the street office queue holds the report');
  await shot(s, '20-orders-street-zh');
  await s.goto(h.url + '/console/orders/' + a.service_request_id);
  assert.match(await textOf(s, '.resident-text'), /<b>臭<\/b>/, 'what the resident wrote is shown, as text');
  assert.match(await textOf(s, 'dl.facts'), /Open311/);
  assert.ok(!(await s.content()).includes('13812345678'), 'the phone number is not on the page in full');
  await s.click('form[action$="/accept"] button');
  await s.waitForURL(/done=accept/);
  // A second desk of the street office has the same ticket open and is about to send it to 居委会.
  const { context: other, page: late } = await openConsole(browser, h.url, zhao);
  await late.goto(h.url + '/console/orders/' + a.service_request_id);
  await late.fill('form[action$="/dispatch"] input[name=responsible]', '居委会 李主任');
  await late.selectOption('form[action$="/dispatch"] select[name=agency]', 'residents_committee');
  await s.fill('form[action$="/dispatch"] input[name=responsible]', '物业服务中心 张经理');
  await s.selectOption('form[action$="/dispatch"] select[name=agency]', 'property_company');
  await shot(s, '21-ticket-dispatch-zh');
  await s.click('form[action$="/dispatch"] button[type=submit]');
  await s.waitForURL(/done=dispatch/);
  assert.match(await textOf(s, 'dl.facts'), /物业服务中心 张经理/);
  // The later dispatch is refused, saying why and what to do; the ticket stays with 物业.
  await late.click('form[action$="/dispatch"] button[type=submit]');
  assert.match(await textOf(late, 'p.error[role=alert]'), /已经派出.*改派/);
  assert.match(await textOf(late, 'dl.facts'), /物业服务中心 张经理/);
  assert.equal(await late.locator('form[action$="/dispatch"]').count(), 0, 'no 派单 form once it is dispatched');
  await shot(late, '21b-ticket-dispatched-already-zh');
  await other.close();
  csp.assertNone();
  await context.close();
});

test('物业 sees the phone masked until "show" (audited), replies with a template, resolves; a 1 re-opens it', async () => {
  const h = shared;
  const a = await open311Post(h, garbage);
  const other = await open311Post(h, { service_code: 'noise', description: '楼上夜间噪音', address_string: '5号楼' });
  hub('request', 'dispatch', '--db', h.db, '--id', a.service_request_id, '--agency', 'property_company', '--responsible', '物业服务中心 张经理');
  hub('request', 'dispatch', '--db', h.db, '--id', other.service_request_id, '--agency', 'residents_committee', '--responsible', '居委会 李主任');
  const { context, page: w, csp } = await openConsole(browser, h.url, wang);
  await w.goto(h.url + '/console/orders');
  const queue = await textOf(w, 'table.orders');
  assert.ok(queue.includes(a.ticket_code), '物业 sees the dispatched ticket in its queue');
  assert.ok(!queue.includes(other.ticket_code), '物业 does not see the 居委会 ticket');
  await shot(w, '22-orders-property-zh');
  await w.goto(h.url + '/console/orders/' + a.service_request_id);
  assert.equal(await textOf(w, '.phone'), '138****5678', 'the owning party sees the phone masked');
  await w.click('form[action$="/phone"] button');
  await w.waitForURL(/\/phone$/);
  assert.equal(await textOf(w, '.phone'), '13812345678', '"show" reveals it');
  assert.match(hub('audit', '--db', h.db, '--action', 'ticket.phone_reveal'), new RegExp(a.ticket_code));
  await w.goto(h.url + '/console/orders/' + a.service_request_id);
  await w.click('button.chip:has-text("已安排清运")');  // inserted at the cursor (console.js)
  assert.match(await w.inputValue('form[action$="/reply"] textarea'), /已安排保洁今日清运/, 'a template fills the reply');
  await w.fill('form[action$="/reply"] textarea', '您好，已安排保洁今日下午清运2号楼门口垃圾，并加强巡查。物业服务中心');
  await shot(w, '23-ticket-reply-zh');
  await w.click('form[action$="/reply"] button.primary');
  await w.waitForURL(/done=reply/);
  await w.click('form[action$="/resolve"] button');
  await w.waitForURL(/done=resolve/);
  assert.match(await textOf(w, 'h1'), /已办结/);
  await rate(h, a, 1);
  await w.goto(h.url + '/console/orders?reopened=1');
  const row = await textOf(w, `table.orders tr:has(a:text("${a.ticket_code}"))`);
  assert.match(row, /已重开/, 'the low rating re-opened and flagged it in 物业\'s queue');
  csp.assertNone();
  await context.close();
});

test('a 物业 clerk gets 403 for a 居委会 ticket, and it is audited', async () => {
  const h = shared;
  const b = await open311Post(h, { service_code: 'noise', description: '楼上夜间噪音', address_string: '5号楼' });
  hub('request', 'dispatch', '--db', h.db, '--id', b.service_request_id, '--agency', 'residents_committee', '--responsible', '居委会 李主任');
  const { context, page: w, csp } = await openConsole(browser, h.url, wang);
  const denied = await w.goto(h.url + '/console/orders/' + b.service_request_id);
  assert.equal(denied.status(), 403);
  await shot(w, '24-forbidden-zh');
  assert.match(hub('audit', '--db', h.db, '--action', 'denied'), new RegExp(b.ticket_code));
  csp.assertNone();
  await context.close();
});

// Files a report by phone (代录入) as the signed-in 物业 clerk; returns { id, code } from the receipt.
async function fileByPhone(w, url) {
  await w.goto(url + '/console/orders/new');
  await w.selectOption('select[name=channel]', 'phone');
  await w.selectOption('select[name=service_code]', 'repairs');
  await w.fill('input[name=address_string]', '7号楼电梯');
  await w.fill('textarea[name=description]', '7号楼电梯停在3楼不动，老人无法下楼（来电）');
  await w.fill('input[name=phone]', '13900001111');
  await shot(w, '25-file-zh');
  await w.click('form.file-form button[type=submit]');
  await w.waitForURL(/\/receipt\?done=filed/);
  return { id: w.url().match(/orders\/([0-9a-f-]{36})\/receipt/)[1], code: await textOf(w, '.receipt-code') };
}

test('代录入 by phone gives a receipt with a real ticket code and a QR code', async () => {
  const h = shared;
  const { context, page: w, csp } = await openConsole(browser, h.url, wang);
  const { id, code } = await fileByPhone(w, h.url);
  assert.match(code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{5}$/);
  assert.ok(await w.isVisible('.receipt-qr svg path'), 'the receipt has a QR code (SVG)');
  await shot(w, '26-receipt-zh');
  await w.goto(h.url + '/console/orders/' + id);
  assert.match(await textOf(w, 'dl.facts'), /电话/, 'the ticket keeps its channel (phone)');
  csp.assertNone();
  await context.close();
});

test('four days later: overdue, 督办 on top of 物业\'s queue and on the public page; 三率 equal a hand count', async () => {
  const h = await newHub('rates');
  const a = await open311Post(h, garbage);
  const b = await open311Post(h, { service_code: 'noise', description: '楼上夜间噪音', address_string: '5号楼' });
  await open311Post(h, { service_code: 'greenery', description: '小区东门树枝挡路', address_string: '东门' });
  hub('request', 'dispatch', '--db', h.db, '--id', a.service_request_id, '--agency', 'property_company', '--responsible', '物业服务中心 张经理');
  hub('request', 'dispatch', '--db', h.db, '--id', b.service_request_id, '--agency', 'residents_committee', '--responsible', '居委会 李主任');
  hub('request', 'reply', '--db', h.db, '--id', a.service_request_id, '--text', '您好，已安排保洁今日下午清运。');
  hub('request', 'status', '--db', h.db, '--id', a.service_request_id, '--status', 'resolved');
  await rate(h, a, 1);
  {
    const { context, page: w } = await openConsole(browser, h.url, wang);
    await fileByPhone(w, h.url);
    await context.close();
  }
  await stopHub(h.server);
  ({ server: h.server, url: h.url } = await startHub(h.db, ['--clock-offset-seconds', String(4 * 86400)]));

  const { context, page: s, csp } = await openConsole(browser, h.url, zhao);
  await s.goto(h.url + '/console/supervision');
  const row = `tr:has(a:text("${a.ticket_code}"))`;
  assert.match(await textOf(s, `${row} .badge.overdue`), /超期/, 'the ticket is listed as overdue, and how late');
  await s.fill(`${row} input[name=note]`, '已超期，请今日内处理并答复居民');
  await s.click(`${row} form.supervise button`);
  await s.waitForURL(/done=supervise/);
  await s.goto(h.url + '/console/supervision');
  await shot(s, '27-supervision-zh');

  const { context: wc, page: w } = await openConsole(browser, h.url, wang);
  await w.goto(h.url + '/console/orders');
  const first = await textOf(w, 'table.orders tbody tr:first-child');
  assert.ok(first.includes(a.ticket_code) && first.includes('督办'), '督办 puts the ticket on top of 物业\'s queue');
  assert.match(await textOf(w, 'table.orders'), /超期/);
  await shot(w, '28-orders-supervised-zh');
  await wc.close();
  const pub = await (await fetch(h.url + '/t/' + a.ticket_code)).text();
  assert.ok(pub.includes('街道办事处正在督办此事'), 'the resident\'s ticket page says the street office supervises it');

  // 三率, hand count for this month (everything was filed today, the clock is 4 days ahead; response
  // window 24 h, sanitation/noise/repairs due 72 h after filing or dispatch):
  //   街道   1 ticket (the greenery one, untouched):          response 0/1, on time 0/1, satisfaction 0/0
  //   物业   2 tickets (a: dispatched at once, resolved, then re-opened by the 1; the 代录入 one, taken by
  //          物业's own desk at once, not resolved):              response 2/2, on time 0/2, satisfied 0/1
  //   居委会 1 ticket (b: dispatched at once, not resolved):    response 1/1, on time 0/1, satisfied 0/0
  await s.goto(h.url + '/console/rates');
  const rows = await s.$$eval('table.rates tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.replace(/\s+/g, ' ').trim())));
  const month = rows.length ? rows[0][1] : '';
  const none = '0（批准 0 / 不批准 0）';
  assert.deepEqual(rows, [
    ['街道办事处', month, '1', '0.0% 0/1', '0.0% 0/1', '— 0/0', '0', none],
    ['物业服务中心', month, '2', '100.0% 2/2', '0.0% 0/2', '0.0% 0/1', '0', none],
    ['居委会', month, '1', '100.0% 1/1', '0.0% 0/1', '— 0/0', '0', none],
  ]);
  assert.equal((await s.$$('svg.rate-chart circle')).length, 7, 'a point per rate and party with something due (3 + 3 + 1 rated)');
  await shot(s, '29-rates-zh');
  const csv = await (await s.request.get(h.url + '/console/rates.csv')).text();
  assert.ok(csv.includes(`物业服务中心,${month},2,2,2,100.0%,0,2,0.0%,0,1,0.0%,0,0,0,0`), 'the CSV has the same numbers:\n' + csv);

  await s.goto(h.url + '/console/templates');
  await shot(s, '30-templates-zh');
  csp.assertNone();
  await context.close();
});

// A datetime-local value (Beijing time) `days` from now.
const beijingIn = (days) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 16);
const rowsOf = (page, selector) => page.$$eval(selector, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.replace(/\s+/g, ' ').trim())));

test('a day of a 物业 clerk and the street office: 退单 → 改派 to 居委会; 延期 granted, then refused; counts equal a hand count', async () => {
  const h = await newHub('day');
  const a = await open311Post(h, { service_code: 'greenery', description: '小区东门树枝挡路，老人绕行', address_string: '东门', phone: '13900002222' });
  const b = await open311Post(h, { service_code: 'repairs', description: '3号楼电梯按钮失灵', address_string: '3号楼', phone: '13900003333' });
  const c = await open311Post(h, garbage);
  for (const t of [a, b, c])
    hub('request', 'dispatch', '--db', h.db, '--id', t.service_request_id, '--agency', 'property_company', '--responsible', '物业服务中心 张经理');
  const { context: wc, page: w, csp: wcsp } = await openConsole(browser, h.url, wang);
  const { context: sc, page: s, csp: scsp } = await openConsole(browser, h.url, zhao);

  // 物业 finds the greenery ticket by words, and by the phone's last four digits.
  await w.goto(h.url + '/console/orders?q=' + encodeURIComponent('树枝挡路'));
  assert.deepEqual((await rowsOf(w, 'table.orders tbody tr')).map((r) => r[0].split(' ')[0]), [a.ticket_code]);
  await w.goto(h.url + '/console/orders?q=3333');
  assert.deepEqual((await rowsOf(w, 'table.orders tbody tr')).map((r) => r[0].split(' ')[0]), [b.ticket_code]);
  await shot(w, '34-orders-find-zh');

  // 退单 with a reason: no 派单 or 改派 form for 物业; an empty reason is refused in Chinese.
  await w.goto(h.url + '/console/orders/' + a.service_request_id);
  assert.equal(await w.locator('form[action$="/redispatch"]').count(), 0, '物业 cannot re-dispatch');
  assert.equal(await w.locator('form[action$="/dispatch"]').count(), 0, '物业 cannot dispatch');
  await w.fill('form[action$="/return"] textarea[name=reason]', '属于居委会管辖的公共绿化，不归物业');
  await shot(w, '35-ticket-return-zh');
  await w.click('form[action$="/return"] button[type=submit]');
  await w.waitForURL(/done=return/);
  assert.ok(!(await textOf(w, 'table.orders')).includes(a.ticket_code), 'it left 物业\'s queue');
  const pub = await (await fetch(h.url + '/t/' + a.ticket_code)).text();
  assert.ok(pub.includes('正在重新分派'), 'the resident reads that it is being re-assigned');

  // The street office sees it marked, with party and reason on the timeline, and re-dispatches it to 居委会.
  await s.goto(h.url + '/console/orders');
  assert.match(await textOf(s, `table.orders tr:has(a:text("${a.ticket_code}"))`), /退回待派/);
  await s.goto(h.url + '/console/orders/' + a.service_request_id);
  assert.match(await textOf(s, 'ol.timeline li.event-return'), /退单 · 物业服务中心[\s\S]*属于居委会管辖的公共绿化/);
  await s.selectOption('form[action$="/redispatch"] select[name=agency]', 'residents_committee');
  await s.fill('form[action$="/redispatch"] input[name=responsible]', '居委会 李主任');
  await s.fill('form[action$="/redispatch"] textarea[name=reason]', '公共绿化归居委会');
  await s.click('form[action$="/redispatch"] button[type=submit]');
  await s.waitForURL(/done=redispatch/);
  assert.match(await textOf(s, 'ol.timeline li.event-redispatch'), /改派 · 居委会/, 'a re-dispatch reads 改派, not 进展更新');
  await shot(s, '36-ticket-redispatched-zh');

  // 延期申请 on b → granted: the deadline moves to the date asked.
  await w.goto(h.url + '/console/orders/' + b.service_request_id);
  await w.fill('form[action$="/extension"] input[name=until]', beijingIn(5));
  await w.fill('form[action$="/extension"] textarea[name=reason]', '电梯配件需厂家寄送');
  await w.click('form[action$="/extension"] button[type=submit]');
  await w.waitForURL(/done=extension/);
  await s.goto(h.url + '/console/orders/' + b.service_request_id);
  assert.match(await textOf(s, 'dl.facts'), /延期待批/);
  await shot(s, '37-ticket-extension-decide-zh');
  await s.click('form[action$="/extension_grant"] button.primary');
  await s.waitForURL(/done=extension_grant/);
  assert.match(await textOf(s, 'dl.facts'), new RegExp(beijingIn(5).slice(0, 10)), 'the deadline is the date asked');
  // A second one → refused: the deadline stays.
  await w.goto(h.url + '/console/orders/' + b.service_request_id);
  await w.fill('form[action$="/extension"] input[name=until]', beijingIn(9));
  await w.fill('form[action$="/extension"] textarea[name=reason]', '厂家延误');
  await w.click('form[action$="/extension"] button[type=submit]');
  await w.waitForURL(/done=extension/);
  await s.goto(h.url + '/console/orders/' + b.service_request_id);
  await s.fill('form[action$="/extension_grant"] textarea[name=note]', '请先用临时配件');
  await s.click('form[action$="/extension_grant"] button[formaction$="/extension_refuse"]');
  await s.waitForURL(/done=extension_refuse/);
  assert.match(await textOf(s, 'dl.facts'), new RegExp(beijingIn(5).slice(0, 10)));
  assert.equal(await s.locator('ol.timeline li.event-extension_asked').count(), 2);
  assert.match(await textOf(s, 'ol.timeline li.event-extension_refused'), /请先用临时配件/);
  await shot(s, '38-ticket-extensions-zh');

  // A field the return form does not have (an `expected` date) is refused with 400, and nothing moves.
  await w.goto(h.url + '/console/orders/' + c.service_request_id);
  await w.evaluate(() => {
    const f = document.querySelector('form[action$="/return"]');
    const i = document.createElement('input');
    i.type = 'hidden'; i.name = 'expected'; i.value = '2030-01-01T00:00';
    f.appendChild(i);
  });
  await w.fill('form[action$="/return"] textarea[name=reason]', '不归物业');
  const [refused] = await Promise.all([w.waitForNavigation(), w.click('form[action$="/return"] button[type=submit]')]);
  assert.equal(refused.status(), 400);
  assert.match(await w.content(), /表单含有本操作不接受的内容/);
  await w.goto(h.url + '/console/orders');
  assert.ok((await textOf(w, 'table.orders')).includes(c.ticket_code), 'still 物业\'s');

  // Hand count (all filed and done today, nothing due yet): 物业 holds b and c (a went to 居委会), answered
  // at once; it returned 1 and asked 2 extensions (1 granted, 1 refused). 居委会 holds a. The street office
  // holds nothing and did nothing counted: no row.
  await s.goto(h.url + '/console/rates');
  const rows = await rowsOf(s, 'table.rates tbody tr');
  const month = rows.length ? rows[0][1] : '';
  assert.deepEqual(rows, [
    ['物业服务中心', month, '2', '100.0% 2/2', '— 0/0', '— 0/0', '1', '2（批准 1 / 不批准 1）'],
    ['居委会', month, '1', '100.0% 1/1', '— 0/0', '— 0/0', '0', '0（批准 0 / 不批准 0）'],
  ]);
  await shot(s, '39-rates-returns-zh');
  const csv = await (await s.request.get(h.url + '/console/rates.csv')).text();
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r\n/);
  assert.ok(csv.startsWith('\uFEFF'), 'a UTF-8 BOM, so a spreadsheet reads the Chinese');
  assert.match(lines[0], /^承办单位,月份,工单数,/);
  assert.deepEqual(lines.slice(1), [
    `物业服务中心,${month},2,2,2,100.0%,0,0,,0,0,,1,2,1,1`,
    `居委会,${month},1,1,1,100.0%,0,0,,0,0,,0,0,0,0`,
  ]);

  // The same pages in English: the rule words and timeline in English.
  const { context: ec, page: e } = await openConsole(browser, h.url, { ...zhao, lang: 'en' });
  await e.goto(h.url + '/console/orders/' + b.service_request_id);
  assert.match(await textOf(e, 'ol.timeline li.event-extension_granted'), /Extension granted/);
  await shot(e, '40-ticket-extensions-en');
  // Every word the system wrote on a timeline (dispatched, returned, re-dispatched, extensions asked,
  // granted, refused) is English; only the clerks' own words (.free) stay as they were typed.
  for (const id of [a.service_request_id, b.service_request_id]) {
    await e.goto(h.url + '/console/orders/' + id);
    const lines = await e.$$eval('ol.timeline li', (lis) => lis.map((li) => {
      const copy = li.cloneNode(true);
      copy.querySelectorAll('.free').forEach((f) => f.remove());
      return copy.textContent;
    }));
    assert.ok(lines.length >= 4, `a timeline with its events: ${lines.length}`);
    for (const line of lines) assert.doesNotMatch(line, /[\u2E80-\u9FFF\uFF00-\uFFEF]/, `Chinese system words: ${line}`);
    const free = await e.locator('ol.timeline li .free').allTextContents();
    assert.ok(free.some((t) => /[\u4E00-\u9FFF]/.test(t)), 'the clerks\' Chinese words are kept as typed');
  }
  await e.goto(h.url + '/console/rates');
  await shot(e, '41-rates-returns-en');
  await ec.close();
  wcsp.assertNone();
  scsp.assertNone();
  await wc.close();
  await sc.close();
});

test('the work-order pages in English', async () => {
  const h = shared;
  const a = await open311Post(h, garbage);
  const { context, page: s, csp } = await openConsole(browser, h.url, { ...zhao, lang: 'en' });
  await s.goto(h.url + '/console/orders');
  assert.match(await textOf(s, 'h1'), /Work orders/);
  await shot(s, '31-orders-en');
  await s.goto(h.url + '/console/orders/' + a.service_request_id);
  assert.match(await textOf(s, 'h1'), new RegExp(a.ticket_code));
  await shot(s, '32-ticket-en');
  await s.goto(h.url + '/console/rates');
  assert.match(await textOf(s, 'h1'), /[A-Za-z]/);
  await shot(s, '33-rates-en');
  csp.assertNone();
  await context.close();
});
