// A minimal W3C WebDriver client over fetch (Node 20), enough to drive the app
// through tauri-driver + WebKitWebDriver. No dependencies.
import { writeFileSync } from 'node:fs';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const Keys = {
  Enter: '\uE007',
  Tab: '\uE004',
  Alt: '\uE00A',
  Control: '\uE009',
  Shift: '\uE008',
  ArrowUp: '\uE013',
  ArrowDown: '\uE015',
  Home: '\uE011',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities) {
    const res = await request(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, res.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async close() {
    try {
      await this.cmd('DELETE', '');
    } catch {
      // The app may already be gone (killed on purpose).
    }
  }

  async find(css, { timeout = 10000, visible = true } = {}) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        const el = await this.cmd('POST', '/element', { using: 'css selector', value: css });
        const e = new Element(this, el[ELEMENT]);
        if (!visible || (await e.displayed())) return e;
      } catch (err) {
        last = err;
      }
      await sleep(150);
    }
    throw new Error(`element not found: ${css} (${last?.message ?? 'not visible'})`);
  }

  async findAll(css) {
    const els = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return els.map((e) => new Element(this, e[ELEMENT]));
  }

  /** Waits until `fn()` returns a truthy value. */
  async until(what, fn, timeout = 15000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        const v = await fn();
        if (v) return v;
      } catch (err) {
        last = err;
      }
      await sleep(200);
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
  }

  async text(css) {
    return (await this.find(css)).text();
  }

  async waitForText(css, needle, timeout = 15000) {
    return this.until(`"${needle}" in ${css}`, async () => (await this.text(css)).includes(needle), timeout);
  }

  script(src, ...args) {
    return this.cmd('POST', '/execute/sync', { script: src, args });
  }

  /** Runs `src` in the page; it finishes by calling `arguments[arguments.length - 1](result)`. */
  scriptAsync(src, ...args) {
    return this.cmd('POST', '/execute/async', { script: src, args });
  }

  /** Sets a <select> to a value and fires the change event Svelte listens to. */
  async select(css, value) {
    const el = await this.find(css);
    await this.script(
      `const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('change', { bubbles: true }));`,
      { [ELEMENT]: el.id },
      value,
    );
  }

  /** Presses keys; modifiers stay down until the end of the chord. */
  async keys(...chord) {
    const down = chord.map((k) => ({ type: 'keyDown', value: k }));
    const up = [...chord].reverse().map((k) => ({ type: 'keyUp', value: k }));
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'kbd', actions: [...down, ...up] }] });
    await this.cmd('DELETE', '/actions');
  }

  async screenshot(file) {
    const b64 = await this.cmd('GET', '/screenshot');
    writeFileSync(file, Buffer.from(b64, 'base64'));
  }
}

export class Element {
  constructor(session, id) {
    this.s = session;
    this.id = id;
  }
  cmd(method, path, body) {
    return this.s.cmd(method, `/element/${this.id}${path}`, body);
  }
  click() {
    return this.cmd('POST', '/click', {});
  }
  async type(text) {
    await this.cmd('POST', '/value', { text });
  }
  async clear() {
    await this.cmd('POST', '/clear', {});
  }
  text() {
    return this.cmd('GET', '/text');
  }
  attr(name) {
    return this.cmd('GET', `/attribute/${name}`);
  }
  prop(name) {
    return this.cmd('GET', `/property/${name}`);
  }
  displayed() {
    return this.cmd('GET', '/displayed');
  }
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json?.value?.error) {
    const v = json.value ?? {};
    throw new Error(`${method} ${path}: ${v.error ?? res.status} ${v.message ?? ''}`.trim());
  }
  return json.value;
}
