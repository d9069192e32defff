// The search index catching up after a merge (the core defers indexing the
// stories and quotes a merge brings in). Started after unlocking and after a
// merge; one step per command, so other screens get their turn in between.
import * as api from '../api/commands';
import { messageOf } from '../api/client';

export const searchIndex = $state<{ pending: boolean; remaining: number; error: string }>({
  pending: false,
  remaining: 0,
  error: '',
});

let running: Promise<void> | null = null;

/** Indexes until search sees every story and quote; a second call joins the first. */
export function catchUpSearchIndex(): Promise<void> {
  running ??= (async () => {
    try {
      let s = await api.searchIndexState();
      for (;;) {
        searchIndex.pending = s.pending;
        searchIndex.remaining = s.remaining;
        searchIndex.error = '';
        if (!s.pending) break;
        s = await api.indexSearchStep();
      }
    } catch (e) {
      searchIndex.error = messageOf(e);
    } finally {
      running = null;
    }
  })();
  return running;
}
