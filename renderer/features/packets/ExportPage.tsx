/**
 * 导出: the recipient (a trusted office) and the kind, a progress bar with cancel, then the result
 * with its counts and the file to save onto the USB stick.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import OutboxIcon from '@mui/icons-material/Outbox';
import { useTranslation } from 'react-i18next';
import { EXPORT_KINDS, exportInputSchema, type ExportInput, type ExportKind, type ExportResult } from '../../../shared/schemas/packets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { SelectField } from '../../components/SelectField';
import { useWrite } from '../../components/useWrite';
import i18n, { fieldMessage, zodIssueMessage } from '../../i18n';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { isCancelled, useTask } from '../../components/useTask';
import { request } from '../../rpc';
import { formatSize } from '../../components/labels';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { CountsTable, packetKeys } from './common';
import { useSavePacket } from './files';

interface ExportValues {
  kind: ExportKind;
  /** The trusted office it is for (not for a backup). */
  to: string;
  /** The persons a transfer hands over. */
  persons: PickedPerson[];
  passphrase: string;
  passphrase2: string;
}

/**
 * exportInputSchema over the form: the first problem is said under the form, in the order the form
 * is filled in (recipient, persons, the backup's passphrase, then the passphrase typed twice).
 */
const exportFormSchema = z.custom<ExportValues>().transform((v, ctx): ExportInput => {
  const problem = (text: string | undefined) => {
    ctx.addIssue({ code: 'custom', path: ['root', 'problem'], message: text ?? i18n.t('validation.invalid') });
    return z.NEVER;
  };
  const input =
    v.kind === 'backup'
      ? { kind: v.kind, passphrase: v.passphrase }
      : { kind: v.kind, to: v.to || undefined, ...(v.kind === 'transfer' && v.persons.length > 0 ? { persons: v.persons.map((p) => p.id) } : {}) };
  const parsed = exportInputSchema.safeParse(input, { error: zodIssueMessage });
  if (!parsed.success) return problem(fieldMessage(parsed.error.issues[0]?.message));
  if (v.kind === 'backup' && v.passphrase !== v.passphrase2) return problem(i18n.t('packets.export.passphraseDiffers'));
  return parsed.data;
});

