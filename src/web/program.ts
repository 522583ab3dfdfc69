/**
 * The programme page, for admins: every cohort at a glance for a date range;
 * completion and overdue rates, score trends, each trainee's scores over time,
 * which rupture markers trainees recognise and which they miss, and the
 * critical-flag incidents. Every chart has its numbers in a table beside it.
 */
import { MARKERS, MARKER_LABELS } from '../engine/vocabulary.js';
import type { Marker } from '../engine/vocabulary.js';
import { weekOf } from '../api/program.js';
import type { ProgramOverview, TraineeProgress } from '../api/program.js';
import { h, show } from '../browser/dom.js';
import { SCORE_COLOURS, SERIES_COLOURS, chartFigure, heatmap, rateColour, stackedBars, timeLines } from './charts.js';
import { api, count, day, field, flagWords, onSubmit, scrollable, signedInUser, titleOf, xapiStatus } from './common.js';
import './web.css';

const main = document.getElementById('main')!;
const DAY = 86_400_000;
const SCORES = ['trust', 'safety', 'repair'] as const;
type ScoreName = (typeof SCORES)[number];
const SCORE_WORDS: Record<ScoreName, string> = { trust: 'Trust', safety: 'Safety', repair: 'Rupture-repair' };

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`);
const markerWords = (marker: string) => MARKER_LABELS[marker as Marker] ?? marker.replace(/_/g, ' ');
const scoreText = (n: number | null) => (n === null ? '–' : String(n));
const mean = (values: readonly (number | null)[]) => {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? Math.round(present.reduce((a, b) => a + b, 0) / present.length) : null;
};

async function boot(): Promise<void> {
  const user = await signedInUser(main, 'Programme');
  if (!user) return;
  if (user.role !== 'admin') {
    show(main, h('h1', {}, 'Programme'), h('p', {}, 'This page is for the programme\'s admins. ', h('a', { href: '/supervise' }, 'Go to your cohorts')));
    return;
  }
  const params = new URLSearchParams(location.search);
  const today = Date.now();
  await render(params.get('from') ?? isoDay(today - 84 * DAY), params.get('to') ?? isoDay(today));
}

async function render(from: string, to: string): Promise<void> {
  const [data, xapi] = await Promise.all([
    api.request<ProgramOverview>('GET', `/api/program?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
    xapiStatus(),
  ]);
  const cohortName = new Map(data.cohorts.map((c) => [c.id, c.name]));
  show(main,
    h('h1', { tabindex: -1 }, 'Programme'),
    xapi,
    headline(data, from, to),
    rangeForm(from, to),
    cohortsSection(data),
    trendsSection(data),
    traineesSection(data, cohortName),
    markersSection(data),
    incidentsSection(data, cohortName),
    exportsSection(data, from, to));
  drawAll();
  main.querySelector('h1')?.focus();
}

/** The range asked for, as the charts' time axis; weekly points sit on Mondays, so the axis starts at the first one's. */
const shownRange = (data: ProgramOverview) => ({ from: Date.parse(weekOf(data.range.from)), to: Date.parse(data.range.to) });
/** Charts draw once their canvas is in the page, so each section queues its drawing here. */
let pending: (() => void)[] = [];
const whenShown = (draw: () => void) => pending.push(draw);
function drawAll(): void {
  const queued = pending;
  pending = [];
  for (const draw of queued) draw();
}

/** The one paragraph a clinical director reads first. */
function headline(data: ProgramOverview, from: string, to: string): HTMLElement {
  const trainees = data.trainees.length;
  const finished = data.cohorts.reduce((n, c) => n + c.attemptsFinished, 0);
  const due = data.cohorts.reduce((acc, c) => ({ done: acc.done + c.due.done, overdue: acc.overdue + c.due.overdue, all: acc.all + c.due.done + c.due.overdue + c.due.open }), { done: 0, overdue: 0, all: 0 });
  const unsigned = data.incidents.filter((i) => !i.signedOff).length;
  const missed = weakestMarker(data);
  return h('section', { class: 'headline', 'aria-labelledby': 'headline-heading' },
    h('h2', { id: 'headline-heading' }, `${day(from)} to ${day(to)}`),
    h('ul', {},
      h('li', {}, `${count(data.cohorts.length, 'cohort')}, ${count(trainees, 'trainee')}, ${count(finished, 'session')} finished.`),
      h('li', {}, `Assignments due: ${percent(due.done, due.all)} done, ${percent(due.overdue, due.all)} overdue.`),
      h('li', { class: data.incidents.length ? 'flag' : '' }, data.incidents.length
        ? `${count(data.incidents.length, 'critical-flag incident')}, ${unsigned} not yet signed off by a supervisor.`
        : 'No critical-flag incidents.'),
      missed ? h('li', {}, `The marker trainees miss most: ${markerWords(missed.marker)} (recognised ${percent(missed.engaged, missed.met)} of ${missed.met} times).`) : null));
}

