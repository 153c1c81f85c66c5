// Browser test of the console's work orders (the 12345 flow) with the real `community-hub serve` on
// 127.0.0.1 and Debian's chromium via playwright-core, in the same harness as console_flow.test.mjs:
//   a report filed by a plain Open311 POST is accepted and dispatched by the street office to 物业; the 物业
//   clerk sees the phone masked until "show" (audited), answers with a 常用回复 and resolves it; the resident
//   rates it 1, so it is re-opened and flagged; the 物业 clerk gets 403 (audited) for a 居委会 ticket; a clerk
//   files a report by phone (代录入) and gets a receipt with a QR code; with the hub restarted 4 days ahead
//   (--clock-offset-seconds) the ticket is overdue, the street office marks it 督办, it tops 物业's queue
//   and the resident's page says so; the 三率 page and its CSV equal the hand count below.
// Screenshots at 1366×768 (Chinese, one English) into $CK_CONSOLE_SHOTS (default <build>/tests/console/shots).
//
// Usage: node work_orders.test.mjs <build-dir>   (exit 0 pass, 1 fail, 77 skip: a binary is missing)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { browserPath, check, field, hub, hubBin, launchBrowser, requireBinaries, run, shots, startHub as startServe, stopHub as stopServe } from './harness.mjs';

