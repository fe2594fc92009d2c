import bcrypt from 'bcryptjs';
import { OperatorUser, type OperatorRole } from '../../entities/operator-user';
import { entityManagerOf, inTransaction, type ErpContext } from '../shared/context';

/** bcrypt cost: about 100 ms a hash on one core, slow enough for guessing, fast enough to sign in. */
const BCRYPT_COST = 11;
const MIN_PASSWORD_LENGTH = 10;

export interface OperatorUserView {
  username: string;
  role: OperatorRole;
  createdAt: string;
  lastSignInAt: string;
}

export class OperatorUserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorUserError';
  }
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new OperatorUserError(`The password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  // bcrypt reads 72 bytes: a longer password would silently lose its end.
  if (Buffer.byteLength(password) > 72) throw new OperatorUserError('The password may have at most 72 bytes');
}

function checkUsername(username: string): void {
  if (!/^[A-Za-z0-9._@-]{1,100}$/.test(username))
    throw new OperatorUserError(
      `User name '${username}': use 1 to 100 letters, digits, '.', '_', '@' or '-'`,
    );
}

function viewOf(user: OperatorUser): OperatorUserView {
  return {
    username: user.username,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? '',
  };
}

export async function addOperatorUser(
  context: ErpContext,
  user: { username: string; password: string; role: OperatorRole },
): Promise<OperatorUserView> {
  checkUsername(user.username);
  checkPassword(user.password);
  const passwordHash = await bcrypt.hash(user.password, BCRYPT_COST);
  return inTransaction(context, async (em) => {
    if (await em.findOne(OperatorUser, user.username))
      throw new OperatorUserError(
        `User ${user.username} exists already: change it with \`orderbridge users set ${user.username}\``,
      );
    const created = em.create(OperatorUser, { username: user.username, passwordHash, role: user.role });
    await em.flush();
    return viewOf(created);
  });
}

/** Changes a user's password and/or role; their open sessions end, so the change holds at once. */
export async function setOperatorUser(
  context: ErpContext,
  username: string,
  changes: { password?: string; role?: OperatorRole },
): Promise<OperatorUserView> {
  if (changes.password !== undefined) checkPassword(changes.password);
  const passwordHash =
    changes.password !== undefined ? await bcrypt.hash(changes.password, BCRYPT_COST) : undefined;
  return inTransaction(context, async (em) => {
    const user = await em.findOne(OperatorUser, username);
    if (!user) throw new OperatorUserNotFoundError(username);
    em.assign(user, {
      ...(passwordHash ? { passwordHash } : {}),
      ...(changes.role ? { role: changes.role } : {}),
      updatedAt: new Date(),
    });
    await em.flush();
    await em.execute('delete from operator_session where username = ?', [username]);
    return viewOf(user);
  });
}

export class OperatorUserNotFoundError extends Error {
  constructor(username: string) {
    super(`No console user ${username}: see \`orderbridge users list\``);
    this.name = 'OperatorUserNotFoundError';
  }
}

export async function listOperatorUsers(context: ErpContext): Promise<OperatorUserView[]> {
  const users = await entityManagerOf(context).find(OperatorUser, {}, { orderBy: { username: 'asc' } });
  return users.map(viewOf);
}

/** Removes a user and ends their sessions; false when there was none. */
export async function removeOperatorUser(context: ErpContext, username: string): Promise<boolean> {
  return inTransaction(context, async (em) => {
    await em.execute('delete from operator_session where username = ?', [username]);
    return (await em.nativeDelete(OperatorUser, { username })) > 0;
  });
}

/** A hash compared when the user does not exist, so a wrong name costs as long as a wrong password. */
const ABSENT_USER_HASH = bcrypt.hashSync('no such user, no such password', BCRYPT_COST);

/** The user when the password matches, otherwise null (same time either way). */
export async function verifyOperatorPassword(
  context: ErpContext,
  username: string,
  password: string,
): Promise<{ username: string; role: OperatorRole } | null> {
  const em = entityManagerOf(context);
  const user = await em.findOne(OperatorUser, username);
  const matches = await bcrypt.compare(password, user?.passwordHash ?? ABSENT_USER_HASH);
  if (!user || !matches) return null;
  await em.nativeUpdate(OperatorUser, { username }, { lastSignInAt: new Date() });
  return { username: user.username, role: user.role };
}

/** The user's current role, or null once removed: each request re-reads it, so changes apply at once. */
export async function operatorRole(context: ErpContext, username: string): Promise<OperatorRole | null> {
  const user = await entityManagerOf(context).findOne(OperatorUser, username, { fields: ['role'] });
  return user?.role ?? null;
}

/** For `npm start`: the demo account, created once, its password set each start. */
export async function ensureDemoOperator(
  context: ErpContext,
  user: { username: string; password: string },
): Promise<void> {
  const em = entityManagerOf(context);
  if (await em.findOne(OperatorUser, user.username))
    await setOperatorUser(context, user.username, { password: user.password, role: 'operator' });
  else await addOperatorUser(context, { ...user, role: 'operator' });
}
