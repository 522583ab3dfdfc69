/**
 * The multi-user app in real Chromium, on a fresh SQLite database: the first
 * admin from the setup link, a supervisor who creates a cohort, invites and
 * assigns; a trainee who joins, plays with the connection dropping midway, and
 * whose attempt the supervisor then sees with the scores the debrief showed,
 * and reviews with each turn's replies in the order the trainee saw them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { replay, shownOrder } from '../../src/engine/index.js';
import { shippedRubric, shippedScenario } from '../support/library.js';
import { DESKTOP, PHONE, chooseByKey, debriefScores, newPage, pageErrors, screenshot, startGame } from './browser.js';
import type { GameHarness } from './browser.js';

const { rubric } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric).scenario;
const CHOICES = ['own-it', 'stay-with-it', 'explore-anger', 'glad-you-came', 'it-mattered', 'notice-laugh', 'sick-of-it', 'ask-directly', 'plan-together', 'easy-here-too', 'fair-ask'];
const PASSWORD = 'a long enough password';

let game: GameHarness;
/** Tam's attempt, played in the first test and reviewed in the third: its id, and the reply ids each beat showed, in the game's order. */
const tam = { attemptId: '', shown: [] as string[][] };
beforeAll(async () => {
  game = await startGame();
}, 180_000);
afterAll(async () => {
  await game?.close();
});

async function fill(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
}

