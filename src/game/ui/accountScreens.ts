/**
 * Signing in, setting up the first admin, and joining a cohort from an invite
 * link or a typed invite code.
 * Each form reports the server's message beside it; on success the page
 * reloads, so every screen starts from the new account.
 */
import { ApiRequestError } from '../../api/client.js';
import { INVITE_CODE } from '../../api/patterns.js';
import type { App } from '../app.js';
import { focusHeading, forgetScreen } from '../app.js';
import { h, show } from '../../browser/dom.js';

interface Field { readonly name: string; readonly label: string; readonly type: string; readonly autocomplete: string; readonly help?: string }

const EMAIL: Field = { name: 'email', label: 'Email', type: 'email', autocomplete: 'username' };
const NAME: Field = { name: 'name', label: 'Your name', type: 'text', autocomplete: 'name' };
const NEW_PASSWORD: Field = { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', help: 'At least 10 characters.' };

/** A labelled form whose errors are announced; `submit` returns where to go next. */
function accountForm(fields: readonly Field[], action: string, submit: (values: Record<string, string>) => Promise<string>): HTMLFormElement {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', { class: 'account-form', novalidate: true },
    ...fields.map((field) => h('div', { class: 'field' },
      h('label', { for: `field-${field.name}` }, field.label),
      h('input', { id: `field-${field.name}`, name: field.name, type: field.type, autocomplete: field.autocomplete, required: true, ...(field.help ? { 'aria-describedby': `field-${field.name}-help` } : {}) }),
      field.help ? h('p', { id: `field-${field.name}-help`, class: 'help' }, field.help) : null)),
    error,
    h('button', { type: 'submit', class: 'primary' }, action));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries([...new FormData(form)].map(([key, value]) => [key, String(value).trim()]));
    const missing = fields.find((field) => !values[field.name]);
    if (missing) {
      error.textContent = `${missing.label} is needed.`;
      form.querySelector<HTMLInputElement>(`#field-${missing.name}`)?.focus();
      return;
    }
    error.textContent = '';
    try {
      const next = await submit(values);
      forgetScreen();
      location.assign(next);
    } catch (failure) {
      error.textContent = failure instanceof ApiRequestError ? failure.message : 'Something went wrong; please try again.';
    }
  });
  return form;
}

const back = (app: App) => h('nav', { 'aria-label': 'Back' }, h('button', { class: 'link', onclick: () => app.go({ name: 'library' }) }, '← All sessions'));

export function signInScreen(app: App): void {
  app.stage.room();
  const form = accountForm([EMAIL, { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }], 'Sign in', async (values) => {
    const { user } = await app.account.api.request<{ user: { role: string } }>('POST', '/api/session', { email: values.email, password: values.password });
    return user.role === 'trainee' ? '/' : '/supervise';
  });
  show(app.main, back(app), h('h1', {}, 'Sign in'),
    h('p', { class: 'lead' }, 'Sign in to see your assignments and keep your sessions on your programme\'s server. You can also play as a guest: your sessions then stay on this device.'),
    form,
    inviteCodeForm(app));
  focusHeading(app.main);
}

/** "Have an invite code?": opens the join screen for a code typed in (or an invite link pasted in). */
export function inviteCodeForm(app: App): HTMLElement {
  const error = h('p', { id: 'invite-code-error', class: 'form-error', role: 'alert' });
  const input = h('input', { id: 'field-invite-code', name: 'code', type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', required: true, 'aria-describedby': 'field-invite-code-help invite-code-error' });
  const form = h('form', { class: 'account-form invite-code-form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'field-invite-code' }, 'Invite code'),
      input,
      h('p', { id: 'field-invite-code-help', class: 'help' }, 'The code your supervisor sent, or the whole invite link.')),
    error,
    h('button', { type: 'submit' }, 'Join'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = input.value.trim();
    const code = /\/join\/([^/?#\s]+)/.exec(typed)?.[1] ?? typed;
    if (!INVITE_CODE.test(code)) {
      error.textContent = typed
        ? 'That is not an invite code. A code is 8 to 64 letters, digits, hyphens or underscores, with no spaces; check it against the one your supervisor sent.'
        : 'Invite code is needed.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    app.go({ name: 'join', code });
  });
  return h('section', { class: 'invite-code-section', 'aria-labelledby': 'invite-code-heading' },
    h('h2', { id: 'invite-code-heading' }, 'Have an invite code?'),
    form);
}

export function setupScreen(app: App, token: string): void {
  app.stage.room();
  const form = accountForm([NAME, EMAIL, NEW_PASSWORD], 'Create the admin account', async (values) => {
    await app.account.api.request('POST', '/api/setup', { token, email: values.email, name: values.name, password: values.password });
    return '/supervise';
  });
  show(app.main, h('h1', {}, 'Set up Secure Base'),
    h('p', { class: 'lead' }, 'Create the first admin account. The admin adds supervisors, who create cohorts and invite trainees. This link works once.'),
    form);
  focusHeading(app.main);
}

export async function joinScreen(app: App, code: string): Promise<void> {
  app.stage.room();
  let invite: { cohortName: string; supervisorName: string };
  try {
    invite = (await app.account.api.request<{ invite: typeof invite }>('GET', `/api/invites/${encodeURIComponent(code)}`)).invite;
  } catch (failure) {
    show(app.main, back(app), h('h1', {}, 'This invite does not work'),
      h('p', {}, failure instanceof ApiRequestError ? failure.message : 'The server could not be reached.'),
      h('p', {}, 'Ask your supervisor for a new link.'));
    return focusHeading(app.main);
  }
  const join = async (body: Record<string, string>) => {
    await app.account.api.request('POST', `/api/invites/${encodeURIComponent(code)}/join`, body);
    return '/';
  };
  const user = app.account.user;
  const content = user
    ? (() => {
      const form = accountForm([], `Join as ${user.name}`, () => join({}));
      return form;
    })()
    : accountForm([NAME, EMAIL, NEW_PASSWORD], 'Create my account and join', (values) => join(values));
  show(app.main, h('h1', {}, `Join ${invite.cohortName}`),
    h('p', { class: 'lead' }, `${invite.supervisorName} has invited you to this cohort. You will see the sessions they assign, with due dates, and they will see your attempts.`),
    content,
    user ? null : h('p', {}, 'Already have an account? ', h('a', { href: '/sign-in' }, 'Sign in first'), ', then open the invite link again or type the code on the library page.'));
  focusHeading(app.main);
}
