import { InvalidArgumentError, type Command } from 'commander';
import {
  addOperatorUser,
  listOperatorUsers,
  OPERATOR_ROLES,
  removeOperatorUser,
  setOperatorUser,
  type OperatorRole,
} from '../../erp/services/operators';
import type { AppContext } from '../app-context';
import { NotFoundError } from '../exit-codes';
import { printRecord, printTable } from '../output';
import { withAppContext } from '../run-command';

function role(value: string): OperatorRole {
  if (!(OPERATOR_ROLES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${OPERATOR_ROLES.join(', ')}`);
  return value as OperatorRole;
}

/** The password from an environment variable or stdin: never on the command line (it shows in ps). */
async function readPassword(options: {
  passwordEnv?: string;
  passwordStdin?: boolean;
}): Promise<string | undefined> {
  if (options.passwordEnv) {
    const value = process.env[options.passwordEnv];
    if (!value) throw new Error(`Environment variable ${options.passwordEnv} is empty or not set`);
    return value;
  }
  if (options.passwordStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  return undefined;
}

/** `orderbridge users ...`: web console accounts. */
export function registerUsersCommand(program: Command, context: () => AppContext): void {
  const users = program
    .command('users')
    .description('Web console accounts: add, set, list, remove (roles: viewer, operator)');

  users
    .command('add <username>')
    .description('Add an account; the password comes from --password-env VAR or --password-stdin')
    .option('--role <role>', 'viewer (reads) or operator (also acts)', role, 'viewer')
    .option('--password-env <var>', 'environment variable holding the password')
    .option('--password-stdin', 'read the password from stdin')
    .action(
      async (
        username: string,
        options: { role: OperatorRole; passwordEnv?: string; passwordStdin?: boolean },
      ) =>
        withAppContext(context, async (appContext) => {
          const password = await readPassword(options);
          if (!password)
            throw new InvalidArgumentError('give the password with --password-env VAR or --password-stdin');
          const added = await addOperatorUser(await appContext.erp(), {
            username,
            password,
            role: options.role,
          });
          printRecord(added as unknown as Record<string, unknown>, false);
        }),
    );

  users
    .command('set <username>')
    .description("Change an account's role and/or password; its open sessions end")
    .option('--role <role>', 'viewer or operator', role)
    .option('--password-env <var>', 'environment variable holding the new password')
    .option('--password-stdin', 'read the new password from stdin')
    .action(
      async (
        username: string,
        options: { role?: OperatorRole; passwordEnv?: string; passwordStdin?: boolean },
      ) =>
        withAppContext(context, async (appContext) => {
          const password = await readPassword(options);
          if (!password && !options.role)
            throw new InvalidArgumentError('nothing to change: give --role and/or a password');
          const changed = await setOperatorUser(await appContext.erp(), username, {
            ...(password ? { password } : {}),
            ...(options.role ? { role: options.role } : {}),
          });
          printRecord(changed as unknown as Record<string, unknown>, false);
        }),
    );

  users
    .command('list')
    .description('List accounts (never a password)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      withAppContext(context, async (appContext) => {
        printTable(await listOperatorUsers(await appContext.erp()), Boolean(options.json));
      }),
    );

  users
    .command('remove <username>')
    .description('Remove an account and end its sessions')
    .action(async (username: string) =>
      withAppContext(context, async (appContext) => {
        if (!(await removeOperatorUser(await appContext.erp(), username)))
          throw new NotFoundError(`No console user ${username}: see \`orderbridge users list\``);
        console.log(`Removed ${username}.`);
      }),
    );
}
