/** A new party organisation or changes to one: name, type, founded, meeting place, notes. */
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';
import { BRANCH_KINDS, type BranchDetail } from '../../../shared/schemas/party';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { SelectField } from '../../components/SelectField';
import { formDate, PARTY_WRITES, partyOptions } from './common';
import { FormDateField } from '../../components/FormDateField';

const formSchema = z.object({
  name: z.string().trim().min(1, { message: 'party.branchNameRequired' }).max(60),
  kind: z.enum(BRANCH_KINDS),
  foundedOn: formDate,
  meetingPlace: z.string().trim().max(100),
  notes: z.string().trim().max(1000),
});
type Values = { name: string; kind: string; foundedOn: string; meetingPlace: string; notes: string };
type Parsed = z.output<typeof formSchema>;

function valuesOf(branch: BranchDetail | null): Values {
  if (!branch) return { name: '', kind: 'branch', foundedOn: '', meetingPlace: '', notes: '' };
  return { name: branch.name, kind: branch.kind, foundedOn: branch.foundedOn ?? '', meetingPlace: branch.meetingPlace, notes: branch.notes };
}

export function BranchDialog({ open, branch, onClose }: { open: boolean; branch: BranchDetail | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const { control, handleSubmit, reset, setError } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(formSchema as unknown as z.ZodType<Parsed, Values>, { error: zodIssueMessage }),
    defaultValues: valuesOf(branch),
  });
  const fieldOf = (path: string) => (path === 'name' ? 'name' : path === 'foundedOn' ? 'foundedOn' : null);
  const save = useWrite({
    write: async (v: Parsed): Promise<string> => {
      const fields = { ...v, foundedOn: v.foundedOn === '' ? null : v.foundedOn };
      if (branch) {
        await request('party.branches.update', { id: branch.id, ...fields });
        return branch.id;
      }
      return (await request('party.branches.create', fields)).id;
    },
    invalidates: PARTY_WRITES,
    onSuccess: (id, v) => {
      notify(branch ? t('party.branches.saved', { name: v.name }) : t('party.branches.created', { name: v.name }));
      onClose();
      if (!branch) void navigate(`/party/branches/${id}`);
    },
    onError: (err) => applyServerIssues(err, setError, fieldOf),
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (open) {
      reset(valuesOf(branch));
      resetSave();
    }
  }, [open, branch, reset, resetSave]);

  const submit = handleSubmit((v) => save.mutate(v));

  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="branch-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="branch-dialog-title">{branch ? t('party.branches.editTitle', { name: branch.name }) : t('party.branches.createTitle')}</DialogTitle>
        <DialogContent>
          <FormTextField control={control} name="name" label={t('party.branches.name')} required helperText={t('party.branches.nameHelp')} autoComplete="off" autoFocus />
          <SelectField control={control} name="kind" label={t('party.branches.kind')} required options={partyOptions('kind', BRANCH_KINDS)} />
          <FormDateField control={control} name="foundedOn" label={t('party.branches.foundedOn')} />
          <FormTextField control={control} name="meetingPlace" label={t('party.branches.meetingPlace')} helperText={t('party.branches.meetingPlaceHelp')} />
          <FormTextField control={control} name="notes" label={t('party.notes')} multiline minRows={2} />
          <ErrorAlert error={unmarkedError(save.error, fieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}
