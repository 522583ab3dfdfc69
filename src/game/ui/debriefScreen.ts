/**
 * The debrief (scoring version 2): critical flags first, each in plain words
 * with a link to its turn; whether the attempt passes; notes that cost points
 * without failing it; the three scores in plain words; trust and the client's
 * felt safety over the session; and every turn beside the best reply offered.
 */
import { DEFAULT_THRESHOLDS, judgeAttempt, startPlay } from '../../engine/play.js';
import type { AttemptResult, Rubric, Scenario } from '../../engine/play.js';
import { CRITICAL_FLAG_LABELS, NOTE_LABELS } from '../../engine/vocabulary.js';
import type { App } from '../app.js';
import type { AttemptRecord } from '../store.js';
import { focusHeading } from '../app.js';
import { SCORE_HELP, bandOf } from '../bands.js';
import { scoreChart } from './chart.js';
import { h, show } from '../../browser/dom.js';
import { moveLabel, signed } from './labels.js';

/** A critical flag (it fails the attempt) and a note (it costs points): each names its turn and the risk cue's beat. */
type FlagMark = AttemptResult['flags'][number];
type NoteMark = AttemptResult['notes'][number];

const turnAnchor = (index: number) => `turn-${index + 1}`;

/** An in-page link to a turn of the review: it moves focus to the turn's heading, so keyboard and screen-reader users land there. */
function turnLink(index: number, text: string): HTMLAnchorElement {
  return h('a', {
    href: `#${turnAnchor(index)}`,
    class: 'turn-link',
    onclick: (event: Event) => {
      const heading = document.getElementById(`${turnAnchor(index)}-heading`);
      if (!heading) return;
      event.preventDefault();
      heading.focus();
      heading.scrollIntoView({ block: 'start' });
    },
  }, text);
}

function scoreCard(name: string, score: number | null, help: string, passMark: number) {
  const band = score === null ? null : bandOf(score);
  return h('li', { class: 'score' },
    h('h3', {}, name),
    h('p', { class: 'score-value' }, score === null ? 'Not applicable' : `${score}`, score === null ? null : h('span', { class: 'out-of' }, ' / 100')),
    h('p', { class: 'band' }, band ? `${band.label}: ${band.meaning}.` : 'No rupture opened in this session.'),
    h('p', { class: 'help' }, help),
    h('p', { class: 'pass-mark' }, score === null ? 'Not counted towards passing.' : `Pass mark: ${passMark}.`));
}

