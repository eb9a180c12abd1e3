/**
 * The calls every page makes go through here rather than straight to `api`, so that an answer
 * saying the session is locked or has ended reaches the shell wherever it came from.
 */
import type { CallOptions, Channel, ChannelInput, ChannelOutput } from '../shared/contract';
import type { Result } from '../shared/errors';
import { api, ApiError } from './api';

export type SessionProblem = 'locked' | 'ended';
type Listener = (problem: SessionProblem, code: string, details: Record<string, unknown> | undefined) => void;

const listeners = new Set<Listener>();

/** The shell listens here to show the lock overlay or go back to the login screen. */
export function onSessionProblem(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Channels whose failures are about the person at the keyboard, not about the session. */
const OWN_ANSWER = new Set<Channel>(['auth.login', 'setup.create', 'auth.unlock', 'auth.session', 'app.info']);

function notify(channel: Channel, code: string, details: Record<string, unknown> | undefined): void {
  if (OWN_ANSWER.has(channel)) return;
  let problem: SessionProblem | null = null;
  if (code === 'SESSION_LOCKED') problem = 'locked';
  else if (code === 'UNAUTHENTICATED' || code === 'ACCOUNT_DISABLED') problem = 'ended';
  if (problem === null) return;
  for (const listener of [...listeners]) listener(problem, code, details);
}

export async function call<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
  options?: CallOptions,
): Promise<Result<ChannelOutput<C>>> {
  const result = await api.call(channel, input, options);
  if (!result.ok) notify(channel, result.error.code, result.error.details);
  return result;
}

/** Resolves with the value or rejects with an ApiError; for TanStack Query and form submits. */
export async function request<C extends Channel>(channel: C, input: ChannelInput<C>, options?: CallOptions): Promise<ChannelOutput<C>> {
  return valueOf(await call(channel, input, options));
}

/** A call's value, or its refusal thrown as an ApiError. */
export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
  return result.value;
}

/** An id for a task call, so its progress events and its cancel button can name it. */
export function newTaskId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `task-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
