/** The library: a card per scenario, filters, continue an unfinished attempt, past attempts, export and import. */
import type { App } from '../app.js';
import { focusHeading } from '../app.js';
import { ATTACHMENT_LABELS, RUPTURE_LABELS, SETTING_LABELS } from './labels.js';
import { h, show } from './dom.js';
import { exportAttempts, importAttempts } from '../transfer.js';
import type { AttachmentStyle, RuptureType } from '../../engine/vocabulary.js';

export async function libraryScreen(app: App): Promise<void> {
  app.stage.room();
  // One read of the store, newest first, serves every card's "Continue" and the history.
  const all = await app.store.all();
  const unfinished = new Map<string, string>();
  for (const attempt of all) {
    if (attempt.finishedAt === null && !unfinished.has(attempt.scenarioId)) unfinished.set(attempt.scenarioId, attempt.id);
  }
  const history = all.filter((a) => a.finishedAt !== null);

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
    transferStatus.textContent = await importAttempts(app, await file.text());
    void libraryScreen(app);
  });

  show(app.main,
    h('h1', {}, 'Choose a session'),
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
