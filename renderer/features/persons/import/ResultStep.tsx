import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { rowList, type CommitResult } from './roster';

/** Step 4: what was imported, and which rows were skipped. */
export function ResultStep({ result, onAgain }: { result: CommitResult; onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <Box>
      <Alert severity="success" sx={{ mb: 2 }} data-testid="import-result">
        <AlertTitle>{t('persons.import.doneTitle')}</AlertTitle>
        <Typography>
          {[
            t('persons.import.created', { count: result.created }),
            t('persons.import.updated', { count: result.updated }),
            t('persons.import.unchangedCount', { count: result.unchanged }),
          ].join('，')}
        </Typography>
      </Alert>
      {result.skipped > 0 ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('persons.import.skipped', { count: result.skipped, rows: t('persons.import.rowList', { rows: rowList(result.skippedRows) }) })}
        </Alert>
      ) : null}
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button variant="contained" component={RouterLink} to="/persons">
          {t('persons.import.toList')}
        </Button>
        <Button onClick={onAgain}>{t('persons.import.again')}</Button>
      </Box>
    </Box>
  );
}
