/**
 * For trainees, before and while they play, in Chromium: the Support link in
 * the header of every screen, reached and opened by keyboard alone; crisis
 * lines for the browser's locale (the international directory first when its
 * region has no entry), a country picked and remembered; opening Support
 * mid-session and closing it leaves the same beat with the same replies; the
 * content notes on a card and on the briefing; and axe on the Support page at
 * desktop and phone width, photographed for a person to look at.
 */
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_NOTE_LABELS } from '../../src/engine/vocabulary.js';
import { COUNTRIES, DIRECTORY, countryForLanguages, regionOf } from '../../src/game/support/crisisLines.js';
import { scenarioFileNames, shippedRubric, shippedScenario } from '../support/library.js';
import { DESKTOP, PHONE, chooseByKey, pageErrors, screenshot, startGame } from './browser.js';
import type { GameHarness } from './browser.js';

let game: GameHarness;
beforeAll(async () => {
  game = await startGame();
}, 180_000);
afterAll(async () => {
  await game?.close();
});

/** A fresh browser profile whose languages are `locale` (navigator.languages follows it). */
async function open(locale: string, viewport = DESKTOP, path = '/'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await game.browser.newContext({ viewport, locale, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(new URL(path, game.url).href);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return { context, page };
}

const supportLink = (page: Page) => page.getByRole('banner').getByRole('link', { name: 'Support' });
const supportDialog = (page: Page) => page.getByRole('dialog', { name: 'Support' });
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** From wherever focus is, Shift+Tab back to the header's Support link, as a keyboard-only player would, then Enter. */
async function openSupportByKeyboard(page: Page): Promise<void> {
  for (let i = 0; i < 40 && (await focusedId(page)) !== 'support-link'; i++) await page.keyboard.press('Shift+Tab');
  expect(await focusedId(page), 'the Support link is reached by Shift+Tab').toBe('support-link');
  await page.keyboard.press('Enter');
  await supportDialog(page).waitFor();
  await expect.poll(() => focusedId(page)).toBe('support-heading');
}

/** Tab to the dialog's Close button and press Enter; focus returns to the Support link. */
async function closeSupportByKeyboard(page: Page): Promise<void> {
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText)).toBe('Close');
  await page.keyboard.press('Enter');
  await supportDialog(page).waitFor({ state: 'hidden' });
  expect(await focusedId(page)).toBe('support-link');
}

async function expectSupportOnScreen(page: Page, screen: string): Promise<void> {
  expect(await supportLink(page).isVisible(), `Support is visible on the ${screen}`).toBe(true);
  await openSupportByKeyboard(page);
  expect(await supportDialog(page).innerText()).toContain('training, not therapy');
  await closeSupportByKeyboard(page);
}

async function axe(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${what}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}

/** The crisis lines the page shows: name and the text of its numbers, in order. */
const shownLines = (page: Page) => supportDialog(page).locator('.crisis-line').evaluateAll((items) =>
  items.map((item) => `${item.querySelector('h4')?.textContent}: ${(item.querySelector('.crisis-number') as HTMLElement | null)?.innerText}`));

