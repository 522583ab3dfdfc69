/** The library: a card per scenario, filters, continue an unfinished attempt, past attempts, export and import. */
import type { App } from '../app.js';
import { focusHeading } from '../app.js';
import { inviteCodeForm } from './accountScreens.js';
import { ATTACHMENT_LABELS, RUPTURE_LABELS, SETTING_LABELS, contentNotes } from './labels.js';
import { h, show } from '../../browser/dom.js';
import { exportAttempts, importAttempts } from '../transfer.js';
import type { AttemptRecord } from '../store.js';
import type { AttachmentStyle, RuptureType } from '../../engine/vocabulary.js';

/** `notice` is said in the status line once the library shows (what an import did, say). */
export async function libraryScreen(app: App, notice = ''): Promise<void> {
  app.stage.room();
  // One read of the store, newest first, serves every card's "Continue" and the history.
  const all = await app.store.all();
  const unfinished = new Map<string, string>();
  for (const attempt of all) {
    if (attempt.finishedAt === null && !unfinished.has(attempt.scenarioId)) unfinished.set(attempt.scenarioId, attempt.id);
  }
  const user = app.account.user;
  // A signed-in trainee sees their own sessions and, until they decide, an offer to keep what they played as a guest.
  const history = all.filter((a) => a.finishedAt !== null && (!user || a.owner === user.id || !a.owner));

  const styleFilter = h('select', { id: 'filter-style' },
    h('option', { value: '' }, 'Any attachment style'),
    ...Object.entries(ATTACHMENT_LABELS).map(([value, label]) => h('option', { value }, label)));
  const ruptureFilter = h('select', { id: 'filter-rupture' },
    h('option', { value: '' }, 'Any rupture type'),
    ...Object.entries(RUPTURE_LABELS).map(([value, label]) => h('option', { value }, label)));
  const cards = h('ul', { class: 'cards', 'aria-label': 'Scenarios' });
  const status = h('p', { class: 'filter-status', role: 'status' });

  const renderCards = () => {
    const style = styleFilter.value as AttachmentStyle | '';
    const rupture = ruptureFilter.value as RuptureType | '';
    const shown = app.library.cards.filter((card) =>
      (!style || card.client.attachment === style) && (!rupture || card.ruptureTypes.includes(rupture)));
    status.textContent = `${shown.length} of ${app.library.cards.length} scenarios shown`;
    show(cards, shown.map((card) => {
      const { client } = card;
      const resume = unfinished.get(card.id);
      const tutorial = card.kind === 'tutorial';
      return h('li', { class: tutorial ? 'card tutorial' : 'card' },
        tutorial ? h('p', { class: 'card-badge' }, 'Start here') : null,
        h('h2', {}, card.title),
        h('p', { class: 'card-client' }, tutorial
          ? `${client.name} · a practice run that teaches how sessions and scores work`
          : `${client.name}, ${client.age} (${client.pronouns}) · ${ATTACHMENT_LABELS[client.attachment]}`),
        h('p', {}, card.summary.trim()),
        contentNotes(card.contentNotes),
        h('dl', { class: 'card-facts' },
          card.setting ? [h('dt', {}, 'Setting'), h('dd', {}, SETTING_LABELS[card.setting])] : null,
          h('dt', {}, 'Ruptures'), h('dd', {}, card.ruptureTypes.map((t) => RUPTURE_LABELS[t]).join(', ') || 'none marked'),
          h('dt', {}, 'Length'), h('dd', {}, card.minutes ? `about ${card.minutes} minutes` : 'not given')),
        h('details', {}, h('summary', {}, 'Objectives'), h('ul', {}, card.objectives.map((o) => h('li', {}, o)))),
        h('div', { class: 'card-actions' },
          resume ? h('button', { class: 'primary', onclick: () => app.go({ name: 'session', attemptId: resume }) }, `Continue with ${client.name}`) : null,
          h('button', { class: resume ? '' : 'primary', onclick: () => app.go({ name: 'briefing', scenarioId: card.id }) }, resume ? 'Start again' : `Meet ${client.name}`)));
    }));
  };
  styleFilter.addEventListener('change', renderCards);
  ruptureFilter.addEventListener('change', renderCards);
  renderCards();

  const importInput = h('input', { type: 'file', accept: 'application/json', id: 'import-file', hidden: true, 'aria-label': 'Attempts file to import' });
  const transferStatus = h('p', { role: 'status', class: 'transfer-status' });
  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    // The library is drawn again with what was imported; the status line there says what happened.
    void libraryScreen(app, await importAttempts(app, await file.text()));
  });
  // Set after the screen is in place, so a screen reader announces it.
  if (notice) setTimeout(() => { transferStatus.textContent = notice; }, 0);

  show(app.main,
    h('h1', {}, 'Choose a session'),
    user ? await guestOffer(app, all) : null,
    user?.role === 'trainee' ? await assignmentsSection(app) : null,
    // A trainee already signed in can join another cohort by typing its code.
    user?.role === 'trainee' ? h('details', { class: 'join-by-code' }, h('summary', {}, 'Join another cohort with an invite code'), inviteCodeForm(app)) : null,
    h('p', { class: 'lead' }, 'Each session is one simulated client. Notice ruptures in the alliance, and repair them.'),
    h('div', { class: 'filters', role: 'group', 'aria-label': 'Filter scenarios' },
      h('label', { for: 'filter-style' }, 'Attachment style'), styleFilter,
      h('label', { for: 'filter-rupture' }, 'Rupture type'), ruptureFilter),
    status,
    cards,
    h('section', { 'aria-labelledby': 'history-heading', class: 'history' },
      h('h2', { id: 'history-heading' }, 'Your finished sessions'),
      history.length
        ? h('ul', {}, history.map((attempt) => {
          const card = app.card(attempt.scenarioId);
          const when = new Date(attempt.finishedAt!).toLocaleString();
          return h('li', {}, h('button', { class: 'link', onclick: () => app.go({ name: 'debrief', attemptId: attempt.id }) },
            `${card?.title ?? attempt.scenarioId}, ${attempt.mode}, ${when}`));
        }))
        : h('p', {}, 'None yet. Finished sessions and their debriefs are kept on this device.'),
      h('div', { class: 'card-actions' },
        h('button', { onclick: async () => { transferStatus.textContent = await exportAttempts(app); } }, 'Export attempts'),
        h('button', { onclick: () => importInput.click() }, 'Import attempts'), importInput),
      transferStatus));
  focusHeading(app.main);
}

