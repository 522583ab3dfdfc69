#!/usr/bin/env node
/**
 * Contact sheet for the client portraits: every affect, every posture and
 * every gaze of each portrait in assets/portraits, posed through the shared
 * rig (docs/art.md), plus the room with a client composited where the game
 * puts it. Look at both images after any change to a portrait or the room.
 *
 *   node scripts/contact-sheet.mjs [sheet.png] [room.png] [--client maya] [--cue affect,posture,gaze]
 *
 * Defaults: /tmp/contact-sheet.png and /tmp/room-composite.png, every client,
 * and the room composite posed neutral, open, direct. Needs Chromium at
 * /usr/bin/chromium (or CHROMIUM=/path/to/chromium).
 */
/* global window, document -- the functions passed to page.evaluate run in Chromium */
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORTRAITS = join(ROOT, 'assets', 'portraits');
const ROOM = join(ROOT, 'assets', 'room', 'room.svg');

const AFFECTS = ['neutral', 'warm', 'relieved', 'anxious', 'hurt', 'tearful', 'angry', 'irritated', 'flat', 'guarded', 'ashamed', 'dissociated'];
const POSTURES = ['open', 'closed', 'leaning_in', 'turned_away', 'restless', 'slumped'];
const GAZES = ['direct', 'averted', 'down', 'searching'];
/** Whole cues of the kind scenarios write, to see the parts working together. */
const SAMPLES = [
  ['hurt', 'closed', 'averted'],
  ['tearful', 'leaning_in', 'down'],
  ['flat', 'turned_away', 'averted'],
  ['relieved', 'open', 'direct'],
  ['anxious', 'restless', 'searching'],
  ['ashamed', 'slumped', 'down'],
];

/** The shared rig (assets/portraits/rig.json), the same the game poses with. */
const RIG = JSON.parse(await readFile(join(PORTRAITS, 'rig.json'), 'utf8'));

const ARGS = {
  launch: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

function parseArgs(argv) {
  const out = { sheet: '/tmp/contact-sheet.png', room: '/tmp/room-composite.png', clients: null, cue: ['neutral', 'open', 'direct'] };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--client') (out.clients ??= []).push(argv[++i]);
    else if (argv[i] === '--cue') out.cue = argv[++i].split(',');
    else positional.push(argv[i]);
  }
  if (positional[0]) out.sheet = positional[0];
  if (positional[1]) out.room = positional[1];
  return out;
}

/**
 * The game's own posing code (src/game/portrait.ts), bundled for the page, so
 * the contact sheet shows exactly what the game draws.
 */
async function posingScript() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(ROOT, 'src', 'game', 'portrait.ts')], bundle: true, write: false, format: 'iife', globalName: 'portrait', platform: 'browser',
  });
  return `${result.outputFiles[0].text}
window.pose = (source, _rig, { affect = 'neutral', posture = 'open', gaze = 'direct', point = 0, crop = undefined }) =>
  URL.createObjectURL(new Blob([portrait.posePortrait(source, { affect, posture, gaze }, { point, crop })], { type: 'image/svg+xml' }));
window.settle = () => Promise.all([...document.images].map((img) => img.decode()));`;
}

