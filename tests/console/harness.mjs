// What every console browser test shares: where the binaries and chromium are, running the hub's command
// line, starting and stopping `community-hub serve` on 127.0.0.1, launching chromium, signing in,
// screenshots, and the Content-Security-Policy watcher. Tests are node:test scenarios (node's own runner),
// each its own test, so one failure does not hide the rest; checks are node:assert.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const build = path.resolve(process.argv[2] || 'build');
export const hubBin = path.join(build, 'sync', 'hub', 'community-hub');
export const browserPath = process.env.CK_CHROMIUM || '/usr/bin/chromium';
export const shots = path.resolve(process.env.CK_CONSOLE_SHOTS || path.join(build, 'tests', 'console', 'shots'));

// Exit 77 (CTest: skipped) when a binary the test needs is missing.
export function requireBinaries(list) {
  for (const [what, p] of list) {
    if (!fs.existsSync(p)) {
      console.log(`SKIP: ${what} not found at ${p}`);
      process.exit(77);
    }
  }
  fs.mkdirSync(shots, { recursive: true });
}

export function run(bin, args, input) {
  const r = spawnSync(bin, args, { input: input ?? '', encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} → ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
export const hub = (...args) => run(hubBin, args);
// A fresh hub database at `file`, made the only way one is made (`community-hub init`); returns `file`.
export function newHubDb(file) {
  hub('init', '--db', file);
  return file;
}

// The value of a "name: value" line of a command's output.
export function field(out, name) {
  const line = out.split('\n').find((l) => l.startsWith(name + ': '));
  return line ? line.slice(name.length + 2).trim() : '';
}

export const viewport = { width: 1366, height: 768 };

// A screenshot of what the page shows now, as <shots>/<name>.png.
export function shot(page, name) {
  return page.screenshot({ path: path.join(shots, name + '.png'), fullPage: false });
}

// Collects Content-Security-Policy violations a page reports on its console; assertNone() fails on any.
export function watchCsp(page) {
  const errors = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  return {
    errors,
    assertNone() {
      if (errors.length) throw new Error('Content-Security-Policy violations: ' + errors.join(' | '));
    },
  };
}

// Each context is a desk of its own: the hub listens on loopback, which it trusts as its front (as nginx
// is in production), so X-Real-IP names the desk, and the sign-in limit per address applies per desk.
let desks = 0;
const nextDesk = () => `198.51.100.${++desks}`;

// A new browser context (its own cookies and desk address) with one page, watched for CSP violations;
// signed in as `name` when a password is given. `lang`: 'zh-CN' (default) or 'en' (the language cookie).
export async function openConsole(browser, url, { name, password, lang = 'zh-CN', javaScriptEnabled = true, size = viewport } = {}) {
  const context = await browser.newContext({ viewport: size, locale: lang, javaScriptEnabled, extraHTTPHeaders: { 'X-Real-IP': nextDesk() } });
  if (lang === 'en') await context.addCookies([{ name: 'ck_lang', value: 'en', url }]);
  const page = await context.newPage();
  const csp = watchCsp(page);
  if (name) {
    await page.goto(url + '/console/signin');
    await page.fill('input[name=name]', name);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit].primary');
    await page.waitForURL('**/console/notices');
  }
  return { context, page, csp };
}

// The trimmed text of the one element `selector` matches; fails when none appears (within the usual
// timeout) or more than one does. After a click that navigates, wait for the new URL first: the old page
// may hold the same selector.
export async function textOf(page, selector) {
  await page.locator(selector).first().waitFor({ timeout: 10000 }).catch(() => {});
  const n = await page.locator(selector).count();
  if (n !== 1) throw new Error(`expected exactly one ${selector}, found ${n}`);
  return (await page.locator(selector).textContent()).trim();
}

// Starts `community-hub serve` on a free loopback port; resolves to { server, url } once it listens.
export function startHub(db, extra = []) {
  const server = spawn(hubBin, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('hub did not start: ' + out)), 20000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve({ server, url: m[1] }); }
    });
    server.on('exit', (code) => reject(new Error('hub exited ' + code + ': ' + out)));
  });
}

// SIGTERM, then SIGKILL after 5 s; resolves once the hub has exited.
export async function stopHub(server) {
  if (!server || server.exitCode !== null) return;
  await new Promise((r) => {
    const t = setTimeout(() => { server.kill('SIGKILL'); r(); }, 5000);
    server.removeAllListeners('exit');
    server.on('exit', () => { clearTimeout(t); r(); });
    server.kill('SIGTERM');
  });
}

// Debian's chromium, headless, with nothing reaching out to the (closed) network.
export function launchBrowser() {
  return chromium.launch({
    executablePath: browserPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
