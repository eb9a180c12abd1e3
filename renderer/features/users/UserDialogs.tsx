import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/roles';
import { displayNameSchema, passwordSchema, phoneSchema, usernameSchema, type User } from '../../../shared/schemas/user';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useSticky } from '../../components/useSticky';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';

const createSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: z.enum(ROLES),
    password: passwordSchema,
    confirmPassword: z.string(),
    phone: z.string().trim().refine((v) => v === '' || phoneSchema.safeParse(v).success, { message: 'phone.format' }),
  })
  .refine((v) => v.password === v.confirmPassword, { message: 'password.mismatch', path: ['confirmPassword'] });

export function CreateUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: User) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const { control, handleSubmit, reset, formState } = useForm({
    resolver: zodResolver(createSchema, { error: zodIssueMessage }),
    defaultValues: { username: '', displayName: '', role: 'staff' as Role, password: '', confirmPassword: '', phone: '' },
  });
  const close = () => {
    reset();
    setError(null);
    onClose();
  };
  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      const user = await request('users.create', {
        username: v.username,
        displayName: v.displayName,
        role: v.role,
        password: v.password,
        phone: v.phone === '' ? null : v.phone,
      });
      reset();
      onCreated(user);
    } catch (err) {
      setError(err);
    }
  });
  return (
    <Dialog open={open} onClose={close} maxWidth="sm" fullWidth aria-labelledby="create-user-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="create-user-title">{t('users.createTitle')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2 }}>
            <FormTextField control={control} name="username" label={t('users.username')} autoComplete="off" autoFocus />
            <FormTextField control={control} name="displayName" label={t('users.displayName')} autoComplete="off" />
            <Controller
              control={control}
              name="role"
              render={({ field, fieldState }) => (
                <TextField
                  select
                  label={t('users.role')}
                  value={field.value}
                  onChange={(e) => field.onChange(e.target.value)}
                  onBlur={field.onBlur}
                  error={fieldState.error !== undefined}
                  helperText={fieldState.error ? fieldMessage(fieldState.error.message) : t(`users.roleHelp.${field.value}`)}
                >
                  {ROLES.map((r) => (
                    <MenuItem key={r} value={r}>
                      {t(`role.${r}`)}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            />
            <FormTextField control={control} name="phone" label={t('users.phone')} helperText={t('users.phoneHelp')} autoComplete="off" />
            <FormTextField control={control} name="password" type="password" label={t('users.password')} autoComplete="new-password" />
            <FormTextField control={control} name="confirmPassword" type="password" label={t('users.confirmPassword')} autoComplete="new-password" />
          </Box>
          <Typography variant="body2" color="text.secondary">
            {t('users.passwordHelp')}
          </Typography>
          <ErrorAlert error={error} sx={{ mt: 2 }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('users.create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function RoleDialog({ user: open, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: (user: User) => void }) {
  const { t } = useTranslation();
  const user = useSticky(open);
  const [role, setRole] = useState<Role | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const current = role ?? user?.role ?? 'staff';
  const close = () => {
    setRole(null);
    setError(null);
    onClose();
  };
  const save = async () => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await request('users.update', { id: user.id, role: current });
      setRole(null);
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open !== null} onClose={close} maxWidth="sm" fullWidth aria-labelledby="role-dialog-title">
      <DialogTitle id="role-dialog-title">{t('users.roleTitle', { name: user?.displayName ?? '' })}</DialogTitle>
      <DialogContent>
        <RadioGroup value={current} onChange={(e) => setRole(e.target.value as Role)} aria-labelledby="role-dialog-title">
          {ROLES.map((r) => (
            <FormControlLabel
              key={r}
              value={r}
              control={<Radio />}
              sx={{ alignItems: 'flex-start', mb: 1, '& .MuiRadio-root': { pt: 0.5 } }}
              label={
                <Box sx={{ pt: 0.75 }}>
                  <Typography sx={{ fontWeight: 500 }}>{t(`role.${r}`)}</Typography>
                  <Typography variant="body2" color="text.secondary">
                    {t(`users.roleHelp.${r}`)}
                  </Typography>
                </Box>
              }
            />
          ))}
        </RadioGroup>
        <ErrorAlert error={error} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy || current === user?.role}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

const resetSchema = z
  .object({ newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { message: 'password.mismatch', path: ['confirmPassword'] });

export function ResetPasswordDialog({ user: open, onClose, onDone }: { user: User | null; onClose: () => void; onDone: (user: User) => void }) {
  const { t } = useTranslation();
  const user = useSticky(open);
  const [error, setError] = useState<unknown>(null);
  const { control, handleSubmit, reset, formState } = useForm({
    resolver: zodResolver(resetSchema, { error: zodIssueMessage }),
    defaultValues: { newPassword: '', confirmPassword: '' },
  });
  const close = () => {
    reset();
    setError(null);
    onClose();
  };
  const submit = handleSubmit(async (v) => {
    if (!user) return;
    setError(null);
    try {
      await request('users.resetPassword', { id: user.id, newPassword: v.newPassword });
      reset();
      onDone(user);
    } catch (err) {
      setError(err);
    }
  });
  return (
    <Dialog open={open !== null} onClose={close} maxWidth="xs" fullWidth aria-labelledby="reset-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="reset-dialog-title">{t('users.resetTitle', { name: user?.displayName ?? '' })}</DialogTitle>
        <DialogContent>
          <FormTextField control={control} name="newPassword" type="password" label={t('users.newPassword')} helperText={t('users.passwordHelp')} autoComplete="new-password" autoFocus />
          <FormTextField control={control} name="confirmPassword" type="password" label={t('users.confirmNewPassword')} autoComplete="new-password" />
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('users.resetPassword')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
