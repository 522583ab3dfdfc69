import type { Code } from '../errors.js';
import type { FieldPath } from '../load/source.js';

/** Something the analysis found, located by field path; the checker adds line and column. */
export interface Finding {
  readonly code: Code;
  readonly path: FieldPath;
  readonly message: string;
  readonly hint?: string;
  /** Point at the key rather than the value. */
  readonly at?: 'key' | 'value';
}
