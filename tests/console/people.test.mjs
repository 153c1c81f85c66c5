// Browser tests of the people half of issue 13, with the real `community-hub serve` and Debian's chromium,
// one scenario per test: sign-in answers identically for an unknown name, a wrong password and a locked
// account; reply templates belong to a party (居委会 cannot rewrite the street office's: 403); a 常用回复
// chip inserts at the cursor (and without JavaScript keeps what was typed); reloading the import result or
// a kiosk registration repeats nothing; a manager's one-time password must be changed at first sign-in;
// a refused form keeps what was typed; 撤回 asks first. Screenshots of the changed pages in Chinese and
// English into $CK_CONSOLE_SHOTS (default: <build>/tests/console/shots).
//
// Usage: node people.test.mjs <build-dir>   (exit 0 pass, 1 fail, 77 skip: a binary is missing)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { browserPath, hub, hubBin, launchBrowser, newHubDb, openConsole, requireBinaries, run, shot, startHub, stopHub, textOf } from './harness.mjs';

requireBinaries([['community-hub', hubBin], ['chromium', browserPath]]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-people-'));
const db = newHubDb(path.join(dir, 'hub.db'));
const wang = { name: 'wang.li', password: 'wang-li-password' };        // 物业 clerk
const qian = { name: 'qian.wu', password: 'qian-wu-password' };        // 物业 manager
const li = { name: 'li.mei', password: 'li-mei-password' };            // 居委会 clerk
const zhao = { name: 'zhao.jie', password: 'zhao-jie-password' };      // 街道 manager

let server, url, browser, ticketId;

before(async () => {
  const add = (who, party, role, display) => run(hubBin, ['staff', 'add', '--db', db, '--name', who.name, '--party', party,
    '--role', role, '--display-name', display], who.password + '\n');
  add(wang, 'property_company', 'clerk', '王师傅');
  add(qian, 'property_company', 'manager', '钱经理');
  add(li, 'residents_committee', 'clerk', '李主任');
  add(zhao, 'street_office', 'manager', '赵科长');
  const token = hub('kiosk', 'add', '--db', db, '--name', '3号楼大堂').split('\n').find((l) => l.startsWith('token: ')).slice(7);
  // Templates made on the command line are the street office's: shared with every party, read-only.
  hub('template', 'add', '--db', db, '--title', '已派维修', '--body', '您好，已派维修人员上门处理。');
  ({ server, url } = await startHub(db));
  const body = new URLSearchParams({ api_key: token, service_code: 'repairs', description: '3号楼电梯停了', address_string: '3号楼' });
  const r = await fetch(url + '/requests.json', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  assert.equal(r.status, 201, await r.clone().text());
  ticketId = (await r.json())[0].service_request_id;
  hub('request', 'dispatch', '--db', db, '--id', ticketId, '--agency', 'property_company', '--responsible', '物业服务中心 王师傅');
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  await stopHub(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

// Submits the sign-in form; resolves to { status, error } of the answer.
async function trySignIn(p, name, password) {
  await p.goto(url + '/console/signin');
  await p.fill('input[name=name]', name);
  await p.fill('input[name=password]', password);
  const [response] = await Promise.all([
    p.waitForResponse((r) => r.url().endsWith('/console/signin') && r.request().method() === 'POST'),
    p.click('button[type=submit].primary'),
  ]);
  const error = await p.locator('p.error').count() ? (await p.locator('p.error').textContent()).trim() : '';
  return { status: response.status(), error };
}

test('sign-in answers the same for an unknown name, a wrong password and a locked account', async () => {
  // One desk for all the tries, spread under the per-address limit (10 a minute) by fresh desks.
  const answers = [];
  for (let i = 0; i < 12; i++) {
    const { context, page: p } = await openConsole(browser, url);
    answers.push(await trySignIn(p, i % 2 ? 'no.such.person' : wang.name, 'wrong-password-' + i));
    await context.close();
  }
  // wang.li is now locked for addresses it never signed in from; its right password answers the same.
  const { context, page: p, csp } = await openConsole(browser, url);
  answers.push(await trySignIn(p, wang.name, wang.password));
  await shot(p, '40-signin-refused-zh');
  for (const a of answers) assert.deepEqual(a, answers[0], 'every refusal reads the same: ' + JSON.stringify(answers));
  assert.equal(answers[0].status, 401);
  assert.match(answers[0].error, /账号或密码不正确/);
  csp.assertNone();
  await context.close();
  hub('staff', 'unlock', '--db', db, '--name', wang.name);  // for the scenarios below
});

test('居委会 cannot rewrite or delete the street office\'s template (403, audited)', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, li);
  await p.goto(url + '/console/templates');
  const item = p.locator('details.template', { hasText: '已派维修' });
  assert.equal(await item.count(), 1, 'the street office\'s template is shared');
  assert.equal(await item.locator('form').count(), 0, 'but offers no edit or delete form');
  await shot(p, '41-templates-readonly-zh');
  // A forged edit (the page's own CSRF value, the template's id): refused.
  const id = await item.getAttribute('data-template-id');
  const csrf = await p.getAttribute('form.template-new input[name=csrf]', 'value');
  const r = await p.request.post(url + '/console/templates/' + id, {
    multipart: { csrf, title: '已派维修', body: '请自行联系物业，居委会不管。' }, maxRedirects: 0,
  });
  assert.equal(r.status(), 403);
  const d = await p.request.post(url + '/console/templates/' + id + '/delete', { multipart: { csrf }, maxRedirects: 0 });
  assert.equal(d.status(), 403);
  assert.match(hub('template', 'list', '--db', db), /已派维修人员上门/, 'the text is unchanged');
  assert.match(hub('audit', '--db', db, '--action', 'denied'), /reply template of street_office/);
  csp.assertNone();
  await context.close();
});

test('a 常用回复 chip inserts at the cursor and keeps what was typed', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, wang);
  await p.goto(url + '/console/orders/' + ticketId);
  const box = p.locator('form[action$="/reply"] textarea');
  await box.fill('您好，电梯已报修。');
  await box.evaluate((el) => el.setSelectionRange(3, 3));  // the cursor after "您好，"
  await p.click('button.chip:has-text("已派维修")');
  assert.equal(p.url(), url + '/console/orders/' + ticketId, 'no page load: inserted in place');
  assert.equal(await box.inputValue(), '您好，您好，已派维修人员上门处理。电梯已报修。');
  await box.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));  // at the end: a line of its own
  await p.click('button.chip:has-text("已派维修")');
  assert.equal(await box.inputValue(), '您好，您好，已派维修人员上门处理。电梯已报修。\n您好，已派维修人员上门处理。');
  await shot(p, '42-chip-inserted-zh');
  csp.assertNone();
  await context.close();
});

