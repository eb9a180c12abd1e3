/**
 * Adding a party member to a branch, or changing a membership: 入党日期, where the membership relation
 * is held, the management mode, the original unit's party contact (only while the relation stays
 * there; prefilled from the person's linked unit) and the day they joined the branch.
 */
import { useEffect, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';
import { MANAGEMENT_MODES, RELATIONS_HELD, type Membership } from '../../../shared/schemas/party';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { FormPersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { errorMessage, zodIssueMessage } from '../../i18n';
import { ApiError } from '../../api';
import { request } from '../../rpc';
import { SelectField } from '../../components/SelectField';
import { formDateOrMonth, PARTY_WRITES, partyKeys, partyOptions, requiredFormDate, usePartyToday } from './common';
import { FormDateField } from '../../components/FormDateField';

const formSchema = z.object({
  branchId: z.string().min(1, { message: 'party.branchRequired' }),
  partyJoinedOn: formDateOrMonth,
  relationHeld: z.enum(RELATIONS_HELD),
  managementMode: z.enum(MANAGEMENT_MODES),
  unitPartyContact: z.string().trim().max(30),
  unitPartyPhone: z.string().trim().max(30),
  fromDate: requiredFormDate,
  notes: z.string().trim().max(1000),
  /** The person of a new member, when the dialog asks for them. */
  person: z.custom<PickedPerson | null>(),
});

function memberFormSchema(asksPerson: boolean) {
  return asksPerson ? formSchema.extend({ person: formSchema.shape.person.refine((p) => p !== null, { message: 'choose' }) }) : formSchema;
}
type Values = z.input<typeof formSchema> & { relationHeld: string; managementMode: string };
type Parsed = z.output<typeof formSchema>;
const FIELDS = ['fromDate', 'partyJoinedOn', 'branchId'] as const;
const memberFieldOf = (path: string) => (path === 'personId' ? 'person' : (FIELDS.find((f) => f === path) ?? null));

const blank = (branchId: string, today: string, person: PickedPerson | null): Values => ({
  person,
  branchId,
  partyJoinedOn: '',
  relationHeld: 'community',
  managementMode: 'single',
  unitPartyContact: '',
  unitPartyPhone: '',
  fromDate: today,
  notes: '',
});

function valuesOf(m: Membership): Values {
  return {
    person: { id: m.personId, name: m.personName, address: '' },
    branchId: m.branchId,
    partyJoinedOn: m.partyJoinedOn ?? '',
    relationHeld: m.relationHeld,
    managementMode: m.managementMode,
    unitPartyContact: m.unitPartyContact,
    unitPartyPhone: m.unitPartyPhone,
    fromDate: m.fromDate,
    notes: m.notes,
  };
}

const tooYoung = (err: unknown) => err instanceof ApiError && err.code === 'PARTY_JOINED_TOO_YOUNG';

export function MemberDialog({
  open,
  existing,
  branchId,
  person,
  onClose,
}: {
  open: boolean;
  /** Changing this membership; otherwise a new one. */
  existing?: Membership | null;
  /** The branch of a new member; left out, the dialog asks. */
  branchId?: string;
  /** The person of a new member; left out, the dialog asks. */
  person?: PickedPerson | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const branches = useQuery({ queryKey: partyKeys.branches(), queryFn: () => request('party.branches.list', { search: '' }), enabled: open });
  const asksPerson = !existing && !person;
  const schema = useMemo(() => memberFormSchema(asksPerson), [asksPerson]);
  const { control, handleSubmit, reset, setValue, getValues, setError } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema as unknown as z.ZodType<Parsed, Values>, { error: zodIssueMessage }),
    defaultValues: blank(branchId ?? '', today, person ?? null),
  });
  const relation = useWatch({ control, name: 'relationHeld' });
  const target = useWatch({ control, name: 'person' });
  // What the registry knows of the person: an earlier membership's 入党日期, the linked unit's party contact.
  const record = useQuery({
    queryKey: partyKeys.person(target?.id ?? ''),
    queryFn: () => request('party.person', { personId: target?.id ?? '' }),
    enabled: open && !existing && target !== null,
  });
  const save = useWrite({
    write: async (v: Parsed) => {
      const fields = {
        partyJoinedOn: v.partyJoinedOn === '' ? null : v.partyJoinedOn,
        relationHeld: v.relationHeld,
        managementMode: v.managementMode,
        unitPartyContact: v.relationHeld === 'original_unit' ? v.unitPartyContact : '',
        unitPartyPhone: v.relationHeld === 'original_unit' ? v.unitPartyPhone : '',
        fromDate: v.fromDate,
        notes: v.notes,
      };
      if (existing) await request('party.members.update', { id: existing.id, ...fields });
      else await request('party.members.add', { personId: v.person?.id ?? '', branchId: v.branchId, ...fields });
    },
    invalidates: PARTY_WRITES,
    onSuccess: (_r, v) => {
      if (existing) notify(t('party.members.saved', { name: existing.personName }));
      else notify(t('party.members.added', { name: v.person?.name ?? '', branch: branches.data?.find((b) => b.id === v.branchId)?.name ?? '' }));
      onClose();
    },
    onError: (err) => {
      // The 入党日期 box is where it can be put right; the words already say what to check.
      if (tooYoung(err)) setError('partyJoinedOn', { type: 'server', message: errorMessage(err) }, { shouldFocus: true });
      else applyServerIssues(err, setError, memberFieldOf);
    },
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (!open) return;
    reset(existing ? valuesOf(existing) : blank(branchId ?? '', today, person ?? null));
    resetSave();
  }, [open, existing, branchId, reset]);

  useEffect(() => {
    const r = record.data;
    if (!r || existing) return;
    const earlier = r.history[0];
    if (earlier && getValues('partyJoinedOn') === '') setValue('partyJoinedOn', earlier.partyJoinedOn ?? '');
    if (getValues('unitPartyContact') === '') setValue('unitPartyContact', earlier?.unitPartyContact || r.unitPartyContact);
    if (getValues('unitPartyPhone') === '') setValue('unitPartyPhone', earlier?.unitPartyPhone || r.unitPartyPhone);
  }, [record.data, existing, getValues, setValue]);

  const submit = handleSubmit((v) => save.mutate(v));
  const shownError = tooYoung(save.error) ? null : unmarkedError(save.error, memberFieldOf);

  const notCpc = record.data !== undefined && !record.data.isPartyMember;
  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="member-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="member-dialog-title">
          {existing ? t('party.members.editTitle', { name: existing.personName }) : person ? t('party.members.addFor', { name: person.name }) : t('party.members.addTitle')}
        </DialogTitle>
        <DialogContent>
          {!existing && !person ? (
            <FormPersonPicker control={control} name="person" label={t('party.members.person')} filter={{ politicalStatus: 'cpc' }} autoFocus helperText={t('party.members.personHelp')} />
          ) : null}
          {notCpc ? <Alert severity="warning" sx={{ mt: 1 }}>{t('party.members.notCpc', { name: target?.name ?? '' })}</Alert> : null}
          {record.data?.current ? <Alert severity="info" sx={{ mt: 1 }}>{t('party.members.alreadyIn', { branch: record.data.current.branchName })}</Alert> : null}
          {!existing ? (
            <SelectField
              control={control}
              name="branchId"
              label={t('party.members.branch')}
              required
              disabled={branchId !== undefined}
              options={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
              placeholder={t('persons.form.choose')}
            />
          ) : null}
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', '& > *': { flex: '1 1 200px' } }}>
            <FormDateField control={control} name="partyJoinedOn" monthAllowed label={t('party.members.partyJoinedOn')} helperText={t('party.members.partyJoinedOnHelp')} />
            <FormDateField control={control} name="fromDate" label={t('party.members.fromDate')} required />
          </Box>
          <SelectField control={control} name="relationHeld" label={t('party.members.relationHeld')} required options={partyOptions('relation', RELATIONS_HELD)} />
          <SelectField control={control} name="managementMode" label={t('party.members.managementMode')} required options={partyOptions('mode', MANAGEMENT_MODES)} helperText={t('party.members.managementModeHelp')} />
          {relation === 'original_unit' ? (
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', '& > *': { flex: '1 1 200px' } }}>
              <FormTextField control={control} name="unitPartyContact" label={t('party.members.unitPartyContact')} helperText={record.data?.unitName ? t('party.members.fromUnit', { unit: record.data.unitName }) : t('party.members.unitPartyContactHelp')} />
              <FormTextField control={control} name="unitPartyPhone" label={t('party.members.unitPartyPhone')} />
            </Box>
          ) : null}
          <FormTextField control={control} name="notes" label={t('party.notes')} multiline minRows={2} />
          <ErrorAlert error={shownError} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}
