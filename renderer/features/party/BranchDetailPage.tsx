/**
 * One party organisation (/party/branches/:id): who it is (type, founded, meeting place, secretary),
 * then tabs for its committee, members, meetings and dues.
 */
import { Fragment, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { BackButton, DetailFallback } from '../../components/DetailFallback';
import { useNotify } from '../../components/Notifier';
import { request } from '../../rpc';
import { useWrite } from '../../components/useWrite';
import { useCanWrite } from '../../components/access';
import { BranchDialog } from './BranchDialog';
import { CommitteePanel } from './CommitteePanel';
import { invalidateParty, partyKeys, partyLabel } from './common';
import { DuesPanel } from './DuesPanel';
import { MeetingsPanel } from './MeetingsPanel';
import { MemberDialog } from './MemberDialog';
import { MembersTable } from './MembersTable';

const TABS = ['members', 'committee', 'meetings', 'dues'] as const;
type TabId = (typeof TABS)[number];

export function BranchDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useCanWrite();
  const [sp, setSp] = useSearchParams();
  const tab: TabId = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as TabId) : 'members';
  const branch = useQuery({ queryKey: partyKeys.branch(id), queryFn: () => request('party.branches.get', { id }) });
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useWrite({
    write: () => request('party.branches.delete', { id }),
    onSuccess: async () => {
      notify(t('party.branches.deleted', { name: branch.data?.name ?? '' }));
      setDeleting(false);
      void navigate('/party', { replace: true });
      await invalidateParty(queryClient);
    },
  });

  const back = <BackButton to="/party" label={t('party.branches.back')} />;
  if (branch.error || !branch.data) return <DetailFallback back={back} error={branch.error} maxWidth={1400} />;
  const b = branch.data;
  const facts = [
    b.foundedOn ? { text: t('party.branches.foundedLine', { date: b.foundedOn }), long: false } : null,
    b.meetingPlace ? { text: t('party.branches.placeLine', { place: b.meetingPlace }), long: true } : null,
    { text: t('party.branches.secretaryLine', { name: b.secretaryName || t('party.branches.noSecretary') }), long: false },
    { text: t('party.branches.membersLine', { count: b.memberCount }), long: false },
  ].filter((f) => f !== null);
  return (
    <Box sx={{ maxWidth: 1400 }}>
      {back}
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 }, mb: 2 }}>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <Box sx={{ flex: '1 1 420px' }}>
            <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="h4" component="h1" sx={{ fontWeight: 600 }}>
                {b.name}
              </Typography>
              <Chip color={b.kind === 'branch' ? 'error' : 'default'} variant="outlined" label={partyLabel('kind', b.kind)} />
            </Box>
            <Typography sx={{ mt: 1, fontSize: '1.05rem' }}>
              {/* Short facts stay whole ("党员 3 人" never breaks); the line breaks between facts or inside a long place. */}
              {facts.map((fact, i) => (
                <Fragment key={fact.text}>
                  {i > 0 ? ' · ' : ''}
                  <Box component="span" sx={{ whiteSpace: fact.long ? 'normal' : 'nowrap' }}>
                    {fact.text}
                  </Box>
                </Fragment>
              ))}
            </Typography>
            {b.notes ? (
              <Typography color="text.secondary" sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>
                {b.notes}
              </Typography>
            ) : null}
          </Box>
          {canWrite ? (
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
              <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setAdding(true)}>
                {t('party.members.add')}
              </Button>
              <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
                {t('party.branches.edit')}
              </Button>
              <Button variant="outlined" color="error" startIcon={<DeleteIcon />} onClick={() => setDeleting(true)}>
                {t('party.branches.delete')}
              </Button>
            </Box>
          ) : null}
        </Box>
      </Paper>
      <Paper variant="outlined">
        <Tabs
          value={tab}
          onChange={(_e, next: TabId) => setSp(next === 'members' ? {} : { tab: next }, { replace: true })}
          sx={{ borderBottom: 1, borderColor: 'divider', px: 2 }}
          aria-label={b.name}
          variant="scrollable"
        >
          {TABS.map((id) => (
            <Tab key={id} value={id} label={id === 'members' ? t('party.branchTabs.membersCount', { count: b.memberCount }) : t(`party.branchTabs.${id}`)} />
          ))}
        </Tabs>
        <Box role="tabpanel" sx={{ p: { xs: 1, md: 2 } }}>
          {tab === 'members' ? <MembersTable filters={{ branchId: b.id, search: '', includeEnded: false }} showBranch={false} /> : null}
          {tab === 'committee' ? <CommitteePanel branch={b} /> : null}
          {tab === 'meetings' ? <MeetingsPanel branch={b} /> : null}
          {tab === 'dues' ? <DuesPanel branch={b} /> : null}
        </Box>
      </Paper>
      <BranchDialog open={editing} branch={b} onClose={() => setEditing(false)} />
      <MemberDialog open={adding} branchId={b.id} onClose={() => setAdding(false)} />
      <ConfirmDialog
        open={deleting}
        title={t('party.branches.deleteTitle', { name: b.name })}
        confirmLabel={t('common.delete')}
        danger
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
      >
        {t('party.branches.deleteText')}
      </ConfirmDialog>
    </Box>
  );
}
