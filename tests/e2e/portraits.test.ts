/**
 * Every client's portrait, posed by the game's own code (src/game/portrait.ts,
 * bundled as scripts/contact-sheet.mjs bundles it) in Chromium, for every affect
 * and posture the format names and every gaze: well-formed SVG, the rig's groups
 * present, the right ones shown, and a different picture for each affect and
 * each posture. One pose per client is drawn to a PNG in
 * test-results/screenshots/portraits-<client>.png and must not be blank.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFFECTS, GAZES, POSTURES } from '../../src/engine/vocabulary.js';
import { scenarioFileNames, shippedRubric, shippedScenario } from '../support/library.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PORTRAITS = join(ROOT, 'assets', 'portraits');
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
/** As tests/e2e/browser.ts launches Debian's Chromium. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The groups the rig poses (docs/art.md). */
const RIG_GROUPS = [
  'head', 'torso', 'pupils', 'tears',
  ...AFFECTS.flatMap((affect) => ['brows', 'eyes', 'mouth'].map((part) => `${part}-${affect}`)),
  ...POSTURES.map((posture) => `arms-${posture}`),
];

const { rubric } = shippedRubric();
const clients = scenarioFileNames().map((name) => shippedScenario(name, rubric).scenario.client)
  .map((client) => ({ name: client.name, portrait: client.portrait!, source: readFileSync(join(PORTRAITS, `${client.portrait}.svg`), 'utf8') }));

/** What the page reports about one posed portrait. */
interface Posed {
  readonly affect: string;
  readonly posture: string;
  readonly gaze: string;
  /** The posed SVG's length and FNV-1a hash, so a few megabytes of SVG stay in the page. */
  readonly fingerprint: string;
  /** Empty when the output parses as SVG. */
  readonly parseError: string;
  readonly root: string;
  readonly missing: readonly string[];
  /** Ids of the rig's affect, posture and tears groups left visible. */
  readonly shown: readonly string[];
  readonly transforms: Readonly<Record<'head' | 'torso' | 'pupils', string | null>>;
}

declare global {
  interface Window {
    portrait: { posePortrait(source: string, cue: { affect?: string; posture?: string; gaze?: string }): string };
  }
}

let browser: Browser;
let page: Page;
beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(ROOT, 'src', 'game', 'portrait.ts')], bundle: true, write: false, format: 'iife', globalName: 'portrait', platform: 'browser', logLevel: 'silent',
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  page = await browser.newPage({ viewport: { width: 600, height: 800 } });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff"></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function poseAll(source: string): Promise<Posed[]> {
  return page.evaluate(({ source, affects, postures, gazes, groups }) => {
    const cues = [
      ...affects.flatMap((affect) => postures.map((posture) => ({ affect, posture, gaze: 'direct' }))),
      ...gazes.map((gaze) => ({ affect: 'neutral', posture: 'open', gaze })),
    ];
    return cues.map((cue) => {
      const svg = window.portrait.posePortrait(source, cue);
      let hash = 0x811c9dc5;
      for (let i = 0; i < svg.length; i++) hash = Math.imul(hash ^ svg.charCodeAt(i), 0x01000193);
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      const error = doc.querySelector('parsererror');
      const byId = (id: string) => doc.getElementById(id);
      const toggled = groups.filter((id) => !['head', 'torso', 'pupils'].includes(id));
      return {
        ...cue,
        fingerprint: `${svg.length}:${(hash >>> 0).toString(16)}`,
        parseError: error ? (error.textContent ?? 'parsererror') : '',
        root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
        missing: groups.filter((id) => !byId(id)),
        shown: toggled.filter((id) => byId(id) && byId(id)!.getAttribute('display') !== 'none'),
        transforms: { head: byId('head')?.getAttribute('transform') ?? null, torso: byId('torso')?.getAttribute('transform') ?? null, pupils: byId('pupils')?.getAttribute('transform') ?? null },
      };
    });
  }, { source, affects: [...AFFECTS], postures: [...POSTURES], gazes: [...GAZES], groups: RIG_GROUPS });
}

describe.each(clients)('the portrait of $name ($portrait)', ({ portrait, source }) => {
  let posed: Posed[];
  beforeAll(async () => {
    posed = await poseAll(source);
  });
  const at = (affect: string, posture = 'open', gaze = 'direct') => posed.find((p) => p.affect === affect && p.posture === posture && p.gaze === gaze)!;

  it('poses as well-formed SVG with every group the rig requires, for every affect, posture and gaze', () => {
    expect(posed).toHaveLength(AFFECTS.length * POSTURES.length + GAZES.length);
    for (const pose of posed) {
      const label = `${pose.affect}, ${pose.posture}, ${pose.gaze}`;
      expect(pose.parseError, label).toBe('');
      expect(pose.root, label).toBe('http://www.w3.org/2000/svg svg');
      expect(pose.missing, label).toEqual([]);
      expect(pose.transforms.head, label).toMatch(/^translate\(.+\) rotate\(.+\) scale\(.+\) translate\(.+\)$/);
      expect(pose.transforms.torso, label).toMatch(/^translate\(.+\) rotate\(.+\) scale\(.+\) translate\(.+\)$/);
      expect(pose.transforms.pupils, label).toMatch(/^translate\(/);
    }
  });

  it('shows exactly the brows, eyes, mouth and arms of the cue, and tears only when tearful', () => {
    for (const pose of posed) {
      const expected = [
        ...(pose.affect === 'tearful' ? ['tears'] : []),
        ...['brows', 'eyes', 'mouth'].map((part) => `${part}-${pose.affect}`),
        `arms-${pose.posture}`,
      ].sort();
      expect([...pose.shown].sort(), `${pose.affect}, ${pose.posture}`).toEqual(expected);
    }
  });

  it('draws a different picture for each affect, each posture and each gaze', () => {
    for (const posture of POSTURES) expect(new Set(AFFECTS.map((affect) => at(affect, posture).fingerprint)).size, posture).toBe(AFFECTS.length);
    for (const affect of AFFECTS) expect(new Set(POSTURES.map((posture) => at(affect, posture).fingerprint)).size, affect).toBe(POSTURES.length);
    expect(new Set(GAZES.map((gaze) => at('neutral', 'open', gaze).fingerprint)).size).toBe(GAZES.length);
  });

  it(`renders to a PNG that is not blank (test-results/screenshots/portraits-${portrait}.png)`, async () => {
    const pixels = await page.evaluate(async (source) => {
      const svg = window.portrait.posePortrait(source, { affect: 'hurt', posture: 'closed', gaze: 'averted' });
      document.body.replaceChildren();
      const img = new Image(300, 400);
      img.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      await img.decode();
      document.body.append(img);
      const canvas = document.createElement('canvas');
      canvas.width = 300;
      canvas.height = 400;
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0, 300, 400);
      const { data } = context.getImageData(0, 0, 300, 400);
      const colours = new Set<number>();
      let painted = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! === 0) continue;
        painted++;
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      }
      return { painted, colours: colours.size, total: 300 * 400 };
    }, source);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const png = await page.locator('img').screenshot({ path: join(SCREENSHOTS, `portraits-${portrait}.png`) });
    expect(png.length).toBeGreaterThan(1000);
    expect(pixels.painted / pixels.total).toBeGreaterThan(0.2);
    expect(pixels.colours).toBeGreaterThan(20);
  });
});
