/**
 * The supervisors' and programme pages in real Chromium on the demo database,
 * as a newcomer meets them: a supervisor's status board and an attempt's review,
 * and the director's programme page with its charts. axe finds nothing on any
 * of them, at desktop and phone width; screenshots land in test-results/screenshots.
 */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { openDatabase } from '../../src/server/db/database.js';
import { DEMO_PASSWORD, fillDemo } from '../../src/server/demo/fill.js';
import type { DemoSummary } from '../../src/server/demo/fill.js';
import { DESKTOP, PHONE, ROOT, newPage, pageErrors, screenshot, startGame } from './browser.js';
import type { GameHarness } from './browser.js';

let game: GameHarness;
let demo: DemoSummary;
beforeAll(async () => {
  game = await startGame({
    prepare: async (url) => {
      const database = await openDatabase(url, { bulkLoad: true });
      demo = await fillDemo(database, { seed: 1, scenarios: join(ROOT, 'scenarios') });
      await database.close();
    },
  });
}, 240_000);
afterAll(async () => {
  await game?.close();
});

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${game.url}sign-in`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
}

async function noAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Both widths: axe on each, and a picture of each. */
async function checkAtBothWidths(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await noAxeViolations(page);
  await screenshot(page, name);
  await page.setViewportSize(PHONE);
  await noAxeViolations(page);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

describe('the demo programme in the browser', () => {
  it('a supervisor sees the status board with flags first, and reviews a flagged attempt with its comments', async () => {
    const supervisor = demo.accounts.find((a) => a.role === 'supervisor')!;
    const { page, context } = await newPage(game, DESKTOP);
    await signIn(page, supervisor.email);
    await page.getByRole('heading', { level: 1, name: 'Supervise' }).waitFor();
    const board = page.getByRole('region', { name: 'Status board' });
    await board.getByRole('heading', { name: /^Critical flags to review: \d+/ }).waitFor();
    const rows = board.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(11);
    expect(await board.getByRole('cell', { name: /^Overdue/ }).count()).toBeGreaterThan(0);
    await board.locator('.flagged').scrollIntoViewIfNeeded();
    await checkAtBothWidths(page, 'demo-status-board');

    await board.getByRole('button', { name: /flagged attempt/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Review: / }).waitFor();
    expect(await page.getByRole('region', { name: 'Summary' }).locator('.flag li').count()).toBeGreaterThan(0);
    await checkAtBothWidths(page, 'demo-review');
    // Each flag, in plain words, links to the turn it is about.
    const flagLink = page.getByRole('region', { name: 'Summary' }).locator('.flag li a').first();
    const target = (await flagLink.getAttribute('href'))!;
    expect(target).toMatch(/^#turn-\d+$/);
    expect(await flagLink.innerText()).toMatch(/\(turn \d+\)$/);
    await flagLink.click();
    await expect.poll(() => page.url()).toContain(target);
    expect(await page.locator(target).innerText()).toMatch(/^Turn \d+/);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  }, 240_000);

  it('the director reads the programme page: four cohorts, forty trainees, the heatmap and the incidents', async () => {
    const director = demo.accounts.find((a) => a.role === 'admin')!;
    const { page, context } = await newPage(game, DESKTOP);
    await signIn(page, director.email);
    await page.getByRole('heading', { level: 1, name: 'Supervise' }).waitFor();
    await page.getByRole('link', { name: 'Programme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programme' }).waitFor();
    const headline = page.locator('.headline');
    expect(await headline.innerText()).toMatch(/4 cohorts, 40 trainees, \d+ sessions finished\./);
    expect(await headline.innerText()).toMatch(/The marker trainees miss most: /);
    expect(await page.getByRole('table', { name: /per cohort/ }).getByRole('row').count()).toBe(5);
    expect(await page.getByRole('table', { name: /Each trainee/ }).getByRole('row').count()).toBe(41);
    expect(await page.getByRole('table', { name: /Recognition rate/ }).getByRole('row').count()).toBeGreaterThan(10);
    expect(await page.getByRole('table', { name: /with a critical flag/ }).getByRole('row').count()).toBe(demo.counts.flagged + 1);
    await checkAtBothWidths(page, 'demo-program');
    await page.getByRole('heading', { name: 'Rupture markers: recognised or missed' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'demo-program-heatmap');
    await page.getByRole('heading', { name: 'Trainees over time' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'demo-program-trainee');

    // From an incident to its review on the supervisors' page.
    await page.getByRole('table', { name: /with a critical flag/ }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /^Review: / }).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  }, 240_000);
});