function weakestMarker(data: ProgramOverview): { marker: string; met: number; engaged: number } | null {
  const totals = new Map<string, { marker: string; met: number; engaged: number }>();
  for (const r of data.recognition) {
    const t = totals.get(r.marker) ?? { marker: r.marker, met: 0, engaged: 0 };
    totals.set(r.marker, { marker: r.marker, met: t.met + r.met, engaged: t.engaged + r.engaged });
  }
  // Markers met only a handful of times say little; ask for at least ten.
  const enough = [...totals.values()].filter((t) => t.met >= 10);
  return enough.sort((a, b) => a.engaged / a.met - b.engaged / b.met)[0] ?? null;
}

function rangeForm(from: string, to: string): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'inline', 'aria-label': 'Date range' },
    field('range-from', 'From', h('input', { id: 'range-from', name: 'from', type: 'date', value: from, required: true })),
    field('range-to', 'To', h('input', { id: 'range-to', name: 'to', type: 'date', value: to, required: true })),
    h('button', { type: 'submit', class: 'primary' }, 'Show this range'),
    h('button', { type: 'button', onclick: () => {
      const today = Date.now();
      void go(isoDay(today - 84 * DAY), isoDay(today));
    } }, 'Last twelve weeks'));
  onSubmit(form, error, async (values) => go(values.from!, values.to!));
  return h('div', { class: 'range' }, form, error);
}

async function go(from: string, to: string): Promise<void> {
  history.replaceState(null, '', `?from=${from}&to=${to}`);
  await render(from, to);
}

function cohortsSection(data: ProgramOverview): HTMLElement {
  const rows = data.cohorts;
  const total = (c: (typeof rows)[number]) => c.due.done + c.due.overdue + c.due.open;
  const share = (part: number, c: (typeof rows)[number]) => (total(c) ? Math.round((100 * part) / total(c)) : 0);
  const { figure, canvas } = chartFigure(`Assignments due per cohort: ${rows.map((c) => `${c.name} ${percent(c.due.done, total(c))} done, ${percent(c.due.overdue, total(c))} overdue`).join('; ')}.`, Math.max(8, 3 + rows.length * 2.5));
  whenShown(() => stackedBars(canvas, rows.map((c) => c.name), [
    { label: 'Done', colour: '#2f6b5a', values: rows.map((c) => share(c.due.done, c)) },
    { label: 'Overdue', colour: '#a4262c', values: rows.map((c) => share(c.due.overdue, c)) },
    { label: 'Not yet due', colour: '#c9bfb2', values: rows.map((c) => share(c.due.open, c)) },
  ]));
  return h('section', { 'aria-labelledby': 'cohorts-heading' },
    h('h2', { id: 'cohorts-heading' }, 'Cohorts'),
    rows.length ? figure : null,
    scrollable('Completion, overdue work and mean scores per cohort', h('table', {},
      h('caption', {}, 'Completion, overdue work and mean scores per cohort'),
      h('thead', {}, h('tr', {}, ['Cohort', 'Supervisor', 'Trainees', 'Assignments due', 'Done', 'Overdue', 'Sessions finished', 'Trust', 'Safety', 'Repair', 'Flagged'].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, rows.length ? rows.map((c) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `/supervise?cohort=${c.id}` }, c.name)), h('td', {}, c.owner), h('td', {}, c.trainees), h('td', {}, c.assignments),
        h('td', {}, percent(c.due.done, total(c))), h('td', { class: c.due.overdue ? 'flag' : '' }, percent(c.due.overdue, total(c))),
        h('td', {}, `${c.attemptsFinished} of ${c.attemptsStarted} started`),
        h('td', {}, scoreText(c.mean.trust)), h('td', {}, scoreText(c.mean.safety)), h('td', {}, scoreText(c.mean.repair)),
        h('td', { class: c.flaggedAttempts ? 'flag' : '' }, c.flaggedAttempts)))
        : [h('tr', {}, h('td', { colspan: 11 }, 'No cohorts yet.'))]))));
}

