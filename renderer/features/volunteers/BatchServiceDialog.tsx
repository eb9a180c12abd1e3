/**
 * 批量登记: after a team's patrol or campaign, one date and one description for the members who took
 * part, each with their hours (the same for all unless changed). Saved all together or not at all.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { Membership } from '../../../shared/schemas/volunteers';
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { serverIssues } from '../../components/serverIssues';
import { fieldMessage } from '../../i18n';
import { request } from '../../rpc';
import { hoursField } from './ServiceDialog';
import { invalidateVolunteers, useToday, volunteerKindLabel } from './common';

interface Line {
  volunteerId: string;
  name: string;
  kind: Membership['volunteerKind'];
  checked: boolean;
  hours: string;
}

/** What was changed for one member: ticked or not, their hours. */
type Choice = Pick<Line, 'checked' | 'hours'>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The members who were in the team on `date` (the joining and the leaving day count), once each,
 * and the current members who were not: main refuses a team's record for a day outside someone's
 * membership, so they are left out and named instead. Until a whole date is typed: the current members.
 */
export function membersOn(members: readonly Membership[], date: string): { inTeam: Membership[]; notYet: Membership[] } {
  const current = members.filter((m) => m.toDate === null);
  if (!DAY.test(date)) return { inTeam: current, notYet: [] };
  const byVolunteer = new Map<string, Membership>();
  for (const m of members) {
    if (m.fromDate <= date && (m.toDate === null || date <= m.toDate) && !byVolunteer.has(m.volunteerId)) byVolunteer.set(m.volunteerId, m);
  }
  return { inTeam: [...byVolunteer.values()], notYet: current.filter((m) => !byVolunteer.has(m.volunteerId)) };
}

/** The problem with typed hours, as a validation key, or null. */
function hoursProblem(text: string): string | null {
  const parsed = hoursField.safeParse(text.trim() === '' ? Number.NaN : Number(text));
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'volunteers.hoursRequired');
}

