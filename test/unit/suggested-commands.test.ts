import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../client/app-context';
import { COMMANDS, type RegisterCommands } from '../../client/command-registry';
import { OrderProblems } from '../../domain/order-problems';
import { RefundProblems, type RefundAccountSetting } from '../../domain/refund-problems';

/**
 * Every fix a message names must be a command the CLI has: each `orderbridge ...` suggestion in the
 * problem and fix texts of domain/ and erp/ is walked through the CLI's own command definitions
 * (nothing runs): its words must name commands, its options must exist, its arguments must fit.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The whole command line as the CLI defines it: every module of the registry, loaded once. */
async function cliDefinition(): Promise<Command> {
  const context = (): AppContext => {
    throw new Error('no command runs here');
  };
  const program = new Command('orderbridge');
  const registered = new Set<RegisterCommands>();
  for (const command of COMMANDS) {
    if (program.commands.some((entry) => entry.name() === command.name)) continue;
    const register = await command.load();
    if (registered.has(register)) continue;
    registered.add(register);
    register(program, context);
  }
  return program;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes('generated'),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

const DYNAMIC = 'DYNAMIC';

/**
 * The suggestions quoted in a source file: `orderbridge ...` between backticks (escaped inside
 * template literals), with each `${...}` expression replaced by a marker.
 */
function suggestionsIn(text: string): string[] {
  const found: string[] = [];
  const start = /\\?`orderbridge /g;
  for (let match = start.exec(text); match; match = start.exec(text)) {
    let index = match.index + match[0].length;
    let command = 'orderbridge ';
    while (index < text.length && text[index] !== '`' && !(text[index] === '\\' && text[index + 1] === '`')) {
      if (text[index] === '$' && text[index + 1] === '{') {
        index += 1;
        let depth = 0;
        do {
          if (text[index] === '{') depth += 1;
          if (text[index] === '}') depth -= 1;
          index += 1;
        } while (depth > 0 && index < text.length);
        command += DYNAMIC;
        continue;
      }
      command += text[index];
      index += 1;
    }
    found.push(command.trim());
  }
  return found;
}

/** Why the suggestion does not parse against the CLI's definition, or null when it does. */
function checkAgainstCli(program: Command, suggestion: string): string | null {
  // A placeholder such as <account no.> is one argument, whatever it holds.
  const tokens = suggestion
    .replace(/<[^>]*>/g, 'VALUE')
    .split(/\s+/)
    .slice(1)
    .filter((token) => token.length > 0);
  let command = program;
  let positional = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    // "..." stands for more options in a message; a command named at run time is one of the group's.
    if (token === '...') continue;
    if (token === DYNAMIC && positional === 0 && command.commands.length > 0) {
      const next = tokens[index + 1];
      const fits = command.commands.some(
        (group) => next === undefined || group.commands.some((entry) => entry.name() === next),
      );
      return fits ? null : `no '${command.name()}' group has a command '${next}'`;
    }
    const sub = positional === 0 ? command.commands.find((entry) => entry.name() === token) : undefined;
    if (sub) {
      command = sub;
      continue;
    }
    if (token.startsWith('-') || (token.startsWith(DYNAMIC) && tokens[index + 1] === 'VALUE')) {
      if (token.includes(DYNAMIC)) {
        // Built from a map at run time: the test below checks every value the map holds.
        if (command.options.length === 0) return `'${command.name()}' has no options at all`;
        index += 1;
        continue;
      }
      const name = token.split('=')[0]!;
      const option = command.options.find((entry) => entry.long === name || entry.short === name);
      if (!option) return `'${command.name()}' has no option ${name}`;
      if ((option.required || option.optional) && !token.includes('=')) index += 1;
      continue;
    }
    positional += 1;
  }
  if (command === program) return 'names no command';
  const declared = command.registeredArguments;
  const variadic = declared.some((argument) => argument.variadic);
  const required = declared.filter((argument) => argument.required).length;
  if (command.commands.length > 0 && positional === 0 && declared.length === 0) return null;
  if (positional > declared.length && !variadic)
    return `'${command.name()}' takes ${declared.length} argument(s), the suggestion gives ${positional}`;
  if (positional < required && tokens.length > 0 && positional > 0)
    return `'${command.name()}' needs ${required} argument(s), the suggestion gives ${positional}`;
  return null;
}

describe('every command a message suggests exists', () => {
  let program: Command;
  beforeAll(async () => {
    program = await cliDefinition();
  });

  it('the suggestions quoted in domain/ and erp/ parse against the CLI', () => {
    const suggestions = ['domain', 'erp'].flatMap(sourceFiles).flatMap((file) =>
      suggestionsIn(readFileSync(file, 'utf8')).map((suggestion) => ({
        file: relative(ROOT, file),
        suggestion,
      })),
    );
    expect(suggestions.length).toBeGreaterThan(30);
    const wrong = suggestions
      .map(({ file, suggestion }) => ({ file, suggestion, why: checkAgainstCli(program, suggestion) }))
      .filter((entry) => entry.why !== null);
    expect(wrong).toEqual([]);
  });

  it('account fixes name a real shop set option for every account setting', () => {
    const ref = { orderName: '#1001', shopifyRefundId: 'gid://shopify/Refund/1' };
    const refundSettings: RefundAccountSetting[] = [
      'refundAccountNo',
      'refundAccountNonRestockNo',
      'shippingChargesAccountNo',
      'soldGiftCardAccountNo',
    ];
    const fixes = [
      ...refundSettings.map((setting) => RefundProblems.accountNotSet(ref, 'WEB', setting, 'why').fix),
      ...(['shippingChargesAccountNo', 'tipAccountNo', 'soldGiftCardAccountNo'] as const).map(
        (setting) => OrderProblems.accountNotSet('#1001', 'WEB', setting, 'why').fix,
      ),
    ];
    for (const fix of fixes) {
      const suggestion = /`(orderbridge [^`]*)`/.exec(fix)?.[1];
      expect(suggestion).toBeDefined();
      expect(checkAgainstCli(program, suggestion!)).toBeNull();
    }
  });
});
