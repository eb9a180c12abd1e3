import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { useTranslation } from 'react-i18next';
import type { AdlAssessment, PersonDetail } from '../../../../shared/schemas/persons';
import { BARTHEL_ITEMS } from '../../../../shared/barthel';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useNotify } from '../../../components/Notifier';
import { useConfirmedDelete } from '../../../components/useConfirmedDelete';
import i18n from '../../../i18n';
import { request } from '../../../rpc';
import { BAND_COLOURS, valueLabel } from '../../../components/labels';
import { useCanWrite } from '../../../components/access';
import { personKeys } from '../../../components/queryKeys';
import { AdlDialog } from './AdlDialog';

/** The scores of each item, for the tooltip of a past assessment. */
function itemSummary(a: AdlAssessment): string {
  return BARTHEL_ITEMS.map((item) => `${i18n.t(`persons.adl.items.${item.key}.name`).replace(/（.*?）|\s*\(.*?\)/, '')} ${a.items[item.key] ?? 0}`).join('，');
}

export function AdlSection({ detail }: { detail: PersonDetail }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const [adding, setAdding] = useState(false);
  const latest = detail.assessments[0];

  const deletion = useConfirmedDelete(async (item: AdlAssessment) => {
    await request('health.deleteAssessment', { id: item.id });
    notify(t('persons.health.adlDeleted'));
  }, personKeys.all);

  return (
    <Paper variant="outlined" component="section" sx={{ p: { xs: 2, md: 3 } }} aria-labelledby="adl-title">
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography variant="h6" component="h2" id="adl-title">
            {t('persons.health.adlTitle')}
          </Typography>
          {latest ? (
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 1.5, flexWrap: 'wrap' }} data-testid="adl-latest">
              <Typography component="span" sx={{ fontSize: '2.75rem', fontWeight: 700, lineHeight: 1, color: `${BAND_COLOURS[latest.band]}.main` }}>
                {latest.total}
              </Typography>
              <Typography component="span" sx={{ fontSize: '1.1rem', ml: -1.5 }}>
                {t('persons.health.pointsUnit')}
              </Typography>
              <Chip color={BAND_COLOURS[latest.band]} label={valueLabel('adlBand', latest.band)} sx={{ fontSize: '1.05rem', height: 36, px: 1 }} />
              <Typography color="text.secondary">{t('persons.health.adlLatest', { date: latest.assessedOn })}</Typography>
            </Box>
          ) : (
            <Typography color="text.secondary" sx={{ mt: 1 }}>
              {t('persons.health.adlNone')}
            </Typography>
          )}
        </Box>
        {canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
            {t('persons.health.adlAdd')}
          </Button>
        ) : null}
      </Box>
      {detail.assessments.length > 0 ? (
        <>
          <Typography variant="subtitle1" component="h3" sx={{ mt: 3, mb: 1, fontWeight: 600 }}>
            {t('persons.health.adlHistory')}
          </Typography>
          <Table size="small" aria-label={t('persons.health.adlHistory')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('persons.health.adlDate')}</TableCell>
                <TableCell>{t('persons.health.adlTotal')}</TableCell>
                <TableCell>{t('persons.health.adlBand')}</TableCell>
                <TableCell>{t('persons.health.assessor')}</TableCell>
                <TableCell>{t('persons.health.note')}</TableCell>
                {canWrite ? <TableCell align="right">{t('persons.health.actions')}</TableCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {detail.assessments.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{a.assessedOn}</TableCell>
                  <TableCell>
                    <Tooltip title={itemSummary(a)}>
                      <span>{t('persons.health.score', { score: a.total })}</span>
                    </Tooltip>
                  </TableCell>
                  <TableCell>
                    <Chip size="small" variant="outlined" color={BAND_COLOURS[a.band]} label={valueLabel('adlBand', a.band)} />
                  </TableCell>
                  <TableCell>{a.assessor}</TableCell>
                  <TableCell>{a.note}</TableCell>
                  {canWrite ? (
                    <TableCell align="right">
                      <IconButton size="small" aria-label={t('persons.health.adlDeleteTitle', { date: a.assessedOn })} onClick={() => deletion.ask(a)}>
                        <DeleteIcon fontSize="small" />
                      </IconButton>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
      <AdlDialog personId={detail.person.id} open={adding} onClose={() => setAdding(false)} />
      <ConfirmDialog
        {...deletion.dialog}
        title={t('persons.health.adlDeleteTitle', { date: deletion.shown?.assessedOn ?? '' })}
        confirmLabel={t('persons.actions.delete')}
        danger
      >
        <Typography>{t('persons.health.adlDeleteBody')}</Typography>
      </ConfirmDialog>
    </Paper>
  );
}
