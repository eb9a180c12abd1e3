/**
 * 录入走访结果 for a printed list (/visits/lists/2026-11-0007): one row per person on the paper, made
 * for the keyboard. Tab or Enter moves to the next box (Shift goes back); in the result box 1 means
 * visited and 2 not visited; the date comes filled in. Everything is saved in one call, and when
 * main refuses some rows, each row says what is wrong with it. A barcode scanner reads the paper: a
 * row's code jumps to that row (its result box gets the focus), a page's code opens that list, and
 * a code of another office's or a cancelled list is refused with what it is (see useScanner).
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import SaveIcon from '@mui/icons-material/Save';
import PrintIcon from '@mui/icons-material/Print';
import { useTranslation } from 'react-i18next';
import type { ListResult, ListRow } from '../../../shared/schemas/lists';
import { VISIT_METHODS, type VisitMethod } from '../../../shared/schemas/visits';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage, fieldMessage } from '../../i18n';
import { usePrintLauncher } from '../../print/usePrintLauncher';
import { request } from '../../rpc';
import { valueLabel } from '../../components/labels';
import { CARE_KEYS, careKeys } from '../../components/queryKeys';
import { useWrite } from '../../components/useWrite';
import { DateTextField } from '../../components/DateTextField';
import { label } from '../../components/labels';
import { useServerToday } from '../../components/serverToday';
import { listSubject } from './ListsPage';
import { giftFenOf } from '../../components/gift';
import { useScanner } from './useScanner';

type Outcome = '' | 'visited' | 'not_visited';

interface Entry {
  outcome: Outcome;
  visitDate: string;
  method: VisitMethod;
  findings: string;
  needs: string;
  /** 慰问金 as typed, in 元; 慰问品. */
  giftYuan: string;
  giftItems: string;
}

interface Problem {
  row: number;
  field: string;
  code: string;
}

const OUTCOME_KEYS: Record<Outcome, string> = { '': '0', visited: '1', not_visited: '2' };

/** The result entry's boxes in order; Enter moves between them as Tab does. */
function moveFocus(from: HTMLElement, container: HTMLElement | null, back: boolean): void {
  if (!container) return;
  const boxes = [...container.querySelectorAll<HTMLElement>('[data-entry]')].filter((el) => !(el as HTMLInputElement).disabled);
  const index = boxes.indexOf(from);
  const next = boxes[index + (back ? -1 : 1)];
  if (next) {
    next.focus();
    if (next instanceof HTMLInputElement) next.select();
  }
}

const cellSx = { py: 0.5, px: 0.75, verticalAlign: 'top' } as const;
const inputSx = { '& .MuiInputBase-input': { py: 0.75, px: 1 } } as const;

