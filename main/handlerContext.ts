import type { AppContext } from './context';
import type { Db } from './db/connection';
import { cachedStatement } from './db/statements';
import type { Session } from './auth/session';
import type { TaskHandle } from './tasks';
import type { User } from '../shared/schemas/user';
import { SYSTEM_ACTOR, type Actor } from './db/audit';
import type { WriteContext } from './db/sync';
import type { SlotOpened } from './db/keySlots';
import { AppError } from '../shared/errors';
import type { Channel, ChannelOutput, ChannelParsedInput } from '../shared/contract';

/** What every handler receives from dispatch. */
export interface HandlerCtx {
  app: AppContext;
  db: Db;
  session: Session;
  /** The logged-in user, read fresh for this call; null on public channels before login. */
  user: User | null;
  now: Date;
  /** Present for 'task' channels. */
  task: TaskHandle | undefined;
  /** The key slot this call's password opened, for a login or unlock that opened the closed database. */
  slotOpened?: SlotOpened | undefined;
}

export function actorOf(ctx: Pick<HandlerCtx, 'user'>): Actor {
  return ctx.user ? { userId: ctx.user.id, username: ctx.user.username } : SYSTEM_ACTOR;
}

export function requireUser(ctx: Pick<HandlerCtx, 'user'>): User {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Please log in.');
  return ctx.user;
}

export function officeIdOf(db: Db): string {
  const row = cachedStatement(db, 'SELECT id FROM office').get() as { id: string } | undefined;
  if (!row) throw new AppError('SETUP_REQUIRED', 'The office has not been set up yet.');
  return row.id;
}

export function writeContextOf(ctx: HandlerCtx): WriteContext {
  return { actor: actorOf(ctx), officeId: officeIdOf(ctx.db), at: ctx.now.toISOString() };
}

export type Handler<C extends Channel> = (
  ctx: HandlerCtx,
  input: ChannelParsedInput<C>,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** The handlers of some channels: what each capability's handlers.ts exports for main/handlers.ts. */
export type HandlersOf<C extends Channel> = { [K in C]: Handler<K> };
