/**
 * A branch's party dues for one month: who paid what and when, and who has not. Writers record the
 * month in one go (tick who paid; amounts prefilled from each member's last payment) and correct or
 * remove single records.
 */
import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import { FormDialog } from '../../components/FormDialog';
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
import { DUES_MAX_FEN, PENSION_MAX_FEN, duesUpdateSchema, recordMonthSchema, type BranchDetail, type DuesMonthLine, type DuesRow } from '../../../shared/schemas/party';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDateField } from '../../components/FormDateField';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { useSticky } from '../../components/useSticky';
import { useWrite } from '../../components/useWrite';
import i18n, { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { useConfirmedDelete } from '../../components/useConfirmedDelete';
import { invalidateParty, monthText, parseYuan, PARTY_WRITES, partyKeys, requiredFormDate, yuan, usePartyToday } from './common';
import { RowMenu } from './RowMenu';
import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';

/** What the month form proposes: the member's last payment, else the dues their pension suggests. */
function amountToPrefill(l: DuesMonthLine): string {
  if (l.lastAmountFen !== null) return yuan(l.lastAmountFen);
  return l.suggestedFen === null ? '' : yuan(l.suggestedFen);
}

const pensionFormSchema = z.object({
  pension: z.string().transform((text, ctx) => {
    if (text.trim() === '') return null;
    const fen = parseYuan(text);
    if (fen === null || fen > PENSION_MAX_FEN) {
      ctx.addIssue({ code: 'custom', message: i18n.t('party.dues.pensionBad') });
      return z.NEVER;
    }
    return fen;
  }),
});
type PensionValues = z.input<typeof pensionFormSchema>;
type PensionEdit = z.output<typeof pensionFormSchema>;

/** A member's monthly pension, the base of the dues due; seen and written by staff only. */
function PensionDialog({ line, onClose }: { line: DuesMonthLine | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit, reset } = useForm<PensionValues, unknown, PensionEdit>({
    resolver: zodResolver(pensionFormSchema, { error: zodIssueMessage }),
    defaultValues: { pension: '' },
  });
  const save = useWrite({
    write: (input: { personId: string; monthlyPensionFen: number | null }) => request('party.dues.setPension', input),
    invalidates: PARTY_WRITES,
    onSuccess: () => {
      notify(t('party.dues.pensionSaved', { name: line?.personName ?? '' }));
      onClose();
    },
  });
  const { reset: resetSave } = save;
  useEffect(() => {
    if (line) {
      reset({ pension: line.pensionFen === null ? '' : yuan(line.pensionFen) });
      resetSave();
    }
  }, [line]);
  const submit = handleSubmit(({ pension }) => {
    if (line) save.mutate({ personId: line.personId, monthlyPensionFen: pension });
  });
  return (
    <FormDialog control={control} open={line !== null} onClose={save.isPending ? undefined : onClose} maxWidth="xs" fullWidth aria-labelledby="pension-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="pension-title">{t('party.dues.pensionTitle', { name: line?.personName ?? '' })}</DialogTitle>
        <DialogContent>
          <FormTextField
            control={control}
            name="pension"
            label={t('party.dues.pension')}
            helperText={t('party.dues.pensionHelp')}
            autoFocus
            slotProps={amountSlot(t('party.dues.pension'), t('party.dues.yuanUnit'))}
          />
          <ErrorAlert error={save.error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}

/** 应交 of a line: the dues the pension suggests, and how the recorded payment differs from it. */
function SuggestedCell({ line }: { line: DuesMonthLine }) {
  const { t } = useTranslation();
  if (line.pensionFen === null || line.suggestedFen === null) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('party.dues.noPension')}
      </Typography>
    );
  }
  const diff = line.record ? line.record.amountFen - line.suggestedFen : 0;
  return (
    <Box>
      <Typography variant="body2">{t('party.dues.suggestedOf', { amount: yuan(line.suggestedFen) })}</Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        {t('party.dues.suggestedBase', { pension: yuan(line.pensionFen) })}
      </Typography>
      {diff !== 0 ? (
        <Typography variant="caption" color="warning.dark" component="div" sx={{ fontWeight: 600 }}>
          {t(diff < 0 ? 'party.dues.paidLess' : 'party.dues.paidMore', { amount: yuan(Math.abs(diff)) })}
        </Typography>
      ) : null}
    </Box>
  );
}

const amountSlot = (label: string, unit: string) => ({
  input: { endAdornment: <InputAdornment position="end">{unit}</InputAdornment> },
  htmlInput: { inputMode: 'decimal' as const, 'aria-label': label },
});

