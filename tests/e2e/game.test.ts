/**
 * The game end to end in Chromium: a whole session by keyboard alone, replies
 * in the attempt's shuffled order, a reload mid-session, settings that persist,
 * the live region, the debrief's flags linked to their turns, attempts kept
 * with each choice's beat (and older records without it still synced), and
 * axe on every screen at desktop and phone width. Screenshots of each screen
 * land in test-results/screenshots/ for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeAttempt, replay, shownOrder, startPlay } from '../../src/engine/index.js';
import { scenarioFileNames, shippedRubric, shippedScenario } from '../support/library.js';
import { greedyPath } from '../support/paths.js';
import { DESKTOP, PHONE, ROOT, chooseByKey, debriefScores, newPage, pageErrors, screenshot, startGame } from './browser.js';
import type { GameHarness } from './browser.js';

const MAYA = 'scenarios/maya-after-cancellation.yaml';
const BEST = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'ask-directly', 'plan-together', 'easy-here-too', 'fair-ask'];

const { rubric } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric).scenario;
let game: GameHarness;
beforeAll(async () => {
  game = await startGame();
}, 180_000);
afterAll(async () => {
  await game?.close();
});

/** Presses Tab until the focused element's text contains `name`. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      const active = document.activeElement as HTMLInputElement | null;
      return active?.labels?.[0]?.innerText ?? active?.innerText ?? '';
    });
    if (text.includes(name)) return;
  }
  throw new Error(`no focusable element with "${name}" reached by Tab`);
}

async function axe(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}

function replayScores(choices: string[]) {
  const out = execFileSync(process.execPath, ['bin/securebase.js', 'replay', MAYA, '--choices', choices.join(','), '--json'], { cwd: ROOT, encoding: 'utf8' });
  return (JSON.parse(out) as { scores: { trust: number; safety: number; repair: number | null } }).scores;
}

describe('a whole session by keyboard alone', () => {
  it('plays Maya in practice mode to the debrief, whose scores equal securebase replay of the same choices', async () => {
    const { context, page } = await newPage(game, DESKTOP);
    await tabTo(page, 'Meet Maya');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Maya: after the cancelled session' }).waitFor();
    await tabTo(page, 'Begin the session');
    await page.keyboard.press('Enter');
    for (const responseId of BEST) {
      await page.locator('button.choice').first().waitFor();
      await chooseByKey(page, responseId);
      // Practice mode: the effect of the reply, then Continue (focused) by Enter.
      await page.getByRole('heading', { name: /^That reply:/ }).waitFor();
      await page.keyboard.press('Enter');
    }
    expect(await debriefScores(page)).toEqual(replayScores(BEST));
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('in assessment mode shows no feedback, and shows a critical flag first when a risk cue goes unasked', async () => {
    const { context, page } = await newPage(game, DESKTOP);
    await tabTo(page, 'Meet Maya');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Practice');
    await page.keyboard.press('ArrowDown'); // the radio group moves to Assessment
    await tabTo(page, 'Begin the session');
    await page.keyboard.press('Enter');
    const choices = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'heavy-nights', 'what-helps', 'easy-here-too', 'fair-ask'];
    for (const responseId of choices) {
      await page.locator('button.choice').first().waitFor();
      await chooseByKey(page, responseId);
      expect(await page.getByRole('heading', { name: /^That reply:/ }).count()).toBe(0);
      await page.waitForFunction((count) => document.querySelectorAll('.transcript .you').length >= count || !!document.querySelector('.flags, .scores'), choices.indexOf(responseId) + 1);
    }
    expect(await debriefScores(page)).toEqual(replayScores(choices));
    const firstSection = await page.locator('main section').first().getAttribute('class');
    expect(firstSection).toBe('flags');

    // The flag in plain words, linked to its turn: the link (by keyboard) moves focus to that turn in the review.
    const [flag] = replay(maya, rubric, choices).flags;
    expect(flag!.flag).toBe('risk_not_assessed');
    const flags = page.getByRole('region', { name: 'Critical: this attempt does not pass' });
    expect(await flags.innerText()).toContain('Risk cue not asked about');
    expect(await flags.innerText()).toContain('no direct question about suicide');
    const link = flags.getByRole('link', { name: `Go to turn ${flag!.turn + 1}` });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`turn-${flag!.turn + 1}-heading`);
    const turn = page.locator(`#turn-${flag!.turn + 1}`);
    expect(await turn.innerText()).toContain('Critical: Risk cue not asked about');
    await screenshot(page, 'desktop-debrief-flagged-turn');
    expect(await page.getByRole('region', { name: 'This attempt does not pass', exact: true }).count()).toBe(1);
    // Safety is the harm done; the chart's dashed line is the client's felt safety, a state.
    expect(await page.locator('.score').nth(1).innerText()).toContain('100 minus harm done');
    expect(await page.locator('#chart-caption').innerText()).toContain('felt safety');
    expect(await page.locator('svg.score-chart').innerHTML()).toContain('felt safety (state)');
    await axe(page, 'debrief with a critical flag');
    await context.close();
  });

  it('shows a risk question one turn late as a note with its cost, not as a failure, linked to its turn', async () => {
    // At the cue, a euphemism (which does not stay with her), then the plain question one turn later.
    const choices = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'nothing-silly', 'plain-ask', 'plan-together', 'easy-here-too', 'fair-ask'];
    const expected = replay(maya, rubric, choices);
    expect(expected.flags).toEqual([]);
    expect(expected.notes.map((note) => note.flag)).toEqual(['risk_delayed']);
    const { context, page } = await newPage(game, DESKTOP);
    await page.getByRole('button', { name: 'Meet Maya' }).click();
    await page.getByLabel('Assessment').check();
    await page.getByRole('button', { name: /Begin the session/ }).click();
    for (const [index, responseId] of choices.entries()) {
      await page.waitForFunction((count) => document.querySelectorAll('.transcript .you').length === count && !!document.querySelector('button.choice'), index);
      await chooseByKey(page, responseId);
    }
    expect(await debriefScores(page)).toEqual(expected.scores);
    expect(await page.locator('section.flags').count()).toBe(0);
    const notes = page.getByRole('region', { name: 'Notes' });
    expect(await notes.innerText()).toContain('Risk asked about one turn late');
    expect(await notes.innerText()).toContain('Safety −20');
    const turn = expected.notes[0]!.turn;
    await notes.getByRole('link', { name: `Go to turn ${turn + 1}` }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`turn-${turn + 1}-heading`);
    expect(await page.locator(`#turn-${turn + 1}`).innerText()).toContain('Note: Risk asked about one turn late');
    await axe(page, 'debrief with a note');
    await screenshot(page, 'desktop-debrief-note');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

/** The attempt on screen: the app remembers it across reloads in sessionStorage. */
async function attemptOnScreen(page: Page): Promise<string> {
  const screen = await page.evaluate(() => JSON.parse(sessionStorage.getItem('securebase.screen') ?? 'null') as { name: string; attemptId?: string } | null);
  if (screen?.name !== 'session' || !screen.attemptId) throw new Error(`no session on screen: ${JSON.stringify(screen)}`);
  return screen.attemptId;
}