const EntryRow = memo(function EntryRow({
  row,
  entry,
  done,
  problems,
  onChange,
  withGifts,
  scanned,
}: {
  row: ListRow;
  entry: Entry;
  done: ListResult | undefined;
  problems: Problem[];
  onChange: (row: number, patch: Partial<Entry>) => void;
  withGifts: boolean;
  /** The row whose code was just scanned: marked until another is. */
  scanned: boolean;
}) {
  const { t } = useTranslation();
  const locked = done?.outcome === 'visited';
  const visited = entry.outcome === 'visited';
  const bad = (field: string) => problems.some((p) => p.field === field);
  const typed = (patch: Partial<Entry>) => onChange(row.row, entry.outcome === '' ? { ...patch, outcome: 'visited' } : patch);
  return (
    <>
      <TableRow
        data-row={row.row}
        data-scanned={scanned ? '1' : undefined}
        tabIndex={-1}
        sx={{
          bgcolor: problems.length > 0 ? '#fdeeee' : scanned ? '#fff8e1' : locked ? 'action.hover' : undefined,
          outline: scanned ? '2px solid #f9a825' : undefined,
          outlineOffset: -2,
          '& td': { borderBottom: problems.length > 0 ? 0 : undefined },
        }}
      >
        <TableCell sx={{ ...cellSx, width: 44, fontVariantNumeric: 'tabular-nums', pt: 1.25 }}>{row.row}</TableCell>
        <TableCell sx={{ ...cellSx, minWidth: 150, pt: 0.75 }}>
          <Typography sx={{ fontWeight: 600 }}>
            {row.name}
            <Typography component="span" variant="body2" color="text.secondary">
              {' '}
              {valueLabel('gender', row.gender)} {t('persons.detail.age', { age: row.age })}
            </Typography>
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {row.address}
          </Typography>
        </TableCell>
        <TableCell sx={{ ...cellSx, width: 130, pt: 0.75 }}>
          {row.visits.map((v) => (
            <Typography key={v.plannedVisitId} variant="body2">
              {label('visitReason', v.reason)} {v.dueDate.slice(5)}
            </Typography>
          ))}
        </TableCell>
        {locked ? (
          <TableCell colSpan={withGifts ? 6 : 5} sx={{ ...cellSx, pt: 1 }}>
            <Chip size="small" color="success" label={t('entry.alreadyEntered', { date: done.visitDate ?? '' })} />
          </TableCell>
        ) : (
          <>
            <TableCell sx={{ ...cellSx, width: 118 }}>
              <TextField
                select
                size="small"
                margin="none"
                value={entry.outcome}
                onChange={(e) => onChange(row.row, { outcome: e.target.value as Outcome })}
                error={bad('row')}
                slotProps={{ select: { native: true }, htmlInput: { 'data-entry': 'outcome', 'aria-label': t('entry.outcomeOf', { row: row.row, name: row.name }) } }}
                sx={inputSx}
              >
                {(['', 'visited', 'not_visited'] as const).map((o) => (
                  <option key={o} value={o}>
                    {OUTCOME_KEYS[o]} {o === '' ? t('entry.notEntered') : label('listOutcome', o)}
                  </option>
                ))}
              </TextField>
              {done?.outcome === 'not_visited' && entry.outcome === '' ? (
                <Typography variant="caption" color="text.secondary">
                  {t('entry.wasNotVisited')}
                </Typography>
              ) : null}
            </TableCell>
            <TableCell sx={{ ...cellSx, width: 140 }}>
              <TextField
                size="small"
                margin="none"
                value={visited ? entry.visitDate : ''}
                disabled={!visited}
                onChange={(e) => onChange(row.row, { visitDate: e.target.value })}
                error={bad('visitDate')}
                autoComplete="off"
                slotProps={{ htmlInput: { 'data-entry': 'date', 'aria-label': t('entry.dateOf', { row: row.row, name: row.name }) } }}
                sx={inputSx}
              />
            </TableCell>
            <TableCell sx={{ ...cellSx, width: 118 }}>
              <TextField
                select
                size="small"
                margin="none"
                value={entry.method}
                disabled={!visited}
                onChange={(e) => onChange(row.row, { method: e.target.value as VisitMethod })}
                error={bad('method')}
                slotProps={{ select: { native: true }, htmlInput: { 'data-entry': 'method', 'aria-label': t('entry.methodOf', { row: row.row, name: row.name }) } }}
                sx={inputSx}
              >
                {VISIT_METHODS.map((m, i) => (
                  <option key={m} value={m}>
                    {i + 1} {label('visitMethod', m)}
                  </option>
                ))}
              </TextField>
            </TableCell>
            <TableCell sx={cellSx}>
              <TextField
                size="small"
                margin="none"
                value={entry.findings}
                placeholder={entry.outcome === 'not_visited' ? t('entry.whyNot') : ''}
                onChange={(e) => (entry.outcome === 'not_visited' ? onChange(row.row, { findings: e.target.value }) : typed({ findings: e.target.value }))}
                autoComplete="off"
                slotProps={{ htmlInput: { 'data-entry': 'findings', maxLength: 500, 'aria-label': t('entry.findingsOf', { row: row.row, name: row.name }) } }}
                sx={inputSx}
              />
            </TableCell>
            <TableCell sx={cellSx}>
              <TextField
                size="small"
                margin="none"
                value={entry.needs}
                disabled={entry.outcome === 'not_visited'}
                onChange={(e) => typed({ needs: e.target.value })}
                autoComplete="off"
                slotProps={{ htmlInput: { 'data-entry': 'needs', maxLength: 1000, 'aria-label': t('entry.needsOf', { row: row.row, name: row.name }) } }}
                sx={inputSx}
              />
            </TableCell>
            {withGifts ? (
              <TableCell sx={{ ...cellSx, width: 150 }}>
                <TextField
                  size="small"
                  margin="none"
                  value={entry.giftYuan}
                  disabled={entry.outcome === 'not_visited'}
                  onChange={(e) => typed({ giftYuan: e.target.value })}
                  error={bad('giftFen')}
                  autoComplete="off"
                  placeholder={t('reports.gift.amount')}
                  slotProps={{ htmlInput: { 'data-entry': 'gift', inputMode: 'decimal', 'aria-label': `${t('reports.gift.amount')} ${row.row}` } }}
                  sx={{ ...inputSx, mb: 0.5 }}
                />
                <TextField
                  size="small"
                  margin="none"
                  value={entry.giftItems}
                  disabled={entry.outcome === 'not_visited'}
                  onChange={(e) => typed({ giftItems: e.target.value })}
                  autoComplete="off"
                  placeholder={t('reports.gift.items')}
                  slotProps={{ htmlInput: { 'data-entry': 'giftItems', maxLength: 200, 'aria-label': `${t('reports.gift.items')} ${row.row}` } }}
                  sx={inputSx}
                />
              </TableCell>
            ) : null}
          </>
        )}
      </TableRow>
      {problems.length > 0 ? (
        <TableRow data-problem-row={row.row} sx={{ bgcolor: '#fdeeee' }}>
          <TableCell colSpan={withGifts ? 9 : 8} sx={{ py: 0.5, color: 'error.main' }} role="alert">
            {t('entry.rowProblems', { row: row.row, name: row.name, problems: problems.map((p) => fieldMessage(p.code) ?? p.code).join(' ') })}
          </TableCell>
        </TableRow>
      ) : null}
    </>
  );
});

