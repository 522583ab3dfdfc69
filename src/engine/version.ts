/**
 * Bumped whenever a scoring rule changes, so an attempt records which rules
 * scored it (scenario-format.md, "Attempts").
 */
export const ENGINE_SCORING_VERSION = 2;
