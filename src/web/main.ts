/**
 * The supervisor's page: cohorts, invite links, assignments and the attempts of
 * a cohort's trainees, with the scores the server derived. Plain DOM, no Phaser.
 * Admins also create accounts here.
 */
import library from 'virtual:securebase-library';
import type { SessionUser } from '../api/client.js';
import type { CommentRequest, CreateAssignmentRequest } from '../api/schemas.js';
import { DEFAULT_THRESHOLDS } from '../engine/play.js';
import type { ReviewTurn } from '../engine/play.js';
import { OUTCOMES } from '../engine/vocabulary.js';
import type { Outcome } from '../engine/vocabulary.js';
import { h, show } from '../browser/dom.js';
import { api, field, flagWords, onSubmit, scrollable, signedInUser, titleOf, when, xapiStatus } from './common.js';
import './web.css';

interface Cohort { readonly id: string; readonly name: string }
interface Member { readonly id: string; readonly name: string; readonly email: string }
interface Thresholds { readonly trust: number; readonly safety: number; readonly repair: number; readonly failingOutcomes?: readonly Outcome[] }
interface Assignment { readonly id: string; readonly scenarioId: string; readonly mode: string; readonly dueAt: string; readonly thresholds: Thresholds }

const OUTCOME_WORDS: Record<Outcome, string> = { repaired: 'Repaired', held: 'Held', unresolved: 'Unresolved', dropout: 'Dropout', referred: 'Referred', escalated: 'Escalated' };

/** An assignment's pass marks in a few words. */
function passMarks(t: Thresholds): string {
  const failing = t.failingOutcomes ?? DEFAULT_THRESHOLDS.failingOutcomes ?? [];
  const endings = failing.length ? `; fails on ${failing.map((o) => OUTCOME_WORDS[o].toLowerCase()).join(', ')}` : '';
  return `pass marks: trust ${t.trust}, safety ${t.safety}, repair ${t.repair}${endings}`;
}
interface Attempt {
  readonly id: string; readonly userId: string; readonly scenarioId: string; readonly mode: string; readonly startedAt: string;
  readonly finishedAt: string | null; readonly turnCount: number; readonly outcome: string | null; readonly flags: readonly string[];
  readonly passed: boolean | null;
  readonly scores: { readonly trust: number; readonly safety: number; readonly repair: number | null };
}

const main = document.getElementById('main')!;

async function boot(): Promise<void> {
  const user = await signedInUser(main, 'Supervise');
  if (!user) return;
  if (user.role === 'trainee') {
    show(main, h('h1', {}, 'Supervise'), h('p', {}, 'This page is for supervisors. ', h('a', { href: '/' }, 'Back to your sessions')));
    return;
  }
  // The programme page links straight to a cohort's board or an attempt's review.
  const params = new URLSearchParams(location.search);
  const attempt = params.get('attempt');
  if (attempt) {
    await reviewView(user, attempt, () => {
      history.replaceState(null, '', location.pathname);
      return render(user, null);
    });
  } else await render(user, params.get('cohort'));
}

async function render(user: SessionUser, selected: string | null): Promise<void> {
  const { cohorts } = await api.request<{ cohorts: Cohort[] }>('GET', '/api/cohorts');
  const current = cohorts.find((c) => c.id === selected) ?? cohorts[0] ?? null;

  const newCohortError = h('p', { class: 'error', role: 'alert' });
  const newCohort = h('form', { class: 'inline' },
    field('cohort-name', 'New cohort', h('input', { id: 'cohort-name', name: 'name', required: true })),
    h('button', { type: 'submit' }, 'Create cohort'));
  onSubmit(newCohort, newCohortError, async ({ name }) => {
    const { cohort } = await api.request<{ cohort: Cohort }>('POST', '/api/cohorts', { name });
    await render(user, cohort.id);
  });

  show(main,
    h('h1', { tabindex: -1 }, 'Supervise'),
    user.role === 'admin' ? await xapiStatus() : null,
    user.role === 'admin' ? accountsSection() : null,
    h('section', { 'aria-labelledby': 'cohorts-heading' },
      h('h2', { id: 'cohorts-heading' }, 'Cohorts'),
      cohorts.length
        ? h('ul', { class: 'cohort-list' }, cohorts.map((cohort) => h('li', {},
          h('button', { type: 'button', 'aria-current': cohort.id === current?.id ? 'true' : 'false', onclick: () => render(user, cohort.id) }, cohort.name))))
        : h('p', {}, 'No cohorts yet.'),
      newCohort, newCohortError),
    current ? await cohortSection(user, current) : null);
  main.querySelector('h1')?.focus();
}

