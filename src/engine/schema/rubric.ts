/**
 * The rubric schema: the scoring model's numbers as data (docs/scoring.md).
 * `scenarios/rubric.schema.json` is generated from it.
 */
import { z } from 'zod';
import { ATTACHMENT_STYLES, MOVE_KINDS } from '../vocabulary.js';
import { MOVE_ID_PATTERN, notReserved } from './scenario.js';

const score = z.int().min(0).max(100);
const delta = z.int().min(-30).max(30);

export const RubricWhenSchema = z
  .strictObject({
    rupture: z.enum(['none', 'withdrawal', 'confrontation', 'open']).optional(),
    attachment: z.enum(ATTACHMENT_STYLES).optional(),
    risk_open: z.boolean().optional(),
    trust_below: score.optional(),
    trust_at_least: score.optional(),
    safety_below: score.optional(),
    safety_at_least: score.optional(),
  })
  .meta({ description: 'Context as the beat is shown. All keys given must hold; `below` is strict.' });

export const ModifierSchema = z.strictObject({
  when: RubricWhenSchema,
  trust: delta.optional(),
  safety: delta.optional(),
  quality: z.int().min(-4).max(4).optional(),
});

export const CITATION_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

export const RubricMoveSchema = z.strictObject({
  label: z.string().min(1),
  description: z.string().min(1),
  kind: z.enum(MOVE_KINDS),
  cites: z.array(z.string().regex(CITATION_KEY_PATTERN)).min(1),
  trust: delta,
  safety: delta,
  quality: z.int().min(-4).max(4),
  repair_penalty: z.int().min(0).max(100).optional(),
  modifiers: z.array(ModifierSchema).optional(),
});

export const RubricSchema = z
  .strictObject({
    version: z.int().min(1),
    resolution_bonus: z.int().min(0).max(30),
    turn_cap: z.strictObject({ gain: z.int().min(0).max(30), loss: z.int().min(0).max(30) })
      .meta({ description: 'The most one turn can add to trust or safety (gain) and take away (loss), before the resolution bonus.' }),
    citations: z.record(z.string().regex(CITATION_KEY_PATTERN).refine(notReserved, { error: 'is a reserved name; choose another' }), z.string().min(1)),
    moves: z.record(z.string().regex(MOVE_ID_PATTERN).refine(notReserved, { error: 'is a reserved name; choose another' }), RubricMoveSchema),
  })
  .meta({ title: 'Secure Base scoring rubric', description: 'Move effects and context modifiers. See docs/scoring.md.' });

export type Rubric = z.infer<typeof RubricSchema>;
export type RubricMove = z.infer<typeof RubricMoveSchema>;
export type RubricWhen = z.infer<typeof RubricWhenSchema>;
export type Modifier = z.infer<typeof ModifierSchema>;