export function ExportPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: packetKeys.keys, queryFn: () => request('keys.list', {}) });
  const task = useTask();
  const [result, setResult] = useState<ExportResult | null>(null);
  const { control, handleSubmit, setValue, getValues, watch, formState } = useForm<ExportValues, unknown, ExportInput>({
    resolver: zodResolver(exportFormSchema, { error: zodIssueMessage }),
    defaultValues: { kind: 'incremental', to: '', persons: [], passphrase: '', passphrase2: '' },
  });
  const [kind, persons] = watch(['kind', 'persons']);
  // The export runs as a task with its progress dialog; the log shows it whatever the outcome.
  const exporting = useWrite({
    write: (input: ExportInput) => task.request('packets.export', input).finally(() => queryClient.invalidateQueries({ queryKey: packetKeys.log })),
    onSuccess: (value) => {
      setResult(value);
      setValue('passphrase', '');
      setValue('passphrase2', '');
    },
    onError: (err) => {
      if (isCancelled(err)) notify(t('errors.CANCELLED'), 'info');
    },
  });
  const saveFile = useSavePacket();
  const error = saveFile.error ?? (isCancelled(exporting.error) ? null : exporting.error);
  const saving = saveFile.isPending;
  const problem = formState.errors.root?.problem?.message;

  const trusted = keys.data?.trusted ?? [];
  const run = () =>
    void handleSubmit((input) => {
      saveFile.reset();
      exporting.mutate(input);
    })();

  if (result) {
    return (
      <Box>
        <PageHeader title={t('packets.export.doneTitle')} />
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Alert severity="success" sx={{ mb: 2 }}>
            {result.recipient
              ? t('packets.export.doneTo', { kind: t(`packets.kinds.${result.kind}`), name: result.recipient.name, count: result.total })
              : t('packets.export.doneBackup', { count: result.total })}
          </Alert>
          {result.baseNote ? <Alert severity="info" sx={{ mb: 2 }}>{t(`packets.export.baseNote.${result.baseNote}`)}</Alert> : null}
          <Typography sx={{ mb: 1 }}>
            {t('packets.export.file', { file: result.fileName, size: formatSize(result.sizeBytes) })}
          </Typography>
          <CountsTable counts={result.counts} label={t('packets.export.counts')} />
          <ErrorAlert error={error} sx={{ my: 2 }} />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2, mb: 1 }}>
            {t('packets.export.saveHelp')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1 }}>
            <Button variant="contained" startIcon={<DownloadIcon />} disabled={saving} onClick={() => saveFile.mutate(result.fileName)}>
              {t('packets.export.download')}
            </Button>
            <Button onClick={() => setResult(null)}>{t('packets.export.another')}</Button>
          </Box>
        </Paper>
      </Box>
    );
  }

  return (
    <Box>
      <PageHeader title={t('packets.export.title')} intro={t('packets.export.intro')} />
      <ErrorAlert error={keys.error ?? error} sx={{ mb: 2 }} />
      <Paper variant="outlined" sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2.5, maxWidth: 760 }}>
        <FormControl>
          <FormLabel id="packet-kind">{t('packets.export.kind')}</FormLabel>
          <RadioGroup
            aria-labelledby="packet-kind"
            value={kind}
            onChange={(e) => setValue('kind', e.target.value as ExportKind)}
          >
            {EXPORT_KINDS.map((k) => (
              <FormControlLabel
                key={k}
                value={k}
                control={<Radio />}
                label={
                  <Box>
                    <Typography component="span" sx={{ fontWeight: 500 }}>
                      {t(`packets.kinds.${k}`)}
                    </Typography>
                    <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
                      {t(`packets.export.kindHelp.${k}`)}
                    </Typography>
                  </Box>
                }
              />
            ))}
          </RadioGroup>
        </FormControl>
        {kind !== 'backup' ? (
          trusted.length === 0 && keys.data ? (
            <Alert severity="warning">{t('packets.export.noTrusted')}</Alert>
          ) : (
            <SelectField
              control={control}
              name="to"
              label={t('packets.export.recipient')}
              required
              options={trusted.map((o) => ({ value: o.officeId, label: `${o.name}（${t(`mode.${o.mode}`)}，${o.areaCode}）` }))}
            />
          )
        ) : null}
        {kind === 'transfer' ? (
          <Box>
            <PersonPicker
              value={null}
              onChange={(p) => {
                if (p && !persons.some((x) => x.id === p.id)) setValue('persons', [...getValues('persons'), p]);
              }}
              helperText={t('packets.export.personsHelp')}
            />
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }}>
              {persons.map((p) => (
                <Chip key={p.id} label={p.name} onDelete={() => setValue('persons', getValues('persons').filter((x) => x.id !== p.id))} />
              ))}
            </Box>
          </Box>
        ) : null}
        {kind === 'backup' ? (
          <>
            <Alert severity="info">{t('packets.export.passphraseHelp')}</Alert>
            <FormTextField control={control} name="passphrase" type="password" label={t('packets.export.passphrase')} autoComplete="new-password" />
            <FormTextField control={control} name="passphrase2" type="password" label={t('packets.export.passphrase2')} autoComplete="new-password" />
          </>
        ) : null}
        {problem ? <Alert severity="error">{problem}</Alert> : null}
        <Box>
          <Button variant="contained" size="large" startIcon={<OutboxIcon />} onClick={run} disabled={task.running}>
            {t('packets.export.run')}
          </Button>
        </Box>
      </Paper>
      {task.dialog}
    </Box>
  );
}
