/**
 * The xAPI 1.0.3 rules a statement must meet (the Data section of the spec),
 * checked the way a strict LRS would: required properties, IRIs, UUIDs, language
 * maps, ISO 8601 timestamps and durations, and score ranges. Returns the
 * problems found, so a failing test says which rule broke.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function languageMap(value: unknown, where: string, problems: string[]): void {
  if (!isObject(value) || !Object.keys(value).length) return void problems.push(`${where}: must be a non-empty language map`);
  for (const [tag, text] of Object.entries(value)) {
    if (!LANGUAGE_TAG.test(tag) || typeof text !== 'string') problems.push(`${where}.${tag}: must map a language tag to a string`);
  }
}

function extensions(value: unknown, where: string, problems: string[]): void {
  if (value === undefined) return;
  if (!isObject(value)) return void problems.push(`${where}: must be an object`);
  for (const key of Object.keys(value)) if (!IRI.test(key)) problems.push(`${where}: key "${key}" is not an IRI`);
}

function agent(value: unknown, where: string, problems: string[]): void {
  if (!isObject(value)) return void problems.push(`${where}: must be an Agent`);
  if (value.objectType !== undefined && value.objectType !== 'Agent') problems.push(`${where}.objectType: must be "Agent"`);
  const identifiers = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((key) => value[key] !== undefined);
  if (identifiers.length !== 1) problems.push(`${where}: must have exactly one inverse functional identifier, has ${identifiers.length}`);
  if (value.account !== undefined) {
    const account = value.account;
    if (!isObject(account) || typeof account.homePage !== 'string' || !IRI.test(account.homePage) || typeof account.name !== 'string') {
      problems.push(`${where}.account: needs an IRL homePage and a name`);
    }
  }
}

function activity(value: Json, where: string, problems: string[]): void {
  if (typeof value.id !== 'string' || !IRI.test(value.id)) problems.push(`${where}.id: must be an IRI`);
  const definition = value.definition;
  if (definition === undefined) return;
  if (!isObject(definition)) return void problems.push(`${where}.definition: must be an object`);
  if (definition.type !== undefined && (typeof definition.type !== 'string' || !IRI.test(definition.type))) problems.push(`${where}.definition.type: must be an IRI`);
  if (definition.name !== undefined) languageMap(definition.name, `${where}.definition.name`, problems);
  extensions(definition.extensions, `${where}.definition.extensions`, problems);
}

export function xapiProblems(statement: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(statement)) return ['statement: must be an object'];
  if (typeof statement.id !== 'string' || !UUID.test(statement.id)) problems.push('id: must be a UUID');
  agent(statement.actor, 'actor', problems);
  const verb = statement.verb;
  if (!isObject(verb) || typeof verb.id !== 'string' || !IRI.test(verb.id)) problems.push('verb.id: must be an IRI');
  else if (verb.display !== undefined) languageMap(verb.display, 'verb.display', problems);
  const object = statement.object;
  if (!isObject(object)) problems.push('object: required');
  else if (object.objectType === 'StatementRef') {
    if (typeof object.id !== 'string' || !UUID.test(object.id)) problems.push('object.id: a StatementRef needs a UUID');
  } else if (object.objectType === undefined || object.objectType === 'Activity') activity(object, 'object', problems);
  else problems.push(`object.objectType: unexpected "${String(object.objectType)}"`);
  if (typeof statement.timestamp !== 'string' || !TIMESTAMP.test(statement.timestamp)) problems.push('timestamp: must be an ISO 8601 date-time with a zone');
  const result = statement.result;
  if (result !== undefined) {
    if (!isObject(result)) problems.push('result: must be an object');
    else {
      if (result.duration !== undefined && (typeof result.duration !== 'string' || !DURATION.test(result.duration))) problems.push(`result.duration: "${String(result.duration)}" is not an ISO 8601 duration`);
      for (const key of ['success', 'completion'] as const) if (result[key] !== undefined && typeof result[key] !== 'boolean') problems.push(`result.${key}: must be a boolean`);
      const score = result.score;
      if (score !== undefined) {
        if (!isObject(score)) problems.push('result.score: must be an object');
        else {
          if (score.scaled !== undefined && (typeof score.scaled !== 'number' || score.scaled < -1 || score.scaled > 1)) problems.push('result.score.scaled: must be a number from -1 to 1');
          const { raw, min, max } = score as { raw?: number; min?: number; max?: number };
          if (min !== undefined && max !== undefined && min >= max) problems.push('result.score: min must be below max');
          if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max))) problems.push('result.score.raw: must be between min and max');
        }
      }
      extensions(result.extensions, 'result.extensions', problems);
    }
  }
  const context = statement.context;
  if (context !== undefined) {
    if (!isObject(context)) problems.push('context: must be an object');
    else {
      if (context.registration !== undefined && (typeof context.registration !== 'string' || !UUID.test(context.registration))) problems.push('context.registration: must be a UUID');
      const activities = context.contextActivities;
      if (isObject(activities)) {
        for (const [kind, list] of Object.entries(activities)) {
          if (!['parent', 'grouping', 'category', 'other'].includes(kind)) problems.push(`context.contextActivities.${kind}: unknown kind`);
          for (const [i, item] of (Array.isArray(list) ? list : [list]).entries()) {
            if (isObject(item)) activity(item, `context.contextActivities.${kind}[${i}]`, problems);
          }
        }
      }
      extensions(context.extensions, 'context.extensions', problems);
    }
  }
  return problems;
}
