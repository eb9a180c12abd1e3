/**
 * Makes a user a person's primary or backup contact (分片包干). The old record is closed and a new
 * dated one opened by main, so the history keeps who was responsible when.
 */
import { useEffect } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Button from '@mui/material/Button';
import { FormDialog } from '../../components/FormDialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { assignSchema, CONTACT_ROLES, type ContactRole } from '../../../shared/schemas/assignments';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SelectField } from '../../components/SelectField';
import { useWrite } from '../../components/useWrite';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { CARE_KEYS } from '../../components/queryKeys';
import { label } from '../../components/labels';
import { UserSelect } from '../../components/UserSelect';

export interface AssignTarget {
  personId: string;
  personName: string;
  role: ContactRole;
  /** Who holds the role now, if anyone. */
  currentName?: string | null;
  currentUserId?: string | null;
}

/** assignSchema without the person (the dialog is for one): a user must be chosen. */
const assignFormSchema = z.object({
  role: z.enum(CONTACT_ROLES),
  userId: z.string().min(1, { message: 'choose' }),
  reason: assignSchema.shape.reason,
});
type AssignValues = { role: ContactRole; userId: string; reason: string };
type Assignment = z.output<typeof assignFormSchema>;

export function AssignDialog({ target, onClose }: { target: AssignTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit, reset } = useForm<AssignValues, unknown, Assignment>({
    resolver: zodResolver(assignFormSchema as unknown as z.ZodType<Assignment, AssignValues>, { error: zodIssueMessage }),
    defaultValues: { role: 'primary', userId: '', reason: '' },
  });
  const role = useWatch({ control, name: 'role' });
  const assign = useWrite({
    write: (input: Assignment & { personId: string; personName: string }) => request('assignments.set', { personId: input.personId, userId: input.userId, role: input.role, reason: input.reason }),
    invalidates: CARE_KEYS,
    onSuccess: (_r, input) => {
      notify(t('contacts.assigned', { name: input.personName, role: label('contactRole', input.role) }));
      onClose();
    },
  });
  const { reset: resetAssign } = assign;

  useEffect(() => {
    if (!target) return;
    reset({ role: target.role, userId: '', reason: '' });
    resetAssign();
  }, [target]);

  const submit = handleSubmit((v) => {
    if (target) assign.mutate({ ...v, personId: target.personId, personName: target.personName });
  });
  const busy = assign.isPending;
  return (
    <FormDialog control={control} open={target !== null} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="assign-dialog-title">
      <DialogTitle id="assign-dialog-title">{t('contacts.assignTitle', { name: target?.personName ?? '' })}</DialogTitle>
      <DialogContent>
        {target?.currentName ? <Typography color="text.secondary">{t('contacts.currentHolder', { role: label('contactRole', role), name: target.currentName })}</Typography> : null}
        <SelectField control={control} name="role" label={t('contacts.role')} options={CONTACT_ROLES.map((r) => ({ value: r, label: label('contactRole', r) }))} />
        <Controller
          control={control}
          name="userId"
          render={({ field, fieldState }) => (
            <UserSelect
              label={t('contacts.user')}
              value={field.value}
              onChange={field.onChange}
              inputRef={field.ref}
              exclude={target?.currentUserId && role === target.role ? [target.currentUserId] : []}
              required
              error={fieldState.error !== undefined}
              helperText={fieldMessage(fieldState.error?.message) ?? t('contacts.userHelp')}
            />
          )}
        />
        <FormTextField control={control} name="reason" label={t('contacts.reason')} helperText={t('contacts.reasonHelp')} slotProps={{ htmlInput: { maxLength: 200 } }} />
        <ErrorAlert error={assign.error} sx={{ mt: 1 }} />
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
