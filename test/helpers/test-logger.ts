import { createLogger } from '../../platform/logger';

/** A logger for tests: JSON, and silent unless TEST_LOG_LEVEL asks. */
export const testLogger = createLogger(process.env.TEST_LOG_LEVEL?.toLowerCase() ?? 'silent', {
  pretty: false,
});
