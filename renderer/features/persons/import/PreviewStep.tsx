import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldLabel, problemText, rosterValue, type Preview } from './roster';

function Count({ label, value, colour }: { label: string; value: string; colour: string }) {
  return (
    <Paper variant="outlined" sx={{ px: 2.5, py: 1.5, minWidth: 150, borderLeft: 4, borderLeftColor: colour }}>
      <Typography color="text.secondary">{label}</Typography>
      <Typography sx={{ fontSize: '1.6rem', fontWeight: 700 }}>{value}</Typography>
    </Paper>
  );
}

/** Step 3: what the import would do, the cells with problems, and the explicit choice of what to import. */
export function PreviewStep({
  preview,
  createGrids,
  onCreateGrids,
  onBack,
  onImport,
  busy,
  error,
}: {
  preview: Preview;
  /** Whether the import creates the grids the file names that are not grids yet. */
  createGrids: boolean;
  onCreateGrids: (createGrids: boolean) => void;
  onBack: () => void;
  onImport: (skipInvalid: boolean) => void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  // The box shows the reader's choice at once; the file is re-checked with it, and once that is done
  // the preview's own answer (createGrids) is shown again, so a failed re-check does not leave it ticked.
  const [wantGrids, setWantGrids] = useState<boolean | null>(null);
  useEffect(() => {
    if (!busy) setWantGrids(null);
  }, [busy, createGrids]);
  const hasErrors = preview.errorRowCount > 0;
  const missing = preview.missingColumns.length > 0;
  const importable = preview.validCount > 0 && !missing;
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 3 }} data-testid="import-counts">
        <Count label={t('persons.import.counts.creates')} value={t('persons.import.counts.persons', { count: preview.creates })} colour="success.main" />
        <Count label={t('persons.import.counts.updates')} value={t('persons.import.counts.persons', { count: preview.updateCount })} colour="info.main" />
        <Count label={t('persons.import.counts.unchanged')} value={t('persons.import.counts.persons', { count: preview.unchanged })} colour="grey.400" />
        <Count label={t('persons.import.counts.errors')} value={t('persons.import.counts.rows', { count: preview.errorRowCount })} colour={hasErrors ? 'error.main' : 'grey.400'} />
      </Box>

      {missing ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {t('persons.import.missingBlocks', { fields: preview.missingColumns.map(fieldLabel).join('、') })}
        </Alert>
      ) : null}

      {preview.newGrids.length > 0 ? (
        <Alert severity={createGrids ? 'info' : 'warning'} sx={{ mb: 2 }} data-testid="import-new-grids">
          <Typography sx={{ mb: 0.5 }}>
            {t('persons.import.newGrids', {
              count: preview.newGrids.length,
              grids: preview.newGrids.map((g) => t('persons.import.newGrid', { name: g.name, count: g.rows })).join('、'),
            })}
          </Typography>
          <FormControlLabel
            control={
              <Checkbox
                checked={wantGrids ?? createGrids}
                disabled={busy}
                onChange={(e) => {
                  setWantGrids(e.target.checked);
                  onCreateGrids(e.target.checked);
                }}
              />
            }
            label={t('persons.import.createGrids', { count: preview.newGrids.length })}
          />
          <Typography variant="body2" color="text.secondary">
            {t(createGrids ? 'persons.import.createGridsOn' : 'persons.import.createGridsOff')}
          </Typography>
        </Alert>
      ) : null}

      {preview.errors.length > 0 ? (
        <Box component="section" sx={{ mb: 3 }} aria-labelledby="import-problems-title">
          <Typography variant="h6" component="h2" id="import-problems-title">
            {t('persons.import.problemsTitle')}
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 1 }}>
            {t('persons.import.problemsIntro')}
          </Typography>
          <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 380 }}>
            <Table size="small" stickyHeader aria-labelledby="import-problems-title">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 100 }}>{t('persons.import.row')}</TableCell>
                  <TableCell sx={{ width: 130 }}>{t('persons.import.column')}</TableCell>
                  <TableCell sx={{ width: 220 }}>{t('persons.import.value')}</TableCell>
                  <TableCell>{t('persons.import.problem')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {preview.errors.map((e, i) => (
                  <TableRow key={`${e.row}-${e.column}-${i}`}>
                    <TableCell>{t('persons.import.rowN', { row: e.row })}</TableCell>
                    <TableCell>{e.column}</TableCell>
                    <TableCell sx={{ fontVariantNumeric: 'tabular-nums', wordBreak: 'break-all' }}>{e.value}</TableCell>
                    <TableCell sx={{ color: 'error.dark' }}>{problemText(e.code, e.otherRow)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {preview.errors.length < preview.errorCount ? (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              {t('persons.import.truncated', { shown: preview.errors.length, total: preview.errorCount })}
            </Typography>
          ) : null}
        </Box>
      ) : null}

      {preview.updates.length > 0 ? (
        <Box component="section" sx={{ mb: 3 }} aria-labelledby="import-updates-title">
          <Typography variant="h6" component="h2" id="import-updates-title">
            {t('persons.import.updatesTitle')}
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 1 }}>
            {t('persons.import.updatesIntro')}
          </Typography>
          <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 320 }}>
            <Table size="small" stickyHeader aria-labelledby="import-updates-title">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 100 }}>{t('persons.import.row')}</TableCell>
                  <TableCell sx={{ width: 130 }}>{t('persons.fields.name')}</TableCell>
                  <TableCell>{t('persons.history.changes')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {preview.updates.map((u) => (
                  <TableRow key={u.row} sx={{ verticalAlign: 'top' }}>
                    <TableCell>{t('persons.import.rowN', { row: u.row })}</TableCell>
                    <TableCell>{u.name}</TableCell>
                    <TableCell>
                      {u.changes.map((c) => (
                        <Typography key={c.field} variant="body2">
                          {t('persons.import.change', { field: fieldLabel(c.field), from: rosterValue(c.field, c.from), to: rosterValue(c.field, c.to) })}
                        </Typography>
                      ))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {preview.updates.length < preview.updateCount ? (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              {t('persons.import.truncated', { shown: preview.updates.length, total: preview.updateCount })}
            </Typography>
          ) : null}
        </Box>
      ) : null}

      {!missing && preview.validCount === 0 ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('persons.import.nothingToImport')}
        </Alert>
      ) : null}
      {hasErrors && importable ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('persons.import.blockedByErrors', { count: preview.errorRowCount })}
        </Alert>
      ) : null}
      <ErrorAlert error={error} sx={{ mb: 2 }} />
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <Button onClick={onBack} disabled={busy}>
          {t('persons.import.back')}
        </Button>
        <Button variant="contained" onClick={() => onImport(false)} disabled={busy || hasErrors || !importable}>
          {t('persons.import.importAll', { count: preview.rows })}
        </Button>
        {hasErrors && importable ? (
          <Button variant="contained" color="warning" onClick={() => onImport(true)} disabled={busy}>
            {t('persons.import.importValid', { count: preview.validCount })}
          </Button>
        ) : null}
      </Box>
    </Box>
  );
}