export function ResultEntryPage() {
  const { t } = useTranslation();
  const { listNo = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const rowAsked = Number(searchParams.get('row') ?? '') || null;
  const navigate = useNavigate();
  const notify = useNotify();
  const printer = usePrintLauncher();
  const list = useQuery({ queryKey: careKeys.list(listNo), queryFn: () => request('lists.get', { listNo }) });
  const serverToday = useServerToday();
  const [typedDate, setTypedDate] = useState<string | null>(null);
  const defaultDate = typedDate ?? serverToday.today;
  const setDefaultDate = setTypedDate;
  const [defaultMethod, setDefaultMethod] = useState<VisitMethod>('home');
  const [entries, setEntries] = useState<Record<number, Entry>>({});
  const [problems, setProblems] = useState<Problem[]>([]);
  // 慰问金 and 慰问品 are asked for when the list is a campaign's: a column shown on request, so the
  // keyboard path through a routine list stays as it was.
  const [withGifts, setWithGifts] = useState(false);
  const [scannedRow, setScannedRow] = useState<number | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const defaults = useRef({ date: defaultDate, method: defaultMethod });
  defaults.current = { date: defaultDate, method: defaultMethod };

  const rows = useMemo(() => list.data?.rows ?? [], [list.data]);
  const results = useMemo(() => new Map((list.data?.results ?? []).map((r) => [r.row, r])), [list.data]);
  const blank = useCallback((): Entry => ({ outcome: '', visitDate: defaults.current.date, method: defaults.current.method, findings: '', needs: '', giftYuan: '', giftItems: '' }), []);
  // Rows not touched share one object, so typing in one row re-renders that row only.
  const untouched = useMemo<Entry>(() => ({ outcome: '', visitDate: defaultDate, method: defaultMethod, findings: '', needs: '', giftYuan: '', giftItems: '' }), [defaultDate, defaultMethod]);

  // A fresh screen for each list and after each save: rows entered are shown as done.
  useEffect(() => {
    setEntries({});
    setProblems([]);
    setScannedRow(null);
  }, [list.data]);

  // Ready to type at once: the first row still to enter has the focus when the list opens.
  const focused = useRef(false);
  useEffect(() => {
    if (!list.data || focused.current || rowAsked !== null) return;
    focused.current = true;
    window.setTimeout(() => tableRef.current?.querySelector<HTMLElement>('[data-entry]')?.focus(), 0);
  }, [list.data, rowAsked]);

  /** Brings a row into view and gives its result box the focus (the row itself when it is already entered). */
  const jumpTo = useCallback((row: number) => {
    setScannedRow(row);
    window.setTimeout(() => {
      const tr = tableRef.current?.querySelector<HTMLElement>(`[data-row="${row}"]`);
      if (!tr) return;
      tr.scrollIntoView({ block: 'center' });
      const box = tr.querySelector<HTMLElement>('[data-entry]');
      (box ?? tr).focus({ preventScroll: true });
    }, 0);
  }, []);

  // A scanned row code of this list opened from elsewhere (…?row=12): that row, once the list is in.
  useEffect(() => {
    if (!list.data || rowAsked === null) return;
    focused.current = true;
    jumpTo(rowAsked);
    setSearchParams({}, { replace: true });
  }, [list.data, rowAsked, jumpTo, setSearchParams]);

  useScanner((code) => {
    request('lists.resolveCode', { code }).then(
      (found) => {
        if (found.listNo !== listNo) {
          notify(t('entry.scannedOther', { listNo: found.listNo }), 'info');
          void navigate(`/visits/lists/${found.listNo}${found.row === null ? '' : `?row=${found.row}`}`);
          return;
        }
        if (found.row === null) return;
        notify(t('entry.scannedRow', { row: found.row, name: found.name ?? '' }), 'info');
        jumpTo(found.row);
      },
      (err: unknown) => notify(errorMessage(err), 'error'),
    );
  }, list.data?.kind === 'visit_list');

  const change = useCallback(
    (row: number, patch: Partial<Entry>) => {
      setEntries((all) => {
        const before = all[row] ?? blank();
        const next = { ...before, ...patch };
        if (patch.outcome === 'visited' && next.visitDate.trim() === '') next.visitDate = defaults.current.date;
        return { ...all, [row]: next };
      });
      setProblems((ps) => (ps.some((p) => p.row === row) ? ps.filter((p) => p.row !== row) : ps));
    },
    [blank],
  );

  const toSend = rows.filter((r) => (entries[r.row]?.outcome ?? '') !== '' && results.get(r.row)?.outcome !== 'visited');
  const visitedCount = toSend.filter((r) => entries[r.row]?.outcome === 'visited').length;

  const enter = useWrite({
    write: (sent: typeof toSend) =>
      request('lists.enterResults', {
        listNo,
        rows: sent.map((r) => {
          const e = entries[r.row] as Entry;
          return e.outcome === 'visited'
            ? { row: r.row, outcome: 'visited' as const, visitDate: e.visitDate, method: e.method, findings: e.findings, needs: e.needs, giftFen: giftFenOf(e.giftYuan), giftItems: e.giftItems }
            : { row: r.row, outcome: 'not_visited' as const, note: e.findings };
        }),
      }),
    invalidates: CARE_KEYS,
    onSuccess: (answer) =>
      notify(t(answer.requests > 0 ? 'entry.savedWithRequests' : 'entry.saved', { listNo, recorded: answer.recorded, notVisited: answer.notVisited, requests: answer.requests })),
    onError: (err) => {
      // The rows main refused are marked, and the first one gets the focus.
      if (err instanceof ApiError && err.code === 'LIST_RESULTS_INVALID' && Array.isArray(err.details?.['problems'])) {
        const found = err.details['problems'] as Problem[];
        setProblems(found);
        const first = found[0];
        if (first) {
          window.setTimeout(() => tableRef.current?.querySelector<HTMLElement>(`[data-row="${first.row}"] [data-entry]`)?.focus(), 0);
        }
      }
    },
  });
  const saving = enter.isPending;
  const save = () => {
    if (toSend.length === 0 || saving) return;
    setProblems([]);
    // A 慰问金 that is not an amount is marked on its row before anything is sent.
    const badGifts = toSend.filter((r) => entries[r.row]?.outcome === 'visited' && Number.isNaN(giftFenOf(entries[r.row]?.giftYuan ?? '')));
    if (badGifts.length > 0) {
      setProblems(badGifts.map((r) => ({ row: r.row, field: 'giftFen', code: t('reports.gift.invalid') })));
      return;
    }
    enter.mutate(toSend);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      save();
      return;
    }
    if (e.key === 'Enter' && target.dataset['entry']) {
      e.preventDefault();
      moveFocus(target, tableRef.current, e.shiftKey);
    }
  };

  const back = (
    <Button component={RouterLink} to="/visits/lists" startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
      {t('entry.back')}
    </Button>
  );
  if (list.error) {
    return (
      <Box>
        {back}
        <ErrorAlert error={list.error} />
      </Box>
    );
  }
  if (!list.data) {
    return (
      <Box sx={{ p: 4, display: 'flex', gap: 2, alignItems: 'center' }}>
        <CircularProgress size={24} />
        {t('common.loading')}
      </Box>
    );
  }
  const data = list.data;
  if (data.kind !== 'visit_list') {
    return (
      <Box>
        {back}
        <Alert severity="warning">{fieldMessage('list.notVisitList')}</Alert>
      </Box>
    );
  }
  const entered = data.results.filter((r) => r.outcome === 'visited').length;
  const problemsByRow = new Map<number, Problem[]>();
  for (const p of problems) problemsByRow.set(p.row, [...(problemsByRow.get(p.row) ?? []), p]);
  const none: Problem[] = [];

  return (
    <Box onKeyDownCapture={onKeyDown}>
      {back}
      <PageHeader
        title={t('entry.title', { listNo: data.listNo })}
        intro={t('entry.intro', { subject: listSubject(data.params), rows: data.rows.length, entered })}
        actions={
          <Button startIcon={<PrintIcon />} onClick={() => printer.launch('visit-list', data.listNo)}>
            {t('lists.reprint')}
          </Button>
        }
      />
      {printer.notice}
      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <DateTextField
          label={t('entry.defaultDate')}
          value={defaultDate}
          onChange={setDefaultDate}
          size="small"
          margin="none"
          fullWidth={false}
          sx={{ width: 185 }}
          helperText={t('entry.defaultDateHelp')}
          placeholder=""
        />
        <TextField select label={t('entry.defaultMethod')} value={defaultMethod} onChange={(e) => setDefaultMethod(e.target.value as VisitMethod)} size="small" margin="none" fullWidth={false} sx={{ width: 150 }} helperText=" ">
          {VISIT_METHODS.map((m) => (
            <MenuItem key={m} value={m}>
              {label('visitMethod', m)}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel control={<Checkbox checked={withGifts} onChange={(e) => setWithGifts(e.target.checked)} />} label={`${t('reports.gift.amount')} / ${t('reports.gift.items')}`} />
        <Typography variant="body2" color="text.secondary" sx={{ flex: '1 1 320px' }}>
          {t('entry.keys')}
          <br />
          {t('entry.scanHint')}
        </Typography>
      </Paper>
      <ErrorAlert error={enter.error} sx={{ mb: 2 }} />
      <Paper variant="outlined">
        <TableContainer ref={tableRef}>
          <Table size="small" stickyHeader aria-label={t('entry.title', { listNo: data.listNo })} sx={{ '& thead th': { whiteSpace: 'nowrap', px: 0.75 } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('print.col.no')}</TableCell>
                <TableCell>{t('print.col.name')}</TableCell>
                <TableCell>{t('print.col.reason')}</TableCell>
                <TableCell>{t('entry.outcome')}</TableCell>
                <TableCell>{t('entry.visitDate')}</TableCell>
                <TableCell>{t('entry.method')}</TableCell>
                <TableCell>{t('entry.findings')}</TableCell>
                <TableCell>{t('entry.needs')}</TableCell>
                {withGifts ? <TableCell>{`${t('reports.gift.amount')} / ${t('reports.gift.items')}`}</TableCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <EntryRow
                  key={r.row}
                  row={r}
                  entry={entries[r.row] ?? untouched}
                  done={results.get(r.row)}
                  problems={problemsByRow.get(r.row) ?? none}
                  onChange={change}
                  withGifts={withGifts}
                  scanned={scannedRow === r.row}
                />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </Paper>
      <Paper
        variant="outlined"
        sx={{ position: 'sticky', bottom: 0, mt: 2, p: 1.5, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', zIndex: 2, bgcolor: 'background.paper' }}
      >
        <Typography sx={{ flex: 1 }} aria-live="polite">
          {t('entry.toSave', { count: toSend.length, visited: visitedCount, notVisited: toSend.length - visitedCount })}
        </Typography>
        <Button onClick={() => void navigate('/visits/lists')}>{t('common.cancel')}</Button>
        <Button variant="contained" startIcon={<SaveIcon />} onClick={save} disabled={saving || toSend.length === 0}>
          {saving ? t('common.saving') : t('entry.save')}
        </Button>
      </Paper>
    </Box>
  );
}
