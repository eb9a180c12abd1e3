import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import DescriptionIcon from '@mui/icons-material/Description';
import { useTranslation } from 'react-i18next';
import { transport } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useNotify } from '../../../components/Notifier';
import type { useTask } from '../../../components/useTask';
import { downloadBase64 } from '../../../components/download';
import { readAsBase64, type Parsed } from './roster';

/** The contract takes up to 20 MB of file; the browser-mode host takes less in one request. */
const MAX_MB = transport === 'browser' ? 11 : 20;

/** Step 1: choose the roster file (or download the template first). */
export function FileStep({ task, onParsed }: { task: ReturnType<typeof useTask>; onParsed: (parsed: Parsed) => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setError(null);
    const name = file.name.toLowerCase();
    if (name.endsWith('.xls')) return setProblem(t('persons.import.oldExcel'));
    if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) return setProblem(t('persons.import.wrongType'));
    if (file.size > MAX_MB * 1024 * 1024) return setProblem(t('persons.import.tooLarge', { mb: MAX_MB }));
    let base64: string;
    try {
      base64 = await readAsBase64(file);
    } catch {
      return setError({ code: 'ROSTER_FILE_UNREADABLE' });
    }
    const result = await task.run('roster.parse', { fileName: file.name, base64 });
    if (!result.ok) {
      if (result.error.code !== 'CANCELLED') setError(result.error);
      return;
    }
    onParsed(result.value);
  };

  const template = async () => {
    setError(null);
    const result = await task.run('roster.template', {});
    if (!result.ok) {
      if (result.error.code !== 'CANCELLED') setError(result.error);
      return;
    }
    downloadBase64(result.value.fileName, result.value.base64);
    notify(t('persons.list.templateSaved', { file: result.value.fileName }));
  };

  return (
    <Box>
      <Typography sx={{ mb: 2, maxWidth: 760 }}>{t('persons.import.fileHelp')}</Typography>
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
        <Button variant="contained" size="large" component="label" startIcon={<UploadFileIcon />} disabled={task.running}>
          {t('persons.import.chooseFile')}
          <input
            type="file"
            hidden
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            data-testid="roster-file"
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </Button>
        <Button size="large" startIcon={<DescriptionIcon />} onClick={() => void template()} disabled={task.running}>
          {t('persons.actions.template')}
        </Button>
      </Box>
      {problem ? (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          {problem}
        </Alert>
      ) : null}
      <ErrorAlert error={error} sx={{ mt: 2 }} />
    </Box>
  );
}
