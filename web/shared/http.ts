/**
 * fetch() for the JSON API: same-origin cookie, JSON in and out, and every
 * failure surfaced as an ApiError carrying the server's ErrorBody so callers
 * can switch on `error.id` and show `error.fields` at the inputs.
 */
import type { ErrorBody, ErrorId } from '../../src/protocol/errors.js';
import { CSRF_COOKIE, CSRF_HEADER } from '../../src/protocol/http.js';
import { HTTP_WORDS } from './httpWords.js';

export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody, options?: { cause?: unknown }) {
    super(body.message, options);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }

  get id(): ErrorId {
    return this.body.id;
  }

  get fields(): Record<string, string> {
    return this.body.fields ?? {};
  }
}

/**
 * Whether a failed request may succeed by itself later: the server could not be reached, or answered
 * that it cannot serve now (503 `unavailable` during a database outage, a proxy's 502/504). A page
 * whose first load failed so tries again by itself and comes up when the service does.
 */
export const passing = (error: unknown): boolean => error instanceof ApiError && (error.status === 0 || error.status >= 500);

export interface FetchJsonOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON when present. */
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (e.g. the customer's chat token). */
  headers?: Record<string, string>;
}

export async function fetchJson<T>(path: string, options: FetchJsonOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  const init: RequestInit = { method: options.method ?? 'GET', credentials: 'same-origin', headers };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  // Double-submit CSRF token: only a page of our own origin can read the cookie and echo it.
  const csrf = init.method === 'GET' ? null : readCookie(CSRF_COOKIE);
  if (csrf) headers[CSRF_HEADER] = csrf;

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, { id: 'internal', message: HTTP_WORDS.unreachable }, { cause });
  }

  const data = await readJson(response);
  if (!response.ok) throw new ApiError(response.status, errorBodyOf(data) ?? fallbackError(response.status));
  return data as T;
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorBodyOf(data: unknown): ErrorBody | null {
  if (typeof data !== 'object' || data === null || !('error' in data)) return null;
  const error = (data as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { id, message } = error as Partial<ErrorBody>;
  return typeof id === 'string' && typeof message === 'string' ? (error as ErrorBody) : null;
}

function fallbackError(status: number): ErrorBody {
  const ids: Record<number, ErrorId> = { 400: 'validation', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 429: 'rate_limited' };
  const messages: Record<number, string> = HTTP_WORDS.byStatus;
  return { id: ids[status] ?? 'internal', message: messages[status] ?? HTTP_WORDS.other(status) };
}
