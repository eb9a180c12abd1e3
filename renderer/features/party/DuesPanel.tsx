/**
 * A branch's party dues for one month: who paid what and when, and who has not. Writers record the
 * month in one go (tick who paid; amounts prefilled from each member's last payment) and correct or
 * remove single records.
 */
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import InputAdornment from '@mui/material/InputAdornment';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import PlaylistAddCheckIcon from '@mui/icons-material/PlaylistAddCheck';
import EditIcon from '@mui/icons-material/Edit';
import DeleteIcon from '@mui/icons-material/Delete';
import { useTranslation } from 'react-i18next';
import { MonthStepper } from './MonthStepper';
import { DUES_MAX_FEN, type BranchDetail, type DuesMonthLine, type DuesRow } from '../../../shared/schemas/party';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { useSticky } from '../../components/useSticky';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { useConfirmedDelete } from '../../components/useConfirmedDelete';
import { dateProblem, invalidateParty, monthText, parseYuan, partyKeys, yuan, usePartyToday } from './common';
import { RowMenu } from './RowMenu';

const amountSlot = (label: string, unit: string) => ({
  input: { endAdornment: <InputAdornment position="end">{unit}</InputAdornment> },
  htmlInput: { inputMode: 'decimal' as const, 'aria-label': label },
});

