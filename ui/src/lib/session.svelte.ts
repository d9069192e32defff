// What every screen needs after unlocking: the worker profile and the catalogues.
import type { Catalogs, Profile, Value } from '../api/bindings/types';
import * as api from '../api/commands';

export const session = $state<{
  unlocked: boolean;
  profile: Profile | null;
  catalogs: Catalogs | null;
  values: Value[];
}>({ unlocked: false, profile: null, catalogs: null, values: [] });

export async function loadSession(profile: Profile) {
  const [catalogs, values] = await Promise.all([api.catalogs(), api.values(false)]);
  session.profile = profile;
  session.catalogs = catalogs;
  session.values = values;
  session.unlocked = true;
}

export async function reloadValues() {
  session.values = await api.values(false);
}

export function endSession() {
  session.unlocked = false;
  session.profile = null;
  session.catalogs = null;
  session.values = [];
}

export function wijkName(code: string): string {
  return session.catalogs?.areas.find((a) => a.code === code)?.name ?? code;
}