/** Signs in from the sign-in page, as a returning user would. */
async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${game.url}sign-in`);
  await fill(page, { Email: email, Password: PASSWORD });
  await page.getByRole('button', { name: 'Sign in' }).last().click();
}

async function noAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('supervisor, trainee and server together', () => {
  it('a supervisor assigns; a trainee joins, plays through an outage, and the supervisor sees the scores the debrief showed', async () => {
    expect(game.setupLink).toMatch(/\/setup#.+/);

    // The first admin, from the one-time link printed at start; the admin creates a supervisor.
    const admin = await newPage(game, DESKTOP);
    await admin.page.goto(game.setupLink!);
    await admin.page.getByRole('heading', { level: 1, name: 'Set up Secure Base' }).waitFor();
    await noAxeViolations(admin.page);
    await fill(admin.page, { 'Your name': 'Dr Director', Email: 'director@example.org', Password: PASSWORD });
    await admin.page.getByRole('button', { name: 'Create the admin account' }).click();
    await admin.page.getByRole('heading', { level: 2, name: 'Accounts' }).waitFor();
    await fill(admin.page, { Name: 'Dr Supervisor', Email: 'supervisor@example.org', 'First password': PASSWORD });
    await admin.page.getByRole('button', { name: 'Create account' }).click();
    await admin.page.getByText('Created supervisor supervisor@example.org.').waitFor();
    await admin.context.close();

    // The supervisor signs in, creates a cohort, an invite and an assignment.
    const supervisor = await newPage(game, DESKTOP);
    await supervisor.page.getByRole('button', { name: 'Sign in' }).click();
    await supervisor.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await noAxeViolations(supervisor.page);
    await screenshot(supervisor.page, 'server-sign-in');
    await fill(supervisor.page, { Email: 'supervisor@example.org', Password: PASSWORD });
    await supervisor.page.getByRole('button', { name: 'Sign in' }).last().click();
    await supervisor.page.getByRole('heading', { level: 1, name: 'Supervise' }).waitFor();
    await supervisor.page.getByLabel('New cohort').fill('Practicum A');
    await supervisor.page.getByRole('button', { name: 'Create cohort' }).click();
    await supervisor.page.getByRole('heading', { level: 2, name: 'Practicum A' }).waitFor();
    await supervisor.page.getByRole('button', { name: 'Create an invite link' }).click();
    const invite = await supervisor.page.getByLabel(/Invite link/).inputValue();
    const code = await supervisor.page.getByLabel(/invite code/).inputValue();
    expect(invite).toBe(`${game.url}join/${code}`);
    await supervisor.page.getByLabel('Scenario').selectOption(maya.id);
    await supervisor.page.getByLabel('Mode').selectOption('assessment');
    await supervisor.page.getByRole('button', { name: 'Assign' }).click();
    await supervisor.page.getByText(/Maya: after the cancelled session: assessment, due/).waitFor();
    await noAxeViolations(supervisor.page);

    // The trainee joins from the link and sees the assignment in the library.
    const trainee = await newPage(game, DESKTOP);
    await trainee.page.goto(invite);
    await trainee.page.getByRole('heading', { level: 1, name: 'Join Practicum A' }).waitFor();
    await noAxeViolations(trainee.page);
    await trainee.page.setViewportSize(PHONE);
    await screenshot(trainee.page, 'server-join-phone');
    await trainee.page.setViewportSize(DESKTOP);
    await fill(trainee.page, { 'Your name': 'Tam Trainee', Email: 'tam@example.org', Password: PASSWORD });
    await trainee.page.getByRole('button', { name: 'Create my account and join' }).click();
    const assigned = trainee.page.getByRole('region', { name: 'Assigned to you' });
    await assigned.getByText(/^Due /).waitFor();
    await screenshot(trainee.page, 'server-library-assigned');

    // A second trainee has only the code: they type it on the sign-in page, where a mistyped one is refused.
    const coder = await newPage(game, DESKTOP);
    await coder.page.getByRole('button', { name: 'Sign in' }).click();
    await coder.page.getByRole('heading', { level: 2, name: 'Have an invite code?' }).waitFor();
    await coder.page.getByLabel('Invite code', { exact: true }).fill('not a code!');
    await coder.page.getByRole('button', { name: 'Join', exact: true }).click();
    await coder.page.getByText(/^That is not an invite code\./).waitFor();
    expect(await coder.page.evaluate(() => document.activeElement?.id)).toBe('field-invite-code');
    await noAxeViolations(coder.page);
    await coder.page.getByLabel('Invite code', { exact: true }).fill(` ${code} `);
    await coder.page.getByRole('button', { name: 'Join', exact: true }).click();
    await coder.page.getByRole('heading', { level: 1, name: 'Join Practicum A' }).waitFor();
    await fill(coder.page, { 'Your name': 'Cody Code', Email: 'cody@example.org', Password: PASSWORD });
    await coder.page.getByRole('button', { name: 'Create my account and join' }).click();
    await coder.page.getByRole('region', { name: 'Assigned to you' }).getByText(/^Due /).waitFor();
    expect(pageErrors(coder.page)).toEqual([]);
    await coder.context.close();

    await trainee.page.setViewportSize(PHONE);
    await screenshot(trainee.page, 'server-library-assigned-phone');
    await noAxeViolations(trainee.page);
    await trainee.page.setViewportSize(DESKTOP);
    await noAxeViolations(trainee.page);
    await assigned.getByRole('button', { name: 'Start: Maya' }).click();
    await trainee.page.getByText(/Assigned in assessment mode/).waitFor();
    await trainee.page.getByRole('button', { name: /Begin the session/ }).click();

    // Half the session online, the rest with the connection gone, then back.
    for (const [index, responseId] of CHOICES.entries()) {
      if (index === 5) await trainee.context.setOffline(true);
      await trainee.page.waitForFunction((count) => document.querySelectorAll('.transcript .you').length === count && !!document.querySelector('button.choice'), index);
      tam.shown.push(await trainee.page.locator('button.choice').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-response')!)));
      await chooseByKey(trainee.page, responseId);
    }
    const shown = await debriefScores(trainee.page);
    expect(shown).toEqual(replay(maya, rubric, CHOICES).scores);
    await expect.poll(() => trainee.page.locator('#sync-status').innerText()).toMatch(/Offline/);
    await trainee.context.setOffline(false);
    await expect.poll(() => trainee.page.locator('#sync-status').innerText(), { timeout: 20_000 }).toBe('All your work is saved on the server.');
    expect(pageErrors(trainee.page)).toEqual([]);
    const mine = await trainee.page.evaluate(async () => (await (await fetch('/api/attempts')).json()) as { attempts: { id: string }[] });
    expect(mine.attempts).toHaveLength(1);
    tam.attemptId = mine.attempts[0]!.id;
    // The game showed each beat's replies in the attempt's own order.
    const beats = replay(maya, rubric, CHOICES).turns.map((t) => t.beat);
    expect(tam.shown).toEqual(beats.map((beat) => shownOrder(maya, tam.attemptId, beat).map((r) => r.id)));

    // The supervisor sees the finished attempt with the same scores.
    await supervisor.page.reload();
    const row = supervisor.page.getByRole('table', { name: 'Attempts', exact: true }).getByRole('row', { name: /Tam Trainee/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.slice(4, 8)).toEqual([`finished: ${replay(maya, rubric, CHOICES).outcome}`, String(shown.trust), String(shown.safety), String(shown.repair)]);
    await screenshot(supervisor.page, 'server-supervise');
    await Promise.all([supervisor.context.close(), trainee.context.close()]);
  }, 240_000);

  // Runs after the test above, whose supervisor and cohort it uses.
  it('keeps sessions played as a guest on signing in, and resumes an attempt on another device from the server', async () => {
    const supervisor = await newPage(game, DESKTOP);
    await signIn(supervisor.page, 'supervisor@example.org');
    await supervisor.page.getByRole('button', { name: 'Create an invite link' }).click();
    const invite = await supervisor.page.getByLabel(/Invite link/).inputValue();

    // A guest plays Maya to an ending, then joins the cohort and keeps the session.
    const device = await newPage(game, DESKTOP);
    const GUEST = ['policy', 'name-it', 'double-down'];
    await device.page.getByRole('button', { name: 'Meet Maya' }).click();
    await device.page.getByLabel('Assessment').check();
    await device.page.getByRole('button', { name: /Begin the session/ }).click();
    for (const [index, responseId] of GUEST.entries()) {
      await device.page.waitForFunction((count) => document.querySelectorAll('.transcript .you').length === count && !!document.querySelector('button.choice'), index);
      await chooseByKey(device.page, responseId);
    }
    const guestScores = await debriefScores(device.page);
    await device.page.goto(invite);
    await fill(device.page, { 'Your name': 'Gus Guest', Email: 'gus@example.org', Password: PASSWORD });
    await device.page.getByRole('button', { name: 'Create my account and join' }).click();
    const offer = device.page.getByRole('region', { name: 'Sessions you played as a guest' });
    await offer.getByText('This device has one session played without signing in.').waitFor();
    await noAxeViolations(device.page);
    await offer.getByRole('button', { name: 'Keep them in my account' }).click();
    await expect.poll(() => device.page.locator('#sync-status').innerText(), { timeout: 20_000 }).toBe('All your work is saved on the server.');
    await supervisor.page.reload();
    const keptRow = supervisor.page.getByRole('table', { name: 'Attempts', exact: true }).getByRole('row', { name: /Gus Guest/ });
    await keptRow.waitFor();
    const kept = await keptRow.getByRole('cell').allInnerTexts();
    expect(kept.slice(5, 8)).toEqual([String(guestScores.trust), String(guestScores.safety), String(guestScores.repair)]);

    // Two choices on this device, then the same account on another device continues from the server's copy.
    await device.page.getByRole('button', { name: 'Meet Maya' }).click();
    await device.page.getByRole('button', { name: /Begin the session/ }).click();
    for (const responseId of ['own-it', 'stay-with-it']) {
      await device.page.locator('button.choice').first().waitFor();
      await chooseByKey(device.page, responseId);
      await device.page.getByRole('button', { name: 'Continue' }).click();
    }
    await expect.poll(() => device.page.locator('#sync-status').innerText(), { timeout: 20_000 }).toBe('All your work is saved on the server.');
    const other = await newPage(game, DESKTOP);
    await signIn(other.page, 'gus@example.org');
    await other.page.getByRole('button', { name: 'Continue with Maya' }).click();
    await expect.poll(() => other.page.locator('.transcript .you').count()).toBe(2);
    await other.page.locator('button.choice').first().waitFor();
    expect(await other.page.locator('button.choice').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-response')))).toContain('explore-anger');
    expect(pageErrors(other.page)).toEqual([]);
    await Promise.all([supervisor.context.close(), device.context.close(), other.context.close()]);
  }, 240_000);

  // Runs after the first test, whose supervisor reviews Tam's finished attempt.
  it('the supervisor reviews the attempt, comments on turn 3 and signs off; the trainee sees the comment', async () => {
    const supervisor = await newPage(game, DESKTOP);
    await signIn(supervisor.page, 'supervisor@example.org');
    const tamOnBoard = supervisor.page.getByRole('region', { name: 'Status board' }).getByRole('row', { name: /Tam Trainee/ });
    await tamOnBoard.waitFor();
    expect(await tamOnBoard.getByRole('cell').allInnerTexts()).toEqual(['Done, pass marks met']);
    await screenshot(supervisor.page, 'server-status-board');
    await supervisor.page.getByRole('button', { name: "Review Tam Trainee's attempt" }).click();
    await supervisor.page.getByRole('heading', { level: 1, name: /^Review: Tam Trainee/ }).waitFor();
    const turn3 = supervisor.page.getByRole('region', { name: /^Turn 3/ });
    expect(await turn3.getByRole('row').filter({ hasText: 'chosen' }).count()).toBe(1);
    // Every turn lists the replies in the order the trainee saw them in the game, which is the engine's shown order for the attempt.
    const beats = replay(maya, rubric, CHOICES).turns.map((t) => t.beat);
    const sayOf = (beat: string, id: string) => maya.beats[beat]!.responses.find((r) => r.id === id)!.say;
    for (const [index, beat] of beats.entries()) {
      const rows = supervisor.page.getByRole('region', { name: new RegExp(`^Turn ${index + 1}\\b`) }).locator('tbody tr');
      const listed = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')!.textContent));
      expect(listed, `turn ${index + 1}`).toEqual(tam.shown[index]!.map((id) => sayOf(beat, id)));
      expect(listed, `turn ${index + 1}`).toEqual(shownOrder(maya, tam.attemptId, beat).map((r) => r.say));
    }
    expect(beats.some((beat, index) => tam.shown[index]!.join() !== maya.beats[beat]!.responses.map((r) => r.id).join())).toBe(true);
    // Safety is the score of harm done; each turn's figure is the client's felt safety, a state.
    await supervisor.page.getByText(/^Safety \d+: 100 minus harm done/).waitFor();
    expect(await turn3.getByText(/^After it, Maya's trust was \d+ and felt safety \d+ \(the client's state\)\./).count()).toBe(1);
    await noAxeViolations(supervisor.page);
    await screenshot(supervisor.page, 'server-review');
    await supervisor.page.setViewportSize(PHONE);
    await screenshot(supervisor.page, 'server-review-phone');
    await supervisor.page.setViewportSize(DESKTOP);
    await supervisor.page.getByLabel('Comment on turn 3', { exact: true }).fill('You stayed with her anger here instead of explaining. Keep that.');
    await turn3.getByRole('button', { name: 'Add comment' }).click();
    await supervisor.page.getByRole('region', { name: /^Turn 3/ }).getByText('You stayed with her anger here').waitFor();
    await supervisor.page.getByRole('button', { name: 'Sign off this attempt' }).click();
    await supervisor.page.getByText(/^Signed off by Dr Supervisor/).waitFor();

    const trainee = await newPage(game, DESKTOP);
    await signIn(trainee.page, 'tam@example.org');
    await trainee.page.getByRole('region', { name: 'Your finished sessions' }).getByRole('button', { name: /Maya/ }).first().click();
    const comments = trainee.page.getByRole('region', { name: 'From your supervisor' });
    await comments.getByText('On turn 3 (Dr Supervisor): You stayed with her anger here instead of explaining. Keep that.').waitFor();
    await comments.getByText(/^Signed off by Dr Supervisor/).waitFor();
    await noAxeViolations(trainee.page);
    await Promise.all([supervisor.context.close(), trainee.context.close()]);
  }, 240_000);
  // Runs after the tests above: Tam's assessment and Gus's kept guest session are in the programme's numbers.
  it('the admin reads the programme page: cohorts, trends, trainees, markers and incidents, with no axe violations', async () => {
    const admin = await newPage(game, DESKTOP);
    await signIn(admin.page, 'director@example.org');
    await admin.page.getByRole('link', { name: 'Programme' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'Programme' }).waitFor();
    const cohortRow = admin.page.getByRole('table', { name: /per cohort/ }).getByRole('row', { name: /Practicum A/ });
    await cohortRow.waitFor();
    // Tam, Cody (who joined by code) and Gus.
    expect((await cohortRow.getByRole('cell').allInnerTexts()).slice(0, 2)).toEqual(['Dr Supervisor', '3']);
    const tam = admin.page.getByRole('table', { name: /Each trainee/ }).getByRole('row', { name: /Tam Trainee/ });
    const scores = replay(maya, rubric, CHOICES).scores;
    expect((await tam.getByRole('cell').allInnerTexts()).slice(2, 5)).toEqual([String(scores.trust), String(scores.safety), String(scores.repair)]);
    await tam.getByRole('button', { name: 'Chart Tam Trainee' }).click();
    expect(await admin.page.getByLabel('Trainee', { exact: true }).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe('Tam Trainee');
    expect(await admin.page.locator('#trainees-heading ~ p.help').innerText()).toMatch(/^Tam Trainee: 1 finished session;/);
    expect(await admin.page.locator('canvas[role="img"]').count()).toBe(4);
    await noAxeViolations(admin.page);
    await screenshot(admin.page, 'program');
    await admin.page.setViewportSize(PHONE);
    await noAxeViolations(admin.page);
    await screenshot(admin.page, 'program-phone');

    // A range before anything was played empties the page, and says so.
    await admin.page.setViewportSize(DESKTOP);
    await admin.page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await admin.page.getByLabel('To', { exact: true }).fill('2020-01-31');
    await admin.page.getByRole('button', { name: 'Show this range' }).click();
    await admin.page.getByText('No finished sessions in this range.').waitFor();
    expect(admin.page.url()).toContain('from=2020-01-01&to=2020-01-31');

    // Back to the last twelve weeks: the CSV downloads, then a trainee's data deleted on request.
    await admin.page.getByRole('button', { name: 'Last twelve weeks' }).click();
    await admin.page.getByRole('table', { name: /Each trainee/ }).getByRole('row', { name: /Gus Guest/ }).waitFor();
    const [download] = await Promise.all([admin.page.waitForEvent('download'), admin.page.getByRole('link', { name: 'attempts (CSV)' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^attempt_id,trainee_id,trainee_name,/);
    expect(csv).toContain('Tam Trainee');
    const requests = admin.page.getByRole('region', { name: 'Exports and data requests' });
    await requests.getByLabel('Whose data').selectOption({ label: 'Gus Guest' });
    await requests.getByLabel(/type their email/).fill('gus@example.org');
    await requests.getByRole('button', { name: 'Delete all their data' }).click();
    await admin.page.getByText(/^Deleted Gus Guest's account and data \(2 attempts\)/).waitFor();
    expect(await admin.page.getByRole('table', { name: /Each trainee/ }).getByRole('row', { name: /Gus Guest/ }).count()).toBe(0);
    await noAxeViolations(admin.page);
    expect(pageErrors(admin.page)).toEqual([]);
    await admin.context.close();
  }, 240_000);
});
