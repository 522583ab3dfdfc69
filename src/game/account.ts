/**
 * Who is playing: a guest (attempts stay on this device) or a signed-in
 * account (attempts also go to the server). Served without a server (the
 * static build), the game simply stays in guest mode.
 */
import { ApiClient } from '../api/client.js';
import type { SessionUser } from '../api/client.js';

export interface Account {
  readonly api: ApiClient;
  /** null for a guest. */
  readonly user: SessionUser | null;
  /** Whether a Secure Base server answered; without one there is nothing to sign in to. */
  readonly serverAvailable: boolean;
  readonly setupNeeded: boolean;
}

export async function loadAccount(): Promise<Account> {
  const api = new ApiClient();
  try {
    const info = await api.session();
    return { api, user: info.user, serverAvailable: true, setupNeeded: info.setupNeeded };
  } catch {
    return { api, user: null, serverAvailable: false, setupNeeded: false };
  }
}
