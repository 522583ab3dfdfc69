/**
 * The closed vocabularies of scenario format version 1 (docs/scenario-format.md).
 * Every list here is normative: authors write these ids, attempts store them.
 */

export const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const FLAG_PATTERN = /^[a-z][a-z0-9_]*$/;
/** Names every JavaScript object already has; as ids they would be mistaken for built-ins. */
export const RESERVED_NAMES: readonly string[] = ['constructor', '__proto__', 'prototype'];
export const isReservedName = (name: string): boolean => RESERVED_NAMES.includes(name);

export const ATTACHMENT_STYLES = [
  'secure',
  'anxious_preoccupied',
  'dismissing_avoidant',
  'fearful_disorganized',
] as const;
export type AttachmentStyle = (typeof ATTACHMENT_STYLES)[number];

export const AFFECTS = [
  'neutral', 'warm', 'relieved', 'anxious', 'hurt', 'tearful', 'angry',
  'irritated', 'flat', 'guarded', 'ashamed', 'dissociated',
] as const;
export const POSTURES = ['open', 'closed', 'leaning_in', 'turned_away', 'restless', 'slumped'] as const;
export const GAZES = ['direct', 'averted', 'down', 'searching'] as const;
export type Affect = (typeof AFFECTS)[number];
export type Posture = (typeof POSTURES)[number];
export type Gaze = (typeof GAZES)[number];

export const OUTCOMES = ['repaired', 'held', 'unresolved', 'dropout', 'referred', 'escalated'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Where the session takes place; shown on the library card and the briefing. */
export const SETTINGS = ['private_practice', 'community_clinic', 'university_counselling', 'telehealth'] as const;
export type Setting = (typeof SETTINGS)[number];

/** A `session` is a client to practise with; a `tutorial` teaches the game and is left out of library coverage. */
export const SCENARIO_KINDS = ['session', 'tutorial'] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

/**
 * Content notes a library card and briefing show before a trainee plays, so
 * no one meets these subjects unwarned. A closed list, so cards read alike.
 */
export const CONTENT_NOTES = [
  'suicidal_thoughts',
  'self_harm',
  'bereavement',
  'violence',
  'abuse',
  'substance_use',
  'serious_illness',
  'dementia',
  'discrimination',
  'relationship_breakdown',
  'job_loss',
  'panic_attacks',
  'trauma',
  'caregiving_strain',
] as const;
export type ContentNote = (typeof CONTENT_NOTES)[number];
export const CONTENT_NOTE_LABELS: Readonly<Record<ContentNote, string>> = {
  suicidal_thoughts: 'suicidal thoughts',
  self_harm: 'self-harm',
  bereavement: 'bereavement',
  violence: 'violence',
  abuse: 'abuse',
  substance_use: 'alcohol or drug use',
  serious_illness: 'serious illness',
  dementia: 'dementia',
  discrimination: 'discrimination',
  relationship_breakdown: 'a relationship ending',
  job_loss: 'losing a job',
  panic_attacks: 'panic attacks',
  trauma: 'a traumatic event',
  caregiving_strain: 'the strain of caring for someone',
};

export const RISK_KINDS = ['passive_ideation', 'active_ideation', 'plan_or_intent', 'recent_behaviour'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];
/** Risk cues that need a safety plan as well as a direct question (scoring.md, the safety gate). */
export const RISK_KINDS_NEEDING_MANAGEMENT: readonly RiskKind[] = ['plan_or_intent', 'recent_behaviour'];

/** 3RS rupture markers (Eubanks, Muran & Safran 2015). */
export const WITHDRAWAL_MARKERS = [
  'wd_denial',
  'wd_minimal_response',
  'wd_abstract_communication',
  'wd_avoidant_storytelling_topic_shift',
  'wd_deferential_appeasing',
  'wd_content_affect_split',
  'wd_self_criticism_hopelessness',
] as const;
export const CONFRONTATION_MARKERS = [
  'cf_complaint_about_therapist',
  'cf_rejects_intervention',
  'cf_complaint_about_activities',
  'cf_complaint_about_parameters',
  'cf_complaint_about_progress',
  'cf_defends_self_against_therapist',
  'cf_control_pressure_therapist',
] as const;
export const MARKERS = [...WITHDRAWAL_MARKERS, ...CONFRONTATION_MARKERS] as const;
export type Marker = (typeof MARKERS)[number];

/** Each marker in a few plain words (clinical.md §2), for reports. */
export const MARKER_LABELS: Readonly<Record<Marker, string>> = {
  wd_denial: 'Denial',
  wd_minimal_response: 'Minimal response',
  wd_abstract_communication: 'Abstract talk',
  wd_avoidant_storytelling_topic_shift: 'Topic shift',
  wd_deferential_appeasing: 'Deferential, appeasing',
  wd_content_affect_split: 'Content–affect split',
  wd_self_criticism_hopelessness: 'Self-criticism, hopelessness',
  cf_complaint_about_therapist: 'Complaint about the therapist',
  cf_rejects_intervention: 'Rejects an intervention',
  cf_complaint_about_activities: 'Complaint about activities',
  cf_complaint_about_parameters: 'Complaint about the frame',
  cf_complaint_about_progress: 'Complaint about progress',
  cf_defends_self_against_therapist: 'Defends self against the therapist',
  cf_control_pressure_therapist: 'Control, pressure on the therapist',
};

export type RuptureType = 'withdrawal' | 'confrontation';
export function ruptureTypeOf(marker: Marker): RuptureType {
  return marker.startsWith('wd_') ? 'withdrawal' : 'confrontation';
}

export const MOVE_KINDS = [
  'repair_immediate',
  'repair_expressive',
  'facilitative',
  'unhelpful',
  'safety',
  'unsafe',
] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];

