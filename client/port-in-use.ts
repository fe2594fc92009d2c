/**
 * "Address already in use" in words that say which setting to change: the ports orderbridge
 * binds on this machine, each with the variable that moves it.
 */
export interface PortSetting {
  variable: 'SIMULATOR_PORT' | 'TEMPORAL_DEV_PORT' | 'TEMPORAL_UI_PORT';
  what: string;
  /** A command-line option that moves it too, when there is one. */
  option?: string;
}

export const PORT_SETTINGS: readonly PortSetting[] = [
  { variable: 'SIMULATOR_PORT', what: 'the simulated Shopify store', option: '`orderbridge sim --port <n>`' },
  { variable: 'TEMPORAL_DEV_PORT', what: 'the Temporal dev server' },
  { variable: 'TEMPORAL_UI_PORT', what: "the Temporal dev server's Web UI" },
];

export type PortValues = Partial<Record<PortSetting['variable'], number>>;

/** A port orderbridge wants is taken; thrown before starting what would fail less clearly. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  readonly code = 'EADDRINUSE';
  constructor(readonly port: number) {
    super(`port ${port} is already in use`);
  }
}

function portOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, port } = error as { code?: unknown; port?: unknown };
  return code === 'EADDRINUSE' && typeof port === 'number' ? port : undefined;
}

/** The message for an EADDRINUSE error, or undefined for any other error. */
export function portInUseMessage(error: unknown, ports: PortValues): string | undefined {
  const port = portOf(error);
  if (port === undefined) return undefined;
  const settings = PORT_SETTINGS.filter((setting) => ports[setting.variable] === port);
  if (settings.length === 0)
    return `Port ${port} is already in use by another program: stop it, or choose another port.`;
  const [first] = settings;
  const moves = settings
    .map((setting) => `${setting.variable}${setting.option ? ` (or ${setting.option})` : ''}`)
    .join(' or ');
  return (
    `Port ${port} for ${settings.map((setting) => setting.what).join(' and ')} is already in use ` +
    `(perhaps another \`orderbridge up\` or \`sim\` runs): stop that program, or set ${moves} to a free port, ` +
    `e.g. \`${first!.variable}=${port + 1} npx orderbridge ...\` or a line in .env.`
  );
}
