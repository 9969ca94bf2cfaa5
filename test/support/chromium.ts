import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Debian's Chromium, headless, with everything that would reach the network
 * on its own switched off (sync, component updates, QUIC probes), so a
 * browser suite sees only the requests its pages make.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Signs in through the newsroom's own form, as a person would (Enter in the
 * password field), and waits for the screen the app lands on.
 *
 * @param at the newsroom address to open first; the app shows the form there and stays on it after signing in
 * @param lands the level-1 heading of that screen
 */
export async function signInToNewsroom(page: Page, at: string, email: string, password: string, lands = 'Stories'): Promise<void> {
  await page.goto(at);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('heading', { level: 1, name: lands }).waitFor();
}
