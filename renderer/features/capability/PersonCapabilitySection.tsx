/**
 * 老年人能力评估 (GB/T 42195-2022) on a person's 健康 tab, beside the Barthel index: the latest grade,
 * every assessment kept (drafts marked, continued or deleted), the filled form printed for signing.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
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
import EditIcon from '@mui/icons-material/Edit';
import PrintIcon from '@mui/icons-material/Print';
import { useTranslation } from 'react-i18next';
import { GBT42195_DIMENSIONS } from '../../../shared/capability/gbt42195';
import type { CapabilityAssessment } from '../../../shared/schemas/capability';
import { transport } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCanWrite, useSeesOthers } from '../../components/access';
import { useNotify } from '../../components/Notifier';
import { useConfirmedDelete } from '../../components/useConfirmedDelete';
import { request } from '../../rpc';
import { CapabilityDialog } from './CapabilityDialog';
import { capabilityKeys, capabilityPrintHash, dimensionName, GRADE_COLOURS, gradeLabel } from './common';

function openCapabilityPrint(id: string): void {
  const url = `${window.location.pathname}${window.location.search}${capabilityPrintHash(id, 'print')}`;
  // No 'noopener': the new tab shares this tab's session storage (the host token and the login).
  const opened = window.open(url, '_blank');
  if (!opened && transport !== 'electron') window.location.hash = capabilityPrintHash(id);
}

function GradeChip({ a, size }: { a: CapabilityAssessment; size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  if (!a.grade) return <Chip size={size} variant="outlined" label={t('capability.draftAnswered', { answered: a.answered })} />;
  const chip = <Chip size={size} color={GRADE_COLOURS[a.grade]} variant={size === 'small' ? 'outlined' : 'filled'} label={gradeLabel(a.grade)} />;
  if (a.adjustments.length === 0) return chip;
  return (
    <Tooltip title={`${a.adjustments.map((x) => t(`capability.adjustments.${x}`)).join('；')}（${t('capability.adjusted', { base: gradeLabel(a.baseGrade) })}）`}>
      {chip}
    </Tooltip>
  );
}

export function PersonCapabilitySection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const canRead = useSeesOthers();
  const [editing, setEditing] = useState<{ draft: CapabilityAssessment | null } | null>(null);
  const list = useQuery({ queryKey: capabilityKeys.person(personId), queryFn: () => request('capability.forPerson', { personId }), enabled: canRead });
  const deletion = useConfirmedDelete(async (a: CapabilityAssessment) => {
    await request('capability.deleteDraft', { id: a.id });
    notify(t('capability.draftDeleted'));
  }, ['persons']);
  // Grid workers do not read assessments (capability.* is for staff, admins and viewers).
  if (!canRead) return null;
  const assessments = list.data?.assessments ?? [];
  const latest = assessments.find((a) => a.status === 'final');

  return (
    <Paper variant="outlined" component="section" sx={{ p: { xs: 2, md: 3 } }} aria-labelledby="capability-title" data-testid="capability-section">
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 260 }}>
          <Typography variant="h6" component="h2" id="capability-title">
            {t('capability.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('capability.intro')}
          </Typography>
          {latest && latest.total !== null ? (
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 1.5, flexWrap: 'wrap' }} data-testid="capability-latest">
              <Typography component="span" sx={{ fontSize: '2.75rem', fontWeight: 700, lineHeight: 1, color: latest.grade ? `${GRADE_COLOURS[latest.grade]}.main` : undefined }}>
                {latest.total}
              </Typography>
              <Typography component="span" sx={{ fontSize: '1.1rem', ml: -1.5 }}>
                / 90
              </Typography>
              <GradeChip a={latest} />
              <Typography color="text.secondary">
                {t('capability.latest')}：{latest.assessedOn}，{latest.assessor}
              </Typography>
            </Box>
          ) : (
            <Typography color="text.secondary" sx={{ mt: 1 }}>
              {t('capability.none')}
            </Typography>
          )}
        </Box>
        {canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ draft: null })}>
            {t('capability.add')}
          </Button>
        ) : null}
      </Box>
      <ErrorAlert error={list.error} sx={{ mt: 1 }} />
      {assessments.length > 0 ? (
        <>
          <Typography variant="subtitle1" component="h3" sx={{ mt: 3, mb: 1, fontWeight: 600 }}>
            {t('capability.history')}
          </Typography>
          <Table size="small" aria-label={t('capability.history')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('capability.fields.assessedOn')}</TableCell>
                <TableCell>{t('capability.fields.total')}</TableCell>
                <TableCell>{t('capability.fields.grade')}</TableCell>
                <TableCell>{t('capability.fields.dimensions')}</TableCell>
                <TableCell>{t('capability.fields.assessor')}</TableCell>
                <TableCell align="right" />
              </TableRow>
            </TableHead>
            <TableBody>
              {assessments.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{a.assessedOn}</TableCell>
                  <TableCell>{a.total === null ? '—' : t('capability.points', { total: a.total })}</TableCell>
                  <TableCell>
                    <GradeChip a={a} size="small" />
                  </TableCell>
                  <TableCell sx={{ color: 'text.secondary' }}>{GBT42195_DIMENSIONS.map((d) => `${dimensionName(d)} ${a.dimensions[d.key] ?? 0}`).join('，')}</TableCell>
                  <TableCell>{a.assessor}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {a.status === 'draft' && canWrite ? (
                      <>
                        <Button size="small" startIcon={<EditIcon />} onClick={() => setEditing({ draft: a })}>
                          {t('capability.continue')}
                        </Button>
                        <IconButton size="small" aria-label={t('capability.deleteDraft')} onClick={() => deletion.ask(a)}>
                          <DeleteIcon fontSize="small" />
                        </IconButton>
                      </>
                    ) : null}
                    {a.status === 'final' ? (
                      <Button size="small" startIcon={<PrintIcon />} onClick={() => openCapabilityPrint(a.id)}>
                        {t('capability.printForm')}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
      <CapabilityDialog personId={personId} open={editing !== null} draft={editing?.draft ?? null} onClose={() => setEditing(null)} />
      <ConfirmDialog {...deletion.dialog} title={t('capability.deleteDraftTitle')} confirmLabel={t('capability.deleteDraft')} danger>
        <Typography>
          {t('capability.deleteDraftBody', { date: deletion.shown?.assessedOn ?? '', assessor: deletion.shown?.assessor ?? '', answered: deletion.shown?.answered ?? 0 })}
        </Typography>
      </ConfirmDialog>
    </Paper>
  );
}
