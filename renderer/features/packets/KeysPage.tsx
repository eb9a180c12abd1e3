/**
 * 本单位密钥卡 and 信任列表: this office's card (fingerprint in groups, the card file, the printed
 * card) and the offices it trusts; an admin adds one from its card file after comparing fingerprints.
 */
import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import DownloadIcon from '@mui/icons-material/Download';
import KeyIcon from '@mui/icons-material/Key';
import PrintIcon from '@mui/icons-material/Print';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/dates';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { currentLanguage } from '../../i18n';
import { call, request } from '../../rpc';
import { useSession } from '../../state';
import { packetKeys } from './common';
import { saveBlob } from './files';

type Inspected = ChannelOutput<'keys.inspectCard'> & { text: string };

/** Letters and digits only, upper case: how two readings of a fingerprint are compared. */
export function normaliseFingerprint(text: string): string {
  return text.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

export function Fingerprint({ groups, size = 'large' }: { groups: string; size?: 'large' | 'medium' }) {
  return (
    <Box
      data-testid="fingerprint"
      sx={{ fontFamily: '"Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace', fontSize: size === 'large' ? '1.6rem' : '1.1rem', fontWeight: 600, letterSpacing: '0.06em', display: 'flex', flexWrap: 'wrap', columnGap: 1.5 }}
    >
      {groups.split('-').map((g, i) => (
        <span key={i}>{g}</span>
      ))}
    </Box>
  );
}

export function openKeyCardPrint(): void {
  window.open(`${window.location.pathname}${window.location.search}#/print/key-card?auto=print`, '_blank');
}

const KEY_FILE_PROBLEMS = ['OFFICE_KEYS_MISSING', 'OFFICE_KEYS_MISMATCH'];

export function KeysPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: packetKeys.keys, queryFn: () => request('keys.list', {}) });
  const fileInput = useRef<HTMLInputElement>(null);
  const [inspected, setInspected] = useState<Inspected | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [trustError, setTrustError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [identityOpen, setIdentityOpen] = useState(false);
  const [identityError, setIdentityError] = useState<unknown>(null);
  const [rotateOpen, setRotateOpen] = useState(false);
  const [rotateError, setRotateError] = useState<unknown>(null);
  const [rotating, setRotating] = useState(false);
  const [rotated, setRotated] = useState(false);

  const rotate = async () => {
    setRotateError(null);
    setRotating(true);
    const result = await call('keys.rotate', {});
    setRotating(false);
    if (!result.ok) {
      setRotateError(result.error);
      return;
    }
    setRotateOpen(false);
    setRotated(true);
    notify(t('packets.keys.rotated', { fingerprint: result.value.fingerprintGroups }), 'warning');
    await queryClient.invalidateQueries({ queryKey: packetKeys.all });
  };

  const exportIdentity = async () => {
    setIdentityError(null);
    const result = await call('keys.exportIdentity', {});
    if (!result.ok) {
      setIdentityError(result.error);
      return;
    }
    saveBlob(new Blob([result.value.text], { type: 'text/plain' }), result.value.fileName);
    setIdentityOpen(false);
    notify(t('packets.keys.identitySaved'));
  };

  const own = keys.data?.own;
  const lang = currentLanguage();

  const pickCard = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const text = (await file.text()).trim();
    const result = await call('keys.inspectCard', { card: text.slice(0, 16_384) });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setTyped('');
    setTrustError(null);
    setInspected({ ...result.value, text: text.slice(0, 16_384) });
  };

  const matches = inspected !== null && normaliseFingerprint(typed).length >= 32 && normaliseFingerprint(inspected.fingerprint).startsWith(normaliseFingerprint(typed));

  const trust = async () => {
    if (!inspected) return;
    setBusy(true);
    const result = await call('keys.trust', { card: inspected.text, fingerprint: typed.trim() });
    setBusy(false);
    if (!result.ok) {
      setTrustError(result.error);
      return;
    }
    setInspected(null);
    notify(t('packets.keys.trusted', { name: result.value.name }));
    await queryClient.invalidateQueries({ queryKey: packetKeys.keys });
  };

  return (
    <Box>
      <PageHeader title={t('packets.keys.title')} intro={t('packets.keys.intro')} />
      <ErrorAlert error={keys.error ?? error} sx={{ mb: 2 }} />
      {isAdmin && !own && KEY_FILE_PROBLEMS.includes(String((keys.error as { code?: unknown } | null)?.code)) ? (
        // The key files are missing or not this office's: replacing the keys is the way out.
        <Box sx={{ mb: 3 }}>
          <Button
            variant="contained"
            color="warning"
            startIcon={<AutorenewIcon />}
            onClick={() => {
              setRotateError(null);
              setRotateOpen(true);
            }}
          >
            {t('packets.keys.rotate')}
          </Button>
        </Box>
      ) : null}
      {own ? (
        <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
          <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
            {t('packets.keys.ownTitle')}
          </Typography>
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, gap: 2, m: 0, mb: 2 }}>
            {[
              [t('packets.keys.office'), own.card.name],
              [t('packets.keys.areaCode'), own.card.areaCode],
              [t('packets.keys.mode'), t(`mode.${own.card.mode}`)],
            ].map(([label, value]) => (
              <Box key={label}>
                <Typography component="dt" variant="body2" color="text.secondary">
                  {label}
                </Typography>
                <Typography component="dd" sx={{ m: 0, fontSize: '1.15rem', fontWeight: 500 }}>
                  {value}
                </Typography>
              </Box>
            ))}
          </Box>
          <Typography variant="body2" color="text.secondary">
            {t('packets.keys.fingerprint')}
          </Typography>
          <Fingerprint groups={own.fingerprintGroups} />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1, mb: 2 }}>
            {t('packets.keys.fingerprintHelp')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button variant="contained" startIcon={<DownloadIcon />} onClick={() => saveBlob(new Blob([own.json], { type: 'application/json' }), own.fileName)}>
              {t('packets.keys.downloadCard')}
            </Button>
            <Button variant="outlined" startIcon={<PrintIcon />} onClick={openKeyCardPrint}>
              {t('packets.keys.printCard')}
            </Button>
            {isAdmin ? (
              <Button color="warning" startIcon={<KeyIcon />} onClick={() => setIdentityOpen(true)}>
                {t('packets.keys.exportIdentity')}
              </Button>
            ) : null}
            {isAdmin ? (
              <Button
                color="warning"
                startIcon={<AutorenewIcon />}
                onClick={() => {
                  setRotateError(null);
                  setRotateOpen(true);
                }}
              >
                {t('packets.keys.rotate')}
              </Button>
            ) : null}
          </Box>
          {rotated ? (
            <Alert severity="warning" sx={{ mt: 2 }} onClose={() => setRotated(false)}>
              {t('packets.keys.rotatedReminder')}
            </Alert>
          ) : null}
        </Paper>
      ) : null}
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
            {t('packets.keys.trustTitle')}
          </Typography>
          {isAdmin ? (
            <>
              <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-label={t('packets.keys.importCard')} onChange={(e) => {
                void pickCard(e.target.files?.[0]);
                e.target.value = '';
              }} />
              <Button variant="contained" startIcon={<UploadFileIcon />} onClick={() => fileInput.current?.click()}>
                {t('packets.keys.importCard')}
              </Button>
            </>
          ) : null}
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {isAdmin ? t('packets.keys.trustIntro') : t('packets.keys.trustIntroStaff')}
        </Typography>
        {keys.data && keys.data.trusted.length === 0 ? <Alert severity="info">{t('packets.keys.noneTrusted')}</Alert> : null}
        {keys.data && keys.data.trusted.length > 0 ? (
          <Table size="small" aria-label={t('packets.keys.trustTitle')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('packets.keys.office')}</TableCell>
                <TableCell>{t('packets.keys.areaCode')}</TableCell>
                <TableCell>{t('packets.keys.mode')}</TableCell>
                <TableCell>{t('packets.keys.fingerprint')}</TableCell>
                <TableCell>{t('packets.keys.trustedAt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {keys.data.trusted.map((o) => (
                <TableRow key={o.officeId}>
                  <TableCell sx={{ fontWeight: 500 }}>{o.name}</TableCell>
                  <TableCell>{o.areaCode}</TableCell>
                  <TableCell>{t(`mode.${o.mode}`)}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{o.fingerprintGroups}</TableCell>
                  <TableCell>{t('packets.keys.trustedBy', { time: formatDateTime(o.trustedAt, lang), name: o.trustedBy })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </Paper>
      <ConfirmDialog
        open={identityOpen}
        title={t('packets.keys.identityTitle')}
        confirmLabel={t('packets.keys.identityConfirm')}
        danger
        error={identityError}
        onConfirm={() => void exportIdentity()}
        onCancel={() => setIdentityOpen(false)}
      >
        <Typography sx={{ mb: 1 }}>{t('packets.keys.identityBody')}</Typography>
        <Typography sx={{ fontWeight: 600 }}>{t('packets.keys.identityWarning')}</Typography>
      </ConfirmDialog>
      <ConfirmDialog
        open={rotateOpen}
        title={t('packets.keys.rotateTitle')}
        confirmLabel={t('packets.keys.rotateConfirm')}
        danger
        busy={rotating}
        error={rotateError}
        onConfirm={() => void rotate()}
        onCancel={() => setRotateOpen(false)}
      >
        <Typography sx={{ mb: 1 }}>{t('packets.keys.rotateBody')}</Typography>
        <Typography sx={{ mb: 1 }}>{t('packets.keys.rotateOld')}</Typography>
        <Typography sx={{ fontWeight: 600 }}>{t('packets.keys.rotateWarning')}</Typography>
      </ConfirmDialog>
      <ConfirmDialog
        open={inspected !== null}
        title={t('packets.keys.checkTitle')}
        confirmLabel={t('packets.keys.trustConfirm')}
        busy={busy}
        confirmDisabled={!matches}
        error={trustError}
        onConfirm={() => void trust()}
        onCancel={() => setInspected(null)}
      >
        {inspected ? (
          <>
            <Typography sx={{ mb: 1 }}>
              {t('packets.keys.checkOffice', { name: inspected.card.name, areaCode: inspected.card.areaCode, mode: t(`mode.${inspected.card.mode}`) })}
            </Typography>
            {inspected.alreadyTrusted ? <Alert severity="info" sx={{ mb: 1 }}>{t('packets.keys.alreadyTrusted')}</Alert> : null}
            {inspected.replacesKeys ? <Alert severity="warning" sx={{ mb: 1 }}>{t('packets.keys.replacesKeys')}</Alert> : null}
            <Typography variant="body2" color="text.secondary">
              {t('packets.keys.cardFingerprint')}
            </Typography>
            <Fingerprint groups={inspected.fingerprintGroups} size="medium" />
            <Alert severity="warning" sx={{ my: 2 }}>
              {t('packets.keys.checkHow')}
            </Alert>
            <TextField
              fullWidth
              label={t('packets.keys.typeFingerprint')}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              helperText={normaliseFingerprint(typed).length >= 32 && !matches ? t('packets.keys.typedMismatch') : t('packets.keys.typeFingerprintHelp')}
              error={normaliseFingerprint(typed).length >= 32 && !matches}
              slotProps={{ htmlInput: { style: { fontFamily: 'monospace' }, autoComplete: 'off', spellCheck: false } }}
            />
          </>
        ) : null}
      </ConfirmDialog>
    </Box>
  );
}