describe('the crisis lines data', () => {
  it('has a checked, complete entry for each of the UK, Ireland, the US, Canada and Australia, and a directory', () => {
    expect(COUNTRIES.map((c) => c.code).sort()).toEqual(expect.arrayContaining(['AU', 'CA', 'GB', 'IE', 'US']));
    for (const country of COUNTRIES) {
      expect(country.lines.length, country.name).toBeGreaterThan(0);
      for (const line of country.lines) {
        expect(line.name && line.number && line.hours, `${country.name}: ${line.name}`).toBeTruthy();
        expect(line.how.length).toBeGreaterThan(0);
        expect(line.checked, `${country.name}: ${line.name}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (line.website) expect(line.website).toMatch(/^https:\/\//);
      }
    }
    expect(DIRECTORY.url).toMatch(/^https:\/\//);
  });

  it('reads the country from the first language tag that names a region, and knows none for a region it has no entry for', () => {
    const code = (...languages: string[]) => countryForLanguages(languages)?.code;
    expect([code('en-GB'), code('en-IE'), code('en-US'), code('en-CA'), code('fr-CA'), code('en-AU')]).toEqual(['GB', 'IE', 'US', 'CA', 'CA', 'AU']);
    expect(code('en', 'en-AU')).toBe('AU');
    expect([code('en-150'), code('de-CH'), code('de-CH', 'en-GB'), code('en'), code()]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(regionOf('es-419')).toBe('419');
    expect(regionOf('not a tag')).toBeUndefined();
  });
});

describe('the Support link', () => {
  it('is in the header of the sign-in, library, briefing, session and debrief screens, and opens and closes by keyboard alone', async () => {
    const { context, page } = await open('en-GB', DESKTOP, '/sign-in');
    await expectSupportOnScreen(page, 'sign-in screen');
    await page.goto(game.url);
    await page.getByRole('heading', { level: 1, name: 'Choose a session' }).waitFor();
    await expectSupportOnScreen(page, 'library');
    await page.getByRole('button', { name: 'Meet Maya' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maya: after the cancelled session' }).waitFor();
    await expectSupportOnScreen(page, 'briefing');
    await page.getByLabel('Assessment').check();
    await page.getByRole('button', { name: /Begin the session/ }).click();
    await page.locator('button.choice').first().waitFor();
    await expectSupportOnScreen(page, 'session');
    for (const [index, responseId] of ['policy', 'comply', 'it-takes-time', 'back-to-panic', 'youd-tell-me'].entries()) {
      await page.waitForFunction((count) => document.querySelectorAll('.transcript .you').length === count && !!document.querySelector('button.choice'), index);
      await chooseByKey(page, responseId);
    }
    await page.getByRole('heading', { level: 1, name: /^Debrief/ }).waitFor();
    await expectSupportOnScreen(page, 'debrief');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('opens the Support page from its own address, /support', async () => {
    const { context, page } = await open('en-GB', DESKTOP, '/support');
    await supportDialog(page).waitFor();
    expect(await shownLines(page)).toContain('Samaritans: Call 116 123');
    await page.keyboard.press('Escape');
    await supportDialog(page).waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/');
    await context.close();
  });
});

describe('crisis lines for the player\'s locale', () => {
  it.each([
    ['en-GB', 'United Kingdom', ['Samaritans: Call 116 123', 'Shout: Text 85258', 'NHS 111: Call 111', 'Emergency services: Call 999']],
    ['en-US', 'United States', ['988 Suicide & Crisis Lifeline: Call 988 or text 988', 'Emergency services: Call 911']],
    ['en-IE', 'Ireland', ['Samaritans: Call 116 123', 'Text About It: Text 50808', 'Emergency services: Call 112 or 999']],
    ['fr-CA', 'Canada', ['9-8-8 Suicide Crisis Helpline: Call 988 or text 988', 'Emergency services: Call 911']],
    ['en-AU', 'Australia', ['Lifeline: Call 13 11 14', 'Emergency services: Call 000']],
  ])('%s shows the lines of %s, each number a link a phone can dial, then the directory', async (locale, name, lines) => {
    const { context, page } = await open(locale);
    expect(await page.evaluate(() => navigator.languages[0])).toBe(locale);
    await supportLink(page).click();
    await supportDialog(page).waitFor();
    expect(await page.getByLabel('Your country').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text)).toBe(name);
    expect(await shownLines(page)).toEqual(lines);
    expect(await supportDialog(page).getByRole('list', { name: `Crisis lines in ${name}` }).count()).toBe(1);
    const first = supportDialog(page).locator('.crisis-number a').first();
    expect(await first.getAttribute('href')).toBe(`tel:${lines[0]!.split('Call ')[1]!.split(' or')[0]!.replace(/ /g, '')}`);
    // The directory comes after the country's own lines.
    expect(await page.locator('.crisis-region > *').evaluateAll((nodes) => nodes.map((node) => node.className))).toEqual(['support-picker', 'crisis-country', 'directory']);
    expect(await supportDialog(page).innerText()).toMatch(/As published by each service, checked on \d+ \w+ \d{4}/);
    if (locale === 'en-US') expect(await supportDialog(page).getByRole('link', { name: '988' }).nth(1).getAttribute('href')).toBe('sms:988');
    await context.close();
  });

  it('shows the international directory first for a region it has no entry for, and remembers the country the player picks', async () => {
    const { context, page } = await open('en-150');
    await supportLink(page).click();
    const dialog = supportDialog(page);
    await dialog.waitFor();
    expect(await page.locator('.crisis-region > *').first().getAttribute('class')).toBe('directory');
    expect(await dialog.getByRole('link', { name: /Find A Helpline/ }).getAttribute('href')).toBe(DIRECTORY.url);
    expect(await dialog.locator('.crisis-line').count()).toBe(0);
    expect(await dialog.innerText()).toContain('call your local emergency number');
    await page.getByLabel('Your country').focus();
    await page.getByLabel('Your country').selectOption({ label: 'Australia' });
    await expect.poll(() => shownLines(page)).toContain('Lifeline: Call 13 11 14');
    expect(await dialog.getByRole('status').innerText()).toBe('Showing crisis lines in Australia.');
    expect(await page.getByLabel('Your country').evaluate((select) => document.activeElement === select)).toBe(true);
    // Remembered on this device, through the settings.
    await page.keyboard.press('Escape');
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await supportLink(page).click();
    await expect.poll(() => shownLines(page)).toContain('Lifeline: Call 13 11 14');
    expect(await page.evaluate(() => (JSON.parse(localStorage.getItem('securebase.settings') ?? '{}') as { supportCountry?: string }).supportCountry)).toBe('AU');
    // The player can choose none of the listed countries too: the directory comes first again.
    await page.getByLabel('Your country').selectOption({ label: 'Another country: use the directory' });
    await expect.poll(() => page.locator('.crisis-region > *').first().getAttribute('class')).toBe('directory');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('opening Support mid-session', () => {
  it('returns to the same beat with the same replies in the same order, nothing lost, and its keys never choose a reply', async () => {
    const { context, page } = await open('en-GB');
    await page.getByRole('button', { name: 'Meet Maya' }).click();
    await page.getByRole('button', { name: /Begin the session/ }).click();
    for (const responseId of ['own-it', 'stay-with-it']) {
      await page.locator('button.choice').first().waitFor();
      await chooseByKey(page, responseId);
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.locator('button.choice').first().waitFor();
    const state = () => page.evaluate(() => ({
      transcript: [...document.querySelectorAll('.transcript .line')].map((line) => (line as HTMLElement).innerText),
      replies: [...document.querySelectorAll('button.choice')].map((button) => button.getAttribute('data-response')),
      screen: sessionStorage.getItem('securebase.screen'),
    }));
    const before = await state();
    expect(before.transcript).toHaveLength(5);

    await openSupportByKeyboard(page);
    // A number key inside the dialog is not a reply to the client behind it.
    await page.keyboard.press('1');
    await page.getByLabel('Your country').focus();
    await page.keyboard.press('2');
    await page.keyboard.press('Escape');
    await supportDialog(page).waitFor({ state: 'hidden' });
    expect(await focusedId(page)).toBe('support-link');
    expect(await state()).toEqual(before);

    // In practice mode, with a reply's effect on screen: Support opens over it and leaves it there.
    await chooseByKey(page, before.replies.includes('explore-anger') ? 'explore-anger' : before.replies[0]!);
    await page.getByRole('heading', { name: /^That reply:/ }).waitFor();
    const feedback = await page.locator('.feedback').innerText();
    await supportLink(page).click();
    await supportDialog(page).getByRole('button', { name: 'Back to where you were' }).click();
    expect(await page.locator('.feedback').innerText()).toBe(feedback);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('button.choice').first().waitFor();
    expect(await page.locator('.transcript .you').count()).toBe(3);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the session\'s pause control goes to the library, which offers to continue at the same beat', async () => {
    const { context, page } = await open('en-GB');
    await page.getByRole('button', { name: 'Meet Maya' }).click();
    await page.getByRole('button', { name: /Begin the session/ }).click();
    await page.locator('button.choice').first().waitFor();
    await chooseByKey(page, 'own-it');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('button.choice').first().waitFor();
    const replies = await page.locator('button.choice').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-response')));
    await page.getByRole('button', { name: '← Pause: all sessions' }).click();
    await page.getByRole('button', { name: 'Continue with Maya' }).click();
    await page.locator('button.choice').first().waitFor();
    expect(await page.locator('button.choice').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-response')))).toEqual(replies);
    expect(await page.locator('.transcript .you').count()).toBe(1);
    await context.close();
  });
});

describe('content notes', () => {
  const { rubric } = shippedRubric();
  const scenarios = scenarioFileNames().map((name) => shippedScenario(name, rubric).scenario);
  const noted = scenarios.find((scenario) => scenario.content_notes?.length);
  const plain = scenarios.find((scenario) => !scenario.content_notes?.length);

  it('show on the library card and the briefing of a scenario that has them, read by screen readers, and nowhere on one that has none', async () => {
    expect(noted, 'a shipped scenario with content_notes').toBeDefined();
    const expected = `Content notes: ${noted!.content_notes!.map((note) => CONTENT_NOTE_LABELS[note]).join(', ')}.`;
    const { context, page } = await open('en-GB');
    const card = page.locator('li.card').filter({ has: page.getByRole('heading', { level: 2, name: noted!.title, exact: true }) });
    expect(await card.locator('.content-notes').innerText()).toBe(expected);
    expect(await card.ariaSnapshot()).toContain(expected.replace('Content notes: ', ''));
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'desktop-library-content-notes');
    if (plain) {
      const other = page.locator('li.card').filter({ has: page.getByRole('heading', { level: 2, name: plain.title, exact: true }) });
      expect(await other.innerText()).not.toContain('Content notes');
    }
    await card.getByRole('button', { name: new RegExp(`^(Meet|Start again)`) }).click();
    await page.getByRole('heading', { level: 1, name: noted!.title }).waitFor();
    expect(await page.locator('main .content-notes').innerText()).toBe(expected);
    expect(await page.getByRole('main').ariaSnapshot()).toContain('Content notes:');
    await screenshot(page, 'desktop-briefing-content-notes');
    await context.close();
  });
});

describe.each([['desktop', DESKTOP], ['phone', PHONE]] as const)('the Support page at %s width', (name, viewport) => {
  it('has no axe violations with a country\'s lines, or with the directory first, and is photographed', async () => {
    const { context, page } = await open('en-GB', viewport);
    await page.waitForTimeout(300);
    await screenshot(page, `${name}-library-header`);
    await supportLink(page).click();
    await supportDialog(page).waitFor();
    await screenshot(page, `${name}-support`);
    await axe(page, 'support page, United Kingdom');
    await supportDialog(page).locator('.crisis-lines').scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-support-lines`);
    await supportDialog(page).getByRole('heading', { name: 'Pausing or stopping a session' }).scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-support-pause`);
    await page.getByLabel('Your country').selectOption({ label: 'Another country: use the directory' });
    await supportDialog(page).locator('.directory').scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-support-directory`);
    await axe(page, 'support page, directory');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Meet Maya' }).click();
    await page.getByRole('button', { name: /Begin the session/ }).click();
    await page.locator('button.choice').first().waitFor();
    await screenshot(page, `${name}-session-header`);
    await supportLink(page).click();
    await supportDialog(page).waitFor();
    await screenshot(page, `${name}-support-over-session`);
    await axe(page, 'support page over a session');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
