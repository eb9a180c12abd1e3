/**
 * 批量登记: after a team's patrol or campaign, one date and one description for the members who took
 * part, each with their hours (the same for all unless changed). Saved all together or not at all.
 */
import { useEffect, useMemo } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import { FormDialog } from '../../components/FormDialog';
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
import { batchServiceSchema, type Membership } from '../../../shared/schemas/volunteers';
import { dateSchema } from '../../../shared/schemas/common';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDateField } from '../../components/FormDateField';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { serverIssues } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { hoursField } from './ServiceDialog';
import { useToday, volunteerKeys, volunteerKindLabel } from './common';
import { asciiDigits } from '../../../shared/digits';

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
  const parsed = hoursField.safeParse(text.trim() === '' ? Number.NaN : Number(asciiDigits(text)));
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'volunteers.hoursRequired');
}

interface BatchValues {
  date: string;
  description: string;
  /** The hours every member gets unless changed on their line. */
  allHours: string;
  /** The lines changed by hand, by volunteer. */
  choices: Record<string, Choice>;
}

/** The lines follow the date; a member's tick and hours are kept while the date changes back and forth. */
function linesOf(members: readonly Membership[], { date, allHours, choices }: Pick<BatchValues, 'date' | 'allHours' | 'choices'>): Line[] {
  return membersOn(members, date).inTeam.map((m) => ({
    volunteerId: m.volunteerId,
    name: m.volunteerName,
    kind: m.volunteerKind,
    ...(choices[m.volunteerId] ?? { checked: true, hours: allHours }),
  }));
}

const requiredDate = z.string().min(1, { message: 'volunteers.dateRequired' }).pipe(dateSchema);

/**
 * batchServiceSchema over the form: the date, the description and the hours of every ticked line are
 * checked at once, so every problem shows at the first save (an hours problem at its line).
 */
function batchFormSchema(members: readonly Membership[]) {
  return z.custom<BatchValues>().transform((v, ctx) => {
    const date = requiredDate.safeParse(v.date);
    if (!date.success) ctx.addIssue({ code: 'custom', path: ['date'], message: date.error.issues[0]?.message ?? 'date.format' });
    const description = batchServiceSchema.shape.description.safeParse(v.description, { error: zodIssueMessage });
    if (!description.success) ctx.addIssue({ code: 'custom', path: ['description'], message: description.error.issues[0]?.message ?? 'volunteers.descriptionRequired' });
    const chosen = linesOf(members, v).filter((l) => l.checked);
    if (chosen.length === 0) ctx.addIssue({ code: 'custom', path: ['root', 'entries'], message: 'volunteers.chooseVolunteers' });
    for (const l of chosen) {
      const problem = hoursProblem(l.hours);
      if (problem) ctx.addIssue({ code: 'custom', path: ['choices', l.volunteerId, 'hours'], message: problem });
    }
    if (!date.success || !description.success) return z.NEVER;
    return { date: date.data, description: description.data, entries: chosen.map((l) => ({ volunteerId: l.volunteerId, hours: Number(asciiDigits(l.hours)) })) };
  });
}
type Batch = z.output<ReturnType<typeof batchFormSchema>>;

const blank = (today: string): BatchValues => ({ date: today, description: '', allHours: '2', choices: {} });

