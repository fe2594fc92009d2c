import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../client/app-context';
import { COMMANDS, registerCommands, requestedCommand } from '../../client/command-registry';

const noContext = (): AppContext => {
  throw new Error('no command runs in these tests');
};

describe('the lazy command registry', () => {
  it('lists each command with the description its module gives it', async () => {
    for (const entry of COMMANDS) {
      const program = new Command('orderbridge');
      (await entry.load())(program, noContext);
      const loaded = program.commands.find((command) => command.name() === entry.name);
      expect(loaded?.description(), entry.name).toBe(entry.description);
    }
  });

  it('finds the command a command line names, after options and after help', () => {
    expect(requestedCommand(['orders', 'list', '--limit', '5'])?.name).toBe('orders');
    expect(requestedCommand(['--help', 'sync', 'orders'])?.name).toBe('sync');
    expect(requestedCommand(['help', 'orders-to-import'])?.name).toBe('orders-to-import');
    expect(requestedCommand(['--help'])).toBeUndefined();
    expect(requestedCommand(['--version'])).toBeUndefined();
    expect(requestedCommand(['no-such-command'])).toBeUndefined();
  });

  it('loads only the command that runs and lists the others by name', async () => {
    const program = new Command('orderbridge');
    await registerCommands(program, noContext, ['orders', 'list']);
    const byName = new Map(program.commands.map((command) => [command.name(), command]));
    expect([...byName.keys()].sort()).toEqual(COMMANDS.map((command) => command.name).sort());
    expect(byName.get('orders')?.commands.map((command) => command.name())).toContain('list');
    expect(byName.get('sync')?.commands).toEqual([]);
  });
});
