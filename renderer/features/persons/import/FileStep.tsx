import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import DescriptionIcon from '@mui/icons-material/Description';
import { useTranslation } from 'react-i18next';
import { ApiError, transport } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { isCancelled, type useTask } from '../../../components/useTask';
import { useFileDownload } from '../../../components/useFileDownload';
import { useWrite } from '../../../components/useWrite';
import { readAsBase64, type Parsed } from './roster';

/** The contract takes up to 20 MB of file; the browser-mode host takes less in one request. */
const MAX_MB = transport === 'browser' ? 11 : 20;

/** Step 1: choose the roster file (or download the template first). */
export function FileStep({ task, onParsed }: { task: ReturnType<typeof useTask>; onParsed: (parsed: Parsed) => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const parse = useWrite({
    write: async (file: File) => {
      const base64 = await readAsBase64(file).catch(() => {
        throw new ApiError('ROSTER_FILE_UNREADABLE', 'The file cannot be read.');
      });
      return task.request('roster.parse', { fileName: file.name, base64 });
    },
    onSuccess: onParsed,
  });
  const templateFile = useFileDownload(
    () => task.request('roster.template', {}),
    (file) => t('persons.list.templateSaved', { file: file.fileName }),
  );
  const error = (isCancelled(parse.error) ? null : parse.error) ?? templateFile.error;

  // The file's kind and size are checked here; its rows by main.
  const choose = (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    templateFile.download.reset();
    parse.reset();
    const name = file.name.toLowerCase();
    if (name.endsWith('.xls')) return setProblem(t('persons.import.oldExcel'));
    if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) return setProblem(t('persons.import.wrongType'));
    if (file.size > MAX_MB * 1024 * 1024) return setProblem(t('persons.import.tooLarge', { mb: MAX_MB }));
    parse.mutate(file);
  };
  const template = () => {
    parse.reset();
    templateFile.download.mutate();
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
              choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </Button>
        <Button size="large" startIcon={<DescriptionIcon />} onClick={template} disabled={task.running}>
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
