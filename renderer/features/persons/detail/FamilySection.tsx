import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { useTranslation } from 'react-i18next';
import type { FamilyContact, PersonDetail } from '../../../../shared/schemas/persons';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useNotify } from '../../../components/Notifier';
import { useConfirmedDelete } from '../../../components/useConfirmedDelete';
import { request } from '../../../rpc';
import { useCanWrite } from '../../../components/access';
import { personKeys } from '../../../components/queryKeys';
import { FamilyDialog } from './FamilyDialog';

/** 家属与紧急联系人: who to call, emergency contacts first. */
export function FamilySection({ detail }: { detail: PersonDetail }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const [editing, setEditing] = useState<{ contact: FamilyContact | null } | null>(null);
  const contacts = [...detail.family].sort((a, b) => Number(b.isEmergency) - Number(a.isEmergency));
  const hasEmergency = contacts.some((c) => c.isEmergency);

  const deletion = useConfirmedDelete(async (item: FamilyContact) => {
    await request('family.delete', { id: item.id });
    notify(t('persons.family.deleted', { name: item.name }));
  }, personKeys.all);

  return (
    <Box component="section" aria-labelledby="family-title">
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 1 }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="h6" component="h2" id="family-title">
            {t('persons.family.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('persons.family.intro')}
          </Typography>
        </Box>
        {canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ contact: null })}>
            {t('persons.family.add')}
          </Button>
        ) : null}
      </Box>
      {contacts.length === 0 ? (
        <Typography color="text.secondary" sx={{ mt: 2 }}>
          {t('persons.family.empty')}
        </Typography>
      ) : (
        <Table aria-label={t('persons.family.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('persons.family.name')}</TableCell>
              <TableCell>{t('persons.family.relation')}</TableCell>
              <TableCell>{t('persons.family.phones')}</TableCell>
              <TableCell />
              <TableCell>{t('persons.family.note')}</TableCell>
              {canWrite ? <TableCell align="right">{t('persons.family.actions')}</TableCell> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {contacts.map((c) => (
              <TableRow key={c.id}>
                <TableCell sx={{ fontWeight: 600 }}>{c.name}</TableCell>
                <TableCell>{c.relation}</TableCell>
                <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{c.phones.join('、')}</TableCell>
                <TableCell>
                  <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                    {c.isEmergency ? <Chip size="small" color="error" label={t('persons.family.isEmergency')} /> : null}
                    {c.livesNearby ? <Chip size="small" variant="outlined" label={t('persons.family.livesNearby')} /> : null}
                  </Box>
                </TableCell>
                <TableCell>{c.note}</TableCell>
                {canWrite ? (
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <IconButton size="small" aria-label={t('persons.family.editTitle', { name: c.name })} onClick={() => setEditing({ contact: c })}>
                      <EditIcon fontSize="small" />
                    </IconButton>
                    <IconButton size="small" aria-label={t('persons.family.deleteTitle', { name: c.name })} onClick={() => deletion.ask(c)}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <FamilyDialog
        personId={detail.person.id}
        open={editing !== null}
        contact={editing?.contact ?? null}
        suggestEmergency={!hasEmergency}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        {...deletion.dialog}
        title={t('persons.family.deleteTitle', { name: deletion.shown?.name ?? '' })}
        confirmLabel={t('persons.actions.delete')}
        danger
      >
        <Typography>{t('persons.family.deleteBody')}</Typography>
      </ConfirmDialog>
    </Box>
  );
}