function trendsSection(data: ProgramOverview): HTMLElement {
  const select = h('select', { id: 'trend-score' }, SCORES.map((s) => h('option', { value: s }, SCORE_WORDS[s])));
  const { figure, canvas } = chartFigure('Weekly mean score per cohort; the table below has the numbers.');
  const draw = () => {
    const score = select.value as ScoreName;
    canvas.setAttribute('aria-label', `Weekly mean ${SCORE_WORDS[score]} per cohort; the table below has the numbers.`);
    timeLines(canvas, data.cohorts.map((c, i) => ({
      label: c.name, colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
      points: data.trends.filter((t) => t.cohortId === c.id).map((t) => ({ x: Date.parse(t.week), y: t.mean[score] })),
    })), shownRange(data));
  };
  select.addEventListener('change', draw);
  whenShown(draw);
  const weeks = [...new Set(data.trends.map((t) => t.week))].sort();
  return h('section', { 'aria-labelledby': 'trends-heading' },
    h('h2', { id: 'trends-heading' }, 'Trends by week'),
    field('trend-score', 'Score', select),
    weeks.length ? figure : h('p', {}, 'No finished sessions in this range.'),
    weeks.length ? h('details', {}, h('summary', {}, 'The weekly numbers'), scrollable('Weekly mean trust / safety / repair per cohort (finished sessions)', h('table', {},
      h('caption', {}, 'Weekly mean trust / safety / repair per cohort (finished sessions)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Week of'), data.cohorts.map((c) => h('th', { scope: 'col' }, c.name)))),
      h('tbody', {}, weeks.map((week) => h('tr', {},
        h('th', { scope: 'row' }, day(week)),
        data.cohorts.map((c) => {
          const t = data.trends.find((x) => x.cohortId === c.id && x.week === week);
          return h('td', {}, t ? `${scoreText(t.mean.trust)} / ${scoreText(t.mean.safety)} / ${scoreText(t.mean.repair)} (${t.attempts})` : '–');
        }))))))) : null);
}

/** The change from a trainee's first finished sessions to their last: a mean of up to three at each end. */
function change(trainee: TraineeProgress, score: ScoreName): number | null {
  const values = trainee.attempts.map((a) => a[score]);
  if (values.length < 4) return null;
  const first = mean(values.slice(0, 3));
  const last = mean(values.slice(-3));
  return first === null || last === null ? null : last - first;
}
const signed = (n: number | null) => (n === null ? '–' : n > 0 ? `+${n}` : n === 0 ? '±0' : `−${-n}`);

