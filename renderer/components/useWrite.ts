import { useMutation, useQueryClient, type QueryKey, type UseMutationResult } from '@tanstack/react-query';

export interface WriteOptions<TVariables, TData> {
  /** The call that changes something (usually one `request(channel, input)`). */
  write: (variables: TVariables) => Promise<TData>;
  /**
   * The query keys whose data the write changes; each refreshes every query under it. They are
   * asked again before `onSuccess` runs, so a dialog closes onto fresh data.
   */
  invalidates?: readonly QueryKey[] | ((data: TData, variables: TVariables) => readonly QueryKey[]);
  /** After the refresh: say what happened, close the dialog, go to the new record. */
  onSuccess?: (data: TData, variables: TVariables) => unknown;
  /** A refused write (a form marks main's field issues here); the error stays in `error` as well. */
  onError?: (error: Error, variables: TVariables) => unknown;
}

/**
 * Every write of the renderer: a TanStack Query mutation, so `isPending` is the busy state, `error`
 * the refusal to show (ErrorAlert / errorMessage), and the views of what changed ask again.
 * `reset()` forgets a previous refusal when a dialog opens again.
 */
export function useWrite<TVariables = void, TData = unknown>({ write, invalidates, onSuccess, onError }: WriteOptions<TVariables, TData>): UseMutationResult<TData, Error, TVariables> {
  const queryClient = useQueryClient();
  return useMutation<TData, Error, TVariables>({
    mutationFn: write,
    onSuccess: async (data, variables) => {
      const keys = typeof invalidates === 'function' ? invalidates(data, variables) : (invalidates ?? []);
      await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      await onSuccess?.(data, variables);
    },
    onError: (error, variables) => onError?.(error, variables),
  });
}
