/**
 * Who is in the demo programme: a programme director, two supervisors with two
 * cohorts each, and forty trainees, each with a skill profile that shapes how
 * they play. Two cohorts are a first-year intake, two a second-year one.
 */
import type { BlindSpot } from './policy.js';
import type { Random } from './random.js';

export const DEMO_DOMAIN = 'demo.securebase.example';

export interface Person {
  readonly name: string;
  readonly email: string;
}

/** A kind of trainee, as a supervisor would describe them. */
export interface Profile {
  readonly label: string;
  /** Skill (0-1) in the first week and in the twelfth. */
  readonly start: number;
  readonly end: number;
  readonly blindSpot: BlindSpot;
  /** Chance that a session is played through to an ending rather than left. */
  readonly finishing: number;
  /** Chance of doing an assignment at all. */
  readonly diligence: number;
  readonly sessionsPerWeek: number;
}

const PROFILES = {
  strong: { label: 'strong throughout', start: 0.85, end: 0.95, blindSpot: null, finishing: 0.97, diligence: 0.97, sessionsPerWeek: 1.8 },
  good: { label: 'solid', start: 0.62, end: 0.78, blindSpot: null, finishing: 0.93, diligence: 0.9, sessionsPerWeek: 1.5 },
  improving: { label: 'improving fast', start: 0.2, end: 0.85, blindSpot: null, finishing: 0.9, diligence: 0.9, sessionsPerWeek: 1.9 },
  middling: { label: 'steady, middling', start: 0.42, end: 0.52, blindSpot: null, finishing: 0.88, diligence: 0.8, sessionsPerWeek: 1.2 },
  struggling: { label: 'struggling', start: 0.08, end: 0.22, blindSpot: null, finishing: 0.8, diligence: 0.6, sessionsPerWeek: 1.1 },
  missesRisk: { label: 'keeps missing risk cues', start: 0.65, end: 0.75, blindSpot: 'risk', finishing: 0.93, diligence: 0.9, sessionsPerWeek: 1.5 },
  missesWithdrawal: { label: 'keeps missing withdrawal', start: 0.58, end: 0.7, blindSpot: 'withdrawal', finishing: 0.92, diligence: 0.9, sessionsPerWeek: 1.5 },
  rarelyFinishes: { label: 'rarely finishes a session', start: 0.45, end: 0.55, blindSpot: null, finishing: 0.3, diligence: 0.6, sessionsPerWeek: 1.6 },
} as const satisfies Record<string, Profile>;

type ProfileKey = keyof typeof PROFILES;

export interface CohortPlan {
  readonly name: string;
  /** Index into SUPERVISORS. */
  readonly supervisor: number;
  /** Turns the library order so cohorts meet the clients in different orders. */
  readonly rotation: number;
  /** Second-year trainees are assessed against higher pass marks. */
  readonly secondYear: boolean;
  readonly names: readonly string[];
  readonly profiles: readonly ProfileKey[];
}

export const DIRECTOR: Person = person('Helen Achterberg', 'director');
export const SUPERVISORS: readonly Person[] = [person('Dr Miriam Okonkwo', 'miriam.okonkwo'), person('Dr Tomas Lindqvist', 'tomas.lindqvist')];

export const COHORTS: readonly CohortPlan[] = [
  {
    name: '2027 intake, Practicum A', supervisor: 0, rotation: 0, secondYear: false,
    names: ['Amara Nwosu', 'Ben Kowalczyk', 'Chloé Martin', 'Daniyar Seitkali', 'Elif Yıldız', "Finn O'Sullivan", 'Grace Tan', 'Hamza Qureshi', 'Isla Macdonald', 'Jonah Reyes'],
    profiles: ['strong', 'good', 'good', 'improving', 'improving', 'improving', 'middling', 'struggling', 'missesRisk', 'rarelyFinishes'],
  },
  {
    name: '2027 intake, Practicum B', supervisor: 0, rotation: 2, secondYear: false,
    names: ['Kalani Akana', 'Laila Haddad', 'Mateo García', 'Nia Thompson', 'Oskar Nyström', 'Priyanka Iyer', 'Quinn Harper', 'Rosa Delgado', 'Sione Taufa', 'Tamsin Hughes'],
    profiles: ['strong', 'good', 'improving', 'improving', 'improving', 'middling', 'middling', 'struggling', 'missesWithdrawal', 'rarelyFinishes'],
  },
  {
    name: '2026 intake, Advanced practicum C', supervisor: 1, rotation: 4, secondYear: true,
    names: ['Uchenna Eze', 'Valentina Rossi', 'Wei Chen', 'Ximena Flores', 'Yusuf Demir', 'Zara Ahmed', 'Aiko Watanabe', 'Bilal Rahman', 'Carys Jenkins', 'Dmitri Volkov'],
    profiles: ['strong', 'strong', 'good', 'good', 'good', 'improving', 'improving', 'middling', 'missesRisk', 'missesWithdrawal'],
  },
  {
    name: '2026 intake, Advanced practicum D', supervisor: 1, rotation: 6, secondYear: true,
    names: ['Esi Mensah', 'Farid Karimi', 'Gabriela Souza', 'Hana Novak', 'Ibrahim Diallo', 'Jess Whitaker', 'Kenji Sato', 'Leilani Kahale', 'Marta Nowak', 'Niamh Byrne'],
    profiles: ['strong', 'good', 'good', 'improving', 'improving', 'middling', 'middling', 'struggling', 'missesRisk', 'rarelyFinishes'],
  },
];

export interface Trainee extends Person {
  readonly cohort: number;
  readonly profile: Profile;
}

/** Every trainee with a profile: which name gets which is the seed's choice, and each profile is nudged a little so no two play alike. */
export function trainees(random: Random): Trainee[] {
  return COHORTS.flatMap((cohort, index) => {
    const profiles = random.shuffled(cohort.profiles);
    return cohort.names.map((name, i) => {
      const base: Profile = PROFILES[profiles[i]!];
      const nudge = random.between(-0.05, 0.05);
      const profile = { ...base, start: clamp(base.start + nudge), end: clamp(base.end + nudge), sessionsPerWeek: base.sessionsPerWeek * random.between(0.8, 1.2) };
      return { ...person(name), cohort: index, profile };
    });
  });
}

/** Skill on a given day of the twelve weeks, moving straight from the first week's to the twelfth's. */
export function skillOn(profile: Profile, day: number, days: number): number {
  return profile.start + (profile.end - profile.start) * Math.min(1, Math.max(0, day / days));
}

function person(name: string, local?: string): Person {
  return { name, email: `${local ?? emailName(name)}@${DEMO_DOMAIN}` };
}

/** "Elif Yıldız" → "elif.yildiz", "Finn O'Sullivan" → "finn.osullivan". */
function emailName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').replace(/'/g, '').toLowerCase().replace(/[^a-z]+/g, '.');
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));
