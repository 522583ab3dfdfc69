/** Request parts checked against the shared API schemas; the first problems become one clear 400. */
import type { z } from 'zod';
import { ApiError } from '../api/errors.js';

export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'params' | 'query'): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const path = [where, ...issue.path.map(String)].join('.');
    const keys = issue.code === 'unrecognized_keys' ? `: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : `: ${issue.message}`;
    return `${path}${keys}`;
  });
  throw new ApiError('SB_API_INVALID', problems.join('; '));
}