requireBinaries([['community-hub', hubBin], ['chromium', browserPath]]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-orders-'));
const db = path.join(dir, 'hub.db');

let server;
async function startHub(extra = []) {
  let url;
  ({ server, url } = await startServe(db, extra));
  return url;
}
const stopHub = () => stopServe(server);

// A plain Open311 client: form-encoded, the kiosk token as api_key, no extensions.
async function open311Post(url, token, fields) {
  const body = new URLSearchParams({ api_key: token, ...fields }).toString();
  const r = await fetch(url + '/requests.json', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  const text = await r.text();
  if (r.status !== 201) throw new Error('Open311 POST → ' + r.status + ' ' + text);
  return JSON.parse(text)[0];
}

let browser;
async function main() {
  run(hubBin, ['staff', 'add', '--db', db, '--name', 'wang.li', '--party', 'property_company', '--role', 'clerk'], 'wang-li-password\n');
  run(hubBin, ['staff', 'add', '--db', db, '--name', 'zhao.jie', '--party', 'street_office', '--role', 'manager'], 'zhao-jie-password\n');
  const lobby = hub('kiosk', 'add', '--db', db, '--name', '3号楼大堂');
  const token = field(lobby, 'token');
  hub('template', 'add', '--db', db, '--title', '已安排清运', '--service', 'sanitation',
    '--body', '您好，已安排保洁今日清运，并加强巡查。物业服务中心');
  hub('template', 'add', '--db', db, '--title', '已收到', '--body', '您好，您反映的问题已收到，我们会尽快处理。');

  let url = await startHub();
  const a = await open311Post(url, token, {
    service_code: 'sanitation', description: '2号楼门口垃圾三天没人清运 <b>臭</b>', address_string: '2号楼1单元门口', phone: '13812345678',
  });
  const b = await open311Post(url, token, { service_code: 'noise', description: '楼上夜间噪音', address_string: '5号楼' });
  await open311Post(url, token, { service_code: 'greenery', description: '小区东门树枝挡路', address_string: '东门' });
  hub('request', 'dispatch', '--db', db, '--id', b.service_request_id, '--agency', 'residents_committee', '--responsible', '居委会 李主任');

  browser = await launchBrowser();
  const viewport = { width: 1366, height: 768 };
  const shot = (page, name) => page.screenshot({ path: path.join(shots, name + '.png'), fullPage: false });
  const cspErrors = [];
  async function signIn(name, password) {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
    const p = await ctx.newPage();
    p.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text()); });
    await p.goto(url + '/console/signin');
    await p.fill('input[name=name]', name);
    await p.fill('input[name=password]', password);
    await p.click('button[type=submit].primary');
    await p.waitForURL('**/console/notices');
    return p;
  }
  const ticketUrl = (id) => url + '/console/orders/' + id;

  // ---- 街道 accepts and dispatches to 物业 ----
  let s = await signIn('zhao.jie', 'zhao-jie-password');
  await s.goto(url + '/console/orders');
  check((await s.textContent('table.orders')).includes(a.ticket_code), 'the street office queue holds the Open311 report');
  await shot(s, '20-orders-street-zh');
  await s.goto(ticketUrl(a.service_request_id));
  check((await s.textContent('.resident-text')).includes('<b>臭</b>'), 'what the resident wrote is shown, as text');
  check((await s.textContent('dl.facts')).includes('Open311'), 'the channel is Open311');
  check(!(await s.content()).includes('13812345678'), 'the phone number is not on the page in full');
  await s.click('form[action$="/accept"] button');
  await s.waitForURL(/done=accept/);
  await s.fill('form[action$="/dispatch"] input[name=responsible]', '物业服务中心 张经理');
  await s.selectOption('form[action$="/dispatch"] select[name=agency]', 'property_company');
  await shot(s, '21-ticket-dispatch-zh');
  await s.click('form[action$="/dispatch"] button[type=submit]');
  await s.waitForURL(/done=dispatch/);
  check((await s.textContent('dl.facts')).includes('物业服务中心 张经理'), 'dispatched to 物业 and a named person');

  // ---- 物业 shows the phone, answers with a template, resolves ----
  let w = await signIn('wang.li', 'wang-li-password');
  await w.goto(url + '/console/orders');
  check((await w.textContent('table.orders')).includes(a.ticket_code), '物业 sees the dispatched ticket in its queue');
  check(!(await w.textContent('table.orders')).includes(b.ticket_code), '物业 does not see the 居委会 ticket');
  await shot(w, '22-orders-property-zh');
  await w.goto(ticketUrl(a.service_request_id));
  check((await w.textContent('.phone')).trim() === '138****5678', 'the owning party sees the phone masked');
  await w.click('form[action$="/phone"] button');
  check((await w.textContent('.phone')).trim() === '13812345678', '"show" reveals it');
  await w.goto(ticketUrl(a.service_request_id));
  await w.click('a.chip:has-text("已安排清运")');
  check((await w.inputValue('form[action$="/reply"] textarea')).includes('已安排保洁今日清运'), 'one click on a template fills the reply');
  await w.fill('form[action$="/reply"] textarea', '您好，已安排保洁今日下午清运2号楼门口垃圾，并加强巡查。物业服务中心');
  await shot(w, '23-ticket-reply-zh');
  await w.click('form[action$="/reply"] button[type=submit]');
  await w.waitForURL(/done=reply/);
  await w.click('form[action$="/resolve"] button');
  await w.waitForURL(/done=resolve/);
  check((await w.textContent('h1')).includes('已办结'), '物业 resolved it');

  // ---- The resident rates it 1: re-opened and flagged ----
  const rating = { rating_uuid: randomUUID(), service_request_id: a.service_request_id, ticket_code: a.ticket_code, score: 1, quick_comment: 'unresolved', comment: '还是没清' };
  const rr = await fetch(url + '/api/v1/ratings', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token }, body: JSON.stringify(rating) });
  check(rr.status === 200, 'the rating is accepted: ' + rr.status);
  await w.goto(url + '/console/orders?reopened=1');
  check((await w.textContent('table.orders')).includes(a.ticket_code) && (await w.textContent('table.orders')).includes('已重开'),
    'the low rating re-opened and flagged it in 物业\'s queue');

  // ---- Party isolation ----
  const denied = await w.goto(ticketUrl(b.service_request_id));
  check(denied.status() === 403, 'the 物业 clerk gets 403 for a 居委会 ticket');
  await shot(w, '24-forbidden-zh');
  const audit = hub('audit', '--db', db, '--action', 'denied');
  check(audit.includes(b.ticket_code), 'the 403 is audited');
  check(hub('audit', '--db', db, '--action', 'ticket.phone_reveal').includes(a.ticket_code), 'the phone reveal is audited');

  // ---- 代录入 by phone, with a receipt ----
  await w.goto(url + '/console/orders/new');
  await w.selectOption('select[name=channel]', 'phone');
  await w.selectOption('select[name=service_code]', 'repairs');
  await w.fill('input[name=address_string]', '7号楼电梯');
  await w.fill('textarea[name=description]', '7号楼电梯停在3楼不动，老人无法下楼（来电）');
  await w.fill('input[name=phone]', '13900001111');
  await shot(w, '25-file-zh');
  await w.click('form.file-form button[type=submit]');
  await w.waitForURL(/\/receipt\?done=filed/);
  const code = (await w.textContent('.receipt-code')).trim();
  check(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{5}$/.test(code), 'the receipt shows a real ticket code: ' + code);
  check(await w.isVisible('.receipt-qr svg path'), 'the receipt has a QR code (SVG)');
  await shot(w, '26-receipt-zh');
  const filedId = w.url().match(/orders\/([0-9a-f-]{36})\/receipt/)[1];

  // ---- Four days later: overdue, 督办 ----
  await stopHub();
  url = await startHub(['--clock-offset-seconds', String(4 * 86400)]);
  s = await signIn('zhao.jie', 'zhao-jie-password');  // the old session expired with the clock
  await s.goto(url + '/console/supervision');
  check((await s.textContent('main')).includes(a.ticket_code), 'the ticket is listed as overdue');
  check((await s.textContent(`tr:has(a:text("${a.ticket_code}")) .badge.overdue`)).includes('超期'), 'and how late');
  await s.fill(`tr:has(a:text("${a.ticket_code}")) input[name=note]`, '已超期，请今日内处理并答复居民');
  await s.click(`tr:has(a:text("${a.ticket_code}")) form.supervise button`);
  await s.waitForURL(/done=supervise/);
  await s.goto(url + '/console/supervision');
  await shot(s, '27-supervision-zh');

  w = await signIn('wang.li', 'wang-li-password');
  await w.goto(url + '/console/orders');
  const first = await w.textContent('table.orders tbody tr:first-child');
  check(first.includes(a.ticket_code) && first.includes('督办'), '督办 puts the ticket on top of 物业\'s queue');
  check((await w.textContent('table.orders')).includes('超期'), 'overdue is marked in the queue');
  await shot(w, '28-orders-supervised-zh');
  const pub = await (await fetch(url + '/t/' + a.ticket_code)).text();
  check(pub.includes('街道办事处正在督办此事'), 'the resident\'s ticket page says the street office supervises it');

  // ---- 三率, hand count for this month (everything was filed today, the clock is 4 days ahead; response
  // window 24 h, sanitation/noise/repairs due 72 h after filing or dispatch):
  //   街道   1 ticket (the greenery one, untouched):          response 0/1, on time 0/1, satisfaction 0/0
  //   物业   2 tickets (a: accepted at once, resolved, then re-opened by the 1; the 代录入 one, taken by
  //          物业's own desk at once, not resolved):              response 2/2, on time 0/2, satisfied 0/1
  //   居委会 1 ticket (b: dispatched at once, not resolved):    response 1/1, on time 0/1, satisfied 0/0
  await s.goto(url + '/console/rates');
  const rows = await s.$$eval('table.rates tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.replace(/\s+/g, ' ').trim())));
  const month = rows.length ? rows[0][1] : '';
  const expected = [
    ['街道办事处', month, '1', '0.0% 0/1', '0.0% 0/1', '— 0/0'],
    ['物业服务中心', month, '2', '100.0% 2/2', '0.0% 0/2', '0.0% 0/1'],
    ['居委会', month, '1', '100.0% 1/1', '0.0% 0/1', '— 0/0'],
  ];
  check(JSON.stringify(rows) === JSON.stringify(expected), '三率 table equals the hand count: ' + JSON.stringify(rows));
  check((await s.$$('svg.rate-chart circle')).length === 7, 'the chart draws a point per rate and party with something due (3 + 3 + 1 rated)');
  await shot(s, '29-rates-zh');
  const csv = await (await s.request.get(url + '/console/rates.csv')).text();
  check(csv.includes(`property_company,${month},2,2,2,1.0000,0,2,0.0000,0,1,0.0000`), 'the CSV has the same numbers');
  await s.goto(ticketUrl(filedId));
  check((await s.textContent('dl.facts')).includes('电话'), 'the 代录入 ticket keeps its channel (phone)');

  // ---- Templates page, and English ----
  await s.goto(url + '/console/templates');
  await shot(s, '30-templates-zh');
  await s.goto(url + '/console/orders');
  await s.click('a.lang');
  await s.waitForURL('**/console/orders');
  check((await s.textContent('h1')).includes('Work orders'), 'English is one click away');
  await shot(s, '31-orders-en');
  await s.goto(ticketUrl(a.service_request_id));
  await shot(s, '32-ticket-en');
  await s.goto(url + '/console/rates');
  await shot(s, '33-rates-en');
  check(cspErrors.length === 0, 'no Content-Security-Policy violations: ' + cspErrors.join(' | '));
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
  await stopHub();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
