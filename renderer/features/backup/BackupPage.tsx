import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DataGrid, GridOverlay } from '@mui/x-data-grid';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import BackupIcon from '@mui/icons-material/Backup';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../components/labels';
import { downloadBase64 } from '../../components/download';
import type { BackupInfo } from '../../../shared/schemas/backup';
import { formatDateTime } from '../../../shared/dates';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useNotify } from '../../components/Notifier';
import { ListPage } from '../../components/ListPage';
import { isCancelled, useTask } from '../../components/useTask';
import { useWrite } from '../../components/useWrite';
import { useSticky } from '../../components/useSticky';
import { currentLanguage } from '../../i18n';
import { request } from '../../rpc';
import { useSession } from '../../state';
import { useFitColumns, type KindColumn } from '../../components/gridColumns';

/** The office's backups, as the list shows them. */
const BACKUP_KEYS = ['backups'] as const;

/** The grid's own locale text stays whole (it comes from the theme); only the empty message is ours. */
function NoBackups() {
  const { t } = useTranslation();
  return <GridOverlay>{t('backup.empty')}</GridOverlay>;
}

export function BackupPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const session = useSession();
  const queryClient = useQueryClient();
  const backups = useQuery({ queryKey: BACKUP_KEYS, queryFn: () => request('backup.list', {}) });
  const folder = useQuery({ queryKey: ['backups', 'folder'], queryFn: () => request('backup.folder', {}) });
  const task = useTask();
  const [restoreFrom, setRestoreFrom] = useState<BackupInfo | null>(null);
  const restoreShown = useSticky(restoreFrom);
  const refreshBackups = () => queryClient.invalidateQueries({ queryKey: BACKUP_KEYS });

  // The list shows whatever the outcome (a refused backup may have left a file, a refused restore made one first).
  const create = useWrite({
    write: () => task.request('backup.create', {}).finally(refreshBackups),
    onSuccess: () => notify(t('backup.created')),
    onError: (err) => {
      if (isCancelled(err)) notify(t('backup.cancelled'), 'info');
    },
  });
  // Main ends every login when the restore is done; the login screen then says why.
  const restoredNotice = { severity: 'info' as const, text: t('login.restored') };
  const restore = useWrite({
    write: async (backup: BackupInfo) => {
      session.expectEnd(restoredNotice);
      try {
        return await task.request('backup.restore', { name: backup.name });
      } catch (err) {
        session.expectEnd(null);
        if (isCancelled(err)) notify(t('errors.CANCELLED'), 'info');
        await refreshBackups();
        throw err;
      }
    },
    onSuccess: () => session.ended(restoredNotice),
  });
  // 另存为: the desktop app asks where and copies; in browser mode the file is downloaded.
  const saveCopy = useWrite({
    write: (backup: BackupInfo) => task.request('backup.saveCopy', { name: backup.name }),
    onSuccess: (copy) => {
      if (copy.download) {
        downloadBase64(copy.download.fileName, copy.download.base64, 'application/vnd.sqlite3');
        notify(t('backup.downloaded', { file: copy.download.fileName }));
      } else if (copy.savedTo) notify(t('backup.savedTo', { path: copy.savedTo }));
    },
  });
  // One error above the list: the last try's (a cancel is only a notice).
  const error = [create, restore, saveCopy].map((w) => w.error).find((err) => err !== null && !isCancelled(err)) ?? null;
  const createNow = () => {
    restore.reset();
    create.mutate();
  };
  const restoreNow = (backup: BackupInfo) => {
    setRestoreFrom(null);
    create.reset();
    restore.mutate(backup);
  };

  const columns: KindColumn<BackupInfo>[] = [
    { field: 'createdAt', kind: 'dateTime', headerName: t('backup.time'), width: 200, valueFormatter: (v: string) => formatDateTime(v, currentLanguage()) },
    { field: 'reason', kind: 'text', headerName: t('backup.reason'), width: 200, valueFormatter: (v: BackupInfo['reason']) => t(`backup.reasons.${v}`) },
    { field: 'sizeBytes', kind: 'number', headerName: t('backup.size'), width: 110, valueFormatter: (v: number) => formatSize(v) },
    { field: 'name', kind: 'text', headerName: t('backup.file'), flex: 1, minWidth: 240 },
    {
      field: 'actions',
      kind: 'actions',
      headerName: t('backup.actions'),
      width: 200,
      sortable: false,
      filterable: false,
      disableColumnMenu: true,
      renderCell: ({ row }) => (
        <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center', height: '100%' }}>
          <Button size="small" startIcon={<SaveAltIcon />} onClick={() => saveCopy.mutate(row)} disabled={task.running} sx={{ whiteSpace: 'nowrap' }}>
            {t('backup.saveAs')}
          </Button>
          <Button size="small" color="warning" onClick={() => setRestoreFrom(row)} disabled={task.running} sx={{ whiteSpace: 'nowrap' }}>
            {t('backup.restore')}
          </Button>
        </Box>
      ),
    },
  ];

  const fitted = useFitColumns(columns, { columnMenu: true });

  return (
    <ListPage
      maxWidth={1200}
      title={t('backup.title')}
      intro={t('backup.intro')}
      actions={
        <Button variant="contained" startIcon={<BackupIcon />} onClick={createNow} disabled={task.running}>
          {t('backup.createNow')}
        </Button>
      }
      notice={
        folder.data ? (
          <Typography sx={{ mb: 1, overflowWrap: 'anywhere' }}>
            {t('backup.folder')}
            <Box component="span" sx={{ fontFamily: 'monospace', userSelect: 'all' }} data-testid="backup-folder">
              {folder.data.folder}
            </Box>
          </Typography>
        ) : null
      }
      error={backups.error ?? error}
      grid={
        <Paper variant="outlined">
          <DataGrid
            autoHeight
            rows={backups.data ?? []}
            columns={fitted}
            loading={backups.isPending}
            getRowId={(b) => b.name}
            disableRowSelectionOnClick
            initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
            pageSizeOptions={[25, 50, 100]}
            slots={{ noRowsOverlay: NoBackups }}
            label={t('backup.title')}
            sx={{ border: 0 }}
          />
        </Paper>
      }
    >
      <ConfirmDialog
        open={restoreFrom !== null}
        title={t('backup.restoreTitle')}
        confirmLabel={t('backup.restoreConfirm')}
        danger
        onConfirm={() => restoreFrom && restoreNow(restoreFrom)}
        onCancel={() => setRestoreFrom(null)}
      >
        <Typography sx={{ mb: 1 }}>{t('backup.restoreBody', { time: restoreShown ? formatDateTime(restoreShown.createdAt, currentLanguage()) : '' })}</Typography>
        <Typography sx={{ mb: 1 }}>{t('backup.restoreSafety')}</Typography>
        <Typography sx={{ fontWeight: 600 }}>{t('backup.restoreLogout')}</Typography>
      </ConfirmDialog>
      {task.dialog}
    </ListPage>
  );
}
