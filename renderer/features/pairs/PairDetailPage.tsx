/**
 * One pair: who helps whom with what and how often, when the next contact is due, and the
 * contacts newest first. An ended pair says when and why, and offers no changes.
 */
import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/Edit';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import { useTranslation } from 'react-i18next';
import type { PairContact } from '../../../shared/schemas/pairs';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { BackButton, DetailFallback, isNotFound } from '../../components/DetailFallback';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { useConfirmedDelete } from '../../components/useConfirmedDelete';
import { useWrite } from '../../components/useWrite';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { useServerToday } from '../../components/serverToday';
import { bracketed, DUE_COLOURS, helpKindsText, pairKeys, pairLabel } from './common';
import { PairDialog } from './PairDialog';
import { ContactDialog, EndPairDialog } from './PairDialogs';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 2, py: 0.5 }}>
      <Typography color="text.secondary" sx={{ width: 88, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography component="div" sx={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Typography>
    </Box>
  );
}

export function PairDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useCanWrite();
  const { today } = useServerToday();
  const detail = useQuery({ queryKey: pairKeys.one(id), queryFn: () => request('pairs.get', { id }) });
  const [editing, setEditing] = useState(false);
  const [ending, setEnding] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [contactOpen, setContactOpen] = useState(false);
  const [editingContact, setEditingContact] = useState<PairContact | null>(null);
  const contactDeletion = useConfirmedDelete(async (c: PairContact) => {
    await request('pairs.deleteContact', { id: c.id });
    notify(t('pairs.detail.contactDeleted'));
  }, pairKeys.all);
  const removal = useWrite({
    write: (pairId: string) => request('pairs.delete', { id: pairId }),
    onSuccess: async () => {
      notify(t('pairs.deleted'));
      setDeleting(false);
      // Away from the page first, so the deleted pair is not asked for again here.
      await navigate('/pairs');
      await queryClient.invalidateQueries({ queryKey: pairKeys.all });
    },
  });

  const back = <BackButton to="/pairs" label={t('pairs.detail.back')} />;
  if (!detail.data || isNotFound(detail.error)) return <DetailFallback back={back} error={detail.error} notFound={t('pairs.detail.notFound')} loading="none" />;
  const { pair: p, contacts } = detail.data;
  const open = p.toDate === null;
  const writable = canWrite && open;

  return (
    <Box sx={{ maxWidth: 1100 }}>
      {back}
      <PageHeader
        title={t('pairs.detail.title', { person: p.personName, helper: p.helperName })}
        actions={
          canWrite ? (
            <>
              {open ? (
                <>
                  <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
                    {t('pairs.edit')}
                  </Button>
                  <Button variant="outlined" startIcon={<EventBusyIcon />} onClick={() => setEnding(true)}>
                    {t('pairs.end')}
                  </Button>
                </>
              ) : null}
              <Button color="error" startIcon={<DeleteOutlinedIcon />} onClick={() => setDeleting(true)}>
                {t('pairs.delete')}
              </Button>
            </>
          ) : undefined
        }
      />
      {!open ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('pairs.detail.endedOn', { date: p.toDate, reason: p.endReason })}
        </Alert>
      ) : null}
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Box sx={{ flex: '1 1 360px' }}>
            <Fact label={t('pairs.fields.person')}>
              <Link component={RouterLink} to={`/persons/${p.personId}?tab=participation`} sx={{ fontWeight: 600 }}>
                {p.personName}
              </Link>
            </Fact>
            <Fact label={t('pairs.fields.helper')}>
              {p.helperPersonId ? (
                <Link component={RouterLink} to={`/persons/${p.helperPersonId}?tab=participation`}>
                  {p.helperName}
                </Link>
              ) : (
                p.helperName
              )}
              {bracketed('', pairLabel('helperKinds', p.helperKind))}
              {p.helperPhone ? ` ${p.helperPhone}` : ''}
            </Fact>
            <Fact label={t('pairs.fields.helpKinds')}>{helpKindsText(p)}</Fact>
            <Fact label={t('pairs.fields.frequency')}>{pairLabel('frequencies', p.frequency)}</Fact>
            {/* An ended pair shows its whole span, a current one the day it began. */}
            <Fact label={p.toDate ? t('pairs.fields.period') : t('pairs.fields.fromDate')}>
              {p.fromDate}
              {p.toDate ? ` — ${p.toDate}` : ''}
            </Fact>
            {p.notes ? <Fact label={t('pairs.fields.notes')}>{p.notes}</Fact> : null}
          </Box>
          <Box sx={{ minWidth: 220 }}>
            <Fact label={t('pairs.fields.lastContact')}>{p.lastContactDate ?? t('pairs.list.never')}</Fact>
            <Fact label={t('pairs.fields.contactCount')}>{p.contactCount}</Fact>
            {p.nextDueDate && p.dueStatus ? (
              <Fact label={t('pairs.fields.nextDue')}>
                <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center' }}>
                  {p.nextDueDate}
                  <Chip size="small" color={DUE_COLOURS[p.dueStatus]} variant={p.dueStatus === 'ok' ? 'outlined' : 'filled'} label={pairLabel('due', p.dueStatus)} />
                </Box>
              </Fact>
            ) : null}
          </Box>
        </Box>
      </Paper>

      <Paper variant="outlined" sx={{ p: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ fontWeight: 600 }}>
            {t('pairs.detail.contacts')}
          </Typography>
          <Box sx={{ flex: 1 }} />
          {writable ? (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setContactOpen(true)}>
              {t('pairs.detail.addContact')}
            </Button>
          ) : null}
        </Box>
        {contacts.length === 0 ? (
          <Typography color="text.secondary" sx={{ py: 2 }}>
            {t('pairs.detail.noContacts')}
          </Typography>
        ) : (
          <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={t('pairs.detail.contacts')}>
            {contacts.map((c) => (
              <Box component="li" key={c.id} sx={{ display: 'flex', gap: 2, py: 1.25, borderTop: 1, borderColor: 'divider' }}>
                <Box sx={{ width: 120, flexShrink: 0 }}>
                  <Typography sx={{ fontWeight: 600 }}>{c.date}</Typography>
                  <Chip size="small" variant="outlined" label={pairLabel('methods', c.method)} sx={{ mt: 0.5 }} />
                </Box>
                <Box sx={{ flex: 1 }}>
                  <Typography sx={{ whiteSpace: 'pre-wrap' }}>{c.content}</Typography>
                  {c.followUp ? (
                    <Typography variant="body2" color="warning.dark" sx={{ mt: 0.5 }}>
                      {t('pairs.detail.followUp', { text: c.followUp })}
                    </Typography>
                  ) : null}
                </Box>
                {writable ? (
                  <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'flex-start' }}>
                    <Button size="small" onClick={() => setEditingContact(c)}>
                      {t('pairs.detail.editContact')}
                    </Button>
                    <Button size="small" color="error" onClick={() => contactDeletion.ask(c)}>
                      {t('pairs.detail.deleteContact')}
                    </Button>
                  </Box>
                ) : null}
              </Box>
            ))}
          </Box>
        )}
      </Paper>

      <PairDialog open={editing} existing={p} today={today} onClose={() => setEditing(false)} />
      <EndPairDialog pair={ending ? p : null} today={today} onClose={() => setEnding(false)} />
      <ContactDialog open={contactOpen || editingContact !== null} pair={p} existing={editingContact} today={today} onClose={() => {
        setContactOpen(false);
        setEditingContact(null);
      }} />
      <ConfirmDialog
        open={deleting}
        title={t('pairs.deleteTitle', { name: p.personName })}
        confirmLabel={t('pairs.delete')}
        danger
        busy={removal.isPending}
        error={removal.error}
        onCancel={() => {
          setDeleting(false);
          removal.reset();
        }}
        onConfirm={() => removal.mutate(p.id)}
      >
        <Typography>{t('pairs.deleteText')}</Typography>
      </ConfirmDialog>
      <ConfirmDialog
        {...contactDeletion.dialog}
        title={t('pairs.detail.deleteContactTitle', { date: contactDeletion.shown?.date ?? '' })}
        confirmLabel={t('pairs.detail.deleteContact')}
        danger
      >
        <Typography>{t('pairs.detail.deleteContactText')}</Typography>
      </ConfirmDialog>
    </Box>
  );
}
