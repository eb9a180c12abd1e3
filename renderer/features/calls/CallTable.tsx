/**
 * Calls as a table (the log and a person's page): when, how, who, about whom, what, outcome. A call
 * about someone moved out or deceased says so; 转为服务需求 raises the request in one step, asking
 * for the request category only when the call's own is not one; 修改 adds the outcome later;
 * 删除 removes a call logged by mistake (what it recorded on the person stays, corrected there).
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../shared/schemas/calls';
import { REQUEST_CATEGORIES, type RequestCategory } from '../../../shared/schemas/requests';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { useConfirmedDelete } from '../../components/useConfirmedDelete';
import { useWrite } from '../../components/useWrite';
import { request } from '../../rpc';
import { CallEditDialog } from './CallEditDialog';
import { callKeys } from './common';

function PersonNote({ c }: { c: Call }) {
  const { t } = useTranslation();
  if (!c.personName || c.personStatus === 'active' || c.personStatus === null) return null;
  return (
    <Alert severity="warning" sx={{ py: 0, mt: 0.5 }} data-testid="call-person-status">
      {t(c.personStatus === 'moved_out' ? 'calls.movedOut' : 'calls.deceased', { name: c.personName, date: c.personStatusDate ?? '' })}
    </Alert>
  );
}

function ToRequestDialog({ call, onClose }: { call: Call | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const own = call && (REQUEST_CATEGORIES as readonly string[]).includes(call.category) ? (call.category as RequestCategory) : '';
  const [category, setCategory] = useState<RequestCategory | ''>('');
  const chosen = category || own;
  const make = useWrite({
    write: (c: Call) => request('calls.toRequest', { id: c.id, assignedTo: null, ...(chosen ? { category: chosen } : {}) }),
    invalidates: [callKeys.all, ['requests'], ['persons']],
    onSuccess: () => {
      notify(t('calls.toRequestDone'));
      setCategory('');
      onClose();
    },
  });
  return (
    <Dialog open={call !== null} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="to-request-title">
      <DialogTitle id="to-request-title">{t('calls.toRequestTitle')}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>{t('calls.toRequestIntro', { name: call?.personName ?? '' })}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2, whiteSpace: 'pre-wrap' }}>
          {call?.content}
        </Typography>
        <TextField select fullWidth label={t('calls.requestCategory')} value={chosen} onChange={(e) => setCategory(e.target.value as RequestCategory)} required>
          {REQUEST_CATEGORIES.map((c) => (
            <MenuItem key={c} value={c}>
              {t(`calls.categories.${c}`)}
            </MenuItem>
          ))}
        </TextField>
        <ErrorAlert error={make.error} sx={{ mt: 2 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={make.isPending || !call} onClick={() => call && make.mutate(call)}>
          {t('calls.actions.toRequest')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** `officeNames`: at the county bureau, the names of the offices, shown in a column of their own. */
export function CallTable({ rows, canWrite, showPerson = true, officeNames }: { rows: readonly Call[]; canWrite: boolean; showPerson?: boolean; officeNames?: ReadonlyMap<string, string> | undefined }) {
  const { t } = useTranslation();
  const [converting, setConverting] = useState<Call | null>(null);
  const [editing, setEditing] = useState<Call | null>(null);
  const notify = useNotify();
  const deletion = useConfirmedDelete(async (c: Call) => {
    await request('calls.delete', { id: c.id });
    notify(t('calls.deleted'));
  }, callKeys.all);
  if (rows.length === 0) return <Typography color="text.secondary">{t('calls.empty')}</Typography>;
  return (
    <>
      <Table size="small" aria-label={t('calls.title')}>
        <TableHead>
          <TableRow>
            {officeNames ? <TableCell sx={{ width: 120 }}>{t('persons.fields.originOffice')}</TableCell> : null}
            <TableCell sx={{ width: 110 }}>{t('calls.fields.when')}</TableCell>
            <TableCell sx={{ width: 150 }}>{t('calls.fields.callerName')}</TableCell>
            {showPerson ? <TableCell sx={{ width: 110 }}>{t('calls.fields.person')}</TableCell> : null}
            <TableCell sx={{ width: 110 }}>{t('calls.fields.category')}</TableCell>
            <TableCell>{t('calls.fields.content')}</TableCell>
            <TableCell sx={{ width: 200 }}>{t('calls.fields.outcome')}</TableCell>
            <TableCell sx={{ width: 90 }}>{t('calls.fields.takenBy')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((c) => (
            <TableRow key={c.id} data-testid="call-row">
              {officeNames ? <TableCell sx={{ verticalAlign: 'top' }}>{officeNames.get(c.originOffice) ?? c.originOffice}</TableCell> : null}
              <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                <div>{c.date}</div>
                <div>
                  {c.time} {t(`calls.channels.${c.channel}`)}
                </div>
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>
                <div>
                  {c.callerName}
                  {c.callerKind === 'other' ? '' : `（${t(`calls.callerKinds.${c.callerKind}`)}）`}
                </div>
                <Typography variant="caption" color="text.secondary">
                  {c.callerPhone}
                </Typography>
              </TableCell>
              {showPerson ? (
                <TableCell sx={{ verticalAlign: 'top' }}>
                  {c.personId && c.personName ? (
                    <Link component={RouterLink} to={`/persons/${c.personId}`}>
                      {c.personName}
                    </Link>
                  ) : (
                    '—'
                  )}
                </TableCell>
              ) : null}
              <TableCell sx={{ verticalAlign: 'top' }}>
                <div>{t(`calls.categories.${c.category}`)}</div>
                {c.urgency === 'normal' ? null : <Chip size="small" color={c.urgency === 'emergency' ? 'error' : 'warning'} label={t(`calls.urgencies.${c.urgency}`)} />}
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'pre-wrap' }}>
                {c.content}
                <PersonNote c={c} />
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>
                <div>{c.outcome}</div>
                <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1, alignItems: 'center' }}>
                  {c.requestId ? (
                    <Link component={RouterLink} to="/visits/requests" variant="body2">
                      {t('calls.actions.openRequest')}
                    </Link>
                  ) : canWrite && c.personId && c.personStatus !== 'moved_out' ? (
                    <Button size="small" onClick={() => setConverting(c)}>
                      {t('calls.actions.toRequest')}
                    </Button>
                  ) : null}
                  {canWrite ? (
                    <>
                      <Button size="small" onClick={() => setEditing(c)} aria-label={t('calls.actions.editOf', { time: `${c.date} ${c.time}` })}>
                        {t('calls.actions.edit')}
                      </Button>
                      <Button size="small" color="error" onClick={() => deletion.ask(c)} aria-label={t('calls.actions.deleteOf', { time: `${c.date} ${c.time}` })}>
                        {t('calls.actions.delete')}
                      </Button>
                    </>
                  ) : null}
                </Box>
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>{c.takenByName ?? c.takenBy}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ToRequestDialog call={converting} onClose={() => setConverting(null)} />
      <CallEditDialog call={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog {...deletion.dialog} title={t('calls.deleteTitle', { time: deletion.shown ? `${deletion.shown.date} ${deletion.shown.time}` : '' })} confirmLabel={t('calls.actions.delete')} danger>
        <Typography>{t('calls.deleteText')}</Typography>
      </ConfirmDialog>
    </>
  );
}