/** The reply ids as the buttons show them, top to bottom. */
const shownIds = (page: Page): Promise<(string | null)[]> =>
  page.locator('button.choice').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-response')));

interface StoredChoice { responseId: string; beatId?: string; at: string }
interface StoredAttempt { id: string; owner?: string | null; choices: StoredChoice[]; [field: string]: unknown }

/** An attempt as this browser profile's IndexedDB holds it. */
function storedAttempt(page: Page, id: string): Promise<StoredAttempt | undefined> {
  return page.evaluate((attemptId) => new Promise<StoredAttempt | undefined>((resolve, reject) => {
    const open = indexedDB.open('securebase');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('attempts').objectStore('attempts').get(attemptId);
      get.onsuccess = () => { open.result.close(); resolve(get.result as StoredAttempt | undefined); };
      get.onerror = () => reject(get.error);
    };
  }), id);
}

describe('replies in a shuffled order', () => {
  it('shows each beat\'s replies in the order the engine gives this attempt, the same after a reload; number keys follow the shown order', async () => {
    const { context, page } = await newPage(game, DESKTOP);
    await page.getByRole('button', { name: 'Meet Maya' }).click();
    await page.getByRole('button', { name: /Begin the session/ }).click();
    await page.locator('button.choice').first().waitFor();
    const attemptId = await attemptOnScreen(page);
    let shuffledBeats = 0;
    let keysOffFilePosition = 0;
    for (const [index, responseId] of BEST.entries()) {
      await page.waitForFunction((count) => document.querySelectorAll('.transcript .you').length === count && !!document.querySelector('button.choice'), index);
      const play = startPlay(maya, rubric, { attemptId, choices: BEST.slice(0, index) });
      const beatId = play.beatId!;
      const fileOrder = maya.beats[beatId]!.responses.map((r) => r.id);
      const engineOrder = shownOrder(maya, attemptId, beatId).map((r) => r.id);
      expect(play.offered.map((r) => r.id)).toEqual(engineOrder);
      const shown = await shownIds(page);
      expect(shown, `beat "${beatId}"`).toEqual(engineOrder);
      if (shown.join() !== fileOrder.join()) shuffledBeats++;
      // Nothing on a reply but its id: no attribute carries its place in the file.
      const attributes = await page.locator('.choices li, button.choice').evaluateAll((nodes) =>
        [...new Set(nodes.flatMap((node) => node.getAttributeNames()))].sort());
      expect(attributes).toEqual(['class', 'data-response']);

      if (index === 4) {
        await page.reload();
        await page.locator('button.choice').first().waitFor();
        expect(await shownIds(page)).toEqual(engineOrder);
      }
      // The number key of the reply's shown position chooses it (not the one at its position in the file).
      const position = engineOrder.indexOf(responseId);
      if (position !== fileOrder.indexOf(responseId)) keysOffFilePosition++;
      await page.keyboard.press(String(position + 1));
      await page.getByRole('heading', { name: /^That reply:/ }).waitFor();
      const said = maya.beats[beatId]!.responses.find((r) => r.id === responseId)!.say;
      expect(await page.locator('.transcript .you').last().innerText()).toContain(said);
      await page.keyboard.press('Enter');
    }
    // With eleven beats of three to five replies, a file order kept everywhere would be a failure, not chance.
    expect(shuffledBeats).toBeGreaterThan(0);
    expect(keysOffFilePosition).toBeGreaterThan(0);
    await page.getByRole('heading', { level: 1, name: /^Debrief/ }).waitFor();

    // Each choice is stored with the beat it was made at.
    const stored = await storedAttempt(page, attemptId);
    expect(stored!.choices.map((c) => [c.responseId, c.beatId])).toEqual(replay(maya, rubric, BEST).turns.map((t) => [t.response, t.beat]));
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

});

describe('nothing is lost', () => {
  it('a reload mid-session continues from the same beat with the same transcript', async () => {
    const { context, page } = await newPage(game, DESKTOP);
    await page.getByRole('button', { name: 'Meet Maya' }).click();
    await page.getByRole('button', { name: /Begin the session/ }).click();
    for (const responseId of BEST.slice(0, 3)) {
      await page.locator('button.choice').first().waitFor();
      await chooseByKey(page, responseId);
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.locator('button.choice').first().waitFor();
    const before = await page.locator('button.choice').evaluateAll((b) => b.map((x) => x.getAttribute('data-response')));
    await page.reload();
    await page.locator('button.choice').first().waitFor();
    expect(await page.locator('button.choice').evaluateAll((b) => b.map((x) => x.getAttribute('data-response')))).toEqual(before);
    expect(await page.locator('.transcript .you').count()).toBe(3);
    // Back in the library, the attempt offers to continue.
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.getByRole('button', { name: 'Continue with Maya' }).click();
    expect(await page.locator('.transcript .you').count()).toBe(3);
    await context.close();
  });

  it('each client line is announced in the live log, and mute persists across reloads', async () => {
    const { context, page } = await newPage(game, DESKTOP);
    await page.getByRole('button', { name: 'Meet Maya' }).click();
    await page.getByRole('button', { name: /Begin the session/ }).click();
    const log = page.getByRole('log');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => log.innerText()).toContain('So you remembered me this week.');
    await chooseByKey(page, 'own-it');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => log.innerText()).toContain('It was a text. Three hours before.');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Mute all sound').check();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    // The session resumes at its beat before the header's controls are wired; wait for it.
    await page.locator('button.choice').first().waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => page.getByLabel('Mute all sound').isChecked()).toBe(true);
    await context.close();
  });
});

