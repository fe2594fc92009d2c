import { DefaultLogger, Runtime } from '@temporalio/worker';

// One native Runtime per forked test process, quiet unless TEST_LOG_LEVEL asks for more.
const level = (process.env.TEST_LOG_LEVEL ?? 'WARN') as 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
try {
  Runtime.install({
    logger: new DefaultLogger(level),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
} catch {
  // Already installed in this process (vitest reuses forks between files when isolate is off).
}

// Every test process seals secrets under one fixed key, unless a test sets its own.
process.env.ORDERBRIDGE_SECRET_KEY ??= 'b3JkZXJicmlkZ2UtdGVzdC1rZXktMzItYnl0ZXMtISE=';
