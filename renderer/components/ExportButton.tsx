/**
 * One click: the list as it is filtered, every row, to .xlsx (the filter written in the sheet's
 * title row by main), downloaded, with a progress dialog while it is written.
 */
import Button, { type ButtonProps } from '@mui/material/Button';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../shared/contract';
import { ErrorAlert } from './ErrorAlert';
import { useFileDownload } from './useFileDownload';
import { useTask } from './useTask';

export type ExportChannel = 'reports.exportWorklist' | 'reports.exportRequests' | 'reports.exportPairs' | 'reports.exportCalls' | 'reports.exportActivities' | 'reports.exportVolunteers' | 'reports.exportArrears' | 'reports.drillExport' | 'reports.breakdownExport' | 'reports.formXlsx' | 'reports.countyRollupXlsx';

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
  const task = useTask();
  const file = useFileDownload(
    (given: ChannelInput<C>) => task.request(channel, given),
    (made) => t('reports.export.done', { count: made.count, file: made.fileName }),
  );
  return (
    <>
      <Button variant={variant} startIcon={<DownloadIcon />} onClick={() => file.download.mutate(input)} disabled={disabled === true || task.running}>
        {label ?? t('reports.export.button')}
      </Button>
      {file.error ? <ErrorAlert error={file.error} sx={{ mt: 1 }} /> : null}
      {task.dialog}
    </>
  );
}