interface MonthValues {
  paidOn: string;
  /** Who paid, by person. */
  ticked: Record<string, boolean>;
  /** What each paid, in yuan as typed. */
  amounts: Record<string, string>;
}

/**
 * recordMonthSchema over the sheet: the first problem is said in one line under the table, naming
 * whose amount to check (more than a month's dues can plausibly be is a typo, an extra zero).
 */
function monthFormSchema(unpaid: readonly DuesMonthLine[]) {
  return z.custom<MonthValues>().transform((v, ctx) => {
    const problem = (message: string) => {
      ctx.addIssue({ code: 'custom', path: ['root', 'problem'], message });
      return z.NEVER;
    };
    const chosen = unpaid.filter((l) => v.ticked[l.personId]);
    if (chosen.length === 0) return problem(i18n.t('validation.party.noDuesTicked'));
    const entries = chosen.map((l) => ({ line: l, text: v.amounts[l.personId]?.trim() ?? '', amountFen: parseYuan(v.amounts[l.personId] ?? '') }));
    const bad = entries.find((e) => e.amountFen === null);
    if (bad) return problem(i18n.t('party.dues.badAmount', { name: bad.line.personName }));
    const huge = entries.find((e) => (e.amountFen ?? 0) > DUES_MAX_FEN);
    if (huge) return problem(i18n.t('party.dues.tooLarge', { name: huge.line.personName, amount: huge.text }));
    if (v.paidOn.trim() === '') return problem(i18n.t('party.dues.paidOnRequired'));
    const paidOn = recordMonthSchema.shape.paidOn.safeParse(v.paidOn);
    if (!paidOn.success) return problem(fieldMessage('date.format') ?? '');
    return { paidOn: paidOn.data, entries: entries.map((e) => ({ personId: e.line.personId, amountFen: e.amountFen ?? 0 })) };
  });
}
type MonthRecord = z.output<ReturnType<typeof monthFormSchema>>;

function RecordMonthDialog({ open, branch, month, lines, onClose }: { open: boolean; branch: BranchDetail; month: string; lines: DuesMonthLine[]; onClose: () => void }) {
  const { t } = useTranslation();
  const today = usePartyToday();
  const notify = useNotify();
  const unpaid = lines.filter((l) => l.record === null);
  const schema = useMemo(() => monthFormSchema(lines.filter((l) => l.record === null)), [lines]);
  const blank = (): MonthValues => ({ paidOn: today, ticked: {}, amounts: Object.fromEntries(unpaid.map((l) => [l.personId, amountToPrefill(l)])) });
  const { control, handleSubmit, reset, setValue, getValues, clearErrors, formState } = useForm<MonthValues, unknown, MonthRecord>({
    resolver: zodResolver(schema as unknown as z.ZodType<MonthRecord, MonthValues>, { error: zodIssueMessage }),
    defaultValues: blank(),
  });
  const [ticked, amounts] = useWatch({ control, name: ['ticked', 'amounts'] });
  const record = useWrite({
    write: (sheet: MonthRecord) => request('party.dues.recordMonth', { branchId: branch.id, month, ...sheet }),
    invalidates: PARTY_WRITES,
    onSuccess: ({ count }, sheet) => {
      notify(t('party.dues.recorded', { count, month: monthText(month), total: yuan(sheet.entries.reduce((sum, e) => sum + e.amountFen, 0)) }));
      onClose();
    },
  });
  const { reset: resetRecord } = record;
  useEffect(() => {
    if (!open) return;
    reset(blank());
    resetRecord();
  }, [open]);

  const chosen = unpaid.filter((l) => ticked[l.personId]);
  const total = chosen.reduce((sum, l) => sum + (parseYuan(amounts[l.personId] ?? '') ?? 0), 0);
  const setTicked = (next: Record<string, boolean>) => {
    setValue('ticked', next);
    clearErrors('root.problem');
  };
  const submit = handleSubmit((sheet) => record.mutate(sheet));
  const problem = formState.errors.root?.problem?.message;
  const busy = record.isPending;
  return (
    <FormDialog control={control} open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="dues-month-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="dues-month-title">{t('party.dues.recordTitle', { branch: branch.name, month: monthText(month) })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('party.dues.recordIntro')}</DialogContentText>
          <FormDateField control={control} name="paidOn" label={t('party.dues.paidOn')} required sx={{ maxWidth: 220 }} />
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
                      onChange={(e) => setTicked({ ...getValues('ticked'), [l.personId]: e.target.checked })}
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
                        setValue('amounts', { ...getValues('amounts'), [l.personId]: e.target.value });
                        const now = getValues('ticked');
                        if (e.target.value.trim() !== '') setTicked({ ...now, [l.personId]: now[l.personId] ?? true });
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
          <ErrorAlert error={record.error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} />
      </form>
    </FormDialog>
  );
}

