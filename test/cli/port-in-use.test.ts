import { describe, expect, it } from 'vitest';
import { PortInUseError, portInUseMessage } from '../../client/port-in-use';

const ports = { SIMULATOR_PORT: 8380, TEMPORAL_DEV_PORT: 7233, TEMPORAL_UI_PORT: 8233 };
const nodeError = (port: number) =>
  Object.assign(new Error(`listen EADDRINUSE: address already in use 127.0.0.1:${port}`), {
    code: 'EADDRINUSE',
    port,
  });

describe('a port already in use', () => {
  it('names the variable that moves each port orderbridge binds', () => {
    expect(portInUseMessage(nodeError(8380), ports)).toMatch(
      /^Port 8380 for the simulated Shopify store is already in use .*set SIMULATOR_PORT \(or `orderbridge sim --port <n>`\) to a free port, e\.g\. `SIMULATOR_PORT=8381 /,
    );
    expect(portInUseMessage(new PortInUseError(8233), ports)).toMatch(
      /^Port 8233 for the Temporal dev server's Web UI .*set TEMPORAL_UI_PORT to a free port/,
    );
    expect(portInUseMessage(nodeError(7233), ports)).toMatch(/set TEMPORAL_DEV_PORT to a free port/);
  });

  it('says so plainly for a port no setting names, and leaves other errors alone', () => {
    expect(portInUseMessage(nodeError(9999), ports)).toBe(
      'Port 9999 is already in use by another program: stop it, or choose another port.',
    );
    expect(portInUseMessage(new Error('connect ECONNREFUSED'), ports)).toBeUndefined();
  });
});
