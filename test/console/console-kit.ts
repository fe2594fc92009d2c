/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { addOperatorUser } from '../../erp/services/operators';
import { startConsole, type RunningConsole } from '../../console/server';
import { testLogger } from '../helpers/test-logger';
import type { TestStack } from '../helpers/test-stack';

/** Shared moves of the console's browser tests: the console over a test stack, Chromium, sign-in. */

export const PASSWORD = 'correct horse battery';

/** Debian's chromium (browsers cannot be downloaded here); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  }).trim();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export async function startTestConsole(stack: TestStack): Promise<RunningConsole> {
  await addOperatorUser(stack.erp.orm, { username: 'olivia', password: PASSWORD, role: 'operator' });
  await addOperatorUser(stack.erp.orm, { username: 'victor', password: PASSWORD, role: 'viewer' });
  return startConsole(
    {
      orm: stack.erp.orm,
      temporalClient: async () => stack.temporal.client,
      taskQueue: stack.temporal.taskQueue,
      namespace: 'default',
      temporalUiUrl: 'http://127.0.0.1:8233',
      logger: testLogger,
      sessionHours: 1,
      sessionSecret: 'a test secret of at least thirty-two characters',
      trustProxy: true,
      pollMs: 1000,
    },
    '127.0.0.1',
    0,
  );
}

export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}login`);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The text of the outcome of the last action. */
export async function outcomeOf(page: Page): Promise<string> {
  return (await page.locator('#outcome').innerText()).trim();
}

/**
 * Controls without an accessible name, and controls the keyboard cannot reach (tabindex -1 or
 * disabled are left out: a disabled control is not meant to be reached).
 */
export async function accessibilityGaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const gaps: string[] = [];
    const controls = Array.from(
      document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href]'),
    );
    for (const control of controls) {
      const element = control as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> | null };
      const name =
        element.getAttribute('aria-label') ||
        (element.labels && element.labels.length > 0
          ? Array.from(element.labels)
              .map((label) => label.textContent)
              .join(' ')
          : '') ||
        (element.tagName === 'BUTTON' || element.tagName === 'A' ? element.textContent : '') ||
        '';
      const describe = element.outerHTML.slice(0, 120);
      if (!name.trim()) gaps.push(`no accessible name: ${describe}`);
      if (element.tabIndex < 0 && !(element as HTMLButtonElement).disabled)
        gaps.push(`not keyboard reachable: ${describe}`);
    }
    return gaps;
  });
}
