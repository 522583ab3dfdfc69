/**
 * The built game in real Chromium: one build, one server (on a fresh SQLite
 * database) and one browser per test file. Debian's Chromium drives through playwright-core.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { startServer } from '../../src/cli/serve.js';
import type { RunningServer } from '../../src/cli/serve.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const ROOT = join(import.meta.dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

export const DESKTOP = { width: 1280, height: 720 };
export const PHONE = { width: 375, height: 812 };

export interface GameHarness {
  readonly url: string;
  /** The one-time link that creates the first admin on this fresh database. */
  readonly setupLink: string | null;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** `prepare` fills the fresh database before the server opens it (the demo, say). */
export async function startGame(options: { prepare?: (databaseUrl: string) => Promise<void> } = {}): Promise<GameHarness> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}; install it with "apt-get install -y chromium" (.ci/run does)`);
  const outDir = mkdtempSync(join(tmpdir(), 'securebase-game-'));
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const databaseUrl = `sqlite:${join(outDir, 'data', 'securebase.db')}`;
  await options.prepare?.(databaseUrl);
  const server: RunningServer = await startServer({ client: outDir, port: 0, databaseUrl, scenarios: join(ROOT, 'scenarios') });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return {
    url: server.url,
    setupLink: server.setupLink,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export async function newPage(harness: GameHarness, viewport = DESKTOP, options: { reducedMotion?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await harness.browser.newContext({ viewport, reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference' });
  const page = await context.newPage();
  // A step that cannot happen fails with its locator named, well before the test's own timeout.
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(harness.url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return { context, page };
}

export const pageErrors = (page: Page): string[] => (page as Page & { errors?: string[] }).errors ?? [];

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Presses the number key of the reply with this id, as a keyboard-only player would. */
export async function chooseByKey(page: Page, responseId: string): Promise<void> {
  const ids = await page.locator('button.choice').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-response')));
  const index = ids.indexOf(responseId);
  if (index < 0) throw new Error(`"${responseId}" is not on offer; offered: ${ids.join(', ')}`);
  await page.keyboard.press(String(index + 1));
}

/** The three scores the debrief shows, as numbers (null for "Not applicable"). */
export async function debriefScores(page: Page): Promise<{ trust: number | null; safety: number | null; repair: number | null }> {
  await page.getByRole('heading', { level: 1, name: /^Debrief/ }).waitFor();
  const values = await page.locator('.score').evaluateAll((cards) => cards.map((card) => card.querySelector('.score-value')?.textContent ?? ''));
  const number = (text: string) => (text.startsWith('Not applicable') ? null : Number.parseInt(text, 10));
  return { trust: number(values[0]!), safety: number(values[1]!), repair: number(values[2]!) };
}
