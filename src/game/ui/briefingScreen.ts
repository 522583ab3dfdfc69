/** The briefing: who the client is, what the trainee knows, the objectives, and the mode. */
import type { App } from '../app.js';
import { focusHeading } from '../app.js';
import { Session } from '../session.js';
import type { Mode } from '../session.js';
import { ATTACHMENT_LABELS, SETTING_LABELS, contentNotes } from './labels.js';
import { h, show } from '../../browser/dom.js';

export async function briefingScreen(app: App, scenarioId: string, assignment?: { readonly id: string; readonly mode: Mode }): Promise<void> {
  const opened = await app.open(scenarioId);
  if (!opened) return app.go({ name: 'library' });
  const { entry, rubric, rubricHash } = opened;
  const { scenario } = entry;
  const { client } = scenario;
  // The client is already in the room, waiting.
  app.stage.client(scenario, undefined);

  const modeOption = (mode: Mode, label: string, help: string, checked: boolean) =>
    h('div', { class: 'mode-option' },
      h('input', { type: 'radio', name: 'mode', id: `mode-${mode}`, value: mode, checked, 'aria-describedby': `mode-${mode}-help` }),
      h('label', { for: `mode-${mode}` }, label),
      h('p', { id: `mode-${mode}-help`, class: 'help' }, help));

  const PRACTICE_HELP = 'See the effect of each reply as you go, and step back once after a choice.';
  const ASSESSMENT_HELP = 'No feedback until the debrief, as in an assessed session.';
  // An assignment fixes the mode; the supervisor chose it.
  const modeChoice = assignment
    ? h('p', { class: 'assigned-mode' }, `Assigned in ${assignment.mode} mode. ${assignment.mode === 'practice' ? PRACTICE_HELP : ASSESSMENT_HELP}`)
    : h('fieldset', {},
      h('legend', {}, 'Mode'),
      modeOption('practice', 'Practice', PRACTICE_HELP, true),
      modeOption('assessment', 'Assessment', ASSESSMENT_HELP, false));
  const form = h('form', { class: 'briefing-form' },
    modeChoice,
    h('button', { type: 'submit', class: 'primary' }, `Begin the session with ${client.name}`));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const mode = assignment?.mode ?? (new FormData(form).get('mode') as Mode | null) ?? 'practice';
    const session = await Session.start(entry, rubric, rubricHash, mode, app.store, { owner: app.account.user?.id ?? null, assignmentId: assignment?.id ?? null });
    app.go({ name: 'session', attemptId: session.id });
  });

  show(app.main,
    h('nav', { 'aria-label': 'Back' }, h('button', { class: 'link', onclick: () => app.go({ name: 'library' }) }, '← All sessions')),
    h('h1', {}, scenario.title),
    // Before anything about the client, so no one meets these subjects unwarned.
    contentNotes(scenario.content_notes),
    h('section', { 'aria-labelledby': 'client-heading' },
      h('h2', { id: 'client-heading' }, 'The client'),
      h('p', {}, `${client.name}, ${client.age} (${client.pronouns}). ${client.presenting}`),
      h('p', { class: 'help' }, `Attachment style: ${ATTACHMENT_LABELS[client.attachment]}.`
        + (scenario.setting ? ` Setting: ${SETTING_LABELS[scenario.setting]}.` : '')),
      client.background ? h('p', {}, client.background.trim()) : null),
    h('section', { 'aria-labelledby': 'brief-heading' },
      h('h2', { id: 'brief-heading' }, 'What you know'),
      h('p', {}, scenario.briefing.trim())),
    h('section', { 'aria-labelledby': 'objectives-heading' },
      h('h2', { id: 'objectives-heading' }, 'Objectives'),
      h('ul', {}, scenario.objectives.map((o) => h('li', {}, o)))),
    form);
  focusHeading(app.main);
}
