/** What the supervisors' and the programme's pages share: the API client, the header, forms and plain words for dates. */
import library from 'virtual:securebase-library';
import { ApiClient, ApiRequestError } from '../api/client.js';
import type { SessionUser } from '../api/client.js';
import { h, show } from '../browser/dom.js';
import { CRITICAL_FLAG_LABELS } from '../engine/vocabulary.js';
import type { CriticalFlag } from '../engine/vocabulary.js';

export const api = new ApiClient();

export const titleOf = (scenarioId: string) => library.cards.find((card) => card.id === scenarioId)?.title ?? scenarioId;
export const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
/** "1 session", "3 sessions". */
export const count = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
/** Critical flags in plain words, `;`-separated. */
export const flagWords = (flags: readonly string[]) => flags.map((f) => CRITICAL_FLAG_LABELS[f as CriticalFlag] ?? f.replace(/_/g, ' ')).join('; ');
export const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

/** Runs a form's action, showing the server's message beside it on failure. */
export function onSubmit(form: HTMLFormElement, error: HTMLElement, action: (values: Record<string, string>) => Promise<void>): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await action(Object.fromEntries([...new FormData(form)].map(([key, value]) => [key, String(value).trim()])));
    } catch (failure) {
      error.textContent = failure instanceof ApiRequestError ? failure.message : 'Something went wrong; please try again.';
    }
  });
}

/** A wide table that scrolls sideways on a phone; keyboard users can focus it to scroll. */
export const scrollable = (label: string, table: HTMLTableElement) => h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': label }, table);

export const field = (id: string, label: string, input: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), input);

/**
 * Signs the page in: the signed-in user, with their name, the pages their role
 * may open and a sign-out button in the header; null (with a sign-in link shown
 * in `main`) when nobody is signed in.
 */
export async function signedInUser(main: HTMLElement, title: string): Promise<SessionUser | null> {
  const info = await api.session().catch(() => null);
  if (!info?.user) {
    show(main, h('h1', {}, title), h('p', {}, 'Sign in as a supervisor or admin to see this page. ', h('a', { href: '/sign-in' }, 'Sign in')));
    return null;
  }
  const user = info.user;
  const here = location.pathname;
  const pages = user.role === 'trainee' ? [] : [['/supervise', 'Supervise'], ...(user.role === 'admin' ? [['/program', 'Programme']] : [])];
  show(document.getElementById('account')!,
    pages.length ? h('nav', { 'aria-label': 'Pages' }, h('ul', { class: 'page-links' }, pages.map(([href, label]) =>
      h('li', {}, h('a', { href, 'aria-current': here === href ? 'page' : false }, label))))) : null,
    h('span', {}, `${user.name} (${user.role})`),
    h('button', { type: 'button', onclick: async () => {
      await api.request('DELETE', '/api/session').catch(() => undefined);
      location.assign('/');
    } }, 'Sign out'));
  return user;
}

/** The admin's status line for xAPI: how many statements wait for the LRS, and the last refusal. */
export async function xapiStatus(): Promise<HTMLElement | null> {
  const status = await api.request<{ configured: boolean; backlog: number; sent: number; lastError: string | null }>('GET', '/api/xapi/status').catch(() => null);
  if (!status?.configured) return null;
  const text = status.backlog === 0
    ? `xAPI: all ${status.sent} statements sent to the Learning Record Store.`
    : `xAPI: ${status.backlog} statements waiting for the Learning Record Store${status.lastError ? ` (last try: ${status.lastError})` : ''}.`;
  return h('p', { class: status.lastError ? 'error' : 'help', role: 'status' }, text);
}
