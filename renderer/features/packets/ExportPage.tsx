/**
 * 导出: the recipient (a trusted office) and the kind, a progress bar with cancel, then the result
 * with its counts and the file to save onto the USB stick.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import OutboxIcon from '@mui/icons-material/Outbox';
import { useTranslation } from 'react-i18next';
import { EXPORT_KINDS, type ExportKind, type ExportResult } from '../../../shared/schemas/packets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { useTask } from '../../components/useTask';
import { request } from '../../rpc';
import { formatSize } from '../../components/labels';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { CountsTable, packetKeys } from './common';
import { downloadPacket, saveBlob } from './files';

export function ExportPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: packetKeys.keys, queryFn: () => request('keys.list', {}) });
  const task = useTask();
  const [kind, setKind] = useState<ExportKind>('incremental');
  const [to, setTo] = useState('');
  const [persons, setPersons] = useState<PickedPerson[]>([]);
  const [passphrase, setPassphrase] = useState('');
  const [passphrase2, setPassphrase2] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [saving, setSaving] = useState(false);

  const trusted = keys.data?.trusted ?? [];

  const run = async () => {
    setError(null);
    setProblem(null);
    if (kind !== 'backup' && !to) return setProblem(t('validation.packet.recipientRequired'));
    if (kind === 'transfer' && persons.length === 0) return setProblem(t('validation.packet.personsRequired'));
    if (kind === 'backup') {
      if (passphrase.length < 12) return setProblem(t('validation.passphrase.short'));
      if (passphrase !== passphrase2) return setProblem(t('packets.export.passphraseDiffers'));
    }
    const input =
      kind === 'backup'
        ? { kind, passphrase }
        : kind === 'transfer'
          ? { kind, to, persons: persons.map((p) => p.id) }
          : { kind, to };
    const done = await task.run('packets.export', input);
    if (done.ok) {
      setResult(done.value);
      setPassphrase('');
      setPassphrase2('');
    } else if (done.error.code === 'CANCELLED') notify(t('errors.CANCELLED'), 'info');
    else setError(done.error);
    await queryClient.invalidateQueries({ queryKey: packetKeys.log });
  };

  const save = async (r: ExportResult) => {
    setSaving(true);
    setError(null);
    try {
      saveBlob(await downloadPacket(r.fileName), r.fileName);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

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
            <Button variant="contained" startIcon={<DownloadIcon />} disabled={saving} onClick={() => void save(result)}>
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
          <RadioGroup aria-labelledby="packet-kind" value={kind} onChange={(e) => setKind(e.target.value as ExportKind)}>
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
            <TextField select label={t('packets.export.recipient')} value={to} onChange={(e) => setTo(e.target.value)} required>
              {trusted.map((o) => (
                <MenuItem key={o.officeId} value={o.officeId}>
                  {o.name}（{t(`mode.${o.mode}`)}，{o.areaCode}）
                </MenuItem>
              ))}
            </TextField>
          )
        ) : null}
        {kind === 'transfer' ? (
          <Box>
            <PersonPicker
              value={null}
              onChange={(p) => {
                if (p && !persons.some((x) => x.id === p.id)) setPersons([...persons, p]);
              }}
              helperText={t('packets.export.personsHelp')}
            />
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }}>
              {persons.map((p) => (
                <Chip key={p.id} label={p.name} onDelete={() => setPersons(persons.filter((x) => x.id !== p.id))} />
              ))}
            </Box>
          </Box>
        ) : null}
        {kind === 'backup' ? (
          <>
            <Alert severity="info">{t('packets.export.passphraseHelp')}</Alert>
            <TextField type="password" label={t('packets.export.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" />
            <TextField type="password" label={t('packets.export.passphrase2')} value={passphrase2} onChange={(e) => setPassphrase2(e.target.value)} autoComplete="new-password" />
          </>
        ) : null}
        {problem ? <Alert severity="error">{problem}</Alert> : null}
        <Box>
          <Button variant="contained" size="large" startIcon={<OutboxIcon />} onClick={() => void run()} disabled={task.running}>
            {t('packets.export.run')}
          </Button>
        </Box>
      </Paper>
      {task.dialog}
    </Box>
  );
}
