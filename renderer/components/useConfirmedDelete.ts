import { useState } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useSticky } from './useSticky';

/**
 * The state of "delete this?" for a row of a list: which row is asked about (kept while the dialog
 * closes, so its title does not go blank), the call in flight, and its error, shown in the dialog.
 * `run` deletes and says so; afterwards the dialog closes and, when `refresh` is given, the queries
 * under it are read again (otherwise `run` refreshes what it must).
 */
export function useConfirmedDelete<T>(run: (item: T) => Promise<void>, refresh?: QueryKey) {
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<T | null>(null);
  const shown = useSticky(target);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const confirm = async () => {
    if (target === null) return;
    setBusy(true);
    setError(null);
    try {
      await run(target);
      setTarget(null);
      if (refresh) await queryClient.invalidateQueries({ queryKey: refresh });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return {
    ask: setTarget,
    shown,
    dialog: {
      open: target !== null,
      busy,
      error,
      onConfirm: () => void confirm(),
      onCancel: () => {
        setTarget(null);
        setError(null);
      },
    },
  };
}
