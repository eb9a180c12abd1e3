/**
 * 打印走访清单: a worker's (or a grid's) persons with visits in a date range, numbered and stored by
 * main (lists.create), then printed; and 爱心服务卡 for a grid or a worker's persons.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
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
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { serverIssues } from '../../components/serverIssues';
import { fieldMessage } from '../../i18n';
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

export function PrintListDialog({ open, defaults, onClose }: { open: boolean; defaults?: VisitListDefaults; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const seesOthers = useSeesOthers();
  const grids = useGrids();
  const printer = usePrintLauncher();
  const { today } = useServerToday();
  const [userId, setUserId] = useState('');
  const [gridId, setGridId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [everyone, setEveryone] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [empty, setEmpty] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    const start = defaults?.from ?? today;
    setUserId(defaults?.userId ?? (seesOthers ? user.id : ''));
    setGridId(defaults?.gridId ?? '');
    setFrom(start);
    setTo(defaults?.to ?? addDays(start, 30));
    setEveryone(false);
    setProblems({});
    setError(null);
    setEmpty(null);
    // Only when the dialog opens: the page behind re-renders while it is open, and what is typed must stay.
  }, [open]);

  const create = async (mode: 'print' | 'pdf') => {
    setBusy(true);
    setError(null);
    setProblems({});
    setEmpty(null);
    try {
      const list = await request('lists.create', {
        kind: 'visit_list',
        userId: seesOthers ? userId || undefined : undefined,
        gridId: gridId || undefined,
        from,
        to,
        includeAllPersons: everyone,
      });
      await queryClient.invalidateQueries({ queryKey: ['lists'] });
      if (list.rows.length === 0) {
        setEmpty(list.listNo);
        return;
      }
      notify(t('lists.created', { listNo: list.listNo, count: list.rows.length }));
      if (printer.launch('visit-list', list.listNo, mode)) onClose();
    } catch (err) {
      const found: Record<string, string> = {};
      for (const issue of serverIssues(err)) {
        const key = issue.path === 'gridId' ? 'userId' : issue.path;
        found[key] = fieldMessage(issue.message) ?? issue.message;
      }
      setProblems(found);
      setError(Object.keys(found).length > 0 ? null : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="print-list-title">
      <DialogTitle id="print-list-title">{t('lists.printTitle')}</DialogTitle>
      <DialogContent>
        <Typography color="text.secondary">{seesOthers ? t('lists.printIntro') : t('lists.printIntroOwn')}</Typography>
        {seesOthers ? (
          <UserSelect
            label={t('lists.worker')}
            value={userId}
            onChange={(id) => {
              setUserId(id);
              setProblems({});
            }}
            emptyLabel={t('lists.anyWorker')}
            error={problems['userId'] !== undefined}
            helperText={problems['userId'] ?? t('lists.workerHelp')}
          />
        ) : null}
        <TextField
          select
          label={t('persons.fields.grid')}
          value={gridId}
          onChange={(e) => {
            setGridId(e.target.value);
            setProblems({});
          }}
          helperText={t('lists.gridHelp')}
        >
          <MenuItem value="">{seesOthers ? t('lists.anyGrid') : t('lists.allMyGrids')}</MenuItem>
          {(grids.data ?? []).map((g) => (
            <MenuItem key={g.id} value={g.id}>
              {g.name}
            </MenuItem>
          ))}
        </TextField>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
          <DateTextField label={t('lists.from')} value={from} onChange={setFrom} error={problems['from'] !== undefined} helperText={problems['from'] ?? ' '} required />
          <DateTextField label={t('lists.to')} value={to} onChange={setTo} error={problems['to'] !== undefined} helperText={problems['to'] ?? ' '} required />
        </Box>
        <FormControlLabel control={<Checkbox checked={everyone} onChange={(e) => setEveryone(e.target.checked)} />} label={t('lists.includeAll')} />
        <Typography variant="body2" color="text.secondary">
          {t('lists.printHint')}
        </Typography>
        {empty ? <Typography sx={{ mt: 1 }} color="warning.main">{t('lists.emptyList', { listNo: empty })}</Typography> : null}
        {printer.notice}
        <ErrorAlert error={error} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        {canSavePdf ? (
          <Button variant="outlined" startIcon={<PictureAsPdfIcon />} onClick={() => void create('pdf')} disabled={busy}>
            {t('lists.savePdf')}
          </Button>
        ) : null}
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => void create('print')} disabled={busy}>
          {t('lists.print')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** 爱心服务卡 for a grid or a worker's persons (grid workers: their own). */
export function PrintCardsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const seesOthers = useSeesOthers();
  const grids = useGrids();
  const printer = usePrintLauncher();
  const [userId, setUserId] = useState('');
  const [gridId, setGridId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setUserId('');
    setGridId('');
    setProblem(null);
    setError(null);
  }, [open]);

  const create = async (mode: 'print' | 'pdf') => {
    setBusy(true);
    setError(null);
    setProblem(null);
    try {
      const list = await request('lists.create', { kind: 'service_cards', userId: userId || undefined, gridId: gridId || undefined });
      await queryClient.invalidateQueries({ queryKey: ['lists'] });
      notify(t('lists.cardsCreated', { listNo: list.listNo, count: list.cards.length }));
      if (printer.launch('service-cards', list.listNo, mode)) onClose();
    } catch (err) {
      const issue = serverIssues(err)[0];
      if (issue) setProblem(fieldMessage(issue.message) ?? issue.message);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="print-cards-title">
      <DialogTitle id="print-cards-title">{t('lists.cardsTitle')}</DialogTitle>
      <DialogContent>
        <Typography color="text.secondary">{t('lists.cardsIntro')}</Typography>
        {seesOthers ? <UserSelect label={t('lists.worker')} value={userId} onChange={setUserId} emptyLabel={t('lists.anyWorker')} error={problem !== null} helperText={problem ?? undefined} /> : null}
        <TextField select label={t('persons.fields.grid')} value={gridId} onChange={(e) => setGridId(e.target.value)}>
          <MenuItem value="">{seesOthers ? t('lists.anyGrid') : t('lists.allMyGrids')}</MenuItem>
          {(grids.data ?? []).map((g) => (
            <MenuItem key={g.id} value={g.id}>
              {g.name}
            </MenuItem>
          ))}
        </TextField>
        {printer.notice}
        <ErrorAlert error={error} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        {canSavePdf ? (
          <Button variant="outlined" startIcon={<PictureAsPdfIcon />} onClick={() => void create('pdf')} disabled={busy}>
            {t('lists.savePdf')}
          </Button>
        ) : null}
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => void create('print')} disabled={busy}>
          {t('lists.print')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
