/**
 * 导入: pick one or more packet files; each is uploaded and opened (packets.inspect) so the person sees
 * who sent it, what kind it is, how many records and when, before importing it; then the report.
 */
import { useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import DownloadIcon from '@mui/icons-material/Download';
import MoveToInboxIcon from '@mui/icons-material/MoveToInbox';
import { useTranslation } from 'react-i18next';
import type { ImportResult, InspectResult } from '../../../shared/schemas/packets';
import { formatDateTime } from '../../../shared/dates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useWrite } from '../../components/useWrite';
import { PageHeader } from '../../components/PageHeader';
import { useTask } from '../../components/useTask';
import { currentLanguage, errorMessage, zodIssueMessage } from '../../i18n';
import { useNotify } from '../../components/Notifier';
import { useSession } from '../../state';
import { CountsTable, ReportTable } from './common';
import { uploadPacket, useSavePacket } from './files';

interface Item {
  key: number;
  original: string;
  fileName: string | null;
  uploaded: number;
  size: number;
  inspect: InspectResult | null;
  error: unknown;
  needsPassphrase: boolean;
  passphrase: string;
  result: ImportResult | null;
  /** An "import all" stopped (a full disk) before this one. */
  notAttempted?: boolean;
}

let nextKey = 1;

export function ImportPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const task = useTask();
  const fileInput = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [stopped, setStopped] = useState<{ code: string; count: number } | null>(null);
  const lang = currentLanguage();

  const patch = (key: number, change: Partial<Item>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const inspect = async (key: number, fileName: string, passphrase?: string) => {
    const seen = await task.run('packets.inspect', passphrase ? { fileName, passphrase } : { fileName });
    // The passphrase that opened it imports it as well.
    if (seen.ok) patch(key, { inspect: seen.value, error: null, needsPassphrase: false, passphrase: passphrase ?? '' });
    else {
      const code = seen.error.code;
      patch(key, { error: seen.error, needsPassphrase: code === 'PASSPHRASE_REQUIRED' || code === 'WRONG_PASSPHRASE' });
    }
  };

  const pick = async (files: File[]) => {
    const added: Item[] = files.map((f) => ({ key: nextKey++, original: f.name, fileName: null, uploaded: 0, size: f.size, inspect: null, error: null, needsPassphrase: false, passphrase: '', result: null }));
    setItems((all) => [...added, ...all]);
    for (const [i, file] of files.entries()) {
      const item = added[i] as Item;
      let fileName: string;
      try {
        fileName = await uploadPacket(file, (done) => patch(item.key, { uploaded: done }));
      } catch (err) {
        patch(item.key, { error: err });
        continue;
      }
      patch(item.key, { fileName });
      await inspect(item.key, fileName);
    }
  };

  // An import runs as a task with its progress dialog; its outcome shows in its item. Every view asks
  // again whatever the outcome: a packet may change any record (and a refusal is logged too).
  const importing = useWrite({
    write: ({ fileName, passphrase }: { key: number; fileName: string; passphrase: string }) =>
      task
        .request('packets.import', passphrase ? { fileName, passphrase } : { fileName })
        .finally(() => queryClient.invalidateQueries()),
    onSuccess: (result, { key }) => patch(key, { result, error: null, notAttempted: false }),
    onError: (error, { key }) => patch(key, { error }),
  });
  const runImport = async (item: Item) => {
    if (!item.fileName) return;
    await importing.mutateAsync({ key: item.key, fileName: item.fileName, passphrase: item.passphrase }).catch(() => undefined);
  };
  const saveReceipt = useSavePacket((err) => notify(errorMessage(err), 'error'));

  const ready = items.filter((i) => i.inspect && !i.result && i.inspect.wouldFail === null);

  // "Import all" is one command: one safety copy for all of them; a full disk stops it after the
  // last whole packet, and those not imported say so.
  const importingAll = useWrite({
    write: (batch: (Item & { fileName: string })[]) =>
      task
        .request('packets.importBatch', { files: batch.map((i) => (i.passphrase ? { fileName: i.fileName, passphrase: i.passphrase } : { fileName: i.fileName })) })
        .finally(() => queryClient.invalidateQueries()),
    onSuccess: (outcome, batch) => {
      setStopped(outcome.stopped ? { code: outcome.stopped.code, count: outcome.results.filter((r) => r.status === 'not-attempted').length } : null);
      batch.forEach((item, i) => {
        const r = outcome.results[i];
        if (!r) return;
        if (r.result) patch(item.key, { result: r.result, error: null, notAttempted: false });
        else if (r.error) patch(item.key, { error: r.error });
        else patch(item.key, { error: null, notAttempted: true });
      });
    },
    onError: (error, batch) => {
      setStopped(null);
      for (const item of batch) patch(item.key, { error });
    },
  });
  const importAll = async () => {
    const batch = ready.filter((i): i is Item & { fileName: string } => i.fileName !== null);
    if (batch.length > 0) await importingAll.mutateAsync(batch).catch(() => undefined);
  };

  return (
    <Box>
      <PageHeader
        title={t('packets.import.title')}
        intro={t('packets.import.intro')}
        actions={
          <>
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              aria-label={t('packets.import.pick')}
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                if (files.length > 0) void pick(files);
              }}
            />
            <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => fileInput.current?.click()} disabled={task.running}>
              {t('packets.import.pick')}
            </Button>
            {ready.length > 1 ? (
              <Button variant="contained" startIcon={<MoveToInboxIcon />} onClick={() => void importAll()} disabled={task.running}>
                {t('packets.import.importAll', { count: ready.length })}
              </Button>
            ) : null}
          </>
        }
      />
      {items.length === 0 ? <Alert severity="info">{t('packets.import.empty')}</Alert> : null}
      {stopped ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {t(`packets.import.stopped.${stopped.code}`, { count: stopped.count, defaultValue: t('packets.import.stopped.DISK_FULL', { count: stopped.count }) })}
        </Alert>
      ) : null}
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        {items.map((item) => {
          const seen = item.inspect;
          const fail = seen?.wouldFail ?? null;
          return (
            <Paper key={item.key} variant="outlined" sx={{ p: 2.5 }} data-testid="packet-item">
              <Typography variant="h6" component="h2" sx={{ fontSize: '1.1rem', mb: 1 }}>
                {item.original}
              </Typography>
              {!item.fileName && !item.error ? <LinearProgress variant="determinate" value={item.size > 0 ? (item.uploaded / item.size) * 100 : 0} sx={{ mb: 1 }} aria-label={t('packets.import.uploading')} /> : null}
              {seen ? (
                <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, mb: 1 }}>
                  <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5 }}>
                    <Typography component="dt" color="text.secondary">{t('packets.import.sender')}</Typography>
                    <Typography component="dd" sx={{ m: 0, fontWeight: 600 }}>
                      {seen.sender.name}（{t(`mode.${seen.sender.mode}`)}，{seen.sender.areaCode}）
                    </Typography>
                    <Typography component="dt" color="text.secondary">{t('packets.import.kind')}</Typography>
                    <Typography component="dd" sx={{ m: 0 }}>{t(`packets.kinds.${seen.kind}`)}</Typography>
                    <Typography component="dt" color="text.secondary">{t('packets.import.created')}</Typography>
                    <Typography component="dd" sx={{ m: 0 }}>{formatDateTime(seen.created, lang)}</Typography>
                    <Typography component="dt" color="text.secondary">{t('packets.import.recipients')}</Typography>
                    <Typography component="dd" sx={{ m: 0 }}>
                      {seen.recipients.length > 0 ? seen.recipients.map((r) => r.name).join('、') : t('packets.import.passphraseOnly')}
                    </Typography>
                  </Box>
                  {!item.result ? <CountsTable counts={seen.counts} label={t('packets.import.counts')} /> : null}
                </Box>
              ) : null}
              {fail === 'UNKNOWN_SENDER' && seen && !item.result ? (
                <Alert severity="warning" sx={{ mb: 1 }} action={user.role === 'admin' ? <Button component={RouterLink} to="/packets" color="inherit">{t('packets.import.toKeyCards')}</Button> : undefined}>
                  {t(user.role === 'admin' ? 'packets.import.unknownSender' : 'packets.import.unknownSenderStaff', { name: seen.sender.name })}
                </Alert>
              ) : null}
              {fail && fail !== 'UNKNOWN_SENDER' && !item.result ? <ErrorAlert error={{ code: fail }} severity={fail === 'PACKET_ALREADY_IMPORTED' ? 'info' : 'error'} sx={{ mb: 1 }} /> : null}
              <ErrorAlert error={item.error} sx={{ mb: 1 }} />
              {item.notAttempted && !item.result ? (
                <Alert severity="warning" sx={{ mb: 1 }}>
                  {t('packets.import.notAttempted')}
                </Alert>
              ) : null}
              {item.needsPassphrase && item.fileName ? (
                <PassphraseBox busy={task.running} onOpen={(passphrase) => item.fileName && inspect(item.key, item.fileName, passphrase)} />
              ) : null}
              {item.result && item.result.summary.kind === 'receipt' ? (
                <Alert severity="success">{t('packets.import.receiptDone', { name: item.result.summary.sender.name })}</Alert>
              ) : item.result ? (
                <Box>
                  <Alert severity={item.result.report.totals.conflicts > 0 ? 'warning' : 'success'} sx={{ mb: 1 }}>
                    {item.result.report.totals.conflicts > 0
                      ? t('packets.import.doneConflicts', { count: item.result.report.totals.conflicts })
                      : t('packets.import.done')}
                  </Alert>
                  <ReportTable tables={item.result.report.tables} totals={item.result.report.totals} label={t('packets.import.report')} />
                  {item.result.report.totals.conflicts > 0 ? (
                    <Button component={RouterLink} to="/packets/conflicts" variant="contained" color="warning" sx={{ mt: 1.5 }}>
                      {t('packets.import.toConflicts')}
                    </Button>
                  ) : null}
                  {item.result.receipt ? (
                    <Box sx={{ mt: 1.5, display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
                      <Typography variant="body2" color="text.secondary">
                        {t('packets.import.receipt', { name: item.result.summary.sender.name })}
                      </Typography>
                      <Button size="small" variant="outlined" startIcon={<DownloadIcon />} onClick={() => item.result?.receipt && saveReceipt.mutate(item.result.receipt.fileName)}>
                        {t('packets.import.downloadReceipt')}
                      </Button>
                    </Box>
                  ) : null}
                </Box>
              ) : seen && fail === null ? (
                <Button variant="contained" startIcon={<MoveToInboxIcon />} onClick={() => void runImport(item)} disabled={task.running}>
                  {t('packets.import.run')}
                </Button>
              ) : null}
            </Paper>
          );
        })}
      </Box>
      {task.dialog}
    </Box>
  );
}

/** The passphrase of a packet sent to whoever knows it (a backup, a hand-carried transfer). */
const passphraseSchema = z.object({ passphrase: z.string() });

function PassphraseBox({ busy, onOpen }: { busy: boolean; onOpen: (passphrase: string) => unknown }) {
  const { t } = useTranslation();
  const { control, handleSubmit, watch } = useForm({ resolver: zodResolver(passphraseSchema, { error: zodIssueMessage }), defaultValues: { passphrase: '' } });
  const open = handleSubmit(({ passphrase }) => {
    if (passphrase) void onOpen(passphrase);
  });
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mb: 1 }}>
      <FormTextField control={control} name="passphrase" type="password" size="small" label={t('packets.import.passphrase')} />
      <Button variant="outlined" disabled={!watch('passphrase') || busy} onClick={() => void open()}>
        {t('packets.import.open')}
      </Button>
    </Box>
  );
}
