/**
 * Turns schema validation issues into problems an author can act on: located,
 * in plain words, with a hint (the allowed fields, the nearest known value).
 */
import type { z } from 'zod';
import type { Code, Problem } from '../errors.js';
import { hintFor, nearest } from './suggest.js';
import { problemAt } from './source.js';
import type { FieldPath, YamlSource } from './source.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** The field names an object schema allows at `path`, found by walking the schema. */
function allowedFieldsAt(schema: AnySchema, path: FieldPath): string[] | undefined {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return allowedFieldsAt(def.innerType as AnySchema, path);
    case 'pipe':
      return allowedFieldsAt(def.in as AnySchema, path);
    case 'union':
      for (const option of def.options as AnySchema[]) {
        const found = allowedFieldsAt(option, path);
        if (found) return found;
      }
      return undefined;
    case 'object': {
      const shape = def.shape as Record<string, AnySchema>;
      if (path.length === 0) return Object.keys(shape);
      const field = shape[String(path[0])];
      return field ? allowedFieldsAt(field, path.slice(1)) : undefined;
    }
    case 'record':
      return path.length === 0 ? undefined : allowedFieldsAt(def.valueType as AnySchema, path.slice(1));
    case 'array':
      return path.length === 0 || typeof path[0] !== 'number' ? undefined : allowedFieldsAt(def.element as AnySchema, path.slice(1));
    default:
      return undefined;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map of fields';
  if (typeof value === 'string') return `the text "${value.length > 40 ? value.slice(0, 37) + '...' : value}"`;
  return `${typeof value} ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a map of fields',
  record: 'a map of fields',
  array: 'a list',
};

function fieldName(path: FieldPath): string {
  const last = path[path.length - 1];
  return typeof last === 'number' ? `item ${last}` : last === undefined ? 'the file' : `"${last}"`;
}

function fromIssue(source: YamlSource, schema: AnySchema, issue: Issue, base: FieldPath): Problem[] {
  const path = [...base, ...(issue.path as (string | number)[])];
  const at = (code: Code, message: string, hint?: string, where: 'value' | 'key' = 'value') =>
    problemAt(source, code, path, message, hint, where);
  const input = (issue as { input?: unknown }).input;

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedFieldsAt(schema, path) ?? [];
      return issue.keys.map((key) => {
        const guess = nearest(key, allowed);
        const hint = `${guess ? `Did you mean "${guess}"? ` : ''}Allowed fields here: ${allowed.join(', ')}.`;
        return problemAt(source, 'SB_FIELD_UNKNOWN', [...path, key], `unknown field "${key}"`, hint, 'key');
      });
    }
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (input === undefined) {
        return [problemAt(source, 'SB_FIELD_REQUIRED', path.slice(0, -1), `required field ${fieldName(path)} is missing`,
          `Add ${fieldName(path)} (${expected}) here.`, 'key')];
      }
      return [at('SB_FIELD_TYPE', `${fieldName(path)} should be ${expected}, not ${describe(input)}`)];
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      if (input === undefined && path.length > 0) {
        return [problemAt(source, 'SB_FIELD_REQUIRED', path.slice(0, -1), `required field ${fieldName(path)} is missing`,
          `Add ${fieldName(path)}: ${allowed.join(' or ')} here.`, 'key')];
      }
      if (allowed.length === 1) return [at('SB_FIELD_VALUE', `${fieldName(path)} must be ${allowed[0]}, not ${describe(input)}`)];
      return [at('SB_FIELD_VALUE', `${describe(input)} is not an allowed ${fieldName(path)}`, hintFor(String(input), allowed, 'Allowed'))];
    }
    case 'invalid_format':
      return [at('SB_FIELD_FORMAT', `${describe(input)} ${issue.message}`)];
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
      const origin = issue.origin;
      const what = origin === 'array' ? `${fieldName(path)} needs at ${small ? 'least' : 'most'} ${limit} item${Number(limit) === 1 ? '' : 's'}`
        : origin === 'string' ? `${fieldName(path)} must not be empty`
          : `${fieldName(path)} must be ${small ? 'at least' : 'at most'} ${limit}, not ${String(input)}`;
      return [at('SB_FIELD_RANGE', what)];
    }
    case 'invalid_key':
      return issue.issues.flatMap((inner) => fromIssue(source, schema, { ...inner, path: [] } as Issue, path).map((p) => ({
        ...p, ...problemAt(source, p.code, path, `key "${String(path[path.length - 1])}" ${inner.message}`, p.hint, 'key'),
      })));
    case 'invalid_union': {
      const branches = issue.errors;
      // Report the alternative that got furthest: the one whose first issue lies deepest.
      const deepest = [...branches].sort((a, b) => depth(b) - depth(a))[0] ?? [];
      if (deepest.length > 0 && depth(deepest) > 0) return deepest.flatMap((inner) => fromIssue(source, schema, inner, path));
      return [at('SB_FIELD_TYPE', `${fieldName(path)} has the wrong shape: ${describe(input)}`,
        'Write a beat or ending id, or a list of branches, each "- when: { trust: { gte: 50 } }" with "to: some-beat" under it, the last without "when".')];
    }
    case 'custom': {
      // A refinement may name its code (e.g. a count that is too small); otherwise it is about the value's form.
      const code = (issue.params as { code?: Code } | undefined)?.code;
      return code ? [at(code, `${fieldName(path)} ${issue.message}`)] : [at('SB_FIELD_FORMAT', `${describe(input)} ${issue.message}`)];
    }
    default:
      return [at('SB_FIELD_VALUE', `${fieldName(path)}: ${issue.message}`)];
  }
}

function depth(issues: readonly Issue[]): number {
  return Math.max(0, ...issues.map((issue) => issue.path.length));
}

/** Validates `data` against `schema`; every issue becomes a located problem. */
export function validateShape<T>(
  source: YamlSource,
  schema: z.ZodType<T>,
): { value?: T; problems: Problem[] } {
  const result = schema.safeParse(source.data, { reportInput: true });
  if (result.success) return { value: result.data, problems: [] };
  return { problems: result.error.issues.flatMap((issue) => fromIssue(source, schema, issue as Issue, [])) };
}
