/**
 * One activity: what, when and where, the counts, and the list of persons — signing up several in
 * a row, removing one, and the attendance sheet once the day has come.
 */
import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/Edit';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../shared/schemas/activities';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { BackButton, DetailFallback, isNotFound } from '../../components/DetailFallback';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { useConfirmedDelete } from '../../components/useConfirmedDelete';
import { useWrite } from '../../components/useWrite';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { useServerToday } from '../../components/serverToday';
import { ActivityDialog } from './ActivityDialog';
import { AttendanceDialog } from './AttendanceDialog';
import { activityKeys, KIND_COLOURS, kindLabel, onListAlready, percent, placeText, timeSpan } from './common';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 2, py: 0.5 }}>
      <Typography color="text.secondary" sx={{ width: 88, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography component="div" sx={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Typography>
    </Box>
  );
}

export function AttendanceChip({ signedUp, attended }: { signedUp: boolean; attended: boolean | null }) {
  const { t } = useTranslation();
  if (!signedUp) return <Chip size="small" color="info" label={t('activities.detail.walkIn')} />;
  if (attended === null) return <Chip size="small" variant="outlined" label={t('activities.detail.notRecorded')} />;
  return attended ? <Chip size="small" color="success" label={t('activities.detail.came')} /> : <Chip size="small" label={t('activities.detail.absent')} />;
}

export function ActivityDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useCanWrite();
  const { today } = useServerToday();
  const detail = useQuery({ queryKey: activityKeys.one(id), queryFn: () => request('activities.get', { id }) });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [attendance, setAttendance] = useState(false);
  const [picked, setPicked] = useState<PickedPerson | null>(null);
  const removal = useConfirmedDelete(async (p: Participant) => {
    await request('activities.removeParticipant', { id: p.id });
    notify(t('activities.detail.removed', { name: p.personName }));
  }, activityKeys.all);
  const signUp = useWrite({
    write: ({ activityId, person }: { activityId: string; person: PickedPerson }) => request('activities.signUp', { activityId, personIds: [person.id] }),
    invalidates: [activityKeys.all],
    onSuccess: (_r, { person }) => {
      notify(t('activities.detail.signedUp', { name: person.name }));
      setPicked(null);
    },
  });
  const removeActivity = useWrite({
    write: (activity: { id: string; title: string }) => request('activities.delete', { id: activity.id }),
    onSuccess: async (_r, activity) => {
      notify(t('activities.deleted', { title: activity.title }));
      setDeleting(false);
      // Away from the page first, so the deleted activity is not asked for again here.
      await navigate('/activities');
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
    },
  });

  const back = <BackButton to="/activities" label={t('activities.detail.back')} />;
  if (!detail.data || isNotFound(detail.error)) return <DetailFallback back={back} error={detail.error} notFound={t('activities.detail.notFound')} loading="none" />;
  const { activity: a, participants } = detail.data;
  const started = a.date <= today;
  // Sign-ups close once the day is over (main refuses them: ACTIVITY_PAST); walk-ins are added on the attendance sheet.
  const over = a.date < today;
  const full = a.capacity !== null && a.signedUpCount >= a.capacity;
  const date = dayjs(a.date);
  const weekday = t('activities.calendar.weekday', { day: t(`activities.calendar.weekdays.${['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][date.day()]}`) });

  return (
    <Box sx={{ maxWidth: 1100 }}>
      {back}
      <PageHeader
        title={a.title}
        actions={
          canWrite ? (
            <>
              <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
                {t('activities.edit')}
              </Button>
              <Button color="error" startIcon={<DeleteOutlineIcon />} onClick={() => setDeleting(true)}>
                {t('activities.delete')}
              </Button>
            </>
          ) : undefined
        }
      />
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Box sx={{ flex: '1 1 380px' }}>
            <Fact label={t('activities.fields.kind')}>
              <Box component="span" sx={{ px: 1, py: 0.25, borderRadius: 1, color: '#fff', bgcolor: KIND_COLOURS[a.kind] }}>
                {kindLabel(a.kind)}
              </Box>
            </Fact>
            <Fact label={t('activities.fields.date')}>
              {i18n.language.startsWith('zh') ? `${a.date}（${weekday}）` : `${a.date} (${weekday})`} {timeSpan(a)}
            </Fact>
            <Fact label={t('activities.fields.placeKind')}>{placeText(a) || '—'}</Fact>
            <Fact label={t('activities.fields.organiser')}>{a.organiser || '—'}</Fact>
            <Fact label={t('activities.fields.capacity')}>{a.capacity === null ? t('activities.noLimit') : a.capacity}</Fact>
            {a.description ? <Fact label={t('activities.fields.description')}>{a.description}</Fact> : null}
          </Box>
          <Box sx={{ display: 'flex', gap: 3, alignItems: 'flex-start' }} data-testid="activity-counts">
            {[
              { label: t('activities.fields.signedUp'), value: a.capacity === null ? String(a.signedUpCount) : `${a.signedUpCount}/${a.capacity}` },
              { label: t('activities.fields.attended'), value: a.attendanceRecorded ? String(a.attendedCount) : '—' },
              { label: t('activities.fields.rate'), value: percent(a.attendanceRate) },
            ].map((c) => (
              <Box key={c.label} sx={{ textAlign: 'center', minWidth: 72 }}>
                <Typography sx={{ fontSize: 28, fontWeight: 600, lineHeight: 1.3 }}>{c.value}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {c.label}
                </Typography>
              </Box>
            ))}
          </Box>
        </Box>
      </Paper>

      <Paper variant="outlined" sx={{ p: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" sx={{ fontWeight: 600 }}>
            {t('activities.detail.participants')}
          </Typography>
          <Typography color="text.secondary">
            {t('activities.detail.counts', { signedUp: a.signedUpCount, attended: a.attendedCount })}
            {a.walkInCount > 0 ? t('activities.detail.walkIns', { count: a.walkInCount }) : ''}
          </Typography>
          <Box sx={{ flex: 1 }} />
          {canWrite ? (
            started ? (
              <Button variant="contained" startIcon={<FactCheckIcon />} onClick={() => setAttendance(true)}>
                {t('activities.detail.recordAttendance')}
              </Button>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {t('activities.detail.attendanceLater')}
              </Typography>
            )
          ) : null}
        </Box>
        {canWrite && over ? (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="sign-up-closed">
            {t('activities.detail.signUpClosed')}
          </Typography>
        ) : null}
        {canWrite && !over ? (
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mb: 1 }}>
            <Box sx={{ flex: '0 1 420px' }}>
              <PersonPicker
                value={picked}
                onChange={(p) => {
                  setPicked(p);
                  signUp.reset();
                }}
                label={t('activities.detail.signUpLabel')}
                required={false}
                unavailable={onListAlready(participants)}
                helperText={t('activities.detail.signUpHelp')}
              />
            </Box>
            <Button variant="contained" onClick={() => picked && signUp.mutate({ activityId: a.id, person: picked })} disabled={!picked || signUp.isPending || full} sx={{ mt: 2, height: 56, px: 3 }}>
              {t('activities.detail.signUp')}
            </Button>
            <Typography variant="body2" color={full ? 'error.main' : 'text.secondary'} sx={{ mt: 3.75 }}>
              {full
                ? t('activities.detail.full', { capacity: a.capacity })
                : a.capacity !== null
                  ? t('activities.detail.placesLeft', { count: a.capacity - a.signedUpCount })
                  : ''}
            </Typography>
          </Box>
        ) : null}
        <ErrorAlert error={signUp.error} sx={{ mb: 1 }} />
        {participants.length === 0 ? (
          <Typography color="text.secondary" sx={{ py: 2 }}>
            {t('activities.detail.noParticipants')}
          </Typography>
        ) : (
          <Table size="small" aria-label={t('activities.detail.participants')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('persons.fields.name')}</TableCell>
                <TableCell>{t('activities.fields.signedUp')}</TableCell>
                <TableCell>{t('activities.fields.attended')}</TableCell>
                <TableCell>{t('activities.detail.phone')}</TableCell>
                <TableCell>{t('activities.detail.address')}</TableCell>
                {canWrite ? <TableCell /> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {participants.map((p) => (
                <TableRow key={p.id} hover>
                  <TableCell>
                    <Link component={RouterLink} to={`/persons/${p.personId}?tab=participation`} sx={{ fontWeight: 600 }}>
                      {p.personName}
                    </Link>
                  </TableCell>
                  <TableCell>{p.signedUp ? t('activities.detail.signedUpTag') : '—'}</TableCell>
                  <TableCell>
                    <AttendanceChip signedUp={p.signedUp} attended={p.attended} />
                  </TableCell>
                  <TableCell>{p.phone}</TableCell>
                  <TableCell>{p.address}</TableCell>
                  {canWrite ? (
                    <TableCell align="right">
                      <Button size="small" color="error" onClick={() => removal.ask(p)}>
                        {t('activities.detail.remove')}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>

      <ActivityDialog open={editing} existing={a} date={a.date} onClose={() => setEditing(false)} />
      <AttendanceDialog detail={detail.data} open={attendance} onClose={() => setAttendance(false)} />
      <ConfirmDialog
        open={deleting}
        title={t('activities.deleteTitle', { title: a.title })}
        confirmLabel={t('activities.delete')}
        danger
        busy={removeActivity.isPending}
        error={removeActivity.error}
        onCancel={() => {
          setDeleting(false);
          removeActivity.reset();
        }}
        onConfirm={() => removeActivity.mutate(a)}
      >
        <Typography>{t('activities.deleteText')}</Typography>
      </ConfirmDialog>
      <ConfirmDialog
        {...removal.dialog}
        title={t('activities.detail.removeTitle', { name: removal.shown?.personName ?? '' })}
        confirmLabel={t('activities.detail.remove')}
        danger
      >
        <Typography>{t('activities.detail.removeText', { name: removal.shown?.personName ?? '' })}</Typography>
      </ConfirmDialog>
    </Box>
  );
}
