// Autosave of a form as a draft in the encrypted store: every few seconds while
// the worker types, and at once when a field loses focus or the window hides.
import * as api from '../api/commands';
import { messageOf } from '../api/client';

export const AUTOSAVE_MS = 2000;

export class Autosaver {
  private key: string;
  private read: () => string;
  private last = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private saving: Promise<void> | null = null;
  onsaved: (at: string) => void = () => {};
  onerror: (message: string) => void = () => {};

  constructor(key: string, read: () => string, initial: string) {
    this.key = key;
    this.read = read;
    this.last = initial;
  }

  start() {
    this.timer = setInterval(() => void this.flush(), AUTOSAVE_MS);
    document.addEventListener('visibilitychange', this.onHide);
  }

  stop() {
    clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onHide);
  }

  private onHide = () => {
    if (document.visibilityState === 'hidden') void this.flush();
  };

  /** Saves the draft if the form changed since the last save. */
  async flush(): Promise<void> {
    if (this.saving) await this.saving;
    const body = this.read();
    if (body === this.last) return;
    this.saving = (async () => {
      try {
        const d = await api.saveDraft(this.key, body);
        this.last = body;
        this.onsaved(d.updated_at);
      } catch (e) {
        this.onerror(messageOf(e));
      } finally {
        this.saving = null;
      }
    })();
    await this.saving;
  }

  /** The form was saved for real or thrown away: nothing left to autosave. */
  settle() {
    this.last = this.read();
  }
}
