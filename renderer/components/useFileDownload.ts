import { downloadBase64 } from './download';
import { useNotify } from './Notifier';
import { isCancelled } from './useTask';
import { useWrite } from './useWrite';

interface MadeFile {
  fileName: string;
  base64: string;
}

/**
 * A file main makes (an export, a template, a report), usually as a task: saved when it is ready and
 * said in a notice. `error` is the refusal to show, none when the person stopped the task.
 */
export function useFileDownload<TInput, TFile extends MadeFile>(make: (input: TInput) => Promise<TFile>, notice: (file: TFile) => string) {
  const notify = useNotify();
  const download = useWrite({
    write: make,
    onSuccess: (file) => {
      downloadBase64(file.fileName, file.base64);
      notify(notice(file));
    },
  });
  return { download, error: isCancelled(download.error) ? null : download.error };
}
