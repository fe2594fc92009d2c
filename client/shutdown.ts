/**
 * Resolves on the first SIGINT or SIGTERM. A Ctrl-C reaches us twice (from the terminal's process
 * group and forwarded by tsx/npm), so repeats within two seconds count as one; a later one exits at once.
 */
export function whenStopRequested(): Promise<void> {
  return new Promise((resolve) => {
    let requestedAt: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (requestedAt !== undefined) {
        if (Date.now() - requestedAt < 2000) return;
        console.error(`\n${signal} again: exiting now`);
        process.exit(130);
      }
      requestedAt = Date.now();
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