describe.each(scenarioFileNames())('the library in play: %s', (name) => {
  const { scenario } = shippedScenario(name, rubric);
  it.each(['best', 'worst'] as const)('plays the greedy %s path to an ending, and the debrief matches the engine', async (which) => {
    const path = greedyPath(scenario, rubric, which);
    const expected = replay(scenario, rubric, path);
    // Choices matter: the best path ends well and passes; the worst one does not pass.
    if (which === 'best') expect(['repaired', 'escalated', 'referred', 'held']).toContain(expected.outcome);
    expect(judgeAttempt(expected).passed).toBe(which === 'best');
    const { context, page } = await newPage(game, DESKTOP);
    await page.getByRole('button', { name: `Meet ${scenario.client.name}` }).click();
    await page.getByLabel('Assessment').check();
    await page.getByRole('button', { name: /Begin the session/ }).click();
    for (const [index, responseId] of path.entries()) {
      await page.waitForFunction((count) => document.querySelectorAll('.transcript .you').length === count && !!document.querySelector('button.choice'), index);
      await chooseByKey(page, responseId);
    }
    expect(await debriefScores(page)).toEqual(expected.scores);
    await expect.poll(() => page.locator('section.ending').innerText()).toContain(scenario.endings[expected.ending!]!.client);
    expect(await page.locator('#verdict-heading').innerText()).toBe(which === 'best' ? 'This attempt passes' : 'This attempt does not pass');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('a signed-in player\'s attempts on the server', () => {
  it('sends each choice with its stored beat, and derives the beats of a record saved before choices kept them', async () => {
    const { context, page } = await newPage(game, DESKTOP);
    await page.goto(game.setupLink!);
    await page.getByLabel('Your name', { exact: true }).fill('Ada Admin');
    await page.getByLabel('Email', { exact: true }).fill('ada@example.org');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    await page.getByRole('heading', { level: 2, name: 'Accounts' }).waitFor();
    await page.goto(game.url);
    await page.getByRole('button', { name: 'Meet Maya' }).click();
    await page.getByRole('button', { name: /Begin the session/ }).click();
    const choices = ['own-it', 'stay-with-it', 'explore-anger'];
    for (const responseId of choices) {
      await page.locator('button.choice').first().waitFor();
      await chooseByKey(page, responseId);
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await expect.poll(() => page.locator('#sync-status').innerText(), { timeout: 20_000 }).toBe('All your work is saved on the server.');
    const beats = replay(maya, rubric, choices).turns.map((turn) => turn.beat);
    const serverBeats = (id: string) => page.evaluate(async (attemptId) => {
      const response = await fetch(`/api/attempts/${attemptId}`);
      if (!response.ok) return null;
      const { turns } = await response.json() as { turns: { beatId: string; responseId: string }[] };
      return turns.map((turn) => [turn.responseId, turn.beatId]);
    }, id);
    const attemptId = await attemptOnScreen(page);
    expect(await serverBeats(attemptId)).toEqual(choices.map((id, i) => [id, beats[i]]));

    // A record from before choices kept their beat: the same attempt under a new id, without beatId, sent on the next load.
    const current = await storedAttempt(page, attemptId);
    const legacy: StoredAttempt = { ...current!, id: crypto.randomUUID(), choices: current!.choices.map(({ responseId, at }) => ({ responseId, at })) };
    await page.evaluate((record) => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('securebase');
      open.onsuccess = () => {
        const tx = open.result.transaction('attempts', 'readwrite');
        tx.objectStore('attempts').put(record);
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    }), legacy);
    await page.reload();
    await expect.poll(() => serverBeats(legacy.id), { timeout: 20_000 }).toEqual(choices.map((id, i) => [id, beats[i]]));
    await expect.poll(() => page.locator('#sync-status').innerText(), { timeout: 20_000 }).toBe('All your work is saved on the server.');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('practice and history', () => {
  it('steps back once in practice mode, keeps the finished attempt in the history, and moves attempts out and back in by file', async () => {
    const { context, page } = await newPage(game, DESKTOP);
    await page.getByRole('button', { name: 'Meet Maya' }).click();
    await page.getByRole('button', { name: /Begin the session/ }).click();
    await page.locator('button.choice').first().waitFor();
    await chooseByKey(page, 'policy');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Step back one choice' }).click();
    // Back at the opening, with the choice undone and no second step back on offer.
    await expect.poll(() => page.locator('.transcript .you').count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: 'Step back one choice' }).isVisible()).toBe(false);
    for (const responseId of ['policy', 'name-it', 'double-down']) {
      await page.locator('button.choice').first().waitFor();
      await chooseByKey(page, responseId);
      await page.getByRole('button', { name: /Continue|See the debrief/ }).click();
    }
    await page.getByRole('heading', { level: 1, name: /^Debrief/ }).waitFor();
    expect(await debriefScores(page)).toEqual(replayScores(['policy', 'name-it', 'double-down']));
    await page.getByRole('button', { name: 'Back to all sessions' }).click();
    const history = page.getByRole('region', { name: 'Your finished sessions' });
    await expect.poll(() => history.getByRole('listitem').count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export attempts' }).click()]);
    const exported = join(mkdtempSync(join(tmpdir(), 'securebase-export-')), 'attempts.json');
    await download.saveAs(exported);
    const file = JSON.parse(readFileSync(exported, 'utf8')) as { format: string; attempts: { choices: { responseId: string }[] }[] };
    expect(file.format).toBe('securebase-attempts');
    expect(file.attempts[0]!.choices.map((c) => c.responseId)).toEqual(['policy', 'name-it', 'double-down']);

    // A fresh browser profile has no history until the file is imported.
    const other = await newPage(game, DESKTOP);
    await other.page.getByText('None yet.').waitFor();
    await other.page.locator('#import-file').setInputFiles(exported);
    await expect.poll(() => other.page.getByRole('status').filter({ hasText: 'Imported' }).innerText()).toContain('Imported 1 attempt.');
    await expect.poll(() => other.page.getByRole('region', { name: 'Your finished sessions' }).getByRole('listitem').count()).toBe(1);
    await other.context.close();
    await context.close();
  });
});

describe.each([['desktop', DESKTOP], ['phone', PHONE]] as const)('every screen at %s width', (name, viewport) => {
  it('has no axe violations on the library, briefing, session and debrief, and is photographed', async () => {
    const { context, page } = await newPage(game, viewport, { reducedMotion: true });
    await page.waitForTimeout(300);
    await screenshot(page, `${name}-library`);
    await axe(page, 'library');
    await page.getByRole('button', { name: 'Meet Maya' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maya: after the cancelled session' }).waitFor();
    await screenshot(page, `${name}-briefing`);
    await axe(page, 'briefing');
    await page.getByRole('button', { name: /Begin the session/ }).click();
    await page.locator('button.choice').first().waitFor();
    await page.waitForTimeout(600);
    await screenshot(page, `${name}-session`);
    await axe(page, 'session');
    await chooseByKey(page, 'policy');
    await page.getByRole('heading', { name: /^That reply:/ }).waitFor();
    await screenshot(page, `${name}-feedback`);
    await axe(page, 'feedback');
    for (const responseId of ['comply', 'it-takes-time', 'back-to-panic', 'youd-tell-me']) {
      await page.getByRole('button', { name: /Continue|See the debrief/ }).click();
      await page.locator('button.choice').first().waitFor();
      await chooseByKey(page, responseId);
      await page.getByRole('heading', { name: /^That reply:/ }).waitFor();
    }
    await page.getByRole('button', { name: 'See the debrief' }).click();
    await page.getByRole('heading', { level: 1, name: /^Debrief/ }).waitFor();
    await screenshot(page, `${name}-debrief`);
    await page.locator('svg.score-chart').scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-debrief-chart`);
    await axe(page, 'debrief');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