interface Assignment { readonly id: string; readonly scenarioId: string; readonly mode: 'practice' | 'assessment'; readonly dueAt: string; readonly cohortName: string; readonly done: boolean }

/** The trainee's assignments, soonest first, each marked with its due date, or done, or overdue. */
async function assignmentsSection(app: App): Promise<HTMLElement | null> {
  let assignments: Assignment[];
  try {
    assignments = (await app.account.api.request<{ assignments: Assignment[] }>('GET', '/api/assignments')).assignments;
  } catch {
    return h('p', { class: 'help' }, 'Your assignments will show here when the server can be reached.');
  }
  if (!assignments.length) return null;
  const now = Date.now();
  return h('section', { class: 'assignments', 'aria-labelledby': 'assignments-heading' },
    h('h2', { id: 'assignments-heading' }, 'Assigned to you'),
    h('ul', {}, assignments.map((assignment) => {
      const card = app.card(assignment.scenarioId);
      const due = new Date(assignment.dueAt);
      const overdue = !assignment.done && due.getTime() < now;
      const when = due.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
      return h('li', { class: 'assignment' },
        h('p', {}, h('strong', {}, card?.title ?? assignment.scenarioId), ` · ${assignment.mode} · ${assignment.cohortName}`),
        h('p', { class: assignment.done ? 'due' : overdue ? 'overdue' : 'due' }, assignment.done ? `Done (was due ${when})` : overdue ? `Overdue: was due ${when}` : `Due ${when}`),
        card && !assignment.done
          ? h('button', { class: 'primary', onclick: () => app.go({ name: 'briefing', scenarioId: assignment.scenarioId, assignment: { id: assignment.id, mode: assignment.mode } }) }, `Start: ${card.client.name}`)
          : null);
    })));
}

const DECLINED_KEY = 'securebase.guest-declined';

/** Attempts played as a guest on this device, offered to the signed-in account once. */
async function guestOffer(app: App, all: readonly AttemptRecord[]): Promise<HTMLElement | null> {
  const user = app.account.user!;
  const guests = all.filter((a) => !a.owner && a.choices.length > 0);
  if (!guests.length || localStorage.getItem(DECLINED_KEY) === user.id) return null;
  const keep = async () => {
    for (const attempt of guests) await app.store.put({ ...attempt, owner: user.id });
    app.go({ name: 'library' });
  };
  const decline = () => {
    localStorage.setItem(DECLINED_KEY, user.id);
    app.go({ name: 'library' });
  };
  return h('section', { class: 'guest-offer', 'aria-labelledby': 'guest-heading' },
    h('h2', { id: 'guest-heading' }, 'Sessions you played as a guest'),
    h('p', {}, `This device has ${guests.length === 1 ? 'one session' : `${guests.length} sessions`} played without signing in. Keep ${guests.length === 1 ? 'it' : 'them'} in your account, where your supervisor can see ${guests.length === 1 ? 'it' : 'them'}?`),
    h('div', { class: 'card-actions' },
      h('button', { class: 'primary', onclick: keep }, 'Keep them in my account'),
      h('button', { onclick: decline }, 'Leave them on this device')));
}
