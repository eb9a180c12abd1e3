/**
 * 打印走访清单: a worker's (or a grid's) persons with visits in a date range, numbered and stored by
 * main (lists.create), then printed; and 爱心服务卡 for a grid or a worker's persons.
 */
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import { FormDialog } from '../../components/FormDialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import PrintIcon from '@mui/icons-material/Print';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { useTranslation } from 'react-i18next';
import { dateSchema } from '../../../shared/schemas/common';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDateField } from '../../components/FormDateField';
import { useNotify } from '../../components/Notifier';
import { applyServerIssues, serverIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { canSavePdf } from '../../print/openPrint';
import { usePrintLauncher } from '../../print/usePrintLauncher';
import { request } from '../../rpc';
import { useSession } from '../../state';
import { UserSelect } from '../../components/UserSelect';
import { addDays } from '../../../shared/calendar';
import { useGrids } from '../../components/lookups';
import { useSeesOthers } from '../../components/access';
import { useServerToday } from '../../components/serverToday';

export interface VisitListDefaults {
  userId?: string;
  gridId?: string;
  from?: string;
  to?: string;
}

type PrintMode = 'print' | 'pdf';

/** createListSchema's visit list as the dialog fills it (main checks the worker and the range). */
const visitListFormSchema = z.object({
  userId: z.string(),
  gridId: z.string(),
  from: dateSchema,
  to: dateSchema,
  includeAllPersons: z.boolean(),
});
type VisitListValues = z.input<typeof visitListFormSchema>;
type VisitList = z.output<typeof visitListFormSchema>;
/** Main's refusal of the grid is about whose persons: it shows at the worker. */
const visitListFieldOf = (path: string) => (path === 'gridId' || path === 'userId' ? 'userId' : path === 'from' || path === 'to' ? path : null);

export function PrintListDialog({ open, defaults, onClose }: { open: boolean; defaults?: VisitListDefaults; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { user } = useSession();
  const seesOthers = useSeesOthers();
  const grids = useGrids();
  const printer = usePrintLauncher();
  const { today } = useServerToday();
  // A list made but empty: its number, said instead of printing nothing.
  const [empty, setEmpty] = useState<string | null>(null);
  const { control, handleSubmit, reset, setError, clearErrors } = useForm<VisitListValues, unknown, VisitList>({
    resolver: zodResolver(visitListFormSchema, { error: zodIssueMessage }),
    defaultValues: { userId: '', gridId: '', from: today, to: addDays(today, 30), includeAllPersons: false },
  });
  const create = useWrite({
    write: ({ mode: _mode, ...v }: VisitList & { mode: PrintMode }) =>
      request('lists.create', {
        kind: 'visit_list',
        userId: seesOthers ? v.userId || undefined : undefined,
        gridId: v.gridId || undefined,
        from: v.from,
        to: v.to,
        includeAllPersons: v.includeAllPersons,
      }),
    invalidates: [['lists']],
    onSuccess: (list, { mode }) => {
      if (list.rows.length === 0) {
        setEmpty(list.listNo);
        return;
      }
      notify(t('lists.created', { listNo: list.listNo, count: list.rows.length }));
      if (printer.launch('visit-list', list.listNo, mode)) onClose();
    },
    onError: (err) => applyServerIssues(err, setError, visitListFieldOf),
  });
  const { reset: resetCreate } = create;
  // A list is one walk: a worker's or a grid's persons, never the whole office (main refuses that too).
  // Until one of them is chosen the print buttons wait and say why.
  const [chosenUser, chosenGrid] = useWatch({ control, name: ['userId', 'gridId'] });
  const needsChoice = seesOthers && chosenUser === '' && chosenGrid === '';

  useEffect(() => {
    if (!open) return;
    const start = defaults?.from ?? today;
    reset({ userId: defaults?.userId ?? (seesOthers ? user.id : ''), gridId: defaults?.gridId ?? '', from: start, to: defaults?.to ?? addDays(start, 30), includeAllPersons: false });
    resetCreate();
    setEmpty(null);
    // Only when the dialog opens: the page behind re-renders while it is open, and what is typed must stay.
  }, [open]);

  const submit = (mode: PrintMode) =>
    void handleSubmit((v) => {
      setEmpty(null);
      create.mutate({ ...v, mode });
    })();
  const busy = create.isPending;
  return (
    <FormDialog control={control} open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="print-list-title">
      <DialogTitle id="print-list-title">{t('lists.printTitle')}</DialogTitle>
      <DialogContent>
        <Typography color="text.secondary">{seesOthers ? t('lists.printIntro') : t('lists.printIntroOwn')}</Typography>
        {seesOthers ? (
          <Controller
            control={control}
            name="userId"
            render={({ field, fieldState }) => (
              <UserSelect
                label={t('lists.worker')}
                value={field.value}
                onChange={field.onChange}
                emptyLabel={t('lists.anyWorker')}
                error={fieldState.error !== undefined}
                helperText={fieldMessage(fieldState.error?.message) ?? t('lists.workerHelp')}
              />
            )}
          />
        ) : null}
        <Controller
          control={control}
          name="gridId"
          render={({ field }) => (
            <TextField
              select
              label={t('persons.fields.grid')}
              value={field.value}
              onChange={(e) => {
                field.onChange(e.target.value);
                clearErrors('userId');
              }}
              helperText={t('lists.gridHelp')}
              // The empty choice (不限网格) shows as such, not as a blank box.
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            >
              <MenuItem value="">{seesOthers ? t('lists.anyGrid') : t('lists.allMyGrids')}</MenuItem>
              {(grids.data ?? []).map((g) => (
                <MenuItem key={g.id} value={g.id}>
                  {g.name}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
          <FormDateField control={control} name="from" label={t('lists.from')} helperText=" " required />
          <FormDateField control={control} name="to" label={t('lists.to')} helperText=" " required />
        </Box>
        <Controller
          control={control}
          name="includeAllPersons"
          render={({ field }) => <FormControlLabel control={<Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} />} label={t('lists.includeAll')} />}
        />
        <Typography variant="body2" color="text.secondary">
          {t('lists.printHint')}
        </Typography>
        {needsChoice ? (
          <Typography sx={{ mt: 1 }} color="warning.main" role="status">
            {t('lists.chooseWorkerOrGrid')}
          </Typography>
        ) : null}
        {empty ? <Typography sx={{ mt: 1 }} color="warning.main">{t('lists.emptyList', { listNo: empty })}</Typography> : null}
        {printer.notice}
        <ErrorAlert error={unmarkedError(create.error, visitListFieldOf)} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        {canSavePdf ? (
          <Button variant="outlined" startIcon={<PictureAsPdfIcon />} onClick={() => submit('pdf')} disabled={busy || needsChoice}>
            {t('lists.savePdf')}
          </Button>
        ) : null}
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => submit('print')} disabled={busy || needsChoice}>
          {t('lists.print')}
        </Button>
      </DialogActions>
    </FormDialog>
  );
}

/** 爱心服务卡 for a grid or a worker's persons (grid workers: their own). */
export function PrintCardsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const seesOthers = useSeesOthers();
  const grids = useGrids();
  const printer = usePrintLauncher();
  const { control, handleSubmit, reset } = useForm<{ userId: string; gridId: string }>({ defaultValues: { userId: '', gridId: '' } });
  const create = useWrite({
    write: ({ userId, gridId }: { userId: string; gridId: string; mode: PrintMode }) => request('lists.create', { kind: 'service_cards', userId: userId || undefined, gridId: gridId || undefined }),
    invalidates: [['lists']],
    onSuccess: (list, { mode }) => {
      notify(t('lists.cardsCreated', { listNo: list.listNo, count: list.cards.length }));
      if (printer.launch('service-cards', list.listNo, mode)) onClose();
    },
  });
  const { reset: resetCreate } = create;
  // Cards are for a worker's or a grid's persons (main refuses the whole office): the buttons wait for one.
  const [chosenUser, chosenGrid] = useWatch({ control, name: ['userId', 'gridId'] });
  const needsChoice = seesOthers && chosenUser === '' && chosenGrid === '';

  useEffect(() => {
    if (!open) return;
    reset({ userId: '', gridId: '' });
    resetCreate();
  }, [open]);

  const submit = (mode: PrintMode) => void handleSubmit((v) => create.mutate({ ...v, mode }))();
  // Main's refusal (whose persons) shows at the worker.
  const issue = serverIssues(create.error)[0];
  const busy = create.isPending;
  return (
    <FormDialog control={control} open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="print-cards-title">
      <DialogTitle id="print-cards-title">{t('lists.cardsTitle')}</DialogTitle>
      <DialogContent>
        <Typography color="text.secondary">{t('lists.cardsIntro')}</Typography>
        {seesOthers ? (
          <Controller
            control={control}
            name="userId"
            render={({ field }) => (
              <UserSelect label={t('lists.worker')} value={field.value} onChange={field.onChange} emptyLabel={t('lists.anyWorker')} error={issue !== undefined} helperText={issue ? fieldMessage(issue.message) : undefined} />
            )}
          />
        ) : null}
        <Controller
          control={control}
          name="gridId"
          render={({ field }) => (
            <TextField select label={t('persons.fields.grid')} value={field.value} onChange={(e) => field.onChange(e.target.value)} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
              <MenuItem value="">{seesOthers ? t('lists.anyGrid') : t('lists.allMyGrids')}</MenuItem>
              {(grids.data ?? []).map((g) => (
                <MenuItem key={g.id} value={g.id}>
                  {g.name}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
        {needsChoice ? (
          <Typography sx={{ mt: 1 }} color="warning.main" role="status">
            {t('lists.chooseCardsFor')}
          </Typography>
        ) : null}
        {printer.notice}
        <ErrorAlert error={issue ? null : create.error} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        {canSavePdf ? (
          <Button variant="outlined" startIcon={<PictureAsPdfIcon />} onClick={() => submit('pdf')} disabled={busy || needsChoice}>
            {t('lists.savePdf')}
          </Button>
        ) : null}
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => submit('print')} disabled={busy || needsChoice}>
          {t('lists.print')}
        </Button>
      </DialogActions>
    </FormDialog>
  );
}
