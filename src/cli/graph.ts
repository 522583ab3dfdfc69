/** `securebase graph <file> [--format mermaid|dot|json]`: the scenario as a graph for review. */
import { loadScenario, machineConfig } from '../engine/index.js';
import type { Condition, Scenario } from '../engine/index.js';
import { readRubric, readText, rubricPathFor, shown } from './files.js';
import { print, printJson, usageError } from './output.js';
import { failOnProblems } from './problems.js';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphOptions {
  readonly file: string;
  readonly format: string;
  readonly rubric?: string | undefined;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

function describeRange(name: string, range: Record<string, number | undefined>): string[] {
  const symbols: Record<string, string> = { gte: '>=', lte: '<=', gt: '>', lt: '<' };
  return Object.entries(range).filter(([, v]) => v !== undefined).map(([op, v]) => `${name} ${symbols[op]} ${v}`);
}

/** A `when` in a reviewer's words, e.g. "trust >= 45, defended". */
export function describeCondition(when: Condition): string {
  const parts = [
    ...describeRange('trust', when.trust ?? {}),
    ...describeRange('safety', when.safety ?? {}),
    ...Object.entries(when.flags ?? {}).map(([flag, value]) => (value ? flag : `not ${flag}`)),
    ...(when.episode ? [`episode ${when.episode}`] : []),
  ];
  return parts.join(', ');
}

function edgesOf(scenario: Scenario): Edge[] {
  return Object.entries(scenario.beats).flatMap(([beatId, beat]) =>
    beat.responses.flatMap((response) =>
      typeof response.next === 'string'
        ? [{ from: beatId, to: response.next, label: response.id }]
        : response.next.map((branch) => ({
          from: beatId,
          to: branch.to,
          label: branch.when ? `${response.id} [${describeCondition(branch.when)}]` : `${response.id} [otherwise]`,
        }))));
}

function beatNote(scenario: Scenario, beatId: string): string[] {
  const beat = scenario.beats[beatId]!;
  return [
    ...(beat.marker ? [`marker: ${beat.marker}`] : []),
    ...(beat.risk ? [`risk: ${beat.risk}`] : []),
    ...(beat.stage ? [`stage ${beat.stage}`] : []),
    ...(beat.resolves ? ['resolves'] : []),
  ];
}

const quote = (text: string) => text.replaceAll('"', '#quot;');

function mermaid(scenario: Scenario): string {
  // Mermaid reserves words such as "end", so nodes get neutral ids.
  const ids = new Map([...Object.keys(scenario.beats), ...Object.keys(scenario.endings)].map((id, i) => [id, `n${i}`]));
  const lines = ['flowchart TD'];
  for (const beatId of Object.keys(scenario.beats)) {
    const label = [beatId, ...beatNote(scenario, beatId)].join('<br/>');
    lines.push(`  ${ids.get(beatId)}["${quote(label)}"]`);
  }
  for (const [endingId, ending] of Object.entries(scenario.endings)) {
    lines.push(`  ${ids.get(endingId)}(["${quote(`${endingId}<br/>${ending.outcome}`)}"])`);
  }
  for (const edge of edgesOf(scenario)) lines.push(`  ${ids.get(edge.from)} -->|"${quote(edge.label)}"| ${ids.get(edge.to)}`);
  lines.push(`  classDef marker fill:#fde7d9,stroke:#b4532a`, `  classDef risk fill:#fbe3e8,stroke:#9b1c3a`, `  classDef ending fill:#e3f1ea,stroke:#2f6b4f`);
  const byClass = (test: (id: string) => boolean) => Object.keys(scenario.beats).filter(test).map((id) => ids.get(id)).join(',');
  const markers = byClass((id) => !!scenario.beats[id]!.marker);
  const risks = byClass((id) => !!scenario.beats[id]!.risk);
  if (markers) lines.push(`  class ${markers} marker`);
  if (risks) lines.push(`  class ${risks} risk`);
  lines.push(`  class ${Object.keys(scenario.endings).map((id) => ids.get(id)).join(',')} ending`);
  return lines.join('\n');
}

const dotString = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

function dot(scenario: Scenario): string {
  const lines = [`digraph ${dotString(scenario.id)} {`, '  rankdir=TB;', '  node [fontname="Helvetica", shape=box, style="rounded,filled", fillcolor="#ffffff"];'];
  lines.push(`  ${dotString('__start')} [shape=point];`, `  ${dotString('__start')} -> ${dotString(scenario.start)};`);
  for (const beatId of Object.keys(scenario.beats)) {
    const beat = scenario.beats[beatId]!;
    const fill = beat.risk ? '#fbe3e8' : beat.marker ? '#fde7d9' : '#ffffff';
    lines.push(`  ${dotString(beatId)} [label=${dotString([beatId, ...beatNote(scenario, beatId)].join('\n'))}, fillcolor="${fill}"];`);
  }
  for (const [endingId, ending] of Object.entries(scenario.endings)) {
    lines.push(`  ${dotString(endingId)} [label=${dotString(`${endingId}\n${ending.outcome}`)}, shape=doubleoctagon, fillcolor="#e3f1ea"];`);
  }
  for (const edge of edgesOf(scenario)) lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)} [label=${dotString(edge.label)}];`);
  lines.push('}');
  return lines.join('\n');
}

export function runGraph(options: GraphOptions): number {
  if (!(GRAPH_FORMATS as readonly string[]).includes(options.format)) {
    throw usageError(`unknown --format "${options.format}"; use one of ${GRAPH_FORMATS.join(', ')}`);
  }
  const rubricFile = readRubric(rubricPathFor(options.file, options.rubric));
  failOnProblems(rubricFile.problems);
  const { loaded, problems } = loadScenario(readText(options.file), shown(options.file), rubricFile.loaded!.rubric);
  failOnProblems(problems);
  const { scenario } = loaded!;
  if (options.format === 'json') printJson(machineConfig(scenario));
  else print(options.format === 'dot' ? dot(scenario) : mermaid(scenario));
  return 0;
}