export function BatchServiceDialog({ open, team, members, onClose }: { open: boolean; team: { id: string; name: string }; members: readonly Membership[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const today = useToday();
  const schema = useMemo(() => batchFormSchema(members), [members]);
  const { control, handleSubmit, reset, setValue, getValues, setError, clearErrors, formState } = useForm<BatchValues, unknown, Batch>({
    resolver: zodResolver(schema as unknown as z.ZodType<Batch, BatchValues>, { error: zodIssueMessage }),
    defaultValues: blank(today),
  });
  const [date, allHours, choices] = useWatch({ control, name: ['date', 'allHours', 'choices'] });
  const save = useWrite({
    write: (batch: Batch) => request('volunteers.logBatch', { teamId: team.id, ...batch }),
    invalidates: [volunteerKeys.all],
    onSuccess: ({ ids }) => {
      notify(t('volunteers.batch.saved', { count: ids.length, team: team.name }));
      onClose();
    },
    onError: (err, batch) => {
      // Main names an entry by its place in what was sent: mark that member's line.
      let first = true;
      for (const issue of serverIssues(err)) {
        const entry = /^entries\.(\d+)\./.exec(issue.path);
        const volunteerId = entry ? batch.entries[Number(entry[1])]?.volunteerId : undefined;
        const field = volunteerId ? (`choices.${volunteerId}.hours` as const) : issue.path === 'date' || issue.path === 'description' ? issue.path : null;
        if (field === null) continue;
        setError(field, { type: 'server', message: issue.message }, { shouldFocus: first });
        first = false;
      }
    },
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (!open) return;
    reset(blank(today));
    resetSave();
  }, [open, today, reset, resetSave]);

  const { notYet } = membersOn(members, date);
  const lines = linesOf(members, { date, allHours, choices });
  const chosen = lines.filter((l) => l.checked);
  const total = chosen.reduce((sum, l) => sum + (Number(asciiDigits(l.hours)) || 0), 0);
  const errors = formState.errors;
  const marked = serverIssues(save.error).some((i) => /^entries\.\d+\./.test(i.path) || i.path === 'date' || i.path === 'description');
  /** A changed line is no longer marked: the person is fixing it. */
  const setLine = (line: Line, change: Partial<Choice>) => {
    setValue('choices', { ...getValues('choices'), [line.volunteerId]: { checked: line.checked, hours: line.hours, ...change } });
    clearErrors(`choices.${line.volunteerId}.hours`);
    clearErrors('root.entries');
  };

  const submit = handleSubmit((batch) => save.mutate(batch));
  const busy = save.isPending;
  return (
    <FormDialog control={control} open={open} onClose={busy ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="batch-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="batch-dialog-title">{t('volunteers.batch.title', { team: team.name })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('volunteers.batch.intro')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <FormDateField control={control} name="date" label={t('volunteers.services.date')} required helperText=" " sx={{ width: 200 }} />
            <Controller
              control={control}
              name="allHours"
              render={({ field }) => (
                <TextField
                  label={t('volunteers.batch.allHours')}
                  type="number"
                  name={field.name}
                  inputRef={field.ref}
                  value={field.value}
                  onChange={(e) => {
                    const hours = e.target.value;
                    field.onChange(hours);
                    setValue('choices', Object.fromEntries(Object.entries(getValues('choices')).map(([id, c]) => [id, { ...c, hours }])));
                    clearErrors(lines.map((l) => `choices.${l.volunteerId}.hours` as const));
                  }}
                  helperText={t('volunteers.batch.allHoursHelp')}
                  slotProps={{ htmlInput: { min: 0.5, max: 24, step: 0.5, inputMode: 'decimal' } }}
                  sx={{ width: 280 }}
                />
              )}
            />
          </Box>
          <FormTextField control={control} name="description" label={t('volunteers.services.description')} required multiline minRows={2} helperText={t('volunteers.services.descriptionHelp')} />
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
                      onChange={(e) => {
                        setValue('choices', { ...getValues('choices'), ...Object.fromEntries(lines.map((l) => [l.volunteerId, { checked: e.target.checked, hours: l.hours }])) });
                        clearErrors('root.entries');
                      }}
                      slotProps={{ input: { 'aria-label': t('volunteers.batch.all') } }}
                    />
                  </TableCell>
                  <TableCell>{t('volunteers.people.name')}</TableCell>
                  <TableCell>{t('volunteers.people.kind')}</TableCell>
                  <TableCell sx={{ width: 220 }}>{t('volunteers.services.hours')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {lines.map((l) => {
                  const problem = errors.choices?.[l.volunteerId]?.hours?.message;
                  return (
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
                          error={problem !== undefined}
                          helperText={fieldMessage(problem)}
                          slotProps={{ htmlInput: { min: 0.5, max: 24, step: 0.5, inputMode: 'decimal', 'aria-label': t('volunteers.batch.hoursOf', { name: l.name }) } }}
                        />
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
          <Typography sx={{ mt: 1.5 }} color={errors.root?.entries ? 'error' : 'text.secondary'}>
            {errors.root?.entries ? fieldMessage(errors.root.entries.message) : t('volunteers.batch.summary', { count: chosen.length, hours: Math.round(total * 10) / 10 })}
          </Typography>
          <ErrorAlert error={marked ? null : save.error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} saveLabel={t('volunteers.batch.save', { count: chosen.length })} />
      </form>
    </FormDialog>
  );
}
