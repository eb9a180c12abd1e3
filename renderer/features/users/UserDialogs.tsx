import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { FormDialog } from '../../components/FormDialog';
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
import { useWrite } from '../../components/useWrite';
import { roleSummary } from './roleSummary';
import { USER_WRITES, userKeys } from '../../components/queryKeys';
import { digitText } from '../../../shared/digits';

const createSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: z.enum(ROLES),
    password: passwordSchema,
    confirmPassword: z.string(),
    phone: digitText().trim().refine((v) => v === '' || phoneSchema.safeParse(v).success, { message: 'phone.format' }),
  })
  .refine((v) => v.password === v.confirmPassword, { message: 'password.mismatch', path: ['confirmPassword'] });

/** The office's users, as the users page lists them. */
export const USER_KEYS = userKeys.all;

export function CreateUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: User) => void }) {
  const { t } = useTranslation();
  const { control, handleSubmit, reset } = useForm({
    resolver: zodResolver(createSchema, { error: zodIssueMessage }),
    defaultValues: { username: '', displayName: '', role: 'staff' as Role, password: '', confirmPassword: '', phone: '' },
  });
  const create = useWrite({
    write: (v: z.output<typeof createSchema>) =>
      request('users.create', { username: v.username, displayName: v.displayName, role: v.role, password: v.password, phone: v.phone === '' ? null : v.phone }),
    invalidates: USER_WRITES,
    onSuccess: (user) => {
      reset();
      onCreated(user);
    },
  });
  const close = () => {
    reset();
    create.reset();
    onClose();
  };
  const submit = handleSubmit((v) => create.mutate(v));
  return (
    <FormDialog control={control} open={open} onClose={close} maxWidth="sm" fullWidth aria-labelledby="create-user-title">
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
                  helperText={fieldState.error ? fieldMessage(fieldState.error.message) : roleSummary(field.value, t)}
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
          <ErrorAlert error={create.error} sx={{ mt: 2 }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={create.isPending}>
            {t('users.create')}
          </Button>
        </DialogActions>
      </form>
    </FormDialog>
  );
}

const roleSchema = z.object({ role: z.enum(ROLES) });

export function RoleDialog({ user: open, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: (user: User) => void }) {
  const { t } = useTranslation();
  const user = useSticky(open);
  // The dialog opens on the user's present role.
  const { control, handleSubmit, reset, watch } = useForm({
    resolver: zodResolver(roleSchema, { error: zodIssueMessage }),
    defaultValues: { role: 'staff' as Role },
    values: { role: user?.role ?? 'staff' },
  });
  const current = watch('role');
  const save = useWrite({
    write: ({ id, role }: { id: string; role: Role }) => request('users.update', { id, role }),
    invalidates: USER_WRITES,
    onSuccess: (saved) => {
      reset();
      onSaved(saved);
    },
  });
  const busy = save.isPending;
  const close = () => {
    reset();
    save.reset();
    onClose();
  };
  const submit = handleSubmit(({ role }) => {
    if (user) save.mutate({ id: user.id, role });
  });
  return (
    <FormDialog control={control} open={open !== null} onClose={close} maxWidth="sm" fullWidth aria-labelledby="role-dialog-title">
      <DialogTitle id="role-dialog-title">{t('users.roleTitle', { name: user?.displayName ?? '' })}</DialogTitle>
      <DialogContent>
        <Controller
          control={control}
          name="role"
          render={({ field }) => (
            <RadioGroup value={field.value} onChange={(e) => field.onChange(e.target.value as Role)} aria-labelledby="role-dialog-title">
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
                        {roleSummary(r, t)}
                      </Typography>
                    </Box>
                  }
                />
              ))}
            </RadioGroup>
          )}
        />
        <ErrorAlert error={save.error} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy || current === user?.role}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </FormDialog>
  );
}

const resetSchema = z
  .object({ newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { message: 'password.mismatch', path: ['confirmPassword'] });

export function ResetPasswordDialog({ user: open, onClose, onDone }: { user: User | null; onClose: () => void; onDone: (user: User) => void }) {
  const { t } = useTranslation();
  const user = useSticky(open);
  const { control, handleSubmit, reset } = useForm({
    resolver: zodResolver(resetSchema, { error: zodIssueMessage }),
    defaultValues: { newPassword: '', confirmPassword: '' },
  });
  const resetPassword = useWrite({
    write: ({ who, newPassword }: { who: User; newPassword: string }) => request('users.resetPassword', { id: who.id, newPassword }),
    onSuccess: (_r, { who }) => {
      reset();
      onDone(who);
    },
  });
  const close = () => {
    reset();
    resetPassword.reset();
    onClose();
  };
  const submit = handleSubmit((v) => {
    if (user) resetPassword.mutate({ who: user, newPassword: v.newPassword });
  });
  return (
    <FormDialog control={control} open={open !== null} onClose={close} maxWidth="xs" fullWidth aria-labelledby="reset-dialog-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="reset-dialog-title">{t('users.resetTitle', { name: user?.displayName ?? '' })}</DialogTitle>
        <DialogContent>
          <FormTextField control={control} name="newPassword" type="password" label={t('users.newPassword')} helperText={t('users.passwordHelp')} autoComplete="new-password" autoFocus />
          <FormTextField control={control} name="confirmPassword" type="password" label={t('users.confirmNewPassword')} autoComplete="new-password" />
          <ErrorAlert error={resetPassword.error} sx={{ mt: 1 }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={resetPassword.isPending}>
            {t('users.resetPassword')}
          </Button>
        </DialogActions>
      </form>
    </FormDialog>
  );
}
