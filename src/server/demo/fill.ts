/**
 * Fills an empty database with a demo programme: a director, two supervisors,
 * four cohorts of ten trainees, a term of assignments, and twelve weeks of
 * attempts played through the server's own functions on a simulated clock, then
 * reviewed. The same seed gives the same people, choices and scores.
 */
import { buildApp } from '../app.js';
import type { Auth, SessionUser } from '../auth/sessions.js';
import { hashPassword } from '../auth/passwords.js';
import { audit } from '../audit.js';
import { createAssignment, createCohort, createInvite, joinCohort } from '../cohorts.js';
import type { ServerContext } from '../context.js';
import type { Database } from '../db/database.js';
import type { AssignmentsTable, Role } from '../db/tables.js';
import { createUser } from '../users.js';
import { Random } from './random.js';
import { COHORTS, DIRECTOR, SUPERVISORS, trainees } from './roster.js';
import type { Person, Trainee } from './roster.js';
import { superviseCohort } from './supervision.js';
import { Calendar, Clock, termAssignments } from './term.js';
import { playTerm } from './trainee.js';
import type { TermLibrary } from './trainee.js';

/** Every demo account signs in with this; the demo is for trying the product, never for real records. */
export const DEMO_PASSWORD = 'securebase-demo';
export const DEFAULT_SEED = 1;

/** The trainees a seed gives, with their skill profiles. */
export const rosterFor = (seed: number): Trainee[] => trainees(new Random(seed).fork('roster'));

export interface DemoOptions {
  readonly seed: number;
  /** The scenario library (scenarios/). */
  readonly scenarios: string;
  /** When the twelve weeks end; now unless a test fixes it. */
  readonly today?: Date;
}

export interface DemoAccount extends Person {
  readonly role: Role;
  /** What the account shows off, for the summary. */
  readonly note: string;
}

export interface DemoSummary {
  readonly accounts: readonly DemoAccount[];
  readonly counts: Readonly<Record<'admins' | 'supervisors' | 'trainees' | 'cohorts' | 'assignments' | 'attempts' | 'finished' | 'turns' | 'flagged' | 'comments' | 'signOffs', number>>;
  readonly from: Date;
  readonly to: Date;
}

/** Trainees played at once: PostgreSQL overlaps their commits; SQLite's one connection takes them in turn. */
const LANES = 4;

/** The functions that take an Auth read only its user; the demo acts without a signed-in session. */
const actingAs = (user: SessionUser): Auth => ({ user, tokenHash: '', csrfToken: '' });

export async function fillDemo(database: Database, options: DemoOptions): Promise<DemoSummary> {
  const random = new Random(options.seed);
  const calendar = new Calendar(options.today ?? new Date());
  const clock = new Clock(calendar.at(-21, 9));
  const { app, ctx } = await buildApp({ database, scenarios: options.scenarios, now: clock.now });
  try {
    // One scrypt hash shared by every account: 43 of them would take longer than playing all twelve weeks.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const account = async (person: Person, role: Role, at: Date) => {
      clock.set(at);
      return actingAs(await createUser(ctx.db, { name: person.name, email: person.email, role, passwordHash }, at));
    };
    const director = await account(DIRECTOR, 'admin', calendar.at(-20, 9));
    const supervisors: Auth[] = [];
    for (const [i, person] of SUPERVISORS.entries()) {
      const supervisor = await account(person, 'supervisor', calendar.at(-20, 9.5 + i / 4));
      await audit(ctx, director.user.id, 'user.created', `user:${supervisor.user.id}`, { role: 'supervisor' });
      supervisors.push(supervisor);
    }

    const library = libraryOf(ctx);
    const roster = rosterFor(options.seed);
    const cohorts: { id: string; supervisor: Auth; assignments: AssignmentsTable[] }[] = [];
    for (const [index, plan] of COHORTS.entries()) {
      const supervisor = supervisors[plan.supervisor]!;
      clock.set(calendar.at(-14, 10 + index));
      const cohort = await createCohort(ctx, supervisor, plan.name);
      const invite = await createInvite(ctx, supervisor, cohort.id, 14);
      for (const [i, trainee] of roster.filter((t) => t.cohort === index).entries()) {
        const auth = await account(trainee, 'trainee', calendar.at(-13 + (i % 7), 18 + i / 10));
        await joinCohort(ctx, auth.user.id, { code: invite.code, cohort_id: cohort.id });
      }
      const assignments: AssignmentsTable[] = [];
      for (const planned of termAssignments(library.scenarios, plan.rotation, plan.secondYear)) {
        clock.set(calendar.at(planned.setDay));
        assignments.push(await createAssignment(ctx, supervisor, cohort.id, {
          scenarioId: planned.scenarioId, mode: planned.mode, dueAt: calendar.at(planned.dueDay).toISOString(), thresholds: planned.thresholds,
        }));
      }
      cohorts.push({ id: cohort.id, supervisor, assignments });
    }

    const users = await ctx.db.selectFrom('users').select(['id', 'email', 'name', 'role']).execute();
    await inLanes(roster, LANES, async (trainee) => {
      // Each trainee has a clock and a random stream of their own, so playing several at once changes nothing they do.
      const own = new Clock(calendar.start);
      const user = users.find((u) => u.email === trainee.email)!;
      await playTerm({ ...ctx, now: own.now }, own, calendar, trainee, actingAs(user), cohorts[trainee.cohort]!.assignments, library, random.fork(`term:${trainee.email}`));
    });
    for (const [index, cohort] of cohorts.entries()) {
      await superviseCohort(ctx, clock, cohort.supervisor, cohort.id, calendar.today, random.fork(`supervision:${index}`));
    }
    return { accounts: accountsToShow(roster), counts: await countRows(ctx), from: calendar.start, to: calendar.today };
  } finally {
    await app.close();
  }
}

