import { useState } from 'react';
import type { QueryKey } from '@tanstack/react-query';
import { useSticky } from './useSticky';
import { useWrite } from './useWrite';

/**
 * The state of "delete this?" for a row of a list: which row is asked about (kept while the dialog
 * closes, so its title does not go blank), the call in flight, and its error, shown in the dialog.
 * `run` deletes and says so; when `refresh` is given, the queries under it are read again before
 * the dialog closes (otherwise `run` refreshes what it must).
 */
export function useConfirmedDelete<T>(run: (item: T) => Promise<void>, refresh?: QueryKey) {
  const [target, setTarget] = useState<T | null>(null);
  const shown = useSticky(target);
  const remove = useWrite<T, void>({
    write: run,
    invalidates: refresh ? [refresh] : [],
    onSuccess: () => setTarget(null),
  });

  return {
    ask: (item: T) => {
      remove.reset();
      setTarget(item);
    },
    shown,
    dialog: {
      open: target !== null,
      busy: remove.isPending,
      error: remove.error,
      onConfirm: () => {
        if (target !== null) remove.mutate(target);
      },
      onCancel: () => {
        setTarget(null);
        remove.reset();
      },
    },
  };
}