test('without JavaScript a chip re-renders the reply with the template appended to what was typed', async () => {
  const { context, page: p } = await openConsole(browser, url, { ...wang, javaScriptEnabled: false });
  await p.goto(url + '/console/orders/' + ticketId);
  await p.fill('form[action$="/reply"] textarea', '我已经写了一半');
  await p.click('button.chip:has-text("已派维修")');
  await p.waitForURL(/reply-template/);
  assert.equal(await p.inputValue('form[action$="/reply"] textarea'), '我已经写了一半\n您好，已派维修人员上门处理。');
  await context.close();
});

test('reloading the import result does not import again', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, wang);
  await p.goto(url + '/console/notices/import');
  await p.fill('textarea[name=text]', JSON.stringify([{ publisher: 'property_company', category: 'safety', title: '只导入一次', body: 'x' }]));
  await p.click('button[type=submit].primary');
  await p.waitForURL(/import\/done/);
  assert.match(await textOf(p, '.flash'), /已导入 1 条公告/);
  await p.reload();
  await p.reload();
  const count = hub('notice', 'list', '--db', db).split('\n').filter((l) => l.includes('只导入一次')).length;
  assert.equal(count, 1, 'one notice after two reloads');
  csp.assertNone();
  await context.close();
});

test('reloading after registering a kiosk registers no second one, and the token is shown once', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, zhao);
  await p.goto(url + '/console/kiosks');
  await p.fill('form[action="/console/kiosks/register"] input[name=name]', '9号楼大堂');
  await p.click('form[action="/console/kiosks/register"] button[type=submit]');
  await p.waitForURL(/done=registered/);
  assert.match(await textOf(p, '#token'), /^[A-Za-z0-9_-]{43}$/);
  await shot(p, '43-kiosk-token-once-zh');
  await p.reload();
  assert.equal(await p.locator('#token').count(), 0, 'the token is gone after a reload');
  const kiosks = hub('kiosk', 'list', '--db', db).split('\n').filter((l) => l.includes('9号楼大堂'));
  assert.equal(kiosks.length, 1, 'one kiosk after the reload');
  csp.assertNone();
  await context.close();
});

