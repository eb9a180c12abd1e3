/**
 * 用恢复密钥登录: when every password is forgotten. The key from the recovery sheet is checked as it is
 * typed (shared/recoveryKey.ts: a typo is named before anything is sent), then proven by main, which
 * answers the enabled administrators; one of them (or a new one, when none is enabled) gets a new
 * password, and only then is anyone logged in. Main holds every rule; this page only leads the way.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { parseRecoveryKeyText } from '../../../shared/recoveryKey';
import type { RecoveryAdmin } from '../../../shared/schemas/recovery';
import { displayNameSchema, passwordSchema, usernameSchema } from '../../../shared/schemas/user';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import type { SessionInfo } from '../../state';

/** What is wrong with a typed key, as an i18n key and its values; null when it reads. */
function typedKeyProblem(text: string): { key: string; values?: Record<string, unknown> } | null {
  const parsed = parseRecoveryKeyText(text);
  if (parsed.ok) return null;
  switch (parsed.reason) {
    case 'empty':
      return { key: 'recovery.typoEmpty' };
    case 'badChar':
      return { key: 'recovery.typoBadChar', values: { char: parsed.char } };
    case 'length':
      return { key: 'recovery.typoLength', values: { count: parsed.count } };
    case 'typo':
      return { key: 'recovery.typoCheck' };
  }
}

export function RecoveryLoginPage({ onBack, onLoggedIn }: { onBack: () => void; onLoggedIn: (session: SessionInfo) => void }) {
  const [proven, setProven] = useState<{ recoveryKey: string; admins: RecoveryAdmin[] } | null>(null);
  if (!proven) return <KeyStep onBack={onBack} onProven={setProven} />;
  return <PasswordStep recoveryKey={proven.recoveryKey} admins={proven.admins} onBack={onBack} onLoggedIn={onLoggedIn} />;
}

function KeyStep({ onBack, onProven }: { onBack: () => void; onProven: (p: { recoveryKey: string; admins: RecoveryAdmin[] }) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<ReturnType<typeof typedKeyProblem>>(null);
  const check = useWrite({
    write: (recoveryKey: string) => request('recovery.check', { recoveryKey }),
    onSuccess: (r, recoveryKey) => onProven({ recoveryKey, admins: r.admins }),
  });
  const submit = () => {
    const p = typedKeyProblem(text);
    setProblem(p);
    if (!p) check.mutate(text);
  };
  return (
    <AuthLayout title={t('recovery.loginTitle')} subtitle={t('recovery.loginIntro')} width={640}>
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <FormTextFieldPlain
          label={t('recovery.keyField')}
          helperText={problem ? t(problem.key, problem.values) : t('recovery.keyHelp')}
          error={problem !== null}
          value={text}
          onChange={(v) => {
            setText(v);
            if (problem) setProblem(null);
          }}
        />
        <ErrorAlert error={check.error} sx={{ mt: 1 }} />
        <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, mt: 2, flexWrap: 'wrap' }}>
          <Button onClick={onBack}>{t('recovery.back')}</Button>
          <Button type="submit" variant="contained" disabled={check.isPending}>
            {t('recovery.next')}
          </Button>
        </Box>
      </Box>
    </AuthLayout>
  );
}

/** The key field: monospace and wide, so the groups line up as on the sheet. */
function FormTextFieldPlain({ label, helperText, error, value, onChange }: { label: string; helperText: string; error: boolean; value: string; onChange: (v: string) => void }) {
  return (
    <Box sx={{ mt: 1 }}>
      <Typography component="label" htmlFor="recovery-key" sx={{ display: 'block', fontWeight: 600, mb: 0.5 }}>
        {label}
      </Typography>
      <Box
        component="textarea"
        id="recovery-key"
        rows={3}
        autoFocus
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error}
        aria-describedby="recovery-key-help"
        value={value}
        onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)}
        sx={{
          width: '100%',
          boxSizing: 'border-box',
          fontFamily: '"Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace',
          fontSize: '1.25rem',
          letterSpacing: '0.08em',
          p: 1.5,
          borderRadius: 1,
          border: 1,
          borderColor: error ? 'error.main' : 'divider',
          resize: 'vertical',
          textTransform: 'uppercase',
        }}
      />
      <Typography id="recovery-key-help" variant="body2" color={error ? 'error' : 'text.secondary'} role={error ? 'alert' : undefined} sx={{ mt: 0.5 }}>
        {helperText}
      </Typography>
    </Box>
  );
}

const newAdminSchema = z
  .object({
    adminId: z.string(),
    username: z.string(),
    displayName: z.string(),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: 'password.mismatch', path: ['confirmPassword'] });

function PasswordStep({ recoveryKey, admins, onBack, onLoggedIn }: { recoveryKey: string; admins: RecoveryAdmin[]; onBack: () => void; onLoggedIn: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const noAdmin = admins.length === 0;
  // With no enabled administrator the new one's name and user name are required too.
  const schema = noAdmin
    ? newAdminSchema.and(z.object({ username: usernameSchema, displayName: displayNameSchema }))
    : newAdminSchema;
  const { control, handleSubmit, watch, setValue } = useForm({
    resolver: zodResolver(schema, { error: zodIssueMessage }),
    defaultValues: { adminId: admins[0]?.id ?? '', username: '', displayName: '', newPassword: '', confirmPassword: '' },
  });
  const adminId = watch('adminId');
  const login = useWrite({
    write: (v: z.output<typeof newAdminSchema>) =>
      request('recovery.login', {
        recoveryKey,
        admin: noAdmin ? { username: v.username, displayName: v.displayName } : { userId: v.adminId },
        newPassword: v.newPassword,
      }),
    onSuccess: (session) => {
      notify(t('recovery.done', { name: session.user?.displayName ?? '' }));
      onLoggedIn(session);
    },
  });
  return (
    <AuthLayout title={t('recovery.chooseTitle')} subtitle={t('recovery.chooseIntro')} width={560}>
      <Box component="form" noValidate onSubmit={(e) => void handleSubmit((v) => login.mutate(v))(e)} aria-label={t('recovery.chooseTitle')}>
        {noAdmin ? (
          <>
            <Typography sx={{ mt: 1 }}>{t('recovery.noAdmin')}</Typography>
            <FormTextField control={control} name="username" label={t('recovery.newUsername')} autoComplete="username" autoFocus />
            <FormTextField control={control} name="displayName" label={t('recovery.newDisplayName')} />
          </>
        ) : (
          <FormControl component="fieldset" margin="normal">
            <FormLabel component="legend">{t('recovery.chooseAdmin')}</FormLabel>
            <RadioGroup value={adminId} onChange={(e) => setValue('adminId', e.target.value)}>
              {admins.map((a) => (
                <FormControlLabel key={a.id} value={a.id} control={<Radio />} label={`${a.displayName}（${a.username}）`} />
              ))}
            </RadioGroup>
          </FormControl>
        )}
        <FormTextField control={control} name="newPassword" type="password" label={t('recovery.newPassword')} helperText={t('recovery.newPasswordHelp')} autoComplete="new-password" autoFocus={!noAdmin} />
        <FormTextField control={control} name="confirmPassword" type="password" label={t('recovery.confirmPassword')} autoComplete="new-password" />
        <ErrorAlert error={login.error} sx={{ mt: 1 }} />
        <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, mt: 2, flexWrap: 'wrap' }}>
          <Button onClick={onBack}>{t('recovery.back')}</Button>
          <Button type="submit" variant="contained" disabled={login.isPending}>
            {t('recovery.submit')}
          </Button>
        </Box>
      </Box>
    </AuthLayout>
  );
}
