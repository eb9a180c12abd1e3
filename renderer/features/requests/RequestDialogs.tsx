/**
 * A service request (服务需求): raising one (for a known person or one chosen here), changing what it
 * says or who takes care of it, and moving it on (in progress, resolved with what was done, declined
 * with why).
 */
import { useEffect, useMemo } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Button from '@mui/material/Button';
import { FormDialog } from '../../components/FormDialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { parseDateText } from '../../../shared/dates';
import { REQUEST_CATEGORIES, REQUEST_STATUSES, requestStatusChangeSchema, type RequestCategory, type RequestStatus, type ServiceRequest } from '../../../shared/schemas/requests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDateField } from '../../components/FormDateField';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { SelectField } from '../../components/SelectField';
import { UserSelect } from '../../components/UserSelect';
import { CARE_KEYS } from '../../components/queryKeys';
import { label, options } from '../../components/labels';
import { useSeesOthers } from '../../components/access';
import { useServerToday } from '../../components/serverToday';
import { FormPersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { SaveCancelActions } from '../../components/SaveCancelActions';

const formSchema = z.object({
  category: z.enum(REQUEST_CATEGORIES),
  description: z.string().trim().min(1).max(1000),
  assignedTo: z.string(),
  /** The person of a new request, when the dialog asks for them. */
  person: z.custom<PickedPerson | null>(),
});

function requestFormSchema(asksPerson: boolean) {
  return asksPerson ? formSchema.extend({ person: formSchema.shape.person.refine((p) => p !== null, { message: 'choose' }) }) : formSchema;
}
type Values = { category: RequestCategory | ''; description: string; assignedTo: string; person: PickedPerson | null };
type Parsed = z.output<typeof formSchema>;
const requestFieldOf = (path: string) => (path === 'description' || path === 'assignedTo' ? path : path === 'personId' ? 'person' : null);

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
  const seesOthers = useSeesOthers();
  const asksPerson = !existing && !person;
  const schema = useMemo(() => requestFormSchema(asksPerson), [asksPerson]);
  const { control, handleSubmit, reset, watch, setError } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema as unknown as z.ZodType<Parsed, Values>, { error: zodIssueMessage }),
    defaultValues: { category: '', description: '', assignedTo: '', person: person ?? null },
  });
  const save = useWrite({
    write: async (v: Parsed) => {
      const fields = { category: v.category, description: v.description, assignedTo: v.assignedTo === '' ? null : v.assignedTo };
      if (existing) await request('requests.update', { id: existing.id, ...fields });
      else await request('requests.create', { personId: v.person?.id ?? '', ...fields });
    },
    invalidates: CARE_KEYS,
    onSuccess: (_r, v) => {
      if (existing) notify(t('requests.updated'));
      else notify(t('requests.created', { name: v.person?.name ?? '', category: label('requestCategory', v.category) }));
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, requestFieldOf),
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (!open) return;
    reset(
      existing
        ? { category: existing.category, description: existing.description, assignedTo: existing.assignedTo ?? '', person: { id: existing.personId, name: existing.personName, address: '' } }
        : { category: '', description: '', assignedTo: '', person: person ?? null },
    );
    resetSave();
  }, [open, existing, reset, resetSave]);

  const target = watch('person');
  const submit = handleSubmit((v) => save.mutate(v));

  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="request-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="request-dialog-title">
          {existing ? t('requests.editTitle', { name: existing.personName }) : target && (person || existing) ? t('requests.createFor', { name: target.name }) : t('requests.createTitle')}
        </DialogTitle>
        <DialogContent>
          {asksPerson ? (
            <FormPersonPicker control={control} name="person" autoFocus />
          ) : null}
          <SelectField control={control} name="category" label={t('requests.category')} required options={options('requestCategory', REQUEST_CATEGORIES)} placeholder={t('persons.form.choose')} />
          <FormTextField control={control} name="description" label={t('requests.description')} required multiline minRows={3} helperText={t('requests.descriptionHelp')} />
          {seesOthers ? (
            <Controller
              control={control}
              name="assignedTo"
              render={({ field, fieldState }) => (
                <UserSelect
                  label={t('requests.assignee')}
                  value={field.value}
                  onChange={field.onChange}
                  emptyLabel={t('requests.unassigned')}
                  helperText={fieldMessage(fieldState.error?.message) ?? t('requests.assigneeHelp')}
                  error={fieldState.error !== undefined}
                />
              )}
            />
          ) : null}
          <ErrorAlert error={unmarkedError(save.error, requestFieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}

const isClosing = (status: RequestStatus) => status === 'resolved' || status === 'declined';

/**
 * requestStatusChangeSchema over the dialog: a closing needs its resolution (or reason); its day may
 * be left empty (main takes today), and a day that cannot be read is refused as typed.
 */
const statusFormSchema = z
  .object({
    status: z.enum(REQUEST_STATUSES),
    resolution: requestStatusChangeSchema.shape.resolution,
    resolvedOn: z.string().refine((v) => v.trim() === '' || parseDateText(v) !== null, { message: 'date.format' }),
  })
  .superRefine(
    (v, ctx) => {
      if (isClosing(v.status) && v.resolution === '') ctx.addIssue({ code: 'custom', path: ['resolution'], message: 'request.resolutionRequired' });
    },
    // Also while the day cannot be read, so both problems show at once.
    { when: (payload) => !payload.issues.some((i) => i.path?.[0] !== 'resolvedOn') },
  );
type StatusValues = z.input<typeof statusFormSchema>;
type StatusChange = z.output<typeof statusFormSchema>;
const statusFieldOf = (path: string) => (path === 'resolution' || path === 'resolvedOn' ? path : null);

/** Moves a request on: in progress, resolved (what was done) or declined (why), with the date. */
export function RequestStatusDialog({ target, onClose }: { target: ServiceRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { today } = useServerToday();
  const { control, handleSubmit, reset, watch, setError } = useForm<StatusValues, unknown, StatusChange>({
    resolver: zodResolver(statusFormSchema, { error: zodIssueMessage }),
    defaultValues: { status: 'resolved', resolution: '', resolvedOn: '' },
  });
  const change = useWrite({
    write: (v: StatusChange & { id: string }) =>
      request('requests.setStatus', { id: v.id, status: v.status, resolution: v.resolution, resolvedOn: isClosing(v.status) && v.resolvedOn.trim() ? v.resolvedOn : undefined }),
    invalidates: CARE_KEYS,
    onSuccess: ({ changed }, v) => {
      notify(changed ? t('requests.statusSaved', { name: target?.personName ?? '', status: label('requestStatus', v.status) }) : t('persons.form.unchanged'), changed ? 'success' : 'info');
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, statusFieldOf),
  });
  const { reset: resetChange } = change;

  useEffect(() => {
    if (!target) return;
    reset({ status: target.status === 'open' ? 'in_progress' : 'resolved', resolution: target.resolution, resolvedOn: today });
    resetChange();
  }, [target]);

  const status = watch('status');
  const closing = isClosing(status);
  const submit = handleSubmit((v) => {
    if (target) change.mutate({ id: target.id, ...v });
  });
  const busy = change.isPending;
  return (
    <FormDialog control={control} open={target !== null} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="request-status-title">
      <DialogTitle id="request-status-title">{t('requests.statusTitle', { name: target?.personName ?? '' })}</DialogTitle>
      <DialogContent>
        {target ? (
          <Typography color="text.secondary">
            {label('requestCategory', target.category)}：{target.description}
          </Typography>
        ) : null}
        <SelectField control={control} name="status" label={t('requests.status')} options={options('requestStatus', REQUEST_STATUSES)} />
        <FormTextField
          control={control}
          name="resolution"
          label={status === 'declined' ? t('requests.declineReason') : t('requests.resolution')}
          required={closing}
          multiline
          minRows={2}
          helperText={closing ? t('requests.resolutionHelp') : t('requests.progressHelp')}
          slotProps={{ htmlInput: { maxLength: 1000 } }}
        />
        {closing ? <FormDateField control={control} name="resolvedOn" label={t('requests.resolvedOn')} helperText={t('record.dateHelp')} placeholder="" /> : null}
        <ErrorAlert error={unmarkedError(change.error, statusFieldOf)} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </FormDialog>
  );
}
