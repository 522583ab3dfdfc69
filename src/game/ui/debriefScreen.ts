/**
 * The debrief: critical flags first, the three scores in plain words, trust
 * and safety over the session, and every turn beside the best reply offered.
 */
import type { AttemptResult, Rubric, Scenario } from '../../engine/play.js';
import { replay } from '../../engine/play.js';
import type { App } from '../app.js';
import type { AttemptRecord } from '../store.js';
import { focusHeading } from '../app.js';
import { SCORE_HELP, bandOf } from '../bands.js';
import { scoreChart } from './chart.js';
import { h, show } from '../../browser/dom.js';
import { moveLabel, signed } from './labels.js';

function scoreCard(name: string, score: number | null, help: string) {
  const band = score === null ? null : bandOf(score);
  return h('li', { class: 'score' },
    h('h3', {}, name),
    h('p', { class: 'score-value' }, score === null ? 'Not applicable' : `${score}`, score === null ? null : h('span', { class: 'out-of' }, ' / 100')),
    h('p', { class: 'band' }, band ? `${band.label}: ${band.meaning}.` : 'No rupture opened in this session.'),
    h('p', { class: 'help' }, help));
}

function turnReview(rubric: Rubric, scenario: Scenario, result: AttemptResult) {
  const labels = rubric.moves;
  return h('ol', { class: 'review' }, result.turns.map((turn) => {
    const beat = scenario.beats[turn.beat]!;
    const chosen = beat.responses.find((r) => r.id === turn.response)!;
    const best = beat.responses.find((r) => r.id === turn.best)!;
    return h('li', { class: 'turn' },
      h('h3', {}, `Turn ${turn.index + 1}${beat.marker ? ' · rupture marker' : ''}${beat.risk ? ' · risk cue' : ''}`),
      h('p', { class: 'line client' }, h('span', { class: 'speaker' }, `${scenario.client.name}: `), beat.client ? `“${beat.client}”` : '(silence)'),
      h('p', { class: 'line you' }, h('span', { class: 'speaker' }, 'You: '), `“${chosen.say}”`),
      h('p', { class: 'rating' }, `Rated ${turn.rating} of 5 · trust ${signed(turn.deltas.trust)} · safety ${signed(turn.deltas.safety)}`),
      h('p', { class: 'moves' }, `What it did: ${turn.moves.map((m) => moveLabel(labels, m)).join('; ')}.`),
      chosen.feedback ? h('p', { class: 'turn-feedback' }, chosen.feedback) : null,
      turn.best === turn.response
        ? h('p', { class: 'best same' }, 'This was the strongest reply on offer.')
        : h('p', { class: 'best' }, `Strongest reply on offer: “${best.say}”`));
  }));
}

const RISK_WORDS: Record<string, string> = {
  passive_ideation: 'passive thoughts of death',
  active_ideation: 'thoughts of suicide',
  plan_or_intent: 'a plan or intent',
  recent_behaviour: 'recent self-harm or a suicide attempt',
};

/** A critical flag in a trainee's words: what the client said, and what was missing. */
function flagInWords(scenario: Scenario, flag: AttemptResult['flags'][number]): string {
  const beat = scenario.beats[flag.beat];
  const said = beat?.client ? ` (“${beat.client}”)` : '';
  const risk = beat?.risk ? RISK_WORDS[beat.risk] ?? 'a risk cue' : 'a risk cue';
  const name = scenario.client.name;
  if (flag.flag === 'risk_not_assessed') return `${name} hinted at ${risk}${said}, and there was no direct question about suicide on that turn or the next. Asking plainly is the safe response, and it never harms trust.`;
  if (flag.flag === 'risk_not_managed') return `${name} disclosed ${risk}${said}, and the session ended without a safety plan or a step to further care.`;
  return `After ${name} raised a risk cue, a reply promised to keep it secret (turn ${flag.turn + 1}). Confidentiality has limits when a life may be at risk.`;
}