interface Board {
  readonly assignments: readonly Assignment[];
  readonly flagged: readonly { readonly attemptId: string; readonly trainee: string; readonly scenarioId: string; readonly flags: readonly string[]; readonly at: string; readonly signedOff: boolean }[];
  readonly rows: readonly { readonly trainee: { readonly name: string }; readonly cells: readonly { readonly status: string; readonly passed: boolean | null }[] }[];
  readonly overdue: number;
}

const STATUS_WORDS: Record<string, string> = { done: 'Done', in_progress: 'In progress', not_started: 'Not started', overdue: 'Overdue' };

/** Who finished what and who is overdue, with attempts that raised a critical flag first. */
function statusBoard(user: SessionUser, cohort: Cohort, board: Board): HTMLElement {
  // What still needs the supervisor comes first; what they have signed off waits behind a disclosure.
  const waiting = board.flagged.filter((f) => !f.signedOff);
  const signedOff = board.flagged.filter((f) => f.signedOff);
  const flagList = (flags: Board['flagged']) => h('ul', {}, flags.map((f) => h('li', { class: 'flag' },
    `${f.trainee}, ${titleOf(f.scenarioId)}, ${when(f.at)}: ${flagWords(f.flags)} `,
    h('button', { type: 'button', onclick: () => reviewView(user, f.attemptId, () => render(user, cohort.id)) }, `Review ${f.trainee}'s flagged attempt`))));
  return h('section', { class: 'board', 'aria-labelledby': 'board-heading' },
    h('h3', { id: 'board-heading' }, 'Status board'),
    board.flagged.length
      ? h('div', { class: 'flagged' },
        h('h4', {}, `Critical flags to review: ${waiting.length}`),
        waiting.length ? flagList(waiting) : h('p', {}, 'Every flagged attempt is signed off.'),
        signedOff.length ? h('details', {}, h('summary', {}, `Flagged and signed off: ${signedOff.length}`), flagList(signedOff)) : null)
      : h('p', {}, 'No critical flags in this cohort.'),
    board.assignments.length && board.rows.length
      ? scrollable(`Assignments by trainee${board.overdue ? `: ${board.overdue} overdue` : ''}`, h('table', {},
        h('caption', {}, `Assignments by trainee${board.overdue ? `: ${board.overdue} overdue` : ''}`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Trainee'), board.assignments.map((a) => h('th', { scope: 'col' }, `${titleOf(a.scenarioId)} (due ${when(a.dueAt)})`)))),
        h('tbody', {}, board.rows.map((row) => h('tr', {},
          h('th', { scope: 'row' }, row.trainee.name),
          row.cells.map((cell) => h('td', { class: cell.status === 'overdue' ? 'flag' : '' },
            STATUS_WORDS[cell.status] ?? cell.status, cell.passed === null ? '' : cell.passed ? ', pass marks met' : ', pass marks not met')))))))
      : null);
}

async function cohortSection(user: SessionUser, cohort: Cohort): Promise<HTMLElement> {
  const [{ members }, { assignments }, { attempts }, board] = await Promise.all([
    api.request<{ members: Member[] }>('GET', `/api/cohorts/${cohort.id}`),
    api.request<{ assignments: Assignment[] }>('GET', `/api/cohorts/${cohort.id}/assignments`),
    api.request<{ attempts: Attempt[] }>('GET', `/api/attempts?cohortId=${cohort.id}`),
    api.request<Board>('GET', `/api/cohorts/${cohort.id}/board`),
  ]);
  const nameOf = (userId: string) => members.find((m) => m.id === userId)?.name ?? 'unknown';

  const inviteOut = h('div', {});
  const inviteButton = h('button', { type: 'button', onclick: async () => {
    const { invite } = await api.request<{ invite: { code: string; path: string; expiresAt: string } }>('POST', `/api/cohorts/${cohort.id}/invites`, {});
    const url = `${location.origin}${invite.path}`;
    show(inviteOut,
      field('invite-link', 'Invite link (send it to your trainees)', h('input', { id: 'invite-link', class: 'invite-link', readonly: true, value: url })),
      field('invite-code', 'Or the invite code (trainees type it on the game\'s sign-in page)',
        h('input', { id: 'invite-code', class: 'invite-code', readonly: true, value: invite.code, 'aria-describedby': 'invite-expiry' })),
      h('p', { class: 'help', id: 'invite-expiry' }, `Both work until ${when(invite.expiresAt)}.`));
    inviteOut.querySelector('input')?.select();
  } }, 'Create an invite link');

  const assignError = h('p', { class: 'error', role: 'alert' });
  const inAWeek = new Date(Date.now() + 7 * 86_400_000);
  inAWeek.setHours(17, 0, 0, 0);
  const localValue = new Date(inAWeek.getTime() - inAWeek.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const assign = h('form', { class: 'inline' },
    field('assign-scenario', 'Scenario', h('select', { id: 'assign-scenario', name: 'scenarioId' },
      library.cards.map((card) => h('option', { value: card.id }, card.title)))),
    field('assign-due', 'Due', h('input', { id: 'assign-due', name: 'due', type: 'datetime-local', value: localValue, required: true })),
    field('assign-mode', 'Mode', h('select', { id: 'assign-mode', name: 'mode' }, h('option', { value: 'assessment' }, 'Assessment'), h('option', { value: 'practice' }, 'Practice'))),
    ...(['trust', 'safety', 'repair'] as const).map((score) =>
      field(`assign-${score}`, `Pass mark: ${score}`, h('input', { id: `assign-${score}`, name: score, type: 'number', min: 0, max: 100, value: DEFAULT_THRESHOLDS[score], required: true }))),
    h('fieldset', { class: 'outcomes' },
      h('legend', {}, 'Endings that fail, whatever the scores'),
      OUTCOMES.map((outcome) => h('label', {},
        h('input', { type: 'checkbox', name: 'failingOutcomes', value: outcome, checked: (DEFAULT_THRESHOLDS.failingOutcomes ?? []).includes(outcome) }),
        ` ${OUTCOME_WORDS[outcome]}`))),
    h('button', { type: 'submit', class: 'primary' }, 'Assign'));
  onSubmit(assign, assignError, async (values) => {
    const failingOutcomes = [...assign.querySelectorAll<HTMLInputElement>('input[name="failingOutcomes"]:checked')].map((box) => box.value as Outcome);
    const assignment: CreateAssignmentRequest = {
      scenarioId: values.scenarioId!, mode: values.mode === 'practice' ? 'practice' : 'assessment', dueAt: new Date(values.due!).toISOString(),
      thresholds: { trust: Number(values.trust), safety: Number(values.safety), repair: Number(values.repair), failingOutcomes },
    };
    await api.request('POST', `/api/cohorts/${cohort.id}/assignments`, assignment);
    await render(user, cohort.id);
  });

  return h('section', { 'aria-labelledby': 'cohort-heading' },
    h('h2', { id: 'cohort-heading' }, cohort.name),
    statusBoard(user, cohort, board),
    h('h3', {}, 'Trainees'),
    members.length ? h('ul', {}, members.map((m) => h('li', {}, `${m.name} (${m.email}) `,
      h('a', { href: `/api/users/${m.id}/record`, download: '' }, `${m.name}'s record (JSON)`)))) : h('p', {}, 'No trainees yet. Create an invite link and send it to them.'),
    inviteButton, inviteOut,
    h('h3', {}, 'Assignments'),
    assignments.length
      ? h('ul', {}, assignments.map((a) => h('li', {}, `${titleOf(a.scenarioId)}: ${a.mode}, due ${when(a.dueAt)}`, h('span', { class: 'help' }, ` (${passMarks(a.thresholds)})`))))
      : h('p', {}, 'Nothing assigned yet.'),
    assign, assignError,
    h('p', {}, 'Download this cohort\'s ', h('a', { href: `/api/exports/attempts.csv?cohortId=${cohort.id}`, download: '' }, 'attempts (CSV)'),
      ' or ', h('a', { href: `/api/exports/turns.csv?cohortId=${cohort.id}`, download: '' }, 'turns (CSV)'), ' for your own analysis.'),
    scrollable('Attempts', h('table', {},
        h('caption', {}, 'Attempts'),
      h('thead', {}, h('tr', {}, ['Trainee', 'Scenario', 'Mode', 'Started', 'Status', 'Trust', 'Safety', 'Repair', 'Critical flags', 'Pass marks', 'Review'].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, attempts.length
        ? attempts.map((a) => h('tr', {},
          h('td', {}, nameOf(a.userId)), h('td', {}, titleOf(a.scenarioId)), h('td', {}, a.mode), h('td', {}, when(a.startedAt)),
          h('td', {}, a.finishedAt ? `finished: ${a.outcome}` : `in progress (${a.turnCount} turns)`),
          h('td', {}, a.scores.trust), h('td', {}, a.scores.safety), h('td', {}, a.scores.repair ?? 'no rupture'),
          h('td', { class: a.flags.length ? 'flag' : '' }, a.flags.length ? flagWords(a.flags) : 'none'),
          h('td', {}, a.passed === null ? 'not ended' : a.passed ? 'met' : 'not met'),
          h('td', {}, h('button', { type: 'button', onclick: () => reviewView(user, a.id, () => render(user, cohort.id)) }, `Review ${nameOf(a.userId)}'s attempt`))))
        : [h('tr', {}, h('td', { colspan: 11 }, 'No attempts yet.'))]))));
}

interface Flagged { readonly flag: string; readonly label: string; readonly turn: number; readonly message: string }

interface Review {
  readonly attempt: Attempt & { readonly signedOffAt: string | null };
  readonly trainee: { readonly name: string };
  readonly scenario: { readonly title: string; readonly client: string };
  readonly turns: readonly ReviewTurn[];
  /** Critical flags, each failing the attempt; notes cost Safety but do not fail. */
  readonly flags: readonly Flagged[];
  readonly notes: readonly Flagged[];
  readonly comments: readonly { readonly turnIndex: number | null; readonly body: string; readonly author: string; readonly createdAt: string }[];
  readonly signOff: { readonly at: string; readonly by: string | null } | null;
}

const signedChange = (n: number) => (n > 0 ? `+${n}` : n === 0 ? '±0' : `−${-n}`);

/** The client's state after a turn (felt safety is the client's, not the Safety score), and any harm the reply did. */
const afterTurn = (client: string, turn: ReviewTurn) =>
  `After it, ${client}'s trust was ${turn.trust} and felt safety ${turn.safety} (the client's state).`
  + `${turn.harm > 0 ? ` The reply chosen did harm: it cost ${turn.harm} ${turn.harm === 1 ? 'point' : 'points'} of the Safety score.` : ''}`;

/** One attempt, turn by turn: what the client did, what the trainee chose beside every reply on offer, and the comments. */
async function reviewView(user: SessionUser, attemptId: string, back: () => Promise<void>): Promise<void> {
  const review = await api.request<Review>('GET', `/api/attempts/${attemptId}/review`);
  const { attempt } = review;
  const commentForm = (turnIndex: number | null) => {
    const id = `comment-${turnIndex ?? 'all'}`;
    const error = h('p', { class: 'error', role: 'alert' });
    const form = h('form', { class: 'comment-form' },
      field(id, turnIndex === null ? 'Comment on the whole attempt' : `Comment on turn ${turnIndex + 1}`, h('textarea', { id, name: 'body', rows: 2, required: true })),
      h('button', { type: 'submit' }, 'Add comment'));
    onSubmit(form, error, async ({ body }) => {
      const comment: CommentRequest = { turnIndex, body: body ?? '' };
      await api.request('POST', `/api/attempts/${attemptId}/comments`, comment);
      await reviewView(user, attemptId, back);
      document.getElementById(id)?.focus();
    });
    return [form, error];
  };
  const commentsOn = (turnIndex: number | null) => {
    const list = review.comments.filter((c) => c.turnIndex === turnIndex);
    return list.length ? h('ul', { class: 'comments' }, list.map((c) => h('li', {}, h('strong', {}, `${c.author}: `), c.body))) : null;
  };
  const signOff = h('button', { type: 'button', class: 'primary', onclick: async () => {
    await api.request('POST', `/api/attempts/${attemptId}/sign-off`, {});
    await reviewView(user, attemptId, back);
  } }, 'Sign off this attempt');

  // Each flag and note in plain words, linked to the turn it is about.
  const flagItems = (list: readonly Flagged[]) => list.map((f) => h('li', {},
    h('a', { href: `#turn-${f.turn}` }, `${f.label} (turn ${f.turn + 1})`), `: ${f.message}`));
  const { scores } = attempt;

  show(main,
    h('nav', { 'aria-label': 'Back' }, h('button', { type: 'button', onclick: () => void back() }, '← Back to the cohort')),
    h('h1', { tabindex: -1 }, `Review: ${review.trainee.name}, ${review.scenario.title}`),
    h('section', { 'aria-labelledby': 'summary-heading' },
      h('h2', { id: 'summary-heading' }, 'Summary'),
      h('p', {}, `${attempt.mode}, ${attempt.finishedAt ? `finished: ${attempt.outcome}` : `in progress (${attempt.turnCount} turns)`}.`),
      h('ul', { class: 'scores' },
        h('li', {}, h('strong', {}, `Trust ${scores.trust}`), `: ${review.scenario.client}'s trust at the end.`),
        h('li', {}, h('strong', {}, `Safety ${scores.safety}`), ': 100 minus harm done (each turn\'s loss of the client\'s felt safety, and 20 for a risk question asked late); 0 when a risk cue was not asked about.'),
        h('li', {}, h('strong', {}, `Rupture-repair ${scores.repair ?? 'not applicable'}`), scores.repair === null ? ': no rupture opened.' : ': how the ruptures were recognised and repaired.')),
      review.flags.length
        ? [h('h3', { class: 'flag' }, `Critical flags: ${review.flags.length} (any one fails the attempt)`), h('ul', { class: 'flag' }, flagItems(review.flags))]
        : h('p', {}, 'No critical flags.'),
      review.notes.length
        ? [h('h3', {}, 'Notes (they cost Safety but do not fail the attempt)'), h('ul', { class: 'notes' }, flagItems(review.notes))]
        : null,
      review.signOff ? h('p', { role: 'status' }, `Signed off by ${review.signOff.by ?? 'a supervisor'} on ${when(review.signOff.at)}.`) : attempt.finishedAt ? signOff : null,
      commentsOn(null), ...commentForm(null)),
    ...review.turns.map((turn) => h('section', { 'aria-labelledby': `turn-${turn.index}` },
      h('h2', { id: `turn-${turn.index}` }, `Turn ${turn.index + 1}`, turn.marker ? ` · rupture marker: ${turn.marker.replace(/_/g, ' ')}` : '', turn.risk ? ` · risk cue: ${turn.risk.replace(/_/g, ' ')}` : ''),
      h('p', {}, h('strong', {}, `${review.scenario.client}: `), turn.client || '(silence)', turn.cue ? h('em', {}, ` (${turn.cue})`) : null),
      h('p', { class: 'help after-turn' }, afterTurn(review.scenario.client, turn)),
      scrollable(`Replies on offer at turn ${turn.index + 1}`, h('table', {},
        h('caption', {}, `Replies on offer at turn ${turn.index + 1}, in the order the trainee saw them`),
        h('thead', {}, h('tr', {}, ['Reply', 'What it does', 'Rating', 'Client\'s trust', 'Client\'s felt safety', 'Note'].map((label) => h('th', { scope: 'col' }, label)))),
        h('tbody', {}, turn.options.map((option) => h('tr', { class: option.chosen ? 'chosen' : '' },
          h('td', {}, option.say), h('td', {}, option.moves.join(', ')), h('td', {}, `${option.rating} of 5`),
          h('td', {}, signedChange(option.trust)), h('td', {}, signedChange(option.safety)),
          h('td', {}, [option.chosen ? 'chosen' : '', option.best ? 'best on offer' : ''].filter(Boolean).join(', '))))))),
      commentsOn(turn.index), ...commentForm(turn.index))));
  main.querySelector('h1')?.focus();
}

function accountsSection(): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const done = h('p', { role: 'status' });
  const form = h('form', { class: 'inline' },
    field('new-name', 'Name', h('input', { id: 'new-name', name: 'name', required: true })),
    field('new-email', 'Email', h('input', { id: 'new-email', name: 'email', type: 'email', required: true })),
    field('new-role', 'Role', h('select', { id: 'new-role', name: 'role' }, h('option', { value: 'supervisor' }, 'Supervisor'), h('option', { value: 'trainee' }, 'Trainee'), h('option', { value: 'admin' }, 'Admin'))),
    field('new-password', 'First password', h('input', { id: 'new-password', name: 'password', type: 'password', autocomplete: 'new-password', required: true })),
    h('button', { type: 'submit' }, 'Create account'));
  onSubmit(form, error, async (values) => {
    const { user } = await api.request<{ user: SessionUser }>('POST', '/api/users', values);
    done.textContent = `Created ${user.role} ${user.email}.`;
    form.reset();
  });
  return h('section', { 'aria-labelledby': 'accounts-heading' }, h('h2', { id: 'accounts-heading' }, 'Accounts'), form, error, done);
}

void boot();
