/**
 * The shape of one channel of the contract, and the small schemas many channels share. Kept apart
 * from contract.ts so each capability can declare its channels in its own file
 * (shared/contracts/<area>.ts) and contract.ts only gathers them.
 */
import { z } from 'zod';
import type { Access } from './roles';

export type ChannelKind = 'read' | 'write' | 'task';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  kind: ChannelKind;
  /** Allowed while the session is idle-locked (only what unlocking needs). */
  whileLocked?: boolean;
  /**
   * Allowed to a user who must first replace the password an administrator gave them (only what
   * changing it, or leaving, needs).
   */
  beforePasswordChange?: boolean;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

export const empty = z.object({}).strict();
export const okOutput = z.object({ done: z.literal(true) });
export const idInput = z.object({ id: z.string().uuid() }).strict();