/** The tutorial for a first session, and the clients (in a fixed order, so the seed alone decides). */
function libraryOf(ctx: ServerContext): TermLibrary & { scenarios: string[] } {
  const all = [...ctx.content.current.values()].map((entry) => entry.scenario).sort((a, b) => a.id.localeCompare(b.id));
  return { tutorial: all.find((s) => s.kind === 'tutorial')?.id ?? null, scenarios: all.filter((s) => s.kind !== 'tutorial').map((s) => s.id) };
}

/** The director, both supervisors, and two trainees worth opening: one who grew, one with a blind spot. */
function accountsToShow(roster: readonly Trainee[]): DemoAccount[] {
  const cohortOf = (t: Trainee) => COHORTS[t.cohort]!.name;
  const improving = roster.find((t) => t.profile.label === 'improving fast')!;
  const blind = roster.find((t) => t.profile.blindSpot === 'risk')!;
  return [
    { ...DIRECTOR, role: 'admin', note: 'programme director: every cohort and account' },
    ...SUPERVISORS.map((person, i): DemoAccount => ({
      ...person, role: 'supervisor', note: COHORTS.filter((c) => c.supervisor === i).map((c) => c.name).join('; '),
    })),
    { ...improving, role: 'trainee', note: `${improving.profile.label}, ${cohortOf(improving)}` },
    { ...blind, role: 'trainee', note: `${blind.profile.label}, ${cohortOf(blind)}` },
  ];
}

async function countRows(ctx: ServerContext): Promise<DemoSummary['counts']> {
  const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }) => Number((await query.executeTakeFirstOrThrow()).n);
  const users = (role: Role) => count(ctx.db.selectFrom('users').select((e) => e.fn.countAll().as('n')).where('role', '=', role));
  const rows = (table: 'cohorts' | 'assignments' | 'attempts' | 'turns' | 'comments') => count(ctx.db.selectFrom(table).select((e) => e.fn.countAll().as('n')));
  const attempts = ctx.db.selectFrom('attempts').select((e) => e.fn.countAll().as('n'));
  return {
    admins: await users('admin'), supervisors: await users('supervisor'), trainees: await users('trainee'),
    cohorts: await rows('cohorts'), assignments: await rows('assignments'), attempts: await rows('attempts'),
    finished: await count(attempts.where('finished_at', 'is not', null)),
    turns: await rows('turns'),
    flagged: await count(attempts.where('flags', '!=', '[]')),
    comments: await rows('comments'),
    signOffs: await count(attempts.where('signed_off_at', 'is not', null)),
  };
}

/** Runs `work` on every item, at most `lanes` at a time. */
async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}
