/**
 * Patterns the browser game checks before it asks the server, kept apart from
 * the zod schemas that use them: the game's first screen must not carry zod.
 */

/** An invite code: what `CodeParams` accepts. */
export const INVITE_CODE = /^[A-Za-z0-9_-]{8,64}$/;
