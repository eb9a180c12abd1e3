/**
 * A branch's committee (支部委员会): secretary, deputies and members, each a retired member or a
 * community staff member holding both posts (一肩挑). A new secretary closes the old post; closed
 * posts stay below as the history.
 */
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import { useTranslation } from 'react-i18next';
import { COMMITTEE_POSTS, type BranchDetail, type CommitteePost, type CommitteePostRow } from '../../../shared/schemas/party';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { serverIssues } from '../../components/serverIssues';
import { useSticky } from '../../components/useSticky';
import { fieldMessage } from '../../i18n';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { useConfirmedDelete } from '../../components/useConfirmedDelete';
import { invalidateParty, partyKeys, partyLabel, usePartyToday } from './common';
import { RowMenu } from './RowMenu';

function AppointDialog({ open, branch, onClose }: { open: boolean; branch: BranchDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [post, setPost] = useState<CommitteePost>('secretary');
  const [holder, setHolder] = useState<'member' | 'staff'>('member');
  const [personId, setPersonId] = useState('');
  const [staffName, setStaffName] = useState('');
  const [fromDate, setFromDate] = useState(today);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (open) {
      setPost(branch.secretaryName ? 'member' : 'secretary');
      setHolder('member');
      setPersonId('');
      setStaffName('');
      setFromDate(today);
      setMissing(false);
      setError(null);
    }
  }, [open, branch.secretaryName]);
  const currentSecretary = branch.committee.find((c) => c.post === 'secretary' && c.toDate === null);
  // A retired holder must be a member of this branch (the service checks the start date against his joining).
  const membersQuery = { branchId: branch.id, limit: 500 };
  const members = useQuery({ queryKey: partyKeys.members(membersQuery), queryFn: () => request('party.members.list', membersQuery), enabled: open });
  const memberRows = members.data?.rows ?? [];
  const person = memberRows.find((m) => m.personId === personId);

  const save = async () => {
    const name = holder === 'member' ? person?.personName : staffName.trim();
    // An empty or unreadable date goes to main, which marks the date box with the reason.
    if (!name) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request('party.committee.appoint', {
        branchId: branch.id,
        post,
        personId: holder === 'member' ? (person?.personId ?? null) : null,
        staffName: holder === 'staff' ? staffName.trim() : '',
        fromDate,
      });
      notify(t('party.committee.appointed', { name, post: partyLabel('post', post) }));
      await invalidateParty(queryClient);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const dateIssue = serverIssues(error).find((i) => i.path === 'fromDate');
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="appoint-dialog-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <DialogTitle id="appoint-dialog-title">{t('party.committee.appointTitle', { branch: branch.name })}</DialogTitle>
        <DialogContent>
          <TextField select label={t('party.committee.post')} required value={post} onChange={(e) => setPost(e.target.value as CommitteePost)}>
            {COMMITTEE_POSTS.map((p) => (
              <MenuItem key={p} value={p}>
                {partyLabel('post', p)}
              </MenuItem>
            ))}
          </TextField>
          {post === 'secretary' && currentSecretary ? (
            <Typography variant="body2" color="warning.main" sx={{ mb: 1 }}>
              {t('party.committee.replaces', { name: currentSecretary.name })}
            </Typography>
          ) : null}
          <RadioGroup row value={holder} onChange={(e) => setHolder(e.target.value as 'member' | 'staff')} aria-label={t('party.committee.holder')}>
            <FormControlLabel value="member" control={<Radio />} label={t('party.committee.holderMember')} />
            <FormControlLabel value="staff" control={<Radio />} label={t('party.committee.holderStaff')} />
          </RadioGroup>
          {holder === 'member' ? (
            <TextField
              select
              label={t('party.committee.person')}
              required
              value={person ? personId : ''}
              onChange={(e) => setPersonId(e.target.value)}
              error={missing && person === undefined}
              helperText={
                missing && person === undefined
                  ? t('validation.choose')
                  : members.isSuccess && memberRows.length === 0
                    ? t('party.committee.noMembers')
                    : t('party.committee.personHelp')
              }
            >
              {memberRows.map((m) => (
                <MenuItem key={m.personId} value={m.personId}>
                  {t('party.committee.memberOption', { name: m.personName, from: m.fromDate })}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <TextField
              label={t('party.committee.staffName')}
              required
              value={staffName}
              onChange={(e) => setStaffName(e.target.value)}
              error={missing && staffName.trim() === ''}
              helperText={missing && staffName.trim() === '' ? t('validation.party.holderRequired') : t('party.committee.staffNameHelp')}
              slotProps={{ htmlInput: { maxLength: 30 } }}
            />
          )}
          <DateTextField label={t('party.committee.fromDate')} required value={fromDate} onChange={setFromDate} error={dateIssue !== undefined} helperText={dateIssue ? fieldMessage(dateIssue.message) : ' '} />
          <ErrorAlert error={dateIssue ? null : error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}

function EndPostDialog({ post, onClose }: { post: CommitteePostRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [toDate, setToDate] = useState(today);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (post) {
      setToDate(today);
      setError(null);
    }
  }, [post]);
  const save = async () => {
    if (!post) return;
    setBusy(true);
    setError(null);
    try {
      await request('party.committee.end', { id: post.id, toDate });
      notify(t('party.committee.endedNote', { name: post.name }));
      await invalidateParty(queryClient);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const issue = serverIssues(error)[0];
  return (
    <Dialog open={post !== null} onClose={busy ? undefined : onClose} maxWidth="xs" fullWidth aria-labelledby="end-post-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <DialogTitle id="end-post-title">{t('party.committee.endTitle', { name: post?.name ?? '', post: partyLabel('post', post?.post) })}</DialogTitle>
        <DialogContent>
          <DateTextField label={t('party.committee.toDate')} required value={toDate} onChange={setToDate} error={issue !== undefined} helperText={issue ? fieldMessage(issue.message) : ' '} />
          <ErrorAlert error={issue ? null : error} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} saveLabel={t('party.committee.endSave')} />
      </form>
    </Dialog>
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
