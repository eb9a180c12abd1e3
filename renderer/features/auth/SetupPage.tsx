import { useState } from 'react';
import { useForm, Controller } from 'react-hook-form';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import PrintIcon from '@mui/icons-material/Print';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { areaCodeSchema, officeNameSchema, OFFICE_MODES } from '../../../shared/schemas/office';
import { displayNameSchema, passwordSchema, usernameSchema } from '../../../shared/schemas/user';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { useWrite } from '../../components/useWrite';
import type { SessionInfo } from '../../state';
import { RecoverySheetView } from './RecoverySheet';

const setupFormSchema = z
  .object({
    officeName: officeNameSchema,
    areaCode: areaCodeSchema,
    mode: z.enum(OFFICE_MODES),
    adminUsername: usernameSchema,
    adminDisplayName: displayNameSchema,
    adminPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.adminPassword === v.confirmPassword, { message: 'password.mismatch', path: ['confirmPassword'] });

/** First run: the office and its first administrator; afterwards that administrator is logged in. */
export function SetupPage({ onDone }: { onDone: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const { control, handleSubmit } = useForm({
    resolver: zodResolver(setupFormSchema, { error: zodIssueMessage }),
    defaultValues: {
      officeName: '',
      areaCode: '',
      mode: 'community' as const,
      adminUsername: 'admin',
      adminDisplayName: '',
      adminPassword: '',
      confirmPassword: '',
    },
  });

  // Once set up, the recovery sheet comes first; it is fetched with the password just typed.
  const [done, setDone] = useState<{ session: SessionInfo; password: string } | null>(null);
  const setup = useWrite({
    write: ({ confirmPassword: _confirm, ...input }: z.output<typeof setupFormSchema>) => request('setup.create', input),
    onSuccess: (session, values) => setDone({ session, password: values.adminPassword }),
  });
  const error = setup.error;
  const submit = handleSubmit((values) => setup.mutate(values));

  if (done) return <SetupRecoverySheet password={done.password} onDone={() => onDone(done.session)} />;
  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.intro')} width={640}>
      <Box component="form" noValidate onSubmit={(e) => void submit(e)}>
        <Typography variant="h6" component="h2" sx={{ mt: 1 }}>
          {t('setup.officeSection')}
        </Typography>
        <FormTextField control={control} name="officeName" label={t('setup.officeName')} helperText={t('setup.officeNameHelp')} autoFocus />
        <FormTextField
          control={control}
          name="areaCode"
          label={t('setup.areaCode')}
          helperText={t('setup.areaCodeHelp')}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 12 } }}
        />
        <Controller
          control={control}
          name="mode"
          render={({ field }) => (
            <FormControl component="fieldset" margin="normal">
              <FormLabel component="legend">{t('setup.mode')}</FormLabel>
              <RadioGroup {...field} onChange={(e) => field.onChange(e.target.value)}>
                <FormControlLabel value="community" control={<Radio />} label={t('setup.modeCommunity')} />
                <FormControlLabel value="bureau" control={<Radio />} label={t('setup.modeBureau')} />
              </RadioGroup>
            </FormControl>
          )}
        />
        <Divider sx={{ my: 2 }} />
        <Typography variant="h6" component="h2">
          {t('setup.adminSection')}
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}>
          <FormTextField control={control} name="adminUsername" label={t('setup.adminUsername')} helperText={t('setup.adminUsernameHelp')} autoComplete="username" />
          <FormTextField control={control} name="adminDisplayName" label={t('setup.adminDisplayName')} helperText={t('setup.adminDisplayNameHelp')} />
          <FormTextField control={control} name="adminPassword" type="password" label={t('setup.password')} helperText={t('setup.passwordHelp')} autoComplete="new-password" />
          <FormTextField control={control} name="confirmPassword" type="password" label={t('setup.confirmPassword')} autoComplete="new-password" />
        </Box>
        <ErrorAlert error={error} sx={{ mt: 2 }} />
        <Button type="submit" variant="contained" size="large" fullWidth sx={{ mt: 3 }} disabled={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Box>
    </AuthLayout>
  );
}

/**
 * After setup, before anything else: the recovery sheet, to print and lock away. Going on needs the
 * tick that it was; if the sheet cannot be fetched, the way on stays open (settings prints it later).
 */
function SetupRecoverySheet({ password, onDone }: { password: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  const sheet = useQuery({ queryKey: ['recovery', 'setupSheet'], queryFn: () => request('recovery.sheet', { password }), staleTime: Infinity, gcTime: 0 });
  return (
    <AuthLayout title={t('recovery.setupTitle')} subtitle={t('recovery.setupIntro')} width={960}>
      {sheet.error ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('recovery.sheetFailed')}
        </Alert>
      ) : null}
      <ErrorAlert error={sheet.error} sx={{ mb: 2 }} />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()} disabled={!sheet.data}>
          {t('recovery.print')}
        </Button>
        <FormControlLabel control={<Checkbox checked={stored} onChange={(e) => setStored(e.target.checked)} />} label={t('recovery.stored')} />
        <Button variant="outlined" onClick={onDone} disabled={!stored && !sheet.error} sx={{ ml: 'auto' }}>
          {t('recovery.continue')}
        </Button>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('recovery.later')}
      </Typography>
      {sheet.data ? <RecoverySheetView sheet={sheet.data} /> : null}
    </AuthLayout>
  );
}