const CSS = `
  body { margin: 0; padding: 24px; background: #f4efe8; font: 14px/1.3 "DejaVu Sans", sans-serif; color: #3b332e; width: max-content; }
  h1 { font-size: 22px; margin: 0 0 8px; }
  h2 { font-size: 16px; margin: 22px 0 8px; font-weight: 600; }
  .row { display: grid; grid-template-columns: repeat(var(--columns, 6), max-content); gap: 10px; }
  figure { margin: 0; background: #e9e1d6; border-radius: 6px; padding: 6px; text-align: center; }
  figure.dark { background: #d9cbb8; }
  img { display: block; }
  figcaption { margin-top: 4px; font-size: 13px; }
`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const files = (await readdir(PORTRAITS)).filter((f) => f.endsWith('.svg')).sort();
  const clients = [];
  for (const file of files) {
    const id = basename(file, '.svg');
    if (opts.clients && !opts.clients.includes(id)) continue;
    clients.push({ id, source: await readFile(join(PORTRAITS, file), 'utf8') });
  }
  if (clients.length === 0) throw new Error(`no portraits found in ${PORTRAITS}`);
  const room = await readFile(ROOM, 'utf8');
  const rig = { ...RIG, affects: AFFECTS, postures: POSTURES };

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS.launch });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body></body></html>`);
    await page.addScriptTag({ content: await posingScript() });
    await page.evaluate(
      async ({ clients, rig, AFFECTS, POSTURES, GAZES, SAMPLES }) => {
        const el = (tag, props = {}, ...kids) => {
          const element = Object.assign(document.createElement(tag), props);
          element.append(...kids);
          return element;
        };
        const tile = (source, pose, width, height, label, cls = '') =>
          el('figure', { className: cls }, el('img', { src: window.pose(source, rig, pose), width, height, alt: label }), el('figcaption', { textContent: label }));
        const row = (...tiles) => el('div', { className: 'row' }, ...tiles);
        const wide = (...tiles) => {
          const element = row(...tiles);
          element.style.setProperty('--columns', String(tiles.length));
          return element;
        };
        const FACE = '150 56 330 412';
        for (const { id, source } of clients) {
          document.body.append(el('h1', { textContent: `${id}` }));
          document.body.append(el('h2', { textContent: 'Affect (posture open, gaze direct)' }));
          document.body.append(row(...AFFECTS.map((a) => tile(source, { affect: a }, 240, 320, a))));
          document.body.append(el('h2', { textContent: 'Faces, close (gaze direct)' }));
          document.body.append(row(...AFFECTS.map((a) => tile(source, { affect: a, crop: FACE }, 240, 300, a))));
          document.body.append(el('h2', { textContent: 'Posture (affect neutral, gaze direct)' }));
          document.body.append(row(...POSTURES.map((p) => tile(source, { posture: p }, 240, 320, p.replace('_', ' ')))));
          document.body.append(el('h2', { textContent: 'Gaze (affect neutral, posture open); searching moves slowly through its points' }));
          const gazeTiles = GAZES.filter((g) => g !== 'searching').map((g) => tile(source, { gaze: g, crop: FACE }, 240, 300, g));
          rig.gaze.searching.forEach((_, i) => gazeTiles.push(tile(source, { gaze: 'searching', point: i, crop: FACE }, 240, 300, `searching, point ${i + 1}`)));
          document.body.append(row(...gazeTiles));
          document.body.append(el('h2', { textContent: 'Whole cues, as scenarios use them' }));
          document.body.append(row(...SAMPLES.map(([a, p, g]) => tile(source, { affect: a, posture: p, gaze: g }, 240, 320, `${a}, ${p.replace('_', ' ')}, ${g}`))));
          document.body.append(el('h2', { textContent: 'At phone size: 180 px tall' }));
          document.body.append(wide(...AFFECTS.map((a) => tile(source, { affect: a }, 135, 180, a, 'dark'))));
          document.body.append(wide(...POSTURES.map((p) => tile(source, { posture: p }, 135, 180, p.replace('_', ' '), 'dark'))));
        }
        await window.settle();
      },
      { clients, rig, AFFECTS, POSTURES, GAZES, SAMPLES },
    );
    await page.screenshot({ path: opts.sheet, fullPage: true });
    console.log(`contact sheet: ${opts.sheet}`);

    const [affect, posture = 'open', gaze = 'direct'] = opts.cue;
    const roomPage = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await roomPage.setContent(`<!doctype html><html><head><style>body{margin:0;width:1280px;height:720px;position:relative;overflow:hidden}img{position:absolute;display:block}</style></head><body></body></html>`);
    await roomPage.addScriptTag({ content: await posingScript() });
    await roomPage.evaluate(
      async ({ room, source, rig, pose }) => {
        const bg = Object.assign(document.createElement('img'), { src: URL.createObjectURL(new Blob([room], { type: 'image/svg+xml' })), width: 1280, height: 720 });
        bg.style.left = '0px';
        bg.style.top = '0px';
        const { x, y, height } = rig.inRoom;
        const width = (height * 600) / 800;
        const client = Object.assign(document.createElement('img'), { src: window.pose(source, rig, pose), width, height });
        client.style.left = `${x - width / 2}px`;
        client.style.top = `${y - height}px`;
        document.body.append(bg, client);
        await window.settle();
      },
      { room, source: clients[0].source, rig, pose: { affect, posture, gaze } },
    );
    await roomPage.screenshot({ path: opts.room });
    console.log(`room composite: ${opts.room} (${clients[0].id}: ${affect}, ${posture}, ${gaze})`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
