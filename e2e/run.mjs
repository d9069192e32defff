// End-to-end test of the real app window: tauri-driver + WebKitWebDriver, run
// under Xvfb and a D-Bus session by scripts/e2e. Every screen is photographed
// into e2e/screenshots/. Usage: node e2e/run.mjs PATH_TO_APP_BINARY
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Keys, Session } from './webdriver.mjs';
import { screenshotScreen } from './xwd.mjs';

const app = resolve(process.argv[2] ?? 'target/debug/wijkwaardenkaart-app');
const shots = resolve(process.env.E2E_SCREENSHOTS ?? 'e2e/screenshots');
const port = Number(process.env.E2E_PORT ?? 4444);
const base = `http://127.0.0.1:${port}`;
const PASS = 'groene fiets bij de Waal';
const dataDir = mkdtempSync(join(tmpdir(), 'wwk-e2e-'));
const db = join(dataDir, 'wijkwaardenkaart.db');
mkdirSync(shots, { recursive: true });

let passed = 0;
let failed = 0;
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok - ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(err?.stack ?? err).split('\n').join('\n  ')}`);
    throw err;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const driver = spawn('tauri-driver', ['--port', String(port), '--native-driver', '/usr/bin/WebKitWebDriver'], {
  env: { ...process.env, WWK_DB: db },
  stdio: ['ignore', 'inherit', 'inherit'],
});

/** Processes started (directly or not) by tauri-driver whose executable is the app. */
function appPids() {
  const parent = new Map();
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      parent.set(Number(p), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {}
  }
  const descends = (pid) => {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === driver.pid) return true;
    return false;
  };
  return [...parent.keys()].filter((pid) => {
    try {
      return descends(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] === app;
    } catch {
      return false;
    }
  });
}

async function start() {
  const s = await Session.create(base, { 'tauri:options': { application: app } });
  await s.find('h1');
  return s;
}

async function shot(_s, name) {
  await sleep(300);
  screenshotScreen(join(shots, `${name}.png`));
}

async function nav(s, key, heading) {
  await s.keys(Keys.Alt, key);
  await s.waitForText('main h1', heading);
}

let s;
let exitCode = 1;
try {
  await sleep(800);
  s = await start();

  await step('first start asks for a new passphrase and a profile', async () => {
    await s.waitForText('.card', 'Eerste start');
    await (await s.find('#pass')).type('kort');
    await s.waitForText('#strength', 'te kort');
    await (await s.find('#pass')).clear();
    await (await s.find('#pass')).type(PASS);
    await s.waitForText('#strength', 'sterk');
    await (await s.find('#confirm')).type(PASS);
    await (await s.find('#name')).type('Anna de Boer');
    await (await s.find('#team')).type('Team Dukenburg');
    await (await s.find('#device')).type('Laptop 3');
    await shot(s, '01-eerste-start');
    await (await s.find('form[aria-label="Opslag aanmaken"] button[type=submit]')).click();
    await s.waitForText('main h1', 'Rondes');
  });

  await step('create a campaign in Lankforst with 20 addresses', async () => {
    await (await s.find('.toolbar button')).click();
    await (await s.find('#c-name')).type('Lankforst voorjaar 2026');
    await s.select('#c-wijk', 'BU02680734');
    await s.script(`for (const [id, v] of [['c-start','2026-03-01'],['c-end','2026-04-30']]) { const el = document.getElementById(id); el.value = v; el.dispatchEvent(new Event('input', {bubbles:true})); }`);
    await (await s.find('#c-goal')).clear();
    await (await s.find('#c-goal')).type('20');
    await (await s.find('form[aria-label="Nieuwe ronde"] button[type=submit]')).click();
    await s.waitForText('main', 'Lankforst voorjaar 2026');
    // A new campaign opens with its address form ready.
    await s.waitForText('button[aria-expanded=true]', 'Adressen toevoegen');
    await (await s.find('#range')).type('Lankforst 1-20');
    await (await s.find('#pc')).type('6544 AB');
    await (await s.find('form[aria-label="Adresreeks toevoegen"] button[type=submit]')).click();
    await s.waitForText('[role=status]', '20 adressen toegevoegd');
    await s.waitForText('main', '20 adressen');
    await shot(s, '02-rondes');
  });

  await step('a complex in Lankforst gets the first ten addresses', async () => {
    await s.select('#cx-wijk', 'BU02680734');
    await s.waitForText('main', 'Nog geen complexen in deze wijk');
    await (await s.find('#cx-name')).type('Flat Lankforst');
    await (await s.find('form[aria-label="Complex maken"] button[type=submit]')).click();
    await s.waitForText('main', 'Complex "Flat Lankforst" gemaakt');
    await (await s.find('#cx-pc')).type('6544 AB');
    await (await s.find('#cx-from')).type('1');
    await (await s.find('#cx-to')).type('10');
    await (await s.find('form[aria-label="Adressen toewijzen aan complex"] button[type=submit]')).click();
    await s.waitForText('main', '"Flat Lankforst" heeft nu 10 huishoudens');
  });

  await step('record 6 door outcomes from the walk list with the keyboard', async () => {
    await (await s.find('article button:last-of-type')).click();
    await s.waitForText('main h1', 'Looplijst');
    await s.find('[role=listbox]');
    await s.script(`document.querySelector('[role=listbox]').focus()`);
    await s.until('first door active', async () => (await (await s.find('[role=listbox]')).attr('aria-activedescendant'))?.startsWith('door-'));
    for (const k of ['g', Keys.ArrowDown, 'g', Keys.ArrowDown, 'g', Keys.ArrowDown, 'g', Keys.ArrowDown, 'g', Keys.ArrowDown, 'n']) {
      await s.keys(k);
      await sleep(k.length === 1 ? 350 : 80);
    }
    await s.until('counts', async () => /6\s*benaderd\s*5\s*bereikt\s*15\s*nog te doen/.test(await s.text('.counts')));
    await shot(s, '03-looplijst');
  });

  await step('record a conversation: story, 2 values with factors, a consented quote', async () => {
    for (let i = 0; i < 6; i++) await s.keys(Keys.ArrowUp);
    await s.keys(Keys.Enter);
    await s.waitForText('main h1', 'Gesprek');
    await s.waitForText('main h1', 'Lankforst 1');
    await (await s.find('#story')).type('Het café bij het winkelcentrum is ons ontmoetingspunt, maar de speeltuin is vernield en ’s avonds voel ik me niet veilig.');
    await s.keys(Keys.Alt, 'w');
    const search = await s.find('#value-search');
    await search.type('ontmoet');
    await s.keys(Keys.Enter);
    await (await s.find('#bev-0')).type('het café bij het winkelcentrum');
    await search.type('veilig');
    await s.keys(Keys.Enter);
    await (await s.find('#bel-1')).type('slechte verlichting');
    await (await s.find('fieldset.value:nth-of-type(2) .sent label:nth-child(2) input')).click();
    await (await s.find('#theme')).type('speeltuin\uE007');
    const checks = await s.findAll('fieldset input[type=checkbox]');
    await checks[1].click(); // quoting consent
    await (await s.find('#quote')).type('Zonder het café zie je elkaar nooit.');
    await s.keys(Keys.Enter);
    await s.waitForText('.quote', 'Zonder het café');
    await shot(s, '04-gesprek');
    await s.keys(Keys.Control, 's');
    await s.waitForText('[role=status]', 'Gesprek opgeslagen');
  });

  await step('voorzieningencheck with the quick screen, a referral and a participation (Meedoen)', async () => {
    const links = await s.findAll('.alert.ok button.link');
    await links[links.length - 1].click();
    await s.waitForText('main h1', 'Voorzieningencheck');
    await s.select('#s-hh', 'paar_met_kinderen');
    await s.select('#s-age', '21_aow');
    await s.select('#s-inc', '100_120');
    await s.select('#s-rent', 'huur_tot_grens');
    await (await s.find('#s-kids')).clear();
    await (await s.find('#s-kids')).type('2\uE004');
    await s.waitForText('main', 'mogelijk recht');
    await s.waitForText('main', 'Stichting Leergeld');
    await shot(s, '05-voorzieningencheck');
    await s.script(`[...document.querySelectorAll('button')].find(b => b.textContent.includes('Check opslaan')).click()`);
    await s.waitForText('main', 'Voorzieningencheck opgeslagen');
    await s.select('#r-t', 'few');
    await (await s.find('form[aria-label="Doorverwijzing toevoegen"] button[type=submit]')).click();
    await s.waitForText('main', 'Financieel Expert in de Wijk');
    // Meedoen: the resident wants to join the buurtmoestuin.
    await s.select('#p-kind', 'activiteiten');
    await (await s.find('#p-topic')).type('buurtmoestuin');
    await (await s.find('form[aria-label="Deelname vastleggen"] button[type=submit]')).click();
    await s.waitForText('main', 'Activiteit in de wijk: buurtmoestuin');
    // Followed up on the spot: the resident now takes part.
    await s.select('ul[aria-label="Deelname van dit huishouden"] select', 'doet_mee');
    await s.waitForText('ul[aria-label="Deelname van dit huishouden"]', 'sinds');
  });

  await step('the check is reopened from search and followed over visits: ingediend, then toegekend € 85 per maand', async () => {
    await nav(s, '6', 'Zoeken');
    await (await s.find('#q')).type('café');
    await s.waitForText('main', 'Voorzieningencheck van dit adres');
    await (await s.find('.hits button.link')).click();
    await s.waitForText('main h1', 'Voorzieningencheck');
    await s.script(`[...document.querySelectorAll('button')].find(b => b.textContent.includes('Check openen')).click()`);
    await s.waitForText('main', 'Verloop van de check');
    const next = async (status) => {
      await (await s.find('button[aria-label="Volgende stap Stichting Leergeld"]')).click();
      await s.select('#st-status', status);
    };
    const saveStep = () => s.script(`[...document.querySelectorAll('button')].find(b => b.textContent.includes('Stap opslaan')).click()`);
    await next('aangevraagd');
    await s.select('#st-helper', 'formulierenbrigade');
    await saveStep();
    await s.waitForText('ul[aria-label="Geschiedenis van de check"]', 'Aanvraag ingediend');
    await next('toegekend');
    await (await s.find('#st-amount')).type('85');
    await s.select('#st-period', 'maand');
    await saveStep();
    await s.waitForText('ul[aria-label="Geschiedenis van de check"]', 'Toegekend');
    await s.waitForText('table[aria-label="Verloop per regeling"]', '1.020');
    // The rest of the work: a warm handover to the FEW.
    await s.select('#ac-kind', 'few_overdracht');
    await (await s.find('form[aria-label="Actie vastleggen"] button[type=submit]')).click();
    await s.waitForText('ul[aria-label="Verder gedaan in deze check"]', 'Warme overdracht aan de FEW');
    await shot(s, '05b-verloop-check');
  });

  await step('the dashboard shows the new counts', async () => {
    await nav(s, '8', 'Wijkdashboard');
    await s.select('#d-area', 'BU02680734');
    await s.waitForText('main h1', 'Lankforst');
    await s.until('funnel counts', async () => {
      const t = await s.text('main');
      return t.includes('Benaderd') && /Benaderd\s*6/.test(t) && /Bereikt\s*5/.test(t);
    });
    // Small counts are withheld as the PDF shows them, never as 0.
    await s.waitForText('main', '< 5');
    await shot(s, '06-wijkdashboard');
  });

  await step('a collective action is recorded from the dashboard ("Wat doen we ermee?")', async () => {
    await (await s.find('#ca-title')).type('Speeltuin samen opknappen');
    await (await s.find('#ca-res')).clear();
    await (await s.find('#ca-res')).type('9');
    await s.select('#ca-status', 'in_voorbereiding');
    await (await s.find('form[aria-label="Collectieve actie toevoegen"] button[type=submit]')).click();
    await s.waitForText('table[aria-label="Collectieve acties"]', 'Speeltuin samen opknappen');
  });

  await step('the campaign is put on the complex and counts for the programme "In de wijk"', async () => {
    await nav(s, '1', 'Rondes');
    await s.script(`[...document.querySelectorAll('article[aria-label="Lankforst voorjaar 2026"] button')].find(b => b.textContent === 'Bewerken').click()`);
    await s.waitForText('form[aria-label="Ronde bewerken"]', 'Ronde bewerken');
    await s.until('complexes in the form', async () => (await s.findAll('#c-complex option')).length > 1);
    await s.script(`const sel = document.getElementById('c-complex'); sel.value = [...sel.options].find(o => o.textContent.includes('Flat Lankforst')).value; sel.dispatchEvent(new Event('change', {bubbles:true}));`);
    await (await s.find('#c-programme')).type('In de wijk');
    await (await s.find('form[aria-label="Ronde bewerken"] button[type=submit]')).click();
    await s.until('form closed', async () => (await s.findAll('form[aria-label="Ronde bewerken"]')).length === 0);
  });

  // Issue 12, done when: the year report shows what the screens recorded, in
  // the right rows, and the PDF, the screen, the year table and the dashboard agree.
  await step('Jaarverantwoording: a target, then the year report on screen, as PDF text and as year table', async () => {
    await s.script(`[...document.querySelectorAll('nav button')].find(b => b.textContent.includes('Jaarverantwoording')).click()`);
    await s.waitForText('main h1', 'Jaarverantwoording');
    await (await s.find('#t-programme')).type('In de wijk');
    await (await s.find('form[aria-labelledby="h-target"] button[type=submit]')).click();
    const saved = await s.until('target saved or refused', async () => {
      const t = await s.text('form[aria-labelledby="h-target"]');
      return t.includes('vastgelegd:') || t.includes('kon niet') || (await s.findAll('form[aria-labelledby="h-target"] [role=alert]')).length ? t : null;
    });
    if (!saved.includes('Jaardoel In de wijk 2026 vastgelegd: 500–600 huishoudens')) throw new Error(`target: ${saved}`);
    await s.until('programme offered', async () => (await s.findAll('#y-programme option')).length > 1);
    await s.select('#y-programme', 'In de wijk');
    await (await s.find('form[aria-label="Jaar kiezen"] button[type=submit]')).click();
    await s.waitForText('table[aria-label="Bereik per wijk en complex"]', 'Lankforst');
    const reach = await s.script(`return [...document.querySelectorAll('table[aria-label="Bereik per wijk en complex"] tbody tr')].map(r => [...r.cells].slice(0, 3).map(c => c.textContent.trim()).join('|'))`);
    const rows = ['Lankforst|6|5', 'complex Flat Lankforst|6|5', 'Totaal|6|5'];
    if (JSON.stringify(reach) !== JSON.stringify(rows)) throw new Error(`screen rows: ${JSON.stringify(reach)}`);
    await s.waitForText('table[aria-label="Voortgang tegen de doelen"]', 'onder het doel');
    await shot(s, '06b-jaarverantwoording');
    // The PDF, from the same screen.
    const pdf = join(dataDir, 'jaarverantwoording.pdf');
    await (await s.find('#y-pdf')).type(pdf);
    await s.script(`[...document.querySelectorAll('main button')].find(b => b.textContent === 'PDF maken').click()`);
    await s.waitForText('main [role=status]', 'is opgeslagen', 60000);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/<\s+(\d)/g, '<$1');
    const want = [
      ['title', /Jaarverantwoording\s+In de wijk 2026/],
      ['target', /In de wijk\s+500–600\s+6\s+onder het/],
      ['reach, wijk row', /Lankforst\s+6\s+5\s+–\s+50–60 %/],
      ['reach, complex row', /complex Flat Lankforst\s+6\s+5\b/],
      // One household with a check, an application and € 85 per maand
      // (€ 1.020 per jaar) granted, one in Meedoen and one collective action:
      // the counts of households stay below k and the amount is withheld;
      // the collective action is listed.
      ['checks, wijk row', /\n\s*Lankforst\s+<5\s+<5\s+<5\s+x\s+x\s+<5\s+1\b/],
      ['collective action on the wijk page', /Speeltuin samen opknappen \(In voorbereiding\)/],
    ];
    for (const [what, re] of want) if (!re.test(text)) throw new Error(`PDF text lacks ${what}: ${re}\n${text.slice(0, 6000)}`);
    if (/1\.020/.test(text)) throw new Error('a single household\'s granted amount is in the PDF');
    if (/Lankforst \d+\b/.test(text)) throw new Error('an address of the test data is in the PDF');
    // The year table (CSV) from the same screen has the same row.
    const csv = join(dataDir, 'jaartabel.csv');
    await (await s.find('#y-xlsx')).type(csv);
    await s.script(`[...document.querySelectorAll('main button')].find(b => b.textContent === 'Jaartabel maken').click()`);
    await s.waitForText('main', 'Jaartabel opgeslagen', 60000);
    const line = readFileSync(csv, 'utf8').split('\r\n').find((l) => l.startsWith('wijk;BU02680734;Lankforst;'));
    const cells = line?.split(';') ?? [];
    if (cells[4] !== '6' || cells[5] !== '5') throw new Error(`year table row: ${line}`);
    // And the dashboard of Lankforst says the same.
    await nav(s, '8', 'Wijkdashboard');
    await s.select('#d-area', 'BU02680734');
    await s.until('dashboard agrees', async () => {
      const t = await s.text('main');
      return /Benaderd\s*6/.test(t) && /Bereikt\s*5/.test(t);
    });
  });

  await step('the map renders 44 wijken and withholds a share on a base below 20', async () => {
    await nav(s, '7', 'Kaart');
    await s.until('44 wijken', async () => (await s.findAll('path.wijk')).length === 44);
    const lank = await s.until('Lankforst', async () => {
      for (const p of await s.findAll('path.wijk')) {
        const label = await p.attr('aria-label');
        if (label.startsWith('Lankforst:')) return { p, label };
      }
      return null;
    });
    // 6 households approached: the privacy policy shows a share only from a base of 20.
    if (!lank.label.includes('te weinig gegevens')) throw new Error(`Lankforst shows ${lank.label}`);
    const hatched = (await Promise.all((await s.findAll('path.wijk')).map((p) => p.attr('fill')))).filter((f) => f === 'url(#te-weinig)');
    if (hatched.length !== 44) throw new Error(`${hatched.length} wijken hatched, expected 44`);
    await s.waitForText('figcaption', 'CC BY 4.0');
    await shot(s, '07-kaart');
  });

  await step('search finds the story by a word with a diacritic, with and without accent', async () => {
    await nav(s, '6', 'Zoeken');
    await (await s.find('#q')).type('café');
    await s.waitForText('.hits', 'ontmoetingspunt');
    const marks = await s.findAll('.hits mark');
    if (!marks.length) throw new Error('no highlighted fragment');
    await (await s.find('#q')).clear();
    await (await s.find('#q')).type('cafe');
    await s.until('results for cafe', async () => (await s.text('main')).includes('voor “cafe”') && (await s.findAll('.hits mark')).length > 0);
    await shot(s, '08-zoeken');
    await (await s.find('.hits button')).click();
    await s.waitForText('main h1', 'Gesprek');
    await s.until('story loaded', async () => (await (await s.find('#story')).prop('value')).includes('ontmoetingspunt'));
  });

  await step('follow-up and settings screens render', async () => {
    await nav(s, '5', 'Opvolging');
    await s.waitForText('main', 'Financieel Expert in de Wijk');
    await shot(s, '09-opvolging');
    await nav(s, '9', 'Instellingen');
    await s.waitForText('main', 'CBS/Kadaster');
    await shot(s, '10-instellingen');
  });

  await step('an unsaved story draft survives killing the app process', async () => {
    await nav(s, '3', 'Gesprek');
    await (await s.find('#story')).type('Dit concept overleeft een crash: de bushalte aan de Lankforst is weg.');
    await sleep(3500);
    const pids = appPids();
    if (!pids.length) throw new Error('app process not found');
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await sleep(500);
    await s.close();
    s = await start();
    await s.waitForText('.card', 'Vul uw wachtwoord in');
  });

  await step('a wrong passphrase is refused with a clear Dutch message', async () => {
    await (await s.find('#pass')).type('dit-is-niet-het-wachtwoord');
    await s.keys(Keys.Enter);
    await s.waitForText('[role=alert]', 'Het wachtwoord is onjuist');
    await shot(s, '11-fout-wachtwoord');
  });

  await step('after reopening and unlocking, the data and the draft are there', async () => {
    await (await s.find('#pass')).type(PASS);
    await s.keys(Keys.Enter);
    await s.waitForText('main h1', 'Rondes');
    await s.waitForText('main', 'Lankforst voorjaar 2026');
    await s.waitForText('main', '20 adressen');
    await nav(s, '3', 'Gesprek');
    await s.waitForText('main', 'Niet-opgeslagen concept hersteld');
    const story = await (await s.find('#story')).prop('value');
    if (!story.includes('bushalte aan de Lankforst')) throw new Error(`draft not restored: ${story}`);
    await shot(s, '12-concept-hersteld');
  });

  await step('demo data generation shows progress and fills the map', async () => {
    await nav(s, '9', 'Instellingen');
    await (await s.find('#demo-n')).clear();
    await (await s.find('#demo-n')).type('3000');
    await s.script(`[...document.querySelectorAll('button')].find(b => b.textContent.includes('Demogegevens maken')).click()`);
    await s.waitForText('main', 'Demogegevens klaar', 120000);
    await nav(s, '7', 'Kaart');
    await s.until('coloured wijken', async () => {
      const fills = await Promise.all((await s.findAll('path.wijk')).map((p) => p.attr('fill')));
      return fills.filter((f) => f.startsWith('#')).length >= 3;
    });
    await shot(s, '13-kaart-demo');
    await nav(s, '8', 'Wijkdashboard');
    await s.select('#d-area', 'GM0268');
    await s.waitForText('main h1', 'Nijmegen');
    await s.waitForText('main', 'Wat helpt en wat staat in de weg');
    await shot(s, '14-dashboard-stad');
    await nav(s, '1', 'Rondes');
    await shot(s, '15-rondes-demo');
  });
  await step('the city profile is made as a PDF from the map, with Dutch text and no addresses', async () => {
    await nav(s, '7', 'Kaart');
    await s.script(`[...document.querySelectorAll('button')].find(b => b.textContent.includes('Wijkprofiel maken')).click()`);
    const pdf = join(dataDir, 'stadsprofiel.pdf');
    await (await s.find('#r-out')).type(pdf);
    await (await s.find('form[aria-label="Wijkprofiel maken"] button[type=submit]')).click();
    await s.waitForText('.report [role=status]', 'is opgeslagen', 120000);
    await shot(s, '16-wijkprofiel');
    const bytes = readFileSync(pdf);
    if (bytes.subarray(0, 5).toString() !== '%PDF-') throw new Error('not a PDF');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const needle of ['Nijmegen', 'Kerncijfers', 'Verantwoording']) {
      if (!text.includes(needle)) throw new Error(`PDF text lacks "${needle}"`);
    }
    if (/Lankforst \d+\b/.test(text)) throw new Error('an address of the test data is in the PDF');
  });

  // Issue #6 in the app: Gegevens (tables, import, resident data) and retention.
  await step('an anonymous CSV table is exported to a typed path, without addresses', async () => {
    await s.script(`[...document.querySelectorAll('nav button')].find(b => b.textContent.includes('Gegevens')).click()`);
    await s.waitForText('main h1', 'Gegevens');
    await (await s.find('input[name=t-level][value=conversation]')).click();
    await (await s.find('input[name=t-format][value=csv]')).click();
    const out = join(dataDir, 'gesprekken-anoniem.csv');
    await (await s.find('#t-path')).type(out);
    await s.script(`[...document.querySelectorAll('main button[type=submit]')].find(b => b.textContent.includes('Exporteren')).click()`);
    await s.waitForText('main', 'Tabel opgeslagen', 120000);
    await shot(s, '16-gegevens-tabel');
    const bytes = readFileSync(out);
    if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) throw new Error('no UTF-8 BOM');
    const text = bytes.toString('utf8');
    if (!text.split('\r\n')[0].includes(';')) throw new Error('header is not ;-separated');
    const corpus = JSON.parse(readFileSync('src/demo/corpus.json', 'utf8'));
    const streets = [...new Set(Object.values(corpus.streets).flat())];
    const leaked = streets.filter((st) => new RegExp(`${st} \\d`).test(text) || (/(straat|weg|laan|singel)$/.test(st) && text.includes(st)));
    if (/Lankforst \d/.test(text)) leaked.push('Lankforst (address)');
    if (leaked.length) throw new Error(`street names in the anonymous table: ${leaked.slice(0, 5).join(', ')}`);
  });

  await step('import, resident data and retention screens render', async () => {
    await (await s.find('#tab-import')).click();
    await s.waitForText('main', 'Voorzieningenchecks importeren');
    await shot(s, '17-gegevens-import');
    await (await s.find('#tab-resident')).click();
    await (await s.find('#r-q')).type('Lankforst 3');
    await s.keys(Keys.Enter);
    await s.until('households found', async () => (await s.findAll('.matches button')).length > 0);
    await s.script(`document.querySelector('.matches button').click()`);
    await s.waitForText('main', 'Wat er is vastgelegd');
    await shot(s, '18-gegevens-bewoner');
    await nav(s, '9', 'Instellingen');
    await s.waitForText('main', 'Bewaartermijn');
    await s.waitForText('main', '18 maanden');
    await shot(s, '19-bewaartermijn');
  });
  await step('exchange: generate a key, export to it, verify and merge the file back (all duplicates)', async () => {
    const button = (label) =>
      s.script(`[...document.querySelectorAll('main button')].find(b => b.getAttribute('role') !== 'tab' && b.textContent.trim() === ${JSON.stringify(label)}).click()`);
    const key = join(dataDir, 'coordinator.key');
    const file = join(dataDir, 'export.wwk');
    await nav(s, '0', 'Uitwisselen');
    await (await s.find('#tab-keys')).click();
    await (await s.find('#k-gen-path')).type(key);
    await button('Sleutel maken');
    await s.waitForText('main', 'Sleutel gemaakt');
    await s.waitForText('main', 'eigen sleutel');
    await shot(s, '16-uitwisselen-sleutels');
    await (await s.find('#tab-export')).click();
    await (await s.find('main input[type=checkbox][value^=age1]')).click();
    await (await s.find('#ex-target')).type(file);
    await button('Exporteren');
    await s.waitForText('main', 'Export geschreven', 120000);
    await shot(s, '17-uitwisselen-export');
    await (await s.find('#tab-merge')).click();
    await (await s.find('#mg-path')).type(file);
    await button('Toevoegen');
    await s.waitForText('main', 'export.wwk');
    await button('Controleren');
    await s.waitForText('main', 'alle bestanden zijn in orde', 120000);
    await button('Samenvoegen');
    await s.waitForText('main', 'Ontvangstbewijs samenvoegen', 120000);
    const totals = await s.script(`return [...document.querySelectorAll('.receipt tfoot td')].map(td => td.textContent.trim())`);
    if (totals[0] !== '0' || totals[2] === '0') throw new Error(`merging the own export back should give only duplicates: ${totals}`);
    await shot(s, '18-uitwisselen-samenvoegen');
    await (await s.find('#tab-conflicts')).click();
    await s.waitForText('main', 'Geen open conflicten');
    await shot(s, '19-uitwisselen-conflicten');
  });

  exitCode = 0;
} catch {
  if (s) await shot(s, 'zz-failure').catch(() => {});
} finally {
  if (s) await s.close();
  driver.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(exitCode);
}
