import { useCallback, useState, type ReactElement } from 'react';
import { api } from '../../api';
import { newTaskId } from '../../rpc';
import { ProgressDialog, type Progress } from '../../components/ProgressDialog';

/**
 * Progress of long work a login can start: the first login after the upgrade to an encrypting
 * version encrypts the office's data, which takes a while on a large database. The dialog opens only
 * when main reports progress for the login, so an ordinary login shows nothing.
 */
export function useLoginProgress(): { start: () => { taskId: string; end: () => void }; dialog: ReactElement } {
  const [progress, setProgress] = useState<Progress | null>(null);
  const start = useCallback(() => {
    const taskId = newTaskId();
    const unsubscribe = api.subscribe('progress', (p) => {
      if (p.taskId === taskId) setProgress({ done: p.done, total: p.total, stage: p.stage });
    });
    return {
      taskId,
      end: () => {
        unsubscribe();
        setProgress(null);
      },
    };
  }, []);
  return { start, dialog: <ProgressDialog open={progress !== null} progress={progress} /> };
}
