/**
 * The scenario schema, format version 1: the single source of the file's shape.
 * `scenarios/scenario.schema.json` is generated from it (`securebase schema`).
 * Cross-references (ids that must exist, moves the rubric defines) are checked
 * by the loader, not here, because a schema cannot see the rest of the file.
 */
import { z } from 'zod';
import {
  AFFECTS, ATTACHMENT_STYLES, CONTENT_NOTES, FLAG_PATTERN, isReservedName, FORMAT_MOVES, GAZES, ID_PATTERN, SCENARIO_KINDS, SETTINGS,
  MARKERS, OUTCOMES, POSTURES, RISK_KINDS,
} from '../vocabulary.js';

export const MOVE_ID_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Refuses names every JavaScript object already has (e.g. "constructor"). */
export const notReserved = (name: string) => !isReservedName(name);
const RESERVED_ERROR = { error: 'is a reserved name (every program object already has it); choose another' } as const;

export const IdSchema = z
  .string()
  .regex(ID_PATTERN, { error: 'must be kebab-case: lower-case letters and digits, words joined by single hyphens (e.g. "first-beat")' })
  .meta({ description: 'A kebab-case id, e.g. "opening" or "end-repaired".' });

/** A beat or ending id where it is defined (a map key). */
const IdKeySchema = IdSchema.refine(notReserved, RESERVED_ERROR);

export const FlagNameSchema = z
  .string()
  .regex(FLAG_PATTERN, { error: 'must be snake_case: lower-case letters, digits and underscores, starting with a letter' })
  .refine(notReserved, RESERVED_ERROR);

const score = z.int().min(0).max(100);
const effect = z.int().min(-20).max(20);

const RangeSchema = z
  .strictObject({ gte: score.optional(), lte: score.optional(), gt: score.optional(), lt: score.optional() })
  .meta({ description: 'Bounds on a 0–100 score; every bound given must hold.' });

export const ConditionSchema = z
  .strictObject({
    trust: RangeSchema.optional(),
    safety: RangeSchema.optional(),
    flags: z.record(FlagNameSchema, z.boolean()).optional(),
    episode: z.enum(['open', 'resolved', 'none']).optional(),
  })
  .meta({ description: 'A condition on the state after the turn. All keys given must hold.' });

export const BranchSchema = z
  .strictObject({ when: ConditionSchema.optional(), to: IdSchema })
  .meta({ description: 'Go to `to` when `when` holds. The last branch has no `when`.' });

export const NextSchema = z
  .union([IdSchema, z.array(BranchSchema).min(1)])
  .meta({ description: 'A beat or ending id, or a list of { when, to } branches tried in order.' });

export const MoveIdSchema = z
  .string()
  .regex(MOVE_ID_PATTERN, { error: 'must be a move id in snake_case, e.g. "reflect_feeling"' })
  .meta({ description: 'A move the rubric defines.', examples: Object.keys(FORMAT_MOVES) });

export const ResponseSchema = z.strictObject({
  id: IdSchema,
  say: z.string().min(1),
  moves: z.array(MoveIdSchema).min(1),
  effects: z.strictObject({ trust: effect.optional(), safety: effect.optional() }).optional(),
  set: z.record(FlagNameSchema, z.boolean()).optional(),
  feedback: z.string().optional(),
  next: NextSchema,
});

export const CueSchema = z.strictObject({
  affect: z.enum(AFFECTS).optional(),
  posture: z.enum(POSTURES).optional(),
  gaze: z.enum(GAZES).optional(),
  note: z.string().optional(),
});

export const BeatSchema = z.strictObject({
  client: z.string().meta({ description: 'What the client says; "" for a silence (give a cue.note).' }),
  cue: CueSchema.optional(),
  marker: z.enum(MARKERS).optional(),
  resolves: z.boolean().optional(),
  stage: z.int().min(1).max(5).optional(),
  risk: z.enum(RISK_KINDS).optional(),
  imminent: z.boolean().optional().meta({ description: 'With risk: plan_or_intent only. The client names a time, has access, or cannot rule out acting; the safety gate then also requires escalate_care.' }),
  responses: z.array(ResponseSchema).min(2).max(6),
});

export const EndingSchema = z.strictObject({
  client: z.string(),
  outcome: z.enum(OUTCOMES),
  epilogue: z.string().optional(),
});

export const ClientSchema = z.strictObject({
  name: z.string().min(1),
  age: z.int().min(1).max(120),
  pronouns: z.string().min(1),
  attachment: z.enum(ATTACHMENT_STYLES),
  presenting: z.string().min(1),
  portrait: z.string().regex(ID_PATTERN).optional(),
  background: z.string().optional(),
});

export const ScenarioSchema = z
  .strictObject({
    format: z.literal(1),
    id: IdSchema,
    title: z.string().min(1),
    summary: z.string().min(1),
    kind: z.enum(SCENARIO_KINDS).optional().meta({ description: '"session" (the default) or "tutorial".' }),
    setting: z.enum(SETTINGS).optional().meta({ description: 'Where the session takes place.' }),
    tags: z.array(z.string()).optional(),
    content_notes: z.array(z.enum(CONTENT_NOTES)).optional()
      .meta({ description: 'Subjects a trainee should know about before playing, shown on the library card and the briefing.' }),
    minutes: z.int().min(1).max(240).optional(),
    lang: z.string().regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, { error: 'must be a BCP 47 language tag, e.g. "en" or "pt-BR"' }).optional(),
    client: ClientSchema,
    briefing: z.string().min(1),
    objectives: z.array(z.string().min(1)).min(1),
    initial: z.strictObject({ trust: score, safety: score }),
    start: IdSchema,
    beats: z.record(IdKeySchema, BeatSchema).refine((beats) => Object.keys(beats).length > 0, { error: 'needs at least one beat', params: { code: 'SB_FIELD_RANGE' } }),
    endings: z.record(IdKeySchema, EndingSchema).refine((endings) => Object.keys(endings).length > 0, { error: 'needs at least one ending', params: { code: 'SB_FIELD_RANGE' } }),
  })
  .meta({ title: 'Secure Base scenario, format 1', description: 'One simulated session with one client. See docs/scenario-format.md.' });

export type Scenario = z.infer<typeof ScenarioSchema>;
export type Beat = z.infer<typeof BeatSchema>;
export type Ending = z.infer<typeof EndingSchema>;
export type Response = z.infer<typeof ResponseSchema>;
export type Branch = z.infer<typeof BranchSchema>;
export type Condition = z.infer<typeof ConditionSchema>;
export type Range = z.infer<typeof RangeSchema>;
