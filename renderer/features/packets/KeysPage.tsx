/**
 * 本单位密钥卡 and 信任列表: this office's card (fingerprint in groups, the card file, the printed
 * card) and the offices it trusts; an admin adds one from its card file after comparing fingerprints.
 */
import { useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
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
import { FormTextField } from '../../components/FormTextField';
import i18n, { currentLanguage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { useWrite } from '../../components/useWrite';
import { useSession } from '../../state';
import { packetKeys } from './common';
import { saveBlob } from './files';

type Inspected = ChannelOutput<'keys.inspectCard'> & { text: string };

/** Once 32 letters and digits are typed they must be the start of the card's fingerprint. */
function fingerprintFormSchema(cardFingerprint: string) {
  const card = normaliseFingerprint(cardFingerprint);
  return z.object({
    fingerprint: z
      .string()
      .trim()
      .max(200)
      .refine(
        (typed) => {
          const typedPrint = normaliseFingerprint(typed);
          return typedPrint.length < 32 || card.startsWith(typedPrint);
        },
        { error: () => i18n.t('packets.keys.typedMismatch') },
      ),
  });
}

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
  const keys = useQuery({ queryKey: packetKeys.keys, queryFn: () => request('keys.list', {}) });
  const fileInput = useRef<HTMLInputElement>(null);
  const [inspected, setInspected] = useState<Inspected | null>(null);
  const [identityOpen, setIdentityOpen] = useState(false);
  const [rotateOpen, setRotateOpen] = useState(false);
  const [rotated, setRotated] = useState(false);

  const rotation = useWrite({
    write: () => request('keys.rotate', {}),
    invalidates: [packetKeys.all],
    onSuccess: (rotatedKey) => {
      setRotateOpen(false);
      setRotated(true);
      notify(t('packets.keys.rotated', { fingerprint: rotatedKey.fingerprintGroups }), 'warning');
    },
  });
  const identity = useWrite({
    write: () => request('keys.exportIdentity', {}),
    onSuccess: (file) => {
      saveBlob(new Blob([file.text], { type: 'text/plain' }), file.fileName);
      setIdentityOpen(false);
      notify(t('packets.keys.identitySaved'));
    },
  });
  const inspection = useWrite({
    write: async (file: File) => {
      const text = (await file.text()).trim().slice(0, 16_384);
      return { ...(await request('keys.inspectCard', { card: text })), text };
    },
    onSuccess: (card) => {
      resetTyped({ fingerprint: '' });
      trusting.reset();
      setInspected(card);
    },
  });
  // The card's fingerprint as read out by its office, checked while it is typed.
  const typedSchema = useMemo(() => fingerprintFormSchema(inspected?.fingerprint ?? ''), [inspected]);
  const {
    control,
    handleSubmit,
    reset: resetTyped,
    watch,
  } = useForm({ mode: 'onChange', resolver: zodResolver(typedSchema, { error: zodIssueMessage }), defaultValues: { fingerprint: '' } });
  const typed = watch('fingerprint');
  const trusting = useWrite({
    write: ({ card, fingerprint }: { card: Inspected; fingerprint: string }) => request('keys.trust', { card: card.text, fingerprint }),
    invalidates: [packetKeys.keys],
    onSuccess: (office) => {
      setInspected(null);
      notify(t('packets.keys.trusted', { name: office.name }));
    },
  });

  const own = keys.data?.own;
  const lang = currentLanguage();

  const pickCard = (file: File | undefined) => {
    if (file) inspection.mutate(file);
  };

  const matches = inspected !== null && normaliseFingerprint(typed).length >= 32 && normaliseFingerprint(inspected.fingerprint).startsWith(normaliseFingerprint(typed));

  return (
    <Box>
      <PageHeader title={t('packets.keys.title')} intro={t('packets.keys.intro')} />
      <ErrorAlert error={keys.error ?? inspection.error} sx={{ mb: 2 }} />
      {isAdmin && !own && KEY_FILE_PROBLEMS.includes(String((keys.error as { code?: unknown } | null)?.code)) ? (
        // The key files are missing or not this office's: replacing the keys is the way out.
        <Box sx={{ mb: 3 }}>
          <Button
            variant="contained"
            color="warning"
            startIcon={<AutorenewIcon />}
            onClick={() => {
              rotation.reset();
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
                  rotation.reset();
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
                pickCard(e.target.files?.[0]);
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
        busy={identity.isPending}
        error={identity.error}
        onConfirm={() => identity.mutate()}
        onCancel={() => {
          setIdentityOpen(false);
          identity.reset();
        }}
      >
        <Typography sx={{ mb: 1 }}>{t('packets.keys.identityBody')}</Typography>
        <Typography sx={{ fontWeight: 600 }}>{t('packets.keys.identityWarning')}</Typography>
      </ConfirmDialog>
      <ConfirmDialog
        open={rotateOpen}
        title={t('packets.keys.rotateTitle')}
        confirmLabel={t('packets.keys.rotateConfirm')}
        danger
        busy={rotation.isPending}
        error={rotation.error}
        onConfirm={() => rotation.mutate()}
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
        busy={trusting.isPending}
        confirmDisabled={!matches}
        error={trusting.error}
        onConfirm={() =>
          void handleSubmit(({ fingerprint }) => {
            if (inspected) trusting.mutate({ card: inspected, fingerprint });
          })()
        }
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
            <FormTextField
              control={control}
              name="fingerprint"
              fullWidth
              label={t('packets.keys.typeFingerprint')}
              helperText={t('packets.keys.typeFingerprintHelp')}
              slotProps={{ htmlInput: { style: { fontFamily: 'monospace' }, autoComplete: 'off', spellCheck: false } }}
            />
          </>
        ) : null}
      </ConfirmDialog>
    </Box>
  );
}
