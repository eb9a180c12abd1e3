/**
 * One click: the list as it is filtered, every row, to .xlsx (the filter written in the sheet's
 * title row by main), downloaded, with a progress dialog while it is written.
 */
import { useState } from 'react';
import Button, { type ButtonProps } from '@mui/material/Button';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../shared/contract';
import { downloadBase64 } from './download';
import { ErrorAlert } from './ErrorAlert';
import { useNotify } from './Notifier';
import { useTask } from './useTask';

export type ExportChannel = 'reports.exportWorklist' | 'reports.exportRequests' | 'reports.exportPairs' | 'reports.exportArrears' | 'reports.drillExport' | 'reports.formXlsx';

export function ExportButton<C extends ExportChannel>({
  channel,
  input,
  label,
  disabled,
  variant = 'outlined',
}: {
  channel: C;
  input: ChannelInput<C>;
  label?: string;
  disabled?: boolean;
  variant?: ButtonProps['variant'];
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const task = useTask();
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setError(null);
    const result = await task.run(channel, input);
    if (!result.ok) {
      if (result.error.code !== 'CANCELLED') setError(result.error);
      return;
    }
    downloadBase64(result.value.fileName, result.value.base64);
    notify(t('reports.export.done', { count: result.value.count, file: result.value.fileName }));
  };
  return (
    <>
      <Button variant={variant} startIcon={<DownloadIcon />} onClick={() => void run()} disabled={disabled === true || task.running}>
        {label ?? t('reports.export.button')}
      </Button>
      {error ? <ErrorAlert error={error} sx={{ mt: 1 }} /> : null}
      {task.dialog}
    </>
  );
}