/** duesUpdateSchema over the form: the amount in yuan as typed, the day of paying, a note. */
const editFormSchema = z.object({
  amount: z.string().transform((text, ctx) => {
    const fen = parseYuan(text);
    if (fen === null || fen > DUES_MAX_FEN) {
      ctx.addIssue({ code: 'custom', message: fen === null ? i18n.t('party.dues.amountHelp') : i18n.t('party.dues.tooLargeOne') });
      return z.NEVER;
    }
    return fen;
  }),
  paidOn: requiredFormDate,
  notes: duesUpdateSchema.shape.notes,
});
type EditValues = z.input<typeof editFormSchema>;
type DuesEdit = z.output<typeof editFormSchema>;

function EditDuesDialog({ row, onClose }: { row: DuesRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, handleSubmit, reset } = useForm<EditValues, unknown, DuesEdit>({
    resolver: zodResolver(editFormSchema, { error: zodIssueMessage }),
    defaultValues: { amount: '', paidOn: '', notes: '' },
  });
  const update = useWrite({
    write: (input: { id: string; amountFen: number; paidOn: string; notes: string }) => request('party.dues.update', input),
    invalidates: PARTY_WRITES,
    onSuccess: () => {
      notify(t('party.dues.updated', { name: row?.personName ?? '' }));
      onClose();
    },
  });
  const { reset: resetUpdate } = update;
  useEffect(() => {
    if (row) {
      reset({ amount: yuan(row.amountFen), paidOn: row.paidOn, notes: row.notes });
      resetUpdate();
    }
  }, [row]);
  const submit = handleSubmit(({ amount, paidOn, notes }) => {
    if (row) update.mutate({ id: row.id, amountFen: amount, paidOn, notes });
  });
  return (
    <FormDialog control={control} open={row !== null} onClose={update.isPending ? undefined : onClose} maxWidth="xs" fullWidth aria-labelledby="dues-edit-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="dues-edit-title">{t('party.dues.editTitle', { name: row?.personName ?? '', month: row ? monthText(row.month) : '' })}</DialogTitle>
        <DialogContent>
          <FormTextField control={control} name="amount" label={t('party.dues.amount')} required helperText=" " slotProps={amountSlot(t('party.dues.amount'), t('party.dues.yuanUnit'))} />
          <FormDateField control={control} name="paidOn" label={t('party.dues.paidOn')} required helperText=" " />
          <FormTextField control={control} name="notes" label={t('party.notes')} slotProps={{ htmlInput: { maxLength: 200 } }} />
          <ErrorAlert error={update.error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={update.isPending} />
      </form>
    </FormDialog>
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
  const [pensionOf, setPensionOf] = useState<DuesMonthLine | null>(null);
  const shownPension = useSticky(pensionOf);
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
            {canWrite ? <TableCell sx={{ width: 170 }}>{t('party.dues.suggested')}</TableCell> : null}
            <TableCell>{t('party.notes')}</TableCell>
            <TableCell sx={{ width: 60 }} />
          </TableRow>
        </TableHead>
        <TableBody>
          {lines.data && data.length === 0 ? (
            <TableRow>
              <TableCell colSpan={canWrite ? 7 : 6} sx={{ py: 3, textAlign: 'center', color: 'text.secondary' }}>
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
              {canWrite ? (
                <TableCell>
                  <SuggestedCell line={l} />
                </TableCell>
              ) : null}
              <TableCell>{l.record?.notes ?? ''}</TableCell>
              <TableCell align="right">
                {canWrite ? (
                  <RowMenu
                    label={t('party.dues.actions', { name: l.personName })}
                    actions={[
                      ...(l.record
                        ? [
                            { label: t('party.dues.edit'), icon: EditIcon, onClick: () => setEditing(l.record) },
                            { label: t('party.dues.delete'), icon: DeleteIcon, danger: true, onClick: () => remove.ask(l.record as DuesRow) },
                          ]
                        : []),
                      { label: t('party.dues.setPension'), icon: AccountBalanceWalletIcon, onClick: () => setPensionOf(l) },
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
      <PensionDialog line={pensionOf === null ? null : shownPension} onClose={() => setPensionOf(null)} />
      <ConfirmDialog title={t('party.dues.deleteTitle', { name: remove.shown?.personName ?? '', month: remove.shown ? monthText(remove.shown.month) : '' })} confirmLabel={t('common.delete')} danger {...remove.dialog}>
        {t('party.dues.deleteText')}
      </ConfirmDialog>
    </Box>
  );
}
