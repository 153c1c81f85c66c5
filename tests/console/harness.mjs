// What both console browser tests share: where the binaries and chromium are, running the hub's command
// line, starting and stopping `community-hub serve` on 127.0.0.1, launching chromium, and checks.
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

// The value of a "name: value" line of a command's output.
export function field(out, name) {
  const line = out.split('\n').find((l) => l.startsWith(name + ': '));
  return line ? line.slice(name.length + 2).trim() : '';
}

export function check(cond, message) {
  if (!cond) throw new Error('assertion failed: ' + message);
  console.log('ok - ' + message);
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
