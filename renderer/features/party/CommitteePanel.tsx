/**
 * A branch's committee (支部委员会): secretary, deputies and members, each a retired member or a
 * community staff member holding both posts (一肩挑). A new secretary closes the old post; closed
 * posts stay below as the history.
 */
import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import { useTranslation } from 'react-i18next';
import { dateSchema } from '../../../shared/schemas/common';
import { COMMITTEE_POSTS, endPostSchema, type BranchDetail, type CommitteePost, type CommitteePostRow } from '../../../shared/schemas/party';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDateField } from '../../components/FormDateField';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { SelectField } from '../../components/SelectField';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useSticky } from '../../components/useSticky';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { useConfirmedDelete } from '../../components/useConfirmedDelete';
import { invalidateParty, PARTY_WRITES, partyKeys, partyLabel, partyOptions, usePartyToday } from './common';
import { RowMenu } from './RowMenu';

const HOLDERS = ['member', 'staff'] as const;
const HOLDER_FIELDS = ['post', 'holder', 'personId', 'staffName'];

/**
 * appointSchema as the dialog fills it: a retired holder is one of the branch's members, a staff
 * holder has a typed name; the holder is checked whatever the date, so both show at the first save.
 */
function appointFormSchema(memberIds: readonly string[]) {
  return z
    .object({
      post: z.enum(COMMITTEE_POSTS),
      holder: z.enum(HOLDERS),
      personId: z.string(),
      staffName: z.string().trim().max(30),
      fromDate: dateSchema,
    })
    .superRefine(
      (v, ctx) => {
        if (v.holder === 'member' && !memberIds.includes(v.personId)) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'choose' });
        if (v.holder === 'staff' && v.staffName === '') ctx.addIssue({ code: 'custom', path: ['staffName'], message: 'party.holderRequired' });
      },
      { when: (payload) => !payload.issues.some((i) => HOLDER_FIELDS.includes(String(i.path?.[0]))) },
    );
}
type AppointValues = { post: CommitteePost; holder: (typeof HOLDERS)[number]; personId: string; staffName: string; fromDate: string };
type Appointment = z.output<ReturnType<typeof appointFormSchema>>;
const appointFieldOf = (path: string) => (path === 'fromDate' || path === 'post' || path === 'personId' || path === 'staffName' ? path : null);

