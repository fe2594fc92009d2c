import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../../platform/config';

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('configuration from the environment', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/orderbridge');
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.TEMPORAL_UI_PORT).toBe(8233);
    expect(config.SHOPIFY_API_VERSION).toBe('2026-10');
  });

  it('names each bad variable and what it expects, all at once', () => {
    const problems = problemsOf({
      TEMPORAL_DEV_PORT: 'seventy',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
    });
    expect(problems).toHaveLength(3);
    expect(problems.find((problem) => problem.startsWith('TEMPORAL_DEV_PORT:'))).toMatch(/port/);
    expect(problems.find((problem) => problem.startsWith('LOG_LEVEL:'))).toMatch(
      /trace, debug, info, warn, error/,
    );
    expect(problems.find((problem) => problem.startsWith('DATABASE_URL:'))).toMatch(/PostgreSQL URL/);
  });

  it('asks for the access token when a real shop is configured', () => {
    expect(problemsOf({ SHOPIFY_SHOP: 'acme.myshopify.com' })).toEqual([
      expect.stringMatching(/^SHOPIFY_ACCESS_TOKEN: required when SHOPIFY_SHOP is set/),
    ]);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: '' }).TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('never shows secrets when describing itself', () => {
    const config = loadConfig({
      SHOPIFY_SHOP: 'acme.myshopify.com',
      SHOPIFY_ACCESS_TOKEN: 'shpat_secret_value',
      TEMPORAL_API_KEY: 'temporal-secret',
      DATABASE_URL: 'postgres://app:hunter2@db:5432/erp',
    });
    const printed = JSON.stringify(describeConfig(config));
    expect(printed).not.toContain('shpat_secret_value');
    expect(printed).not.toContain('temporal-secret');
    expect(printed).not.toContain('hunter2');
    expect(printed).toContain('acme.myshopify.com');
  });
});
