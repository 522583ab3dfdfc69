/**
 * The browser's side of the API: JSON in and out, the anti-forgery token on
 * every state-changing request, and failures as one error type that says
 * whether the server refused (a code to show) or could not be reached (retry later).
 */
import type { ApiErrorCode } from './errors.js';

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: 'admin' | 'supervisor' | 'trainee';
}

export interface SessionInfo {
  readonly user: SessionUser | null;
  readonly csrfToken: string | null;
  readonly setupNeeded: boolean;
}

export class ApiRequestError extends Error {
  constructor(
    /** null when the server could not be reached at all. */
    readonly status: number | null,
    readonly code: ApiErrorCode | 'SB_API_UNREACHABLE',
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  get unreachable(): boolean {
    return this.status === null || this.status >= 500;
  }
}

export class ApiClient {
  private csrfToken: string | null = null;

  constructor(private readonly base = '') {}

  async session(): Promise<SessionInfo> {
    const info = await this.request<SessionInfo>('GET', '/api/session');
    this.csrfToken = info.csrfToken;
    return info;
  }

  /** Remembers the anti-forgery token a sign-in, setup or join hands out. */
  adopt(csrfToken: string | null | undefined): void {
    if (csrfToken) this.csrfToken = csrfToken;
  }

  async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        credentials: 'same-origin',
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiRequestError(null, 'SB_API_UNREACHABLE', 'The server could not be reached. Your work is kept on this device and will be sent when the connection returns.');
    }
    if (response.status === 204) return undefined as T;
    const payload = (await response.json().catch(() => null)) as { code?: ApiErrorCode; message?: string } | null;
    if (!response.ok) {
      throw new ApiRequestError(response.status, payload?.code ?? 'SB_API_INTERNAL', payload?.message ?? `The server answered ${response.status}.`);
    }
    return payload as T;
  }
}
