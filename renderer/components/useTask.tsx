import { useCallback, useRef, useState, type ReactElement } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { api, ApiError } from '../api';
import { call, newTaskId, valueOf } from '../rpc';
import { ProgressDialog, type Progress } from './ProgressDialog';

interface Running {
  taskId: string;
  progress: Progress | null;
  cancelling: boolean;
}

/**
 * Runs a long 'task' channel with a progress dialog: progress events are matched by the task id the
 * call carries, and the dialog's cancel button asks main to stop that task.
 */
export function useTask(): {
  run: <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
  /** As `run`, for a write (useWrite): the value, or the refusal thrown as an ApiError (CANCELLED when stopped). */
  request: <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
  running: boolean;
  dialog: ReactElement;
} {
  const [state, setState] = useState<Running | null>(null);
  const current = useRef<string | null>(null);

  const run = useCallback(async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> => {
    const taskId = newTaskId();
    current.current = taskId;
    setState({ taskId, progress: null, cancelling: false });
    const unsubscribe = api.subscribe('progress', (p) => {
      if (p.taskId !== taskId) return;
      setState((s) => (s && s.taskId === taskId ? { ...s, progress: { done: p.done, total: p.total, stage: p.stage } } : s));
    });
    try {
      return await call(channel, input, { taskId });
    } finally {
      unsubscribe();
      current.current = null;
      setState(null);
    }
  }, []);

  const cancel = useCallback(() => {
    const taskId = current.current;
    if (!taskId) return;
    setState((s) => (s ? { ...s, cancelling: true } : s));
    void call('tasks.cancel', { taskId });
  }, []);

  const request = useCallback(async <C extends Channel>(channel: C, input: ChannelInput<C>) => valueOf(await run(channel, input)), [run]);

  const dialog = <ProgressDialog open={state !== null} progress={state?.progress ?? null} onCancel={cancel} cancelling={state?.cancelling ?? false} />;
  return { run, request, running: state !== null, dialog };
}

/** The person stopped the task with the dialog's cancel button: a notice, not a refusal to show. */
export function isCancelled(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'CANCELLED';
}