function AppointDialog({ open, branch, onClose }: { open: boolean; branch: BranchDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const currentSecretary = branch.committee.find((c) => c.post === 'secretary' && c.toDate === null);
  // A retired holder must be a member of this branch (the service checks the start date against his joining).
  const membersQuery = { branchId: branch.id, limit: 500 };
  const members = useQuery({ queryKey: partyKeys.members(membersQuery), queryFn: () => request('party.members.list', membersQuery), enabled: open });
  const memberRows = members.data?.rows ?? [];
  const schema = useMemo(() => appointFormSchema((members.data?.rows ?? []).map((m) => m.personId)), [members.data]);
  const blank = (): AppointValues => ({ post: branch.secretaryName ? 'member' : 'secretary', holder: 'member', personId: '', staffName: '', fromDate: today });
  const { control, handleSubmit, reset, setError } = useForm<AppointValues, unknown, Appointment>({
    resolver: zodResolver(schema as unknown as z.ZodType<Appointment, AppointValues>, { error: zodIssueMessage }),
    defaultValues: blank(),
  });
  const [post, holder] = useWatch({ control, name: ['post', 'holder'] });
  const appoint = useWrite({
    write: (v: Appointment) =>
      request('party.committee.appoint', {
        branchId: branch.id,
        post: v.post,
        personId: v.holder === 'member' ? v.personId : null,
        staffName: v.holder === 'staff' ? v.staffName : '',
        fromDate: v.fromDate,
      }),
    invalidates: PARTY_WRITES,
    onSuccess: (_r, v) => {
      const name = v.holder === 'member' ? (memberRows.find((m) => m.personId === v.personId)?.personName ?? '') : v.staffName;
      notify(t('party.committee.appointed', { name, post: partyLabel('post', v.post) }));
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, appointFieldOf),
  });
  const { reset: resetAppoint } = appoint;
  useEffect(() => {
    if (open) {
      reset(blank());
      resetAppoint();
    }
  }, [open, branch.secretaryName]);

  const submit = handleSubmit((v) => appoint.mutate(v));
  return (
    <FormDialog control={control} open={open} onClose={appoint.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="appoint-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="appoint-dialog-title">{t('party.committee.appointTitle', { branch: branch.name })}</DialogTitle>
        <DialogContent>
          <SelectField control={control} name="post" label={t('party.committee.post')} required options={partyOptions('post', COMMITTEE_POSTS)} />
          {post === 'secretary' && currentSecretary ? (
            <Typography variant="body2" color="warning.main" sx={{ mb: 1 }}>
              {t('party.committee.replaces', { name: currentSecretary.name })}
            </Typography>
          ) : null}
          <Controller
            control={control}
            name="holder"
            render={({ field }) => (
              <RadioGroup row value={field.value} onChange={(e) => field.onChange(e.target.value)} aria-label={t('party.committee.holder')}>
                <FormControlLabel value="member" control={<Radio />} label={t('party.committee.holderMember')} />
                <FormControlLabel value="staff" control={<Radio />} label={t('party.committee.holderStaff')} />
              </RadioGroup>
            )}
          />
          {holder === 'member' ? (
            <SelectField
              control={control}
              name="personId"
              label={t('party.committee.person')}
              required
              helperText={members.isSuccess && memberRows.length === 0 ? t('party.committee.noMembers') : t('party.committee.personHelp')}
              options={memberRows.map((m) => ({ value: m.personId, label: t('party.committee.memberOption', { name: m.personName, from: m.fromDate }) }))}
            />
          ) : (
            <FormTextField control={control} name="staffName" label={t('party.committee.staffName')} required helperText={t('party.committee.staffNameHelp')} slotProps={{ htmlInput: { maxLength: 30 } }} />
          )}
          <FormDateField control={control} name="fromDate" label={t('party.committee.fromDate')} required helperText=" " />
          <ErrorAlert error={unmarkedError(appoint.error, appointFieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={appoint.isPending} />
      </form>
    </FormDialog>
  );
}

const endPostFormSchema = z.object({ toDate: endPostSchema.shape.toDate });
type EndPostValues = z.input<typeof endPostFormSchema>;
type EndPost = z.output<typeof endPostFormSchema>;
/** Main's refusal of the ending (a day before the post began…) is about its date. */
const endPostFieldOf = () => 'toDate' as const;

function EndPostDialog({ post, onClose }: { post: CommitteePostRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const { control, handleSubmit, reset, setError } = useForm<EndPostValues, unknown, EndPost>({
    resolver: zodResolver(endPostFormSchema as unknown as z.ZodType<EndPost, EndPostValues>, { error: zodIssueMessage }),
    defaultValues: { toDate: today },
  });
  const end = useWrite({
    write: (input: EndPost & { id: string; name: string }) => request('party.committee.end', { id: input.id, toDate: input.toDate }),
    invalidates: PARTY_WRITES,
    onSuccess: (_r, { name }) => {
      notify(t('party.committee.endedNote', { name }));
      onClose();
    },
    onError: (err) => applyServerIssues(err, setError, endPostFieldOf),
  });
  const { reset: resetEnd } = end;
  useEffect(() => {
    if (post) {
      reset({ toDate: today });
      resetEnd();
    }
  }, [post]);
  const submit = handleSubmit((v) => {
    if (post) end.mutate({ id: post.id, name: post.name, ...v });
  });
  return (
    <FormDialog control={control} open={post !== null} onClose={end.isPending ? undefined : onClose} maxWidth="xs" fullWidth aria-labelledby="end-post-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="end-post-title">{t('party.committee.endTitle', { name: post?.name ?? '', post: partyLabel('post', post?.post) })}</DialogTitle>
        <DialogContent>
          <FormDateField control={control} name="toDate" label={t('party.committee.toDate')} required helperText=" " />
          <ErrorAlert error={unmarkedError(end.error, endPostFieldOf)} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={end.isPending} saveLabel={t('party.committee.endSave')} />
      </form>
    </FormDialog>
  );
}

export function CommitteePanel({ branch }: { branch: BranchDetail }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useCanWrite();
  const [appointing, setAppointing] = useState(false);
  const [ending, setEnding] = useState<CommitteePostRow | null>(null);
  const shownEnding = useSticky(ending);
  const remove = useConfirmedDelete<CommitteePostRow>(async (p) => {
    await request('party.committee.delete', { id: p.id });
    notify(t('party.committee.deleted', { name: p.name }));
    await invalidateParty(queryClient);
  });
  const current = branch.committee.filter((c) => c.toDate === null);
  const past = branch.committee.filter((c) => c.toDate !== null);
  const rows = (list: CommitteePostRow[], ended: boolean) =>
    list.map((c) => (
      <TableRow key={c.id} sx={ended ? { '& td': { color: 'text.secondary' } } : undefined}>
        <TableCell>
          <Chip size="small" color={c.post === 'secretary' && !ended ? 'error' : 'default'} variant={ended ? 'outlined' : 'filled'} label={partyLabel('post', c.post)} />
        </TableCell>
        <TableCell sx={{ fontWeight: ended ? 400 : 600 }}>{c.name}</TableCell>
        <TableCell>{c.isStaff ? t('party.committee.isStaff') : t('party.committee.isMember')}</TableCell>
        <TableCell>{ended ? t('party.committee.period', { from: c.fromDate, to: c.toDate ?? '' }) : t('party.committee.since', { from: c.fromDate })}</TableCell>
        <TableCell align="right">
          {canWrite ? (
            <RowMenu
              label={t('party.committee.actions', { name: c.name })}
              actions={[
                ...(ended ? [] : [{ label: t('party.committee.end'), icon: EventBusyIcon, onClick: () => setEnding(c) }]),
                { label: t('party.committee.delete'), icon: DeleteIcon, danger: true, onClick: () => remove.ask(c) },
              ]}
            />
          ) : null}
        </TableCell>
      </TableRow>
    ));
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          {t('party.committee.title')}
        </Typography>
        {canWrite ? (
          <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setAppointing(true)}>
            {t('party.committee.appoint')}
          </Button>
        ) : null}
      </Box>
      <Table size="small" aria-label={t('party.committee.title')}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 110 }}>{t('party.committee.post')}</TableCell>
            <TableCell sx={{ width: 140 }}>{t('party.committee.name')}</TableCell>
            <TableCell sx={{ width: 200 }}>{t('party.committee.holder')}</TableCell>
            <TableCell>{t('party.committee.term')}</TableCell>
            <TableCell sx={{ width: 60 }} />
          </TableRow>
        </TableHead>
        <TableBody>
          {current.length === 0 ? (
            <TableRow>
              <TableCell colSpan={5} sx={{ py: 3, textAlign: 'center', color: 'text.secondary' }}>
                {t('party.committee.empty')}
              </TableCell>
            </TableRow>
          ) : null}
          {rows(current, false)}
          {past.length > 0 ? (
            <TableRow>
              <TableCell colSpan={5} sx={{ pt: 2, fontWeight: 600, color: 'text.secondary' }}>
                {t('party.committee.history')}
              </TableCell>
            </TableRow>
          ) : null}
          {rows(past, true)}
        </TableBody>
      </Table>
      <AppointDialog open={appointing} branch={branch} onClose={() => setAppointing(false)} />
      <EndPostDialog post={ending === null ? null : shownEnding} onClose={() => setEnding(null)} />
      <ConfirmDialog title={t('party.committee.deleteTitle', { name: remove.shown?.name ?? '' })} confirmLabel={t('common.delete')} danger {...remove.dialog}>
        {t('party.committee.deleteText')}
      </ConfirmDialog>
    </Box>
  );
}