export function BatchServiceDialog({ open, team, members, onClose }: { open: boolean; team: { id: string; name: string }; members: readonly Membership[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const today = useToday();
  const [date, setDate] = useState('');
  const [description, setDescription] = useState('');
  const [allHours, setAllHours] = useState('2');
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setDate(today);
    setDescription('');
    setAllHours('2');
    setChoices({});
    setProblems({});
    setError(null);
  }, [open, today]);

  // The lines follow the date; a member's tick and hours are kept while the date changes back and forth.
  const { inTeam, notYet } = membersOn(members, date);
  const lines: Line[] = inTeam.map((m) => ({
    volunteerId: m.volunteerId,
    name: m.volunteerName,
    kind: m.volunteerKind,
    ...(choices[m.volunteerId] ?? { checked: true, hours: allHours }),
  }));
  const chosen = lines.filter((l) => l.checked);
  const total = chosen.reduce((sum, l) => sum + (Number(l.hours) || 0), 0);
  /** A changed field is no longer marked: the person is fixing it. */
  const clearProblem = (key: string) =>
    setProblems((all) => {
      if (all[key] === undefined) return all;
      const { [key]: _fixed, ...rest } = all;
      return rest;
    });
  const setLine = (line: Line, change: Partial<Choice>) => {
    setChoices((all) => ({ ...all, [line.volunteerId]: { checked: line.checked, hours: line.hours, ...change } }));
    clearProblem(line.volunteerId);
    clearProblem('entries');
  };

  const save = async () => {
    const found: Record<string, string> = {};
    if (date === '') found['date'] = 'volunteers.dateRequired';
    if (description.trim() === '') found['description'] = 'volunteers.descriptionRequired';
    if (chosen.length === 0) found['entries'] = 'volunteers.chooseVolunteers';
    for (const l of chosen) {
      const p = hoursProblem(l.hours);
      if (p) found[l.volunteerId] = p;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const { ids } = await request('volunteers.logBatch', {
        teamId: team.id,
        date,
        description,
        entries: chosen.map((l) => ({ volunteerId: l.volunteerId, hours: Number(l.hours) })),
      });
      notify(t('volunteers.batch.saved', { count: ids.length, team: team.name }));
      await invalidateVolunteers(queryClient);
      onClose();
    } catch (err) {
      const marked: Record<string, string> = {};
      for (const issue of serverIssues(err)) {
        const entry = /^entries\.(\d+)\./.exec(issue.path);
        const line = entry ? chosen[Number(entry[1])] : undefined;
        if (line) marked[line.volunteerId] = issue.message;
        else if (issue.path === 'date' || issue.path === 'description') marked[issue.path] = issue.message;
      }
      setProblems(marked);
      setError(Object.keys(marked).length > 0 ? null : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="batch-dialog-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <DialogTitle id="batch-dialog-title">{t('volunteers.batch.title', { team: team.name })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('volunteers.batch.intro')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <DateTextField
              label={t('volunteers.services.date')}
              value={date}
              onChange={(v) => {
                setDate(v);
                clearProblem('date');
              }}
              required
              error={problems['date'] !== undefined}
              helperText={fieldMessage(problems['date']) ?? ' '}
              sx={{ width: 200 }}
            />
            <TextField
              label={t('volunteers.batch.allHours')}
              type="number"
              value={allHours}
              onChange={(e) => {
                const hours = e.target.value;
                setAllHours(hours);
                setChoices((all) => Object.fromEntries(Object.entries(all).map(([id, c]) => [id, { ...c, hours }])));
                setProblems((all) => Object.fromEntries(Object.entries(all).filter(([key]) => !lines.some((l) => l.volunteerId === key))));
              }}
              helperText={t('volunteers.batch.allHoursHelp')}
              slotProps={{ htmlInput: { min: 0.5, max: 24, step: 0.5, inputMode: 'decimal' } }}
              sx={{ width: 280 }}
            />
          </Box>
          <TextField
            label={t('volunteers.services.description')}
            value={description}
            onChange={(e) => {
              setDescription(e.target.value);
              clearProblem('description');
            }}
            required
            multiline
            minRows={2}
            error={problems['description'] !== undefined}
            helperText={fieldMessage(problems['description']) ?? t('volunteers.services.descriptionHelp')}
          />
          {notYet.length > 0 ? (
            <Alert severity="info" sx={{ mt: 1 }}>
              {t('volunteers.batch.notYetMembers', {
                date,
                names: new Intl.ListFormat(i18n.language === 'en' ? 'en' : 'zh-CN').format(notYet.map((m) => t('volunteers.batch.joinedOn', { name: m.volunteerName, date: m.fromDate }))),
              })}
            </Alert>
          ) : null}
          {lines.length === 0 ? (
            notYet.length > 0 ? null : (
              <Alert severity="info" sx={{ mt: 1 }}>
                {t('volunteers.batch.noMembers')}
              </Alert>
            )
          ) : (
            <Table size="small" aria-label={t('volunteers.batch.members')} sx={{ mt: 1 }}>
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={chosen.length === lines.length}
                      indeterminate={chosen.length > 0 && chosen.length < lines.length}
                      onChange={(e) => setChoices((all) => ({ ...all, ...Object.fromEntries(lines.map((l) => [l.volunteerId, { checked: e.target.checked, hours: l.hours }])) }))}
                      slotProps={{ input: { 'aria-label': t('volunteers.batch.all') } }}
                    />
                  </TableCell>
                  <TableCell>{t('volunteers.people.name')}</TableCell>
                  <TableCell>{t('volunteers.people.kind')}</TableCell>
                  <TableCell sx={{ width: 220 }}>{t('volunteers.services.hours')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {lines.map((l) => (
                  <TableRow key={l.volunteerId} selected={l.checked}>
                    <TableCell padding="checkbox">
                      <Checkbox checked={l.checked} onChange={(e) => setLine(l, { checked: e.target.checked })} slotProps={{ input: { 'aria-label': l.name } }} />
                    </TableCell>
                    <TableCell sx={{ fontWeight: 600 }}>{l.name}</TableCell>
                    <TableCell>{volunteerKindLabel(l.kind)}</TableCell>
                    <TableCell>
                      <TextField
                        type="number"
                        size="small"
                        margin="none"
                        value={l.hours}
                        disabled={!l.checked}
                        onChange={(e) => setLine(l, { hours: e.target.value })}
                        error={problems[l.volunteerId] !== undefined}
                        helperText={fieldMessage(problems[l.volunteerId])}
                        slotProps={{ htmlInput: { min: 0.5, max: 24, step: 0.5, inputMode: 'decimal', 'aria-label': t('volunteers.batch.hoursOf', { name: l.name }) } }}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Typography sx={{ mt: 1.5 }} color={problems['entries'] ? 'error' : 'text.secondary'}>
            {problems['entries'] ? fieldMessage(problems['entries']) : t('volunteers.batch.summary', { count: chosen.length, hours: Math.round(total * 10) / 10 })}
          </Typography>
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} saveLabel={t('volunteers.batch.save', { count: chosen.length })} />
      </form>
    </Dialog>
  );
}
