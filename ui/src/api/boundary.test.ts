// Guards the architecture: only ui/src/api talks to the backend.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|svelte)$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : [];
  });
}

describe('IPC boundary', () => {
  it('no component or library module imports the Tauri IPC or plugins directly', () => {
    const offenders = files(root)
      // Test helpers install mocks; they never ship.
      .filter((p) => !/^(api|test)\b|^test-setup\.ts$/.test(relative(root, p)))
      .filter((p) => /@tauri-apps\/(api|plugin-)|\binvoke\(/.test(readFileSync(p, 'utf8')))
      .map((p) => relative(root, p));
    expect(offenders).toEqual([]);
  });

  it('no component renders raw HTML', () => {
    const offenders = files(root)
      .filter((p) => /\{@html|innerHTML/.test(readFileSync(p, 'utf8')))
      .map((p) => relative(root, p));
    expect(offenders).toEqual([]);
  });
});
