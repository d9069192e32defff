// The only module that talks to the Rust side. Every command goes through
// `call`, which turns the `{code, message}` errors of the backend into ApiError.
import { invoke } from '@tauri-apps/api/core';
import type { AppError } from './bindings/types';

export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = 'ApiError';
  }
}

function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

export async function call<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (isAppError(e)) throw new ApiError(e.code, e.message);
    throw new ApiError('internal', `Er ging iets mis: ${String(e)}`);
  }
}

/** The Dutch message of any error, for display. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