/** The move ids the format names, with the kind the rubric must give each. */
export const FORMAT_MOVES: Readonly<Record<string, MoveKind>> = {
  res_clarify_misunderstanding: 'repair_immediate',
  res_change_task_or_goal: 'repair_immediate',
  res_provide_rationale: 'repair_immediate',
  res_redirect_refocus: 'repair_immediate',
  res_validate_defensive_posture: 'repair_immediate',
  res_invite_discussion_of_relationship: 'repair_expressive',
  res_acknowledge_contribution: 'repair_expressive',
  res_disclose_internal_experience: 'repair_expressive',
  res_link_to_outside_patterns: 'repair_expressive',
  res_link_to_in_session_patterns: 'repair_expressive',
  reflect_feeling: 'facilitative',
  validate: 'facilitative',
  open_question: 'facilitative',
  explore_experience: 'facilitative',
  summarize: 'facilitative',
  instill_hope: 'facilitative',
  collaborate_goals: 'facilitative',
  psychoeducation: 'facilitative',
  grounding: 'facilitative',
  defend_self: 'unhelpful',
  blame_client: 'unhelpful',
  dismiss_minimize: 'unhelpful',
  ignore_marker: 'unhelpful',
  continue_task_rigidly: 'unhelpful',
  premature_interpretation: 'unhelpful',
  push_for_feelings: 'unhelpful',
  excessive_reassurance: 'unhelpful',
  advice_giving: 'unhelpful',
  change_frame_unexplained: 'unhelpful',
  ask_suicide_directly: 'safety',
  assess_plan_intent: 'safety',
  safety_planning: 'safety',
  escalate_care: 'safety',
  assess_medical_need: 'safety',
  confirm_location: 'safety',
  euphemism_about_risk: 'unsafe',
  argue_about_risk: 'unsafe',
  promise_secrecy: 'unsafe',
  no_harm_contract: 'unsafe',
};

/** Kinds of move that harm: a turn that uses one before a marker beat provokes the rupture. */
export const HARMFUL_KINDS: readonly MoveKind[] = ['unhelpful', 'unsafe'];

/**
 * Moves the rubric must give a positive `repair_penalty` (scoring.md, "Episodes
 * and the Repair score"): each costs the open episode's repair score.
 */
export const PENALISED_IN_RUPTURE = [
  'push_for_feelings',
  'premature_interpretation',
  'advice_giving',
  'excessive_reassurance',
  'defend_self',
  'blame_client',
  'dismiss_minimize',
] as const;

export const REPAIR_KINDS: readonly MoveKind[] = ['repair_immediate', 'repair_expressive'];

/** Moves that answer a risk cue directly (they assess the gate). */
export const RISK_ASSESSING_MOVES = ['ask_suicide_directly', 'assess_plan_intent'] as const;
/** Moves that manage a plan, intent or recent behaviour. */
export const RISK_MANAGING_MOVES = ['safety_planning', 'escalate_care'] as const;
/** A reply at the cue that does one of these (and harms nowhere) stays with the client, so the question may come one turn later. */
export const STAYING_MOVES = ['reflect_feeling', 'validate', 'explore_experience'] as const;

/** Non-repair moves that still count as engaging a marker (scoring.md, recognition). */
export const MARKER_ENGAGING_MOVES = ['explore_experience', 'reflect_feeling'] as const;
/** Moves that mean a marker was passed over or met defensively (scoring.md, recognition). */
export const MARKER_MISSING_MOVES = [
  'ignore_marker',
  'continue_task_rigidly',
  'defend_self',
  'blame_client',
  'dismiss_minimize',
] as const;

export const CRITICAL_FLAGS = [
  'risk_not_assessed',
  'risk_not_followed_up',
  'risk_not_managed',
  'location_not_confirmed',
  'promise_secrecy',
] as const;
export type CriticalFlag = (typeof CRITICAL_FLAGS)[number];
/** Each critical flag in a few plain words, for reports. */
export const CRITICAL_FLAG_LABELS: Readonly<Record<CriticalFlag, string>> = {
  risk_not_assessed: 'Risk cue not asked about',
  risk_not_followed_up: 'Plan and intent not assessed',
  risk_not_managed: 'Risk not managed (safety plan, escalation or medical need)',
  location_not_confirmed: 'Location and contact not confirmed by video',
  promise_secrecy: 'Promised secrecy about risk',
};

/** Flags that cost points but do not fail an attempt: the debrief shows them as notes. */
export const NOTE_FLAGS = ['risk_delayed'] as const;
export type NoteFlag = (typeof NOTE_FLAGS)[number];
export const NOTE_LABELS: Readonly<Record<NoteFlag, string>> = {
  risk_delayed: 'Risk asked about one turn late',
};

/** Whether a response asks directly about suicide risk, which answers a risk cue. */
export const assessesRisk = (moves: readonly string[]): boolean => moves.some((move) => (RISK_ASSESSING_MOVES as readonly string[]).includes(move));
/** Whether a response makes a safety plan or escalates care. */
export const managesRisk = (moves: readonly string[]): boolean => moves.some((move) => (RISK_MANAGING_MOVES as readonly string[]).includes(move));
