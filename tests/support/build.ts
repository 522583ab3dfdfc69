/** Small scenarios built in code, validated by the real schema, for scoring tests. */
import { ScenarioSchema } from '../../src/engine/index.js';
import type { Beat, Scenario } from '../../src/engine/index.js';
import type { AttachmentStyle, Setting } from '../../src/engine/vocabulary.js';

export interface BuildOptions {
  readonly attachment?: AttachmentStyle;
  readonly setting?: Setting;
  readonly trust?: number;
  readonly safety?: number;
  readonly beats: Record<string, Partial<Beat> & Pick<Beat, 'responses'>>;
  readonly start?: string;
  readonly endings?: Scenario['endings'];
}

export function buildScenario(options: BuildOptions): Scenario {
  const beats = Object.fromEntries(Object.entries(options.beats).map(([id, beat]) => [id, { client: '…', ...beat }]));
  return ScenarioSchema.parse({
    format: 1,
    id: 'built',
    title: 'Built for a test',
    summary: 'A scenario assembled in code.',
    ...(options.setting ? { setting: options.setting } : {}),
    client: { name: 'Test', age: 30, pronouns: 'they/them', attachment: options.attachment ?? 'secure', presenting: 'Testing.' },
    briefing: 'None.',
    objectives: ['None.'],
    initial: { trust: options.trust ?? 50, safety: options.safety ?? 50 },
    start: options.start ?? Object.keys(options.beats)[0],
    beats,
    endings: options.endings ?? { done: { client: 'Bye.', outcome: 'held' } },
  });
}

/** One beat offering one response per move list, each going straight to the ending. */
export function oneBeat(beat: Partial<Beat>, movesByResponse: Record<string, string[]>, options: Omit<BuildOptions, 'beats'> = {}): Scenario {
  const responses = Object.entries(movesByResponse).map(([id, moves]) => ({ id, say: id, moves, next: 'done' }));
  return buildScenario({ ...options, beats: { only: { ...beat, responses } } });
}
