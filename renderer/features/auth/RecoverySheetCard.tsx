/**
 * 设置 → 恢复密钥单, for administrators: printing the sheet again asks for their password once more
 * (main checks it, counts a wrong one, and records that the sheet was shown).
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import PrintIcon from '@mui/icons-material/Print';
import { useTranslation } from 'react-i18next';
import type { RecoverySheet } from '../../../shared/schemas/recovery';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { RecoverySheetView } from './RecoverySheet';

const passwordForm = z.object({ password: z.string().min(1) });

export function RecoverySheetCard() {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [sheet, setSheet] = useState<RecoverySheet | null>(null);
  const { control, handleSubmit, reset } = useForm({ resolver: zodResolver(passwordForm, { error: zodIssueMessage }), defaultValues: { password: '' } });
  const fetchSheet = useWrite({
    write: (v: z.output<typeof passwordForm>) => request('recovery.sheet', v),
    onSuccess: (s) => {
      reset();
      setAsking(false);
      setSheet(s);
    },
    onError: () => reset(),
  });
  const close = () => {
    setAsking(false);
    fetchSheet.reset();
    reset();
  };
  return (
    <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
      <Typography variant="h6" component="h2">
        {t('recovery.settingsTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('recovery.settingsText')}
      </Typography>
      <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => setAsking(true)}>
        {t('recovery.settingsButton')}
      </Button>
      <Dialog open={asking} onClose={close} aria-labelledby="recovery-password-title" maxWidth="xs" fullWidth>
        <Box component="form" noValidate onSubmit={(e) => void handleSubmit((v) => fetchSheet.mutate(v))(e)}>
          <DialogTitle id="recovery-password-title">{t('recovery.askPasswordTitle')}</DialogTitle>
          <DialogContent>
            <Typography variant="body2" color="text.secondary">
              {t('recovery.askPasswordText')}
            </Typography>
            <FormTextField control={control} name="password" type="password" label={t('recovery.yourPassword')} autoComplete="current-password" autoFocus />
            <ErrorAlert error={fetchSheet.error} sx={{ mt: 1 }} />
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="submit" variant="contained" disabled={fetchSheet.isPending}>
              {t('recovery.show')}
            </Button>
          </DialogActions>
        </Box>
      </Dialog>
      <Dialog open={sheet !== null} onClose={() => setSheet(null)} aria-labelledby="recovery-sheet-title" maxWidth="lg" fullWidth>
        <DialogTitle id="recovery-sheet-title">{t('recovery.sheetTitle')}</DialogTitle>
        <DialogContent dividers>{sheet ? <RecoverySheetView sheet={sheet} /> : null}</DialogContent>
        <DialogActions>
          <Button onClick={() => setSheet(null)}>{t('recovery.close')}</Button>
          <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()}>
            {t('recovery.print')}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}