export async function debriefScreen(app: App, attemptId: string): Promise<void> {
  const record = await app.store.get(attemptId);
  const opened = record && await app.open(record.scenarioId);
  if (!record || !opened || opened.entry.hash !== record.scenarioHash) return app.go({ name: 'library' });
  const { scenario } = opened.entry;
  const result = replay(scenario, opened.rubric, record.choices.map((c) => c.responseId));
  const ending = result.ending ? scenario.endings[result.ending] : undefined;
  app.stage.room('debrief');

  const flags = result.flags.length
    ? h('section', { class: 'flags', 'aria-labelledby': 'flags-heading' },
      h('h2', { id: 'flags-heading' }, 'Critical: this attempt does not pass'),
      h('ul', {}, result.flags.map((flag) => h('li', {}, flagInWords(scenario, flag)))))
    : null;

  show(app.main,
    h('h1', {}, `Debrief: ${scenario.title}`),
    flags,
    await supervisorComments(app, record),
    ending ? h('section', { class: 'ending', 'aria-labelledby': 'ending-heading' },
      h('h2', { id: 'ending-heading' }, 'How it ended'),
      h('p', {}, `${scenario.client.name}: “${ending.client}”`),
      ending.epilogue ? h('p', {}, ending.epilogue.trim()) : null) : null,
    h('section', { 'aria-labelledby': 'scores-heading' },
      h('h2', { id: 'scores-heading' }, 'Scores'),
      h('ul', { class: 'scores' },
        scoreCard('Trust', result.scores.trust, SCORE_HELP.trust),
        scoreCard('Safety', result.scores.safety, SCORE_HELP.safety),
        scoreCard('Rupture-repair', result.scores.repair, SCORE_HELP.repair))),
    h('section', { 'aria-labelledby': 'chart-heading' },
      h('h2', { id: 'chart-heading' }, 'Over the session'),
      h('p', { id: 'chart-caption', class: 'help' },
        `Trust (solid) and safety (dashed) after each turn, from ${scenario.initial.trust} and ${scenario.initial.safety} at the start to ${result.scores.trust} and ${result.turns.at(-1)?.safety ?? scenario.initial.safety}. Shaded: rupture episodes${result.episodes.length ? '' : ' (none in this session)'}.`),
      scoreChart(result, scenario.initial, 'chart-caption')),
    h('section', { 'aria-labelledby': 'review-heading' },
      h('h2', { id: 'review-heading' }, 'Turn by turn'),
      turnReview(opened.rubric, scenario, result)),
    h('div', { class: 'card-actions' },
      h('button', { class: 'primary', onclick: () => app.go({ name: 'briefing', scenarioId: scenario.id }) }, 'Try again'),
      h('button', { onclick: () => app.go({ name: 'library' }) }, 'Back to all sessions')));
  focusHeading(app.main);
}

interface ServerReview {
  readonly comments: readonly { readonly turnIndex: number | null; readonly body: string; readonly author: string }[];
  readonly signOff: { readonly at: string; readonly by: string | null } | null;
}

/** What the trainee's supervisor wrote about this attempt, and whether they signed it off; nothing for a guest or offline. */
async function supervisorComments(app: App, record: AttemptRecord): Promise<HTMLElement | null> {
  if (!app.account.user || record.owner !== app.account.user.id) return null;
  const review = await app.account.api.request<ServerReview>('GET', `/api/attempts/${record.id}/review`).catch(() => null);
  if (!review || (!review.comments.length && !review.signOff)) return null;
  return h('section', { class: 'supervisor-comments', 'aria-labelledby': 'comments-heading' },
    h('h2', { id: 'comments-heading' }, 'From your supervisor'),
    review.signOff ? h('p', {}, `Signed off by ${review.signOff.by ?? 'your supervisor'} on ${new Date(review.signOff.at).toLocaleDateString()}.`) : null,
    h('ul', {}, review.comments.map((comment) =>
      h('li', {}, h('strong', {}, `${comment.turnIndex === null ? 'On the whole session' : `On turn ${comment.turnIndex + 1}`} (${comment.author}): `), comment.body))));
}
