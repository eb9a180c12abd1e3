import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { DataGrid } from '@mui/x-data-grid';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/schemas/user';
import { formatDateTime } from '../../../shared/dates';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useNotify } from '../../components/Notifier';
import { useSticky } from '../../components/useSticky';
import { CreateButton, ListPage } from '../../components/ListPage';
import { currentLanguage } from '../../i18n';
import { request } from '../../rpc';
import { useSession } from '../../state';
import { CreateUserDialog, ResetPasswordDialog, RoleDialog, USER_KEYS } from './UserDialogs';
import { USER_WRITES } from '../../components/queryKeys';
import { useWrite } from '../../components/useWrite';
import { useFitColumns, type KindColumn } from '../../components/gridColumns';

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const session = useSession();
  const users = useQuery({ queryKey: USER_KEYS, queryFn: () => request('users.list', {}) });
  const [creating, setCreating] = useState(false);
  const [roleFor, setRoleFor] = useState<User | null>(null);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [disableFor, setDisableFor] = useState<User | null>(null);
  const disableShown = useSticky(disableFor);

  const toggle = useWrite({
    write: ({ user, disabled }: { user: User; disabled: boolean }) => request('users.update', { id: user.id, disabled }),
    invalidates: USER_WRITES,
    onSuccess: (saved) => {
      notify(t('users.updated', { name: saved.displayName }));
      setDisableFor(null);
    },
  });
  const busy = toggle.isPending;
  const setDisabled = (user: User, disabled: boolean) => toggle.mutate({ user, disabled });
  // A refused disabling shows in its dialog, a refused enabling above the list.
  const disableError = toggle.variables?.disabled ? toggle.error : null;
  const actionError = toggle.variables?.disabled === false ? toggle.error : null;

  const language = i18n.language;
  const columns = useMemo<KindColumn<User>[]>(
    () => [
      {
        field: 'displayName',
        kind: 'name',
        headerName: t('users.displayName'),
        flex: 1,
        minWidth: 140,
        renderCell: ({ row }) => (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, height: '100%' }}>
            <span>{row.displayName}</span>
            {row.id === session.user.id ? <Chip size="small" label={t('users.self')} /> : null}
          </Box>
        ),
      },
      { field: 'username', kind: 'text', headerName: t('users.username'), flex: 1, minWidth: 120 },
      { field: 'role', kind: 'text', headerName: t('users.role'), width: 130, valueFormatter: (value: User['role']) => t(`role.${value}`) },
      {
        field: 'disabled',
        kind: 'chip',
        headerName: t('users.status'),
        width: 130,
        renderCell: ({ row }) =>
          !row.disabled && row.mustChangePassword ? (
            <Chip size="small" label={t('users.mustChange')} color="warning" variant="outlined" />
          ) : (
            <Chip size="small" label={row.disabled ? t('users.disabled') : t('users.enabled')} color={row.disabled ? 'default' : 'success'} variant="outlined" />
          ),
      },
      { field: 'phone', kind: 'phone', headerName: t('users.phone'), width: 140, valueFormatter: (value: string | null) => value ?? '' },
      {
        field: 'lastLoginAt',
        kind: 'dateTime',
        headerName: t('users.lastLogin'),
        width: 190,
        valueFormatter: (value: string | null) => (value ? formatDateTime(value, currentLanguage()) : t('users.never')),
      },
      {
        field: 'actions',
        kind: 'actions',
        headerName: t('users.actions'),
        sortable: false,
        filterable: false,
        disableColumnMenu: true,
        minWidth: 300,
        flex: 1.5,
        renderCell: ({ row }) => (
          <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center', height: '100%' }}>
            <Button size="small" onClick={() => setRoleFor(row)}>
              {t('users.changeRole')}
            </Button>
            {row.disabled ? (
              <Button size="small" onClick={() => setDisabled(row, false)} disabled={busy}>
                {t('users.enable')}
              </Button>
            ) : (
              <Button size="small" color="warning" onClick={() => setDisableFor(row)}>
                {t('users.disable')}
              </Button>
            )}
            <Button size="small" onClick={() => setResetFor(row)}>
              {t('users.resetPassword')}
            </Button>
          </Box>
        ),
      },
    ],
    // Rebuilt when the language changes, so headers and cells follow it.
    [t, language, session.user.id, busy],
  );

  const fitted = useFitColumns(columns, { columnMenu: true });

  return (
    <ListPage
      maxWidth={1400}
      title={t('users.title')}
      intro={t('users.intro')}
      actions={
        <CreateButton label={t('users.create')} onClick={() => setCreating(true)} />
      }
      error={users.error ?? actionError}
      grid={
        <Paper variant="outlined">
          <DataGrid
            autoHeight
            rows={users.data ?? []}
            columns={fitted}
            loading={users.isPending}
            getRowId={(u) => u.id}
            disableRowSelectionOnClick
            hideFooter={(users.data?.length ?? 0) <= 100}
            label={t('users.title')}
            sx={{ border: 0 }}
          />
        </Paper>
      }
    >
      <CreateUserDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          notify(t('users.created', { name: user.displayName }));
        }}
      />
      <RoleDialog
        user={roleFor}
        onClose={() => setRoleFor(null)}
        onSaved={(user) => {
          setRoleFor(null);
          notify(t('users.updated', { name: user.displayName }));
        }}
      />
      <ResetPasswordDialog
        user={resetFor}
        onClose={() => setResetFor(null)}
        onDone={(user) => {
          setResetFor(null);
          notify(t('users.resetDone', { name: user.displayName }));
        }}
      />
      <ConfirmDialog
        open={disableFor !== null}
        title={t('users.disableTitle', { name: disableShown?.displayName ?? '' })}
        confirmLabel={t('users.disable')}
        danger
        busy={busy}
        error={disableError}
        onConfirm={() => disableFor && setDisabled(disableFor, true)}
        onCancel={() => {
          setDisableFor(null);
          toggle.reset();
        }}
      >
        <Typography>{t('users.disableBody')}</Typography>
      </ConfirmDialog>
    </ListPage>
  );
}