function RecordMonthDialog({ open, branch, month, lines, onClose }: { open: boolean; branch: BranchDetail; month: string; lines: DuesMonthLine[]; onClose: () => void }) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const unpaid = lines.filter((l) => l.record === null);
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [paidOn, setPaidOn] = useState(today);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    setTicked({});
    setAmounts(Object.fromEntries(unpaid.map((l) => [l.personId, l.lastAmountFen === null ? '' : yuan(l.lastAmountFen)])));
    setPaidOn(today);
    setProblem(null);
    setError(null);
  }, [open]);

  const chosen = unpaid.filter((l) => ticked[l.personId]);
  const total = chosen.reduce((sum, l) => sum + (parseYuan(amounts[l.personId] ?? '') ?? 0), 0);
  const save = async () => {
    setProblem(null);
    if (chosen.length === 0) return setProblem(t('validation.party.noDuesTicked'));
    const bad = chosen.find((l) => parseYuan(amounts[l.personId] ?? '') === null);
    if (bad) return setProblem(t('party.dues.badAmount', { name: bad.personName }));
    // More than a month's dues can plausibly be is a typo (an extra zero): say whose amount to check.
    const huge = chosen.find((l) => (parseYuan(amounts[l.personId] ?? '') ?? 0) > DUES_MAX_FEN);
    if (huge) return setProblem(t('party.dues.tooLarge', { name: huge.personName, amount: amounts[huge.personId]?.trim() ?? '' }));
    if (paidOn.trim() === '') return setProblem(t('party.dues.paidOnRequired'));
    const dateIssue = dateProblem(paidOn);
    if (dateIssue) return setProblem(dateIssue);
    setBusy(true);
    setError(null);
    try {
      const { count } = await request('party.dues.recordMonth', {
        branchId: branch.id,
        month,
        paidOn,
        entries: chosen.map((l) => ({ personId: l.personId, amountFen: parseYuan(amounts[l.personId] ?? '') ?? 0 })),
      });
      notify(t('party.dues.recorded', { count, month: monthText(month), total: yuan(total) }));
      await invalidateParty(queryClient);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="dues-month-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <DialogTitle id="dues-month-title">{t('party.dues.recordTitle', { branch: branch.name, month: monthText(month) })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('party.dues.recordIntro')}</DialogContentText>
          <DateTextField label={t('party.dues.paidOn')} required value={paidOn} onChange={setPaidOn} sx={{ maxWidth: 220 }} />
          <Table size="small" aria-label={t('party.dues.recordTitle', { branch: branch.name, month: monthText(month) })}>
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={unpaid.length > 0 && chosen.length === unpaid.length}
                    indeterminate={chosen.length > 0 && chosen.length < unpaid.length}
                    onChange={(e) => setTicked(Object.fromEntries(unpaid.map((l) => [l.personId, e.target.checked])))}
                    slotProps={{ input: { 'aria-label': t('party.dues.tickAll') } }}
                  />
                </TableCell>
                <TableCell>{t('party.members.name')}</TableCell>
                <TableCell sx={{ width: 170 }}>{t('party.dues.amount')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {unpaid.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={3} sx={{ py: 2, textAlign: 'center', color: 'text.secondary' }}>
                    {t('party.dues.allPaid')}
                  </TableCell>
                </TableRow>
              ) : null}
              {unpaid.map((l) => (
                <TableRow key={l.personId}>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={ticked[l.personId] ?? false}
                      onChange={(e) => setTicked((prev) => ({ ...prev, [l.personId]: e.target.checked }))}
                      slotProps={{ input: { 'aria-label': t('party.dues.paidBy', { name: l.personName }) } }}
                    />
                  </TableCell>
                  <TableCell sx={{ fontWeight: 600 }}>{l.personName}</TableCell>
                  <TableCell>
                    <TextField
                      size="small"
                      margin="none"
                      value={amounts[l.personId] ?? ''}
                      onChange={(e) => {
                        setAmounts((prev) => ({ ...prev, [l.personId]: e.target.value }));
                        if (e.target.value.trim() !== '') setTicked((prev) => ({ ...prev, [l.personId]: prev[l.personId] ?? true }));
                      }}
                      error={ticked[l.personId] === true && (parseYuan(amounts[l.personId] ?? '') ?? DUES_MAX_FEN + 1) > DUES_MAX_FEN}
                      slotProps={amountSlot(t('party.dues.amountOf', { name: l.personName }), t('party.dues.yuanUnit'))}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography sx={{ mt: 2 }}>{t('party.dues.batchTotal', { count: chosen.length, total: yuan(total) })}</Typography>
          {problem ? <Typography color="error" sx={{ mt: 1 }} role="alert">{problem}</Typography> : null}
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}

function EditDuesDialog({ row, onClose }: { row: DuesRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState('');
  const [notes, setNotes] = useState('');
  const [bad, setBad] = useState(false);
  const [dateNote, setDateNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (row) {
      setAmount(yuan(row.amountFen));
      setPaidOn(row.paidOn);
      setNotes(row.notes);
      setBad(false);
      setDateNote(null);
      setError(null);
    }
  }, [row]);
  const save = async () => {
    if (!row) return;
    const fen = parseYuan(amount);
    const note = dateProblem(paidOn);
    setDateNote(note);
    setBad(fen === null || fen > DUES_MAX_FEN);
    if (fen === null || fen > DUES_MAX_FEN || note !== null) return;
    setBusy(true);
    setError(null);
    try {
      await request('party.dues.update', { id: row.id, amountFen: fen, paidOn, notes });
      notify(t('party.dues.updated', { name: row.personName }));
      await invalidateParty(queryClient);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={row !== null} onClose={busy ? undefined : onClose} maxWidth="xs" fullWidth aria-labelledby="dues-edit-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <DialogTitle id="dues-edit-title">{t('party.dues.editTitle', { name: row?.personName ?? '', month: row ? monthText(row.month) : '' })}</DialogTitle>
        <DialogContent>
          <TextField
            label={t('party.dues.amount')}
            required
            value={amount}
            onChange={(e) => {
              setAmount(e.target.value);
              setBad(false);
            }}
            error={bad}
            helperText={bad ? (parseYuan(amount) === null ? t('party.dues.amountHelp') : t('party.dues.tooLargeOne')) : ' '}
            slotProps={amountSlot(t('party.dues.amount'), t('party.dues.yuanUnit'))}
          />
          <DateTextField
            label={t('party.dues.paidOn')}
            required
            value={paidOn}
            onChange={(d) => {
              setPaidOn(d);
              setDateNote(null);
            }}
            error={dateNote !== null}
            helperText={dateNote ?? ' '}
          />
          <TextField label={t('party.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} slotProps={{ htmlInput: { maxLength: 200 } }} />
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}

export function DuesPanel({ branch }: { branch: BranchDetail }) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useCanWrite();
  const [chosenMonth, setMonth] = useState('');
  // Until the reader picks one: this month, as main counts it.
  const month = chosenMonth || today.slice(0, 7);
  const [recording, setRecording] = useState(false);
  const [editing, setEditing] = useState<DuesRow | null>(null);
  const shownEditing = useSticky(editing);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const lines = useQuery({ queryKey: partyKeys.duesMonth(branch.id, month), queryFn: () => request('party.dues.month', { branchId: branch.id, month }), enabled: valid });
  const remove = useConfirmedDelete<DuesRow>(async (d) => {
    await request('party.dues.delete', { id: d.id });
    notify(t('party.dues.deleted', { name: d.personName, month: monthText(d.month) }));
    await invalidateParty(queryClient);
  });
  const data = lines.data ?? [];
  const paid = data.filter((l) => l.record !== null);
  const total = paid.reduce((sum, l) => sum + (l.record?.amountFen ?? 0), 0);
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          {t('party.dues.title')}
        </Typography>
        <MonthStepper label={t('party.dues.month')} value={month} onChange={setMonth} />
        {canWrite ? (
          <Button variant="contained" startIcon={<PlaylistAddCheckIcon />} onClick={() => setRecording(true)} disabled={!lines.data || paid.length === data.length}>
            {t('party.dues.record')}
          </Button>
        ) : null}
      </Box>
      {lines.data ? (
        <Typography color="text.secondary" sx={{ mb: 1 }}>
          {t('party.dues.summary', { month: valid ? monthText(month) : month, paid: paid.length, count: data.length, total: yuan(total) })}
        </Typography>
      ) : null}
      {canWrite && lines.data && data.length > 0 && paid.length === data.length ? (
        // Why 按月登记党费 is greyed out: nothing is left to record for this month.
        <Typography color="text.secondary" sx={{ mb: 1 }} role="status">
          {t('party.dues.monthDone', { month: monthText(month) })}
        </Typography>
      ) : null}
      <ErrorAlert error={lines.error} sx={{ mb: 1 }} />
      <Table size="small" aria-label={t('party.dues.title')}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 140 }}>{t('party.members.name')}</TableCell>
            <TableCell sx={{ width: 130 }}>{t('party.dues.status')}</TableCell>
            <TableCell sx={{ width: 130 }}>{t('party.dues.amount')}</TableCell>
            <TableCell sx={{ width: 130 }}>{t('party.dues.paidOn')}</TableCell>
            <TableCell>{t('party.notes')}</TableCell>
            <TableCell sx={{ width: 60 }} />
          </TableRow>
        </TableHead>
        <TableBody>
          {lines.data && data.length === 0 ? (
            <TableRow>
              <TableCell colSpan={6} sx={{ py: 3, textAlign: 'center', color: 'text.secondary' }}>
                {t('party.dues.noMembers')}
              </TableCell>
            </TableRow>
          ) : null}
          {data.map((l) => (
            <TableRow key={l.personId}>
              <TableCell sx={{ fontWeight: 600 }}>{l.personName}</TableCell>
              <TableCell>
                {l.record ? <Chip size="small" color="success" label={t('party.dues.paid')} /> : <Chip size="small" color="warning" variant="outlined" label={t('party.dues.unpaid')} />}
              </TableCell>
              <TableCell>{l.record ? t('party.dues.yuan', { amount: yuan(l.record.amountFen) }) : l.lastAmountFen !== null ? <Typography variant="body2" color="text.secondary">{t('party.dues.lastAmount', { amount: yuan(l.lastAmountFen) })}</Typography> : null}</TableCell>
              <TableCell>{l.record?.paidOn ?? ''}</TableCell>
              <TableCell>{l.record?.notes ?? ''}</TableCell>
              <TableCell align="right">
                {canWrite && l.record ? (
                  <RowMenu
                    label={t('party.dues.actions', { name: l.personName })}
                    actions={[
                      { label: t('party.dues.edit'), icon: EditIcon, onClick: () => setEditing(l.record) },
                      { label: t('party.dues.delete'), icon: DeleteIcon, danger: true, onClick: () => remove.ask(l.record as DuesRow) },
                    ]}
                  />
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <RecordMonthDialog open={recording} branch={branch} month={month} lines={data} onClose={() => setRecording(false)} />
      <EditDuesDialog row={editing === null ? null : shownEditing} onClose={() => setEditing(null)} />
      <ConfirmDialog title={t('party.dues.deleteTitle', { name: remove.shown?.personName ?? '', month: remove.shown ? monthText(remove.shown.month) : '' })} confirmLabel={t('common.delete')} danger {...remove.dialog}>
        {t('party.dues.deleteText')}
      </ConfirmDialog>
    </Box>
  );
}