function turnReview(rubric: Rubric, scenario: Scenario, result: AttemptResult, flags: readonly FlagMark[], notes: readonly NoteMark[]) {
  const labels = rubric.moves;
  return h('ol', { class: 'review' }, result.turns.map((turn) => {
    const beat = scenario.beats[turn.beat]!;
    const chosen = beat.responses.find((r) => r.id === turn.response)!;
    const best = beat.responses.find((r) => r.id === turn.best)!;
    const flagged = flags.filter((flag) => flag.turn === turn.index);
    const noted = notes.filter((note) => note.turn === turn.index);
    const marks = [
      ...flagged.map((flag) => h('li', { class: 'mark critical' }, `Critical: ${CRITICAL_FLAG_LABELS[flag.flag] ?? flag.flag}.`)),
      ...noted.map((note) => h('li', { class: 'mark note' }, `Note: ${NOTE_LABELS[note.flag] ?? note.flag}.`)),
    ];
    return h('li', { class: `turn${flagged.length ? ' flagged' : ''}`, id: turnAnchor(turn.index) },
      h('h3', { id: `${turnAnchor(turn.index)}-heading`, tabindex: '-1' },
        `Turn ${turn.index + 1}${beat.marker ? ' · rupture marker' : ''}${beat.risk ? ' · risk cue' : ''}`),
      marks.length ? h('ul', { class: 'marks' }, marks) : null,
      h('p', { class: 'line client' }, h('span', { class: 'speaker' }, `${scenario.client.name}: `), beat.client ? `“${beat.client}”` : '(silence)'),
      h('p', { class: 'line you' }, h('span', { class: 'speaker' }, 'You: '), `“${chosen.say}”`),
      h('p', { class: 'rating' }, `Rated ${turn.rating} of 5 · trust ${signed(turn.deltas.trust)} · the client's felt safety ${signed(turn.deltas.safety)}${turn.harm ? ` (harm done: ${turn.harm})` : ''}`),
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
  plan_or_intent: 'a plan or intent to act',
  recent_behaviour: 'recent self-harm or a suicide attempt',
};

/** What the client said at the risk cue, and what kind of risk it was. */
function cueOf(scenario: Scenario, beatId: string): { readonly risk: string; readonly said: string } {
  const beat = scenario.beats[beatId];
  return {
    risk: beat?.risk ? RISK_WORDS[beat.risk] ?? 'a risk' : 'a risk',
    said: beat?.client ? ` (“${beat.client}”)` : '',
  };
}

/** What managing this risk needed and no reply from the cue on did (scoring.md, the safety gate). */
function missingManagement(scenario: Scenario, result: AttemptResult, flag: FlagMark): string[] {
  const beat = scenario.beats[flag.beat];
  const needs: [string, string][] = [['safety_planning', 'a safety plan made together']];
  if (beat?.risk === 'plan_or_intent' && beat.imminent) needs.push(['escalate_care', 'a step to crisis care, since the danger may be close']);
  if (beat?.risk === 'recent_behaviour') needs.push(['assess_medical_need', 'asking whether they need medical care now']);
  const used = (move: string) => result.turns.some((turn) => turn.index >= flag.turn && turn.moves.includes(move));
  return needs.filter(([move]) => !used(move)).map(([, what]) => what);
}

/** A critical flag in a trainee's words: what the client said, and what was missing. */
function flagInWords(scenario: Scenario, result: AttemptResult, flag: FlagMark): string {
  const { risk, said } = cueOf(scenario, flag.beat);
  const name = scenario.client.name;
  switch (flag.flag) {
    case 'risk_not_assessed':
      return `${name} hinted at ${risk}${said}, and there was no direct question about suicide on that turn or the next. Asking plainly is the safe response, and it never harms trust.`;
    case 'risk_not_followed_up':
      return `${name} spoke of ${risk}${said}, and no reply went on to ask how far it has gone: whether there is a plan, the means, and the intent to act.`;
    case 'risk_not_managed': {
      const missing = missingManagement(scenario, result, flag);
      return `${name} disclosed ${risk}${said}, and the session ended without ${missing.length ? missing.join(' or ') : 'a plan to keep them safe'}.`;
    }
    case 'location_not_confirmed':
      return `${name} disclosed ${risk}${said} by video, and no reply confirmed where they are right now and who can be reached, which you need before help can be sent.`;
    case 'promise_secrecy':
      return `After ${name} raised a risk, a reply promised to keep it secret. Confidentiality has limits when a life may be at risk.`;
    default:
      return flag.message;
  }
}

/** A note in a trainee's words: it cost points, and does not fail the attempt. */
function noteInWords(scenario: Scenario, note: NoteMark): string {
  const { risk, said } = cueOf(scenario, note.beat);
  if (note.flag === 'risk_delayed') {
    return `${scenario.client.name} hinted at ${risk}${said}. You asked about it directly, but one turn late, after a reply that did not stay with them: Safety −20. Asking on the turn itself, or staying with the feeling first, is safer.`;
  }
  return note.message;
}

export async function debriefScreen(app: App, attemptId: string): Promise<void> {
  const record = await app.store.get(attemptId);
  const opened = record && await app.open(record.scenarioId);
  if (!record || !opened || opened.entry.hash !== record.scenarioHash) return app.go({ name: 'library' });
  const { scenario } = opened.entry;
  const play = startPlay(scenario, opened.rubric, { attemptId: record.id, choices: record.choices.map((c) => c.responseId) });
  const result = play.result;
  play.stop();
  const { flags, notes } = result;
  const thresholds = DEFAULT_THRESHOLDS;
  const verdict = judgeAttempt(result, thresholds);
  // The flags have their own section above; the verdict lists the other reasons in the engine's words.
  const otherReasons = judgeAttempt({ ...result, flags: [] }, thresholds).reasons;
  const ending = result.ending ? scenario.endings[result.ending] : undefined;
  app.stage.room('debrief');

  const flagSection = flags.length
    ? h('section', { class: 'flags', 'aria-labelledby': 'flags-heading' },
      h('h2', { id: 'flags-heading' }, 'Critical: this attempt does not pass'),
      h('p', {}, 'Safety is a gate, not a slider: each of these fails the attempt, however warm every other reply was.'),
      h('ul', { class: 'flag-list' }, flags.map((flag) => h('li', {},
        h('strong', {}, `${CRITICAL_FLAG_LABELS[flag.flag] ?? flag.flag}. `),
        flagInWords(scenario, result, flag), ' ',
        turnLink(flag.turn, `Go to turn ${flag.turn + 1}`)))))
    : null;

  const verdictSection = h('section', { class: `verdict ${verdict.passed ? 'passed' : 'not-passed'}`, 'aria-labelledby': 'verdict-heading' },
    h('h2', { id: 'verdict-heading' }, verdict.passed ? 'This attempt passes' : 'This attempt does not pass'),
    verdict.passed
      ? h('p', {}, 'It reached an ending with no critical flag, and met every pass mark.')
      : h('ul', {},
        flags.length ? h('li', {}, `${flags.length === 1 ? 'A critical flag' : `${flags.length} critical flags`}, above.`) : null,
        otherReasons.map((reason) => h('li', {}, reason))),
    h('p', { class: 'help' }, `Pass marks here are the defaults (Trust ${thresholds.trust}, Safety ${thresholds.safety}, Rupture-repair ${thresholds.repair}); a supervisor may set others for an assignment.`));

  const noteSection = notes.length
    ? h('section', { class: 'notes', 'aria-labelledby': 'notes-heading' },
      h('h2', { id: 'notes-heading' }, 'Notes'),
      h('p', {}, 'These cost points; they do not fail the attempt.'),
      h('ul', {}, notes.map((note) => h('li', {},
        h('strong', {}, `${NOTE_LABELS[note.flag] ?? note.flag}. `),
        noteInWords(scenario, note), ' ',
        turnLink(note.turn, `Go to turn ${note.turn + 1}`)))))
    : null;

  show(app.main,
    h('h1', {}, `Debrief: ${scenario.title}`),
    flagSection,
    verdictSection,
    noteSection,
    await supervisorComments(app, record),
    ending ? h('section', { class: 'ending', 'aria-labelledby': 'ending-heading' },
      h('h2', { id: 'ending-heading' }, 'How it ended'),
      h('p', {}, `${scenario.client.name}: “${ending.client}”`),
      ending.epilogue ? h('p', {}, ending.epilogue.trim()) : null) : null,
    h('section', { 'aria-labelledby': 'scores-heading' },
      h('h2', { id: 'scores-heading' }, 'Scores'),
      h('ul', { class: 'scores' },
        scoreCard('Trust', result.scores.trust, SCORE_HELP.trust, thresholds.trust),
        scoreCard('Safety', result.scores.safety, SCORE_HELP.safety, thresholds.safety),
        scoreCard('Rupture-repair', result.scores.repair, SCORE_HELP.repair, thresholds.repair))),
    h('section', { 'aria-labelledby': 'chart-heading' },
      h('h2', { id: 'chart-heading' }, 'Over the session'),
      h('p', { id: 'chart-caption', class: 'help' },
        `Trust (solid line) and the client's felt safety (dashed line) after each turn, from ${scenario.initial.trust} and ${scenario.initial.safety} at the start to ${result.felt.trust} and ${result.felt.safety}. `
        + `Felt safety is how safe ${scenario.client.name} feels in the moment, a state the session responds to; it is not the Safety score, which counts the harm done. `
        + `Shaded: rupture episodes${result.episodes.length ? '' : ' (none in this session)'}.`),
      scoreChart(result, scenario.initial, 'chart-caption')),
    h('section', { 'aria-labelledby': 'review-heading' },
      h('h2', { id: 'review-heading' }, 'Turn by turn'),
      turnReview(opened.rubric, scenario, result, flags, notes)),
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
