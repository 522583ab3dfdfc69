/** `securebase schema [folder]`: writes the JSON Schemas authors' editors use. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RubricSchema, ScenarioSchema } from '../engine/index.js';
import { DEFAULT_LIBRARY, shown } from './files.js';
import { CliError, print } from './output.js';

export const SCHEMA_FILES = { 'scenario.schema.json': ScenarioSchema, 'rubric.schema.json': RubricSchema } as const;

/** The schema text for one file; draft-07 is what YAML editors understand best. */
export function schemaText(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-07', io: 'input' }), null, 2)}\n`;
}

export function runSchema(folder: string = DEFAULT_LIBRARY): number {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new CliError('SB_FILE_UNREADABLE', `${shown(folder)}: cannot create this folder (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
    const path = join(folder, name);
    writeFileSync(path, schemaText(schema));
    print(`wrote ${shown(path)}`);
  }
  return 0;
}
