/**
 * The session: the client's line (announced in a live log, with the cue in
 * words), the trainee's choices as buttons in the order this attempt shows them
 * (number keys follow that order), and in practice mode the effect of each
 * reply. Each choice is saved before the next beat shows, so the trainee can
 * pause at any moment and continue from the library.
 */
import { describeCue } from '../../engine/play.js';
import type { Turn } from '../../engine/play.js';
import type { App } from '../app.js';
import { Session } from '../session.js';
import { h, show } from '../../browser/dom.js';
import { signed } from './labels.js';

export async function sessionScreen(app: App, attemptId: string): Promise<void> {
  const record = await app.store.get(attemptId);
  const opened = record && await app.open(record.scenarioId);
  if (!record || !opened || opened.entry.hash !== record.scenarioHash) return app.go({ name: 'library' });
  if (record.finishedAt) return app.go({ name: 'debrief', attemptId });
  let session: Session;
  try {
    session = Session.resume(opened.entry, opened.rubric, app.store, record);
  } catch {
    // The saved choices no longer play through this scenario: nothing to resume.
    return app.go({ name: 'library' });
  }
  const { client } = session.scenario;

  const lines = h('ol', { class: 'transcript' });
  const log = h('div', { role: 'log', 'aria-live': 'polite', 'aria-label': `Conversation with ${client.name}` }, lines);
  const choices = h('ol', { class: 'choices', 'aria-labelledby': 'choices-heading' });
  const feedback = h('section', { class: 'feedback', 'aria-labelledby': 'feedback-heading', hidden: true });
  const stepBack = h('button', { class: 'link', hidden: true }, 'Step back one choice');
  const modeNote = session.mode === 'practice' ? 'Practice mode: you see the effect of each reply.' : 'Assessment mode: feedback comes in the debrief.';
  let busy = false;

  const clientLine = (beatId: string) => {
    const beat = session.scenario.beats[beatId]!;
    const cue = describeCue(beat.cue);
    return h('li', { class: 'line client' },
      h('span', { class: 'speaker' }, `${client.name}: `),
      h('span', { class: 'said' }, beat.client ? `“${beat.client}”` : '(silence)'),
      cue ? h('span', { class: 'cue' }, ` (${cue})`) : null);
  };
  const yourLine = (turn: Turn) => {
    const response = session.scenario.beats[turn.beat]!.responses.find((r) => r.id === turn.response)!;
    return h('li', { class: 'line you' }, h('span', { class: 'speaker' }, 'You: '), h('span', { class: 'said' }, `“${response.say}”`));
  };

  const renderTranscript = () => {
    const turns = session.context.turns;
    show(lines, turns.flatMap((turn) => [clientLine(turn.beat), yourLine(turn)]), session.beat ? clientLine(session.context.at) : null);
  };

  const renderChoices = () => {
    const beat = session.beat;
    if (!beat) return;
    app.stage.client(session.scenario, beat.cue);
    if (beat.marker && session.mode === 'practice') app.sound.play('rupture');
    show(choices, session.offered.map((response, index) =>
      h('li', {}, h('button', { class: 'choice', 'data-response': response.id, onclick: () => choose(response.id) },
        h('span', { class: 'choice-key', 'aria-hidden': 'true' }, `${index + 1}`), response.say))));
    stepBack.hidden = !(session.mode === 'practice' && session.context.turns.length > 0 && canStepBack);
  };

  let canStepBack = false;
  const showFeedback = (turn: Turn, then: () => void) => {
    const response = session.scenario.beats[turn.beat]!.responses.find((r) => r.id === turn.response)!;
    const bestNote = turn.best !== turn.response
      ? h('p', {}, `A stronger reply here: “${session.scenario.beats[turn.beat]!.responses.find((r) => r.id === turn.best)!.say}”`) : null;
    const next = h('button', { class: 'primary', onclick: () => { feedback.hidden = true; then(); } }, session.context.ending ? 'See the debrief' : 'Continue');
    show(feedback,
      h('h2', { id: 'feedback-heading' }, `That reply: ${turn.rating} of 5`),
      h('p', { class: 'deltas' }, `Trust ${signed(turn.deltas.trust)}; the client's felt safety ${signed(turn.deltas.safety)}.`),
      response.feedback ? h('p', {}, response.feedback) : null,
      bestNote, next);
    feedback.hidden = false;
    choices.replaceChildren();
    next.focus();
  };

  const afterChoice = () => {
    if (session.context.ending) {
      app.sound.play('end');
      app.go({ name: 'debrief', attemptId });
      return;
    }
    renderTranscript();
    renderChoices();
    choices.querySelector<HTMLButtonElement>('button')?.focus();
  };

  async function choose(responseId: string): Promise<void> {
    if (busy) return;
    busy = true;
    app.sound.play('choice');
    try {
      const turn = await session.choose(responseId);
      canStepBack = true;
      renderTranscript();
      if (session.mode === 'practice') showFeedback(turn, afterChoice);
      else afterChoice();
    } finally {
      busy = false;
    }
  }

  stepBack.addEventListener('click', async () => {
    await session.stepBack();
    canStepBack = false;
    feedback.hidden = true;
    renderTranscript();
    renderChoices();
    choices.querySelector<HTMLButtonElement>('button')?.focus();
  });

  const onKey = (event: KeyboardEvent) => {
    if (!app.settings.shortcuts || event.altKey || event.ctrlKey || event.metaKey) return;
    if (!document.body.contains(choices)) return document.removeEventListener('keydown', onKey);
    const target = event.target as HTMLElement | null;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
    // A dialog (Support, Settings) over the session: its keys are its own, never a reply behind it.
    if (document.querySelector('dialog[open]')) return;
    const index = Number(event.key) - 1;
    const button = choices.querySelectorAll<HTMLButtonElement>('button.choice')[index];
    if (button && !busy) {
      event.preventDefault();
      button.click();
    }
  };
  document.addEventListener('keydown', onKey);

  show(app.main,
    // Every reply is already saved: leaving is a pause, and the library offers to continue.
    h('nav', { 'aria-label': 'Back' }, h('button', { class: 'link', onclick: () => app.go({ name: 'library' }) }, '← Pause: all sessions')),
    h('h1', { class: 'visually-hidden' }, `Session with ${client.name}`),
    h('p', { class: 'mode-note' }, modeNote),
    log,
    feedback,
    h('section', { class: 'respond', 'aria-labelledby': 'choices-heading' },
      h('h2', { id: 'choices-heading' }, 'Your reply'),
      h('p', { class: 'help' }, app.settings.shortcuts ? 'Press a number key, or choose a button.' : 'Choose a button.'),
      choices,
      stepBack));
  renderTranscript();
  renderChoices();
  choices.querySelector<HTMLButtonElement>('button')?.focus();
}