function traineesSection(data: ProgramOverview, cohortName: Map<string, string>): HTMLElement {
  // Those who struggle most with repair come first.
  const trainees = [...data.trainees].sort((a, b) => (mean(a.attempts.map((x) => x.repair)) ?? 101) - (mean(b.attempts.map((x) => x.repair)) ?? 101));
  const select = h('select', { id: 'trainee-pick' }, [...data.trainees].map((t) => h('option', { value: t.id }, t.name)));
  if (trainees[0]) select.value = trainees[0].id;
  const { figure, canvas } = chartFigure('');
  const caption = h('p', { class: 'help', 'aria-live': 'polite' });
  const draw = () => {
    const trainee = data.trainees.find((t) => t.id === select.value);
    if (!trainee) return;
    const flagged = trainee.attempts.filter((a) => a.flags.length).length;
    const latest = trainee.attempts.at(-1);
    const trend = change(trainee, 'trust') === null
      ? latest ? `latest: trust ${latest.trust}, safety ${latest.safety}, repair ${scoreText(latest.repair)}` : 'none in this range'
      : `from first to latest: trust ${signed(change(trainee, 'trust'))}, safety ${signed(change(trainee, 'safety'))}, repair ${signed(change(trainee, 'repair'))}`;
    const text = `${trainee.name}: ${count(trainee.attempts.length, 'finished session')}; ${trend}${flagged ? `; ${flagged} with a critical flag` : ''}.`;
    caption.textContent = text;
    canvas.setAttribute('aria-label', `Scores of each finished session over time. ${text}`);
    timeLines(canvas, SCORES.map((score) => ({
      label: SCORE_WORDS[score], colour: SCORE_COLOURS[score],
      points: trainee.attempts.map((a) => ({ x: Date.parse(a.at), y: a[score] })),
    })), shownRange(data));
  };
  select.addEventListener('change', draw);
  whenShown(draw);
  const pick = (id: string) => {
    select.value = id;
    draw();
    select.focus();
  };
  return h('section', { 'aria-labelledby': 'trainees-heading' },
    h('h2', { id: 'trainees-heading' }, 'Trainees over time'),
    data.trainees.length ? [field('trainee-pick', 'Trainee', select), caption, figure] : h('p', {}, 'No trainees in any cohort yet.'),
    scrollable('Each trainee\'s mean scores and change from first to latest sessions, weakest repair first', h('table', {},
      h('caption', {}, 'Each trainee\'s mean scores and change from first to latest sessions, weakest repair first'),
      h('thead', {}, h('tr', {}, ['Trainee', 'Cohort', 'Finished', 'Trust', 'Safety', 'Repair', 'Repair change', 'Flagged', 'Chart'].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, trainees.map((t) => h('tr', {},
        h('th', { scope: 'row' }, t.name), h('td', {}, t.cohortIds.map((id) => cohortName.get(id) ?? '').join(', ')),
        h('td', {}, `${t.attempts.length} of ${t.started}`),
        h('td', {}, scoreText(mean(t.attempts.map((a) => a.trust)))), h('td', {}, scoreText(mean(t.attempts.map((a) => a.safety)))),
        h('td', {}, scoreText(mean(t.attempts.map((a) => a.repair)))), h('td', {}, signed(change(t, 'repair'))),
        h('td', { class: t.attempts.some((a) => a.flags.length) ? 'flag' : '' }, t.attempts.filter((a) => a.flags.length).length),
        h('td', {}, h('button', { type: 'button', onclick: () => pick(t.id) }, `Chart ${t.name}`))))))));
}

function markersSection(data: ProgramOverview): HTMLElement {
  const cohorts = data.cohorts.filter((c) => data.recognition.some((r) => r.cohortId === c.id));
  const markers = MARKERS.filter((m) => data.recognition.some((r) => r.marker === m));
  const cell = (cohortId: string, marker: string) => data.recognition.find((r) => r.cohortId === cohortId && r.marker === marker);
  const rateOf = (cohortId: string, marker: string) => {
    const r = cell(cohortId, marker);
    return r && r.met ? r.engaged / r.met : null;
  };
  const { figure, canvas } = chartFigure('Heatmap of how often each cohort recognised each rupture marker; the table below has the numbers.', Math.max(18, 12 + cohorts.length * 2.75));
  whenShown(() => heatmap(canvas, cohorts.map((c) => c.name), markers.map(markerWords),
    cohorts.flatMap((c) => markers.map((m) => ({ row: c.name, column: markerWords(m), rate: rateOf(c.id, m), met: cell(c.id, m)?.met ?? 0 })))));
  return h('section', { 'aria-labelledby': 'markers-heading' },
    h('h2', { id: 'markers-heading' }, 'Rupture markers: recognised or missed'),
    h('p', { class: 'help' }, 'A marker counts as recognised when the reply at it repairs, explores or reflects, and does not pass over it, defend, blame or minimise: the recognition part of the Rupture-repair score. Each cell is the share of times a cohort\'s trainees recognised that marker: green is every time, amber three times in four, red half the time or less.'),
    markers.length ? figure : h('p', {}, 'No rupture markers met in this range.'),
    markers.length ? scrollable('Recognition rate by cohort and marker (times met)', h('table', { class: 'heat-table' },
      h('caption', {}, 'Recognition rate by cohort and marker (times met)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Marker'), cohorts.map((c) => h('th', { scope: 'col' }, c.name)))),
      h('tbody', {}, markers.map((m) => h('tr', {},
        h('th', { scope: 'row' }, markerWords(m)),
        cohorts.map((c) => {
          const r = cell(c.id, m);
          const rate = rateOf(c.id, m);
          return h('td', { style: `background: ${rateColour(rate)}` }, r ? `${percent(r.engaged, r.met)} (${r.met})` : '–');
        })))))) : null);
}

