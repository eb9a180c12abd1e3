/**
 * A service request (服务需求): raising one (for a known person or one chosen here), changing what it
 * says or who takes care of it, and moving it on (in progress, resolved with what was done, declined
 * with why).
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { REQUEST_CATEGORIES, REQUEST_STATUSES, type RequestCategory, type RequestStatus, type ServiceRequest } from '../../../shared/schemas/requests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { applyServerIssues, serverIssues } from '../../components/serverIssues';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { SelectField } from '../../components/SelectField';
import { UserSelect } from '../../components/UserSelect';
import { invalidateCare } from '../../components/queryKeys';
import { label, options } from '../../components/labels';
import { useSeesOthers } from '../../components/access';
import { useServerToday } from '../../components/serverToday';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { SaveCancelActions } from '../../components/SaveCancelActions';

const formSchema = z.object({
  category: z.enum(REQUEST_CATEGORIES),
  description: z.string().trim().min(1).max(1000),
  assignedTo: z.string(),
});
type Values = { category: RequestCategory | ''; description: string; assignedTo: string };
type Parsed = z.output<typeof formSchema>;

export function RequestDialog({
  open,
  existing,
  person,
  onClose,
}: {
  open: boolean;
  /** Editing this request; otherwise a new one. */
  existing?: ServiceRequest | null;
  /** The person of a new request; left out, the dialog asks. */
  person?: PickedPerson | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const seesOthers = useSeesOthers();
  const [chosen, setChosen] = useState<PickedPerson | null>(null);
  const [personMissing, setPersonMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { control, handleSubmit, reset, setValue, watch, setError: setFieldError, formState } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(formSchema as unknown as z.ZodType<Parsed, Values>, { error: zodIssueMessage }),
    defaultValues: { category: '', description: '', assignedTo: '' },
  });
  const assignedTo = watch('assignedTo');

  useEffect(() => {
    if (!open) return;
    reset(existing ? { category: existing.category, description: existing.description, assignedTo: existing.assignedTo ?? '' } : { category: '', description: '', assignedTo: '' });
    setChosen(null);
    setPersonMissing(false);
    setError(null);
  }, [open, existing, reset]);

  const target = existing ? { id: existing.personId, name: existing.personName, address: '' } : (person ?? chosen);

  const submit = handleSubmit(async (v) => {
    setError(null);
    if (!target) {
      setPersonMissing(true);
      return;
    }
    const fields = { category: v.category, description: v.description, assignedTo: v.assignedTo === '' ? null : v.assignedTo };
    try {
      if (existing) {
        await request('requests.update', { id: existing.id, ...fields });
        notify(t('requests.updated'));
      } else {
        await request('requests.create', { personId: target.id, ...fields });
        notify(t('requests.created', { name: target.name, category: label('requestCategory', v.category) }));
      }
      await invalidateCare(queryClient);
      onClose();
    } catch (err) {
      const marked = applyServerIssues(err, setFieldError, (path) => (path === 'description' ? 'description' : path === 'assignedTo' ? 'assignedTo' : null));
      setError(marked ? null : err);
    }
  });

  return (
    <Dialog open={open} onClose={formState.isSubmitting ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="request-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="request-dialog-title">
          {existing ? t('requests.editTitle', { name: existing.personName }) : target && (person || existing) ? t('requests.createFor', { name: target.name }) : t('requests.createTitle')}
        </DialogTitle>
        <DialogContent>
          {!existing && !person ? (
            <PersonPicker
              value={chosen}
              onChange={(p) => {
                setChosen(p);
                setPersonMissing(false);
              }}
              error={personMissing}
              helperText={personMissing ? t('validation.choose') : undefined}
              autoFocus
            />
          ) : null}
          <SelectField control={control} name="category" label={t('requests.category')} required options={options('requestCategory', REQUEST_CATEGORIES)} placeholder={t('persons.form.choose')} />
          <FormTextField control={control} name="description" label={t('requests.description')} required multiline minRows={3} helperText={t('requests.descriptionHelp')} />
          {seesOthers ? (
            <UserSelect
              label={t('requests.assignee')}
              value={assignedTo}
              onChange={(id) => setValue('assignedTo', id, { shouldDirty: true })}
              emptyLabel={t('requests.unassigned')}
              helperText={fieldMessage(formState.errors.assignedTo?.message) ?? t('requests.assigneeHelp')}
              error={formState.errors.assignedTo !== undefined}
            />
          ) : null}
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={formState.isSubmitting} />
      </form>
    </Dialog>
  );
}

/** Moves a request on: in progress, resolved (what was done) or declined (why), with the date. */
export function RequestStatusDialog({ target, onClose }: { target: ServiceRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { today } = useServerToday();
  const [status, setStatus] = useState<RequestStatus>('resolved');
  const [resolution, setResolution] = useState('');
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [dateProblem, setDateProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!target) return;
    setStatus(target.status === 'open' ? 'in_progress' : 'resolved');
    setResolution(target.resolution);
    setDate(today);
    setProblem(null);
    setDateProblem(null);
    setError(null);
  }, [target]);

  const closing = status === 'resolved' || status === 'declined';
  const save = async () => {
    if (!target) return;
    if (closing && resolution.trim() === '') {
      setProblem(fieldMessage('request.resolutionRequired') ?? null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { changed } = await request('requests.setStatus', { id: target.id, status, resolution, resolvedOn: closing && date.trim() ? date : undefined });
      notify(changed ? t('requests.statusSaved', { name: target.personName, status: label('requestStatus', status) }) : t('persons.form.unchanged'), changed ? 'success' : 'info');
      await invalidateCare(queryClient);
      onClose();
    } catch (err) {
      let shown = false;
      for (const issue of serverIssues(err)) {
        if (issue.path === 'resolution') {
          setProblem(fieldMessage(issue.message) ?? null);
          shown = true;
        } else if (issue.path === 'resolvedOn') {
          setDateProblem(fieldMessage(issue.message) ?? null);
          shown = true;
        }
      }
      setError(shown ? null : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={target !== null} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="request-status-title">
      <DialogTitle id="request-status-title">{t('requests.statusTitle', { name: target?.personName ?? '' })}</DialogTitle>
      <DialogContent>
        {target ? (
          <Typography color="text.secondary">
            {label('requestCategory', target.category)}：{target.description}
          </Typography>
        ) : null}
        <TextField select label={t('requests.status')} value={status} onChange={(e) => setStatus(e.target.value as RequestStatus)}>
          {REQUEST_STATUSES.map((s) => (
            <MenuItem key={s} value={s}>
              {label('requestStatus', s)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={status === 'declined' ? t('requests.declineReason') : t('requests.resolution')}
          value={resolution}
          onChange={(e) => {
            setResolution(e.target.value);
            setProblem(null);
          }}
          required={closing}
          multiline
          minRows={2}
          error={problem !== null}
          helperText={problem ?? (closing ? t('requests.resolutionHelp') : t('requests.progressHelp'))}
          slotProps={{ htmlInput: { maxLength: 1000 } }}
        />
        {closing ? (
          <TextField
            label={t('requests.resolvedOn')}
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              setDateProblem(null);
            }}
            error={dateProblem !== null}
            helperText={dateProblem ?? t('record.dateHelp')}
            autoComplete="off"
          />
        ) : null}
        <ErrorAlert error={error} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
