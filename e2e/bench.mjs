// App performance benchmark on a city-scale store, in the real window
// (tauri-driver + WebKitWebDriver under Xvfb, started by scripts/bench-app).
// Usage: node e2e/bench.mjs APP_BINARY STORE_FILE PASSPHRASE
//
// Measures, each as the median of several runs:
// - start: from launching the app to the unlock form being visible;
// - unlock: from pressing "Ontgrendelen" to the first screen (Rondes) rendered;
// - walk list: from choosing a 600-address campaign to its list shown (the list is
//   virtualised: the counts say 600 addresses and the doors in view are rendered);
// - search: IPC round trip of the `search` command (the call the Zoeken screen makes),
//   and search typed into the screen until the hits are rendered (150 ms debounce included);
// - dashboard: IPC round trip of `area_dashboard` for the busiest wijk, and until rendered
//   (wijk after wijk; and, without a target, wijk and whole city alternating);
// - RSS of the app process and of the app plus its WebKit helper processes.
// Prints a table with each target and measured / target.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Session } from './webdriver.mjs';

const [appArg, dbArg, PASS] = process.argv.slice(2);
const app = resolve(appArg);
const db = resolve(dbArg);
const port = Number(process.env.E2E_PORT ?? 4454);
const base = `http://127.0.0.1:${port}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// tauri-driver's WebKitWebDriver listens on --native-port (default 4445): keep it apart from ours.
const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1), '--native-driver', '/usr/bin/WebKitWebDriver'], {
  env: { ...process.env, WWK_DB: db },
  stdio: ['ignore', 'ignore', 'inherit'],
});

function children() {
  const kids = new Map();
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(p));
    } catch {}
  }
  return kids;
}
function descendants(pid, kids = children()) {
  return (kids.get(pid) ?? []).flatMap((c) => [c, ...descendants(c, kids)]);
}
const cmdline = (pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/**
 * In-page timing: runs `action` then waits (per animation frame) until `done` returns true.
 * Both are pasted into the script body: the app's CSP forbids eval/new Function.
 */
const timed = async (s, action, done) => {
  const ms = await s.scriptAsync(`
    const cb = arguments[arguments.length - 1];
    const done = () => { ${done} };
    const t0 = performance.now();
    Promise.resolve((() => { ${action} })()).then(() => {
      const tick = () => {
        if (done()) cb(performance.now() - t0);
        else if (performance.now() - t0 > 30000) cb(-1);
        else requestAnimationFrame(tick);
      };
      tick();
    });`);
  if (ms < 0) throw new Error(`timed out: ${done}`);
  return ms;
};
const ipc = (s, cmd, args) =>
  s.scriptAsync(
    `const cb = arguments[2]; const t0 = performance.now();
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(() => cb(performance.now() - t0), (e) => cb(-1));`,
    cmd,
    args,
  );

const results = [];
const record = (name, values, target, unit = 'ms') =>
  results.push({ name, value: median(values), target, unit, runs: values.length, values });

let s;
try {
  await sleep(800);
  // Start and unlock, several fresh app processes.
  const starts = [];
  const unlocks = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    s = await Session.create(base, { 'tauri:options': { application: app } });
    await s.find('form[aria-label="Ontgrendelen"] #pass', { timeout: 30000 });
    starts.push(performance.now() - t0);
    await (await s.find('#pass')).type(PASS);
    unlocks.push(
      await timed(
        s,
        `document.querySelector('form[aria-label="Ontgrendelen"] button[type=submit]').click()`,
        `const h = document.querySelector('main h1'); return !!h && h.textContent.includes('Rondes') && document.querySelectorAll('article').length > 0;`,
      ),
    );
    if (i < RUNS - 1) {
      await s.close();
      await sleep(500);
    }
  }
  record('start → unlock screen', starts, 1500);
  record('unlock → first screen (Rondes)', unlocks, 1000);

  // Walk list of a 600-address campaign (every demo campaign has 600).
  const walks = [];
  for (let i = 0; i < RUNS; i++) {
    await s.script(`[...document.querySelectorAll('nav button')].find(b => b.textContent.includes('Rondes')).click()`);
    await s.find('article');
    walks.push(
      await timed(
        s,
        `[...document.querySelectorAll('article')][${i} % document.querySelectorAll('article').length].querySelector('button:last-of-type').click()`,
        `const n = document.querySelector('[aria-label=Tellingen] span')?.textContent ?? '';
         const door = document.querySelector('[role=listbox] .door');
         return n.replace(/\D/g, '') === '600' && !!door && door.getAttribute('aria-setsize') === '600';`,
      ),
    );
  }
  record('walk list of 600 addresses rendered', walks, 200);

  // Search: IPC round trip and typed into the screen.
  const words = ['buurthuis', 'speeltuin', 'groen', 'veilig', 'buren', 'parkeren', 'bus', 'markt', 'school', 'eenzaam'];
  const rt = [];
  for (const w of words) rt.push(await ipc(s, 'search', { query: w, limit: 50 }));
  record('search round trip (IPC)', rt, 100);
  await s.script(`[...document.querySelectorAll('nav button')].find(b => b.textContent.includes('Zoeken')).click()`);
  await s.find('#q');
  const typed = [];
  for (const w of words.slice(0, RUNS)) {
    typed.push(
      await timed(
        s,
        `const q = document.getElementById('q'); q.value = ${JSON.stringify(w)}; q.dispatchEvent(new Event('input', { bubbles: true }));`,
        `return (document.querySelector('[aria-live=polite]')?.textContent ?? '').includes(${JSON.stringify(w)}) && document.querySelectorAll('.hits li').length > 0;`,
      ),
    );
  }
  record('search typed → hits rendered (incl. 150 ms debounce)', typed, 250);

  // Dashboard of the busiest wijk: IPC, then rendered, switching between the two busiest
  // wijken; then wijk and whole city alternating (no target: the city is not a wijk).
  const [busiest, second] = await s.scriptAsync(
    `const cb = arguments[0];
     window.__TAURI_INTERNALS__.invoke('map_cells', { from: null, to: null })
       .then((m) => cb(m.filter((a) => typeof a.approached === 'number').sort((a, b) => b.approached - a.approached).slice(0, 2).map((a) => a.code)));`,
  );
  const dash = [];
  for (let i = 0; i < RUNS; i++) dash.push(await ipc(s, 'area_dashboard', { code: busiest, from: null, to: null }));
  record(`dashboard of the busiest wijk ${busiest} (IPC)`, dash, 300);
  await s.script(`[...document.querySelectorAll('nav button')].find(b => b.textContent.includes('Wijkdashboard')).click()`);
  await s.find('#d-area');
  // The screen opens on the whole city: let that load finish before measuring.
  await s.until('dashboard loaded', async () => (await s.text('#h-dash')).includes(':'), 30000);
  const showArea = (code) =>
    timed(
      s,
      // Done when the heading names the chosen area (not merely another one: a
      // response still under way would otherwise end the measurement early).
      `const el = document.getElementById('d-area'); el.value = ${JSON.stringify(code)};
       window.__benchWant = 'Wijkdashboard: ' + el.selectedOptions[0].textContent.replace(/^Heel /, '').replace(/ \\(heel stadsdeel\\)$/, '');
       el.dispatchEvent(new Event('change', { bubbles: true }));`,
      `const h = document.getElementById('h-dash'); return !!h && h.textContent === window.__benchWant && document.querySelectorAll('main table tbody tr').length > 0;`,
    );
  const wijkUi = [];
  for (let i = 0; i < RUNS; i++) wijkUi.push(await showArea(i % 2 ? second : busiest));
  record(`dashboard rendered (${busiest} and ${second} alternating)`, wijkUi, 300);
  const cityUi = [];
  for (let i = 0; i < RUNS; i++) cityUi.push(await showArea(i % 2 ? busiest : 'GM0268'));
  record('dashboard rendered (wijk and whole city alternating)', cityUi, null);

  // Memory after all of the above.
  const kids = children();
  const pids = descendants(driver.pid, kids).filter((p) => {
    try {
      return cmdline(p) === app;
    } catch {
      return false;
    }
  });
  const appPid = pids[0];
  const helpers = descendants(appPid, kids);
  const own = rssKb(appPid) / 1024;
  const all = own + helpers.reduce((a, p) => a + rssKb(p), 0) / 1024;
  results.push({ name: 'RSS of the app process', value: own, target: 250, unit: 'MB', runs: 1 });
  results.push({ name: 'RSS of the app + WebKit processes', value: all, target: null, unit: 'MB', runs: 1 });

  console.log('\n| measure | median | target | median / target | runs | each run |\n|---|---:|---:|---:|---:|---|');
  for (const r of results) {
    const v = r.unit === 'MB' ? `${r.value.toFixed(0)} MB` : `${r.value.toFixed(0)} ms`;
    const t = r.target === null ? '–' : `< ${r.target} ${r.unit}`;
    const ratio = r.target === null ? '–' : (r.value / r.target).toFixed(2);
    const each = r.values ? r.values.map((x) => x.toFixed(0)).join(', ') : '';
    console.log(`| ${r.name} | ${v} | ${t} | ${ratio} | ${r.runs} | ${each} |`);
  }
} finally {
  if (s) await s.close();
  driver.kill('SIGTERM');
}