function incidentsSection(data: ProgramOverview, cohortName: Map<string, string>): HTMLElement {
  return h('section', { 'aria-labelledby': 'incidents-heading' },
    h('h2', { id: 'incidents-heading' }, 'Critical-flag incidents'),
    data.incidents.length ? scrollable(`${count(data.incidents.length, 'session')} with a critical flag, newest first`, h('table', {},
      h('caption', {}, `${count(data.incidents.length, 'session')} with a critical flag, newest first`),
      h('thead', {}, h('tr', {}, ['When', 'Trainee', 'Cohort', 'Scenario', 'What happened', 'Signed off', 'Review'].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, data.incidents.map((i) => h('tr', {},
        h('td', {}, day(i.at)), h('th', { scope: 'row' }, i.trainee), h('td', {}, i.cohortIds.map((id) => cohortName.get(id) ?? '').join(', ')),
        h('td', {}, titleOf(i.scenarioId)), h('td', { class: 'flag' }, flagWords(i.flags)), h('td', {}, i.signedOff ? 'yes' : 'not yet'),
        h('td', {}, h('a', { href: `/supervise?attempt=${i.attemptId}` }, `Review ${i.trainee}'s session`))))))) : h('p', {}, 'No critical flags in this range.'));
}

/** Downloads for the programme's own analysis, and a trainee's data on request: their record, or its deletion. */
function exportsSection(data: ProgramOverview, from: string, to: string): HTMLElement {
  const range = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const trainee = h('select', { id: 'request-trainee' }, data.trainees.map((t) => h('option', { value: t.id }, t.name)));
  const record = h('a', { class: 'button', download: '' }, 'Download their record (JSON)');
  const setRecord = () => record.setAttribute('href', `/api/users/${trainee.value}/record`);
  trainee.addEventListener('change', setRecord);
  setRecord();
  const error = h('p', { class: 'error', role: 'alert' });
  const done = h('p', { role: 'status', id: 'request-done' });
  const erase = h('form', { class: 'inline danger' },
    field('request-confirm', 'To delete all their data, type their email', h('input', { id: 'request-confirm', name: 'confirm', type: 'email', autocomplete: 'off', required: true })),
    h('button', { type: 'submit' }, 'Delete all their data'));
  onSubmit(erase, error, async ({ confirm }) => {
    const name = trainee.selectedOptions[0]?.textContent ?? 'the trainee';
    const { deleted } = await api.request<{ deleted: { removed: Record<string, number> } }>('DELETE', `/api/users/${trainee.value}`, { confirm });
    await render(from, to);
    const status = document.getElementById('request-done');
    if (status) status.textContent = `Deleted ${name}'s account and data (${deleted.removed.attempts ?? 0} attempts); the audit log records it.`;
  });
  return h('section', { 'aria-labelledby': 'exports-heading' },
    h('h2', { id: 'exports-heading' }, 'Exports and data requests'),
    h('p', {}, 'For your own analysis, every attempt started in this range and every turn of them, as CSV: ',
      h('a', { href: `/api/exports/attempts.csv?${range}`, download: '' }, 'attempts (CSV)'), ', ',
      h('a', { href: `/api/exports/turns.csv?${range}`, download: '' }, 'turns (CSV)'), '.'),
    data.trainees.length ? [
      h('h3', {}, 'A trainee\'s data'),
      field('request-trainee', 'Whose data', trainee),
      h('p', {}, record),
      erase, error,
      h('p', { class: 'help' }, 'Deleting removes the account, its attempts, turns, comments and memberships for good. Download the record first if it must be kept.'),
    ] : null,
    done);
}

void boot();
