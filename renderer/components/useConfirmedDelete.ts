import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSticky } from '../../../components/useSticky';
import { registryKeys } from '../common';

/**
 * The state of "delete this record?" for one section of a person's record: which record is asked
 * about (kept while the dialog closes, so its title does not go blank), the call in flight, and its
 * error. `run` deletes and says so; afterwards the dialog closes and the record is read again.
 */
export function useConfirmedDelete<T>(run: (item: T) => Promise<void>) {
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
      await queryClient.invalidateQueries({ queryKey: registryKeys.all });
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