test('a manager adds staff with a one-time password, changed at the first sign-in', async () => {
  const { context, page: m, csp } = await openConsole(browser, url, qian);
  await m.goto(url + '/console/staff');
  // Refused: the typed fields come back, the reason by the field.
  await m.fill('form.staff-new input[name=name]', 'has space');
  await m.fill('form.staff-new input[name=display_name]', '张经理');
  await m.click('form.staff-new button[type=submit]');
  assert.equal(await m.inputValue('form.staff-new input[name=name]'), 'has space');
  assert.equal(await m.inputValue('form.staff-new input[name=display_name]'), '张经理');
  assert.match(await textOf(m, 'form.staff-new .field-error'), /登录名/);
  await shot(m, '44-staff-refused-zh');
  await m.fill('form.staff-new input[name=name]', 'zhang.jl');
  await m.click('form.staff-new button[type=submit]');
  await m.waitForURL(/done=staff_added/);
  const oneTime = await textOf(m, '.one-time code.secret');
  assert.match(oneTime, /^[A-Za-z0-9]{12}$/);
  await shot(m, '45-staff-one-time-zh');
  await m.reload();
  assert.equal(await m.locator('.one-time').count(), 0, 'shown once');
  assert.deepEqual(await m.locator('select[name=party] option').evaluateAll((os) => os.map((o) => o.value)), ['property_company'],
    '物业\'s manager adds only 物业 staff');

  const { context: c2, page: z } = await openConsole(browser, url);
  await z.goto(url + '/console/signin');
  await z.fill('input[name=name]', 'zhang.jl');
  await z.fill('input[name=password]', oneTime);
  await z.click('button[type=submit].primary');
  await z.waitForURL('**/console/account');
  await z.goto(url + '/console/orders');
  assert.ok(z.url().endsWith('/console/account'), 'every page leads to the password change first');
  assert.match(await textOf(z, 'p.error'), /一次性密码/);
  await shot(z, '46-account-must-change-zh');
  await z.fill('input[name=current]', oneTime);
  await z.fill('input[name=new]', 'zhang-own-password');
  await z.fill('input[name=repeat]', 'zhang-own-password');
  await z.click('form[action="/console/account/password"] button');
  await z.waitForURL(/done=password_changed/);
  await z.goto(url + '/console/orders');
  assert.ok(z.url().endsWith('/console/orders'));
  await c2.close();
  assert.match(hub('audit', '--db', db, '--action', 'staff.password'), /zhang\.jl/);
  csp.assertNone();
  await context.close();
});

test('the account page keeps a refused display name and shows what residents see', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, wang);
  await p.goto(url + '/console/account');
  await p.fill('input[name=display_name]', '这是一个超过二十个字的很长很长很长的显示名字啊');
  await p.evaluate(() => document.querySelector('input[name=display_name]').removeAttribute('maxlength'));
  await p.fill('input[name=display_name]', '这是一个超过二十个字的很长很长很长的显示名字啊');
  await p.click('form[action="/console/account"] button');
  assert.equal(await p.inputValue('input[name=display_name]'), '这是一个超过二十个字的很长很长很长的显示名字啊');
  assert.match(await textOf(p, '.field-error'), /显示名/);
  await p.fill('input[name=display_name]', '王师傅');
  await p.click('form[action="/console/account"] button');
  await p.waitForURL(/done=display_name_saved/);
  assert.match(await textOf(p, 'dl.facts'), /物业服务中心 王师傅/);
  await shot(p, '47-account-zh');
  csp.assertNone();
  await context.close();
});

test('撤回 asks first; dismissing it withdraws nothing', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, wang);
  await p.goto(url + '/console/notices/new');
  await p.fill('input[name=title]', '要撤回的公告');
  await p.click('button[name=do][value=save]');
  await p.waitForURL(/done=published/);
  const here = p.url();
  let asked = 0;
  p.once('dialog', (d) => { asked++; d.dismiss(); });
  await p.click('form[action$="/withdraw"] button');
  await p.waitForTimeout(300);
  assert.equal(asked, 1, 'a confirmation was asked');
  assert.equal(p.url(), here, 'dismissed: still on the notice');
  p.once('dialog', (d) => { asked++; d.accept(); });
  await p.click('form[action$="/withdraw"] button');
  await p.waitForURL(/done=withdrawn/);
  assert.equal(asked, 2);
  csp.assertNone();
  await context.close();
});

test('a compose page with unsaved text asks before leaving', async () => {
  const { context, page: p } = await openConsole(browser, url, wang);
  await p.goto(url + '/console/notices/new');
  await p.locator('input[name=title]').pressSequentially('写了一半');
  let asked = '';
  p.once('dialog', (d) => { asked = d.type(); d.dismiss(); });
  await p.click('nav a[href="/console/orders"]');
  await p.waitForTimeout(500);
  assert.equal(asked, 'beforeunload');
  assert.ok(p.url().endsWith('/console/notices/new'), 'stayed on the compose page');
  await context.close();
});

test('the changed pages in English', async () => {
  const { context, page: p, csp } = await openConsole(browser, url, { ...zhao, lang: 'en' });
  await p.goto(url + '/console/staff');
  assert.match(await textOf(p, 'h1'), /Staff accounts/);
  await shot(p, '48-staff-en');
  await p.goto(url + '/console/account');
  assert.match(await textOf(p, 'h1'), /My account/);
  await shot(p, '49-account-en');
  await p.goto(url + '/console/templates');
  await shot(p, '50-templates-en');
  const { context: c2, page: s } = await openConsole(browser, url, { lang: 'en' });
  await s.goto(url + '/console/signin');
  await s.fill('input[name=name]', 'nobody');
  await s.fill('input[name=password]', 'wrong-password');
  await s.click('button[type=submit].primary');
  assert.match(await textOf(s, 'p.error'), /Cannot sign in/);
  await shot(s, '51-signin-refused-en');
  await c2.close();
  csp.assertNone();
  await context.close();
});
