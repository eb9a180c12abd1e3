/**
 * 党员: every party member of the community, filtered by branch, management mode (一方隶属多方管理 …)
 * and where the relation is held (still at the original unit), searched by name or pinyin.
 */
import { useUrlFilters } from '../../components/useUrlFilters';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { useTranslation } from 'react-i18next';
import { MANAGEMENT_MODES, RELATIONS_HELD, type ManagementMode, type RelationHeld } from '../../../shared/schemas/party';
import { ListPage } from '../../components/ListPage';
import { SearchField } from '../../components/SearchField';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { partyKeys, partyLabel } from './common';
import { MemberDialog } from './MemberDialog';
import { MembersTable } from './MembersTable';
import { OfficeFilter, useCountyOffices } from '../reports';

const small = { size: 'small', margin: 'none' } as const;

export function MembersPage() {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const [sp, setUrlFilter] = useUrlFilters();
  const [adding, setAdding] = useState(false);
  const branchId = sp.get('branch') ?? '';
  const mode = sp.get('mode') ?? '';
  const relation = sp.get('relation') ?? '';
  const includeEnded = sp.get('ended') === '1';
  const county = useCountyOffices();
  const office = county ? (sp.get('office') ?? '') : '';
  const [search, setSearch] = useState('');
  const branches = useQuery({ queryKey: partyKeys.branches(), queryFn: () => request('party.branches.list', { search: '' }) });
  const set = (key: string, value: string) =>
    setUrlFilter(key, value);
  const filters = {
    branchId: branchId || undefined,
    managementMode: (mode || undefined) as ManagementMode | undefined,
    relationHeld: (relation || undefined) as RelationHeld | undefined,
    search: search.trim(),
    includeEnded,
    office: office || undefined,
  };
  return (
    <ListPage
      title={t('party.members.title')}
      intro={t('party.members.intro')}
      actions={
        canWrite ? (
          <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setAdding(true)}>
            {t('party.members.add')}
          </Button>
        ) : null
      }
      plainBar
      filters={
        <>
          <OfficeFilter county={county} value={office} onChange={(v) => set('office', v)} />
          <SearchField live {...small} label={t('party.members.search')} value={search} onCommit={setSearch} sx={{ width: 200 }} />
          <TextField {...small} select label={t('party.members.branch')} value={branchId} onChange={(e) => set('branch', e.target.value)} sx={{ width: 240 }}>
            <MenuItem value="">{t('party.all')}</MenuItem>
            {(branches.data ?? []).map((b) => (
              <MenuItem key={b.id} value={b.id}>
                {b.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField {...small} select label={t('party.members.managementMode')} value={mode} onChange={(e) => set('mode', e.target.value)} sx={{ width: 220 }}>
            <MenuItem value="">{t('party.all')}</MenuItem>
            {MANAGEMENT_MODES.map((m) => (
              <MenuItem key={m} value={m}>
                {partyLabel('mode', m)}
              </MenuItem>
            ))}
          </TextField>
          <TextField {...small} select label={t('party.members.relationHeld')} value={relation} onChange={(e) => set('relation', e.target.value)} sx={{ width: 190 }}>
            <MenuItem value="">{t('party.all')}</MenuItem>
            {RELATIONS_HELD.map((r) => (
              <MenuItem key={r} value={r}>
                {partyLabel('relation', r)}
              </MenuItem>
            ))}
          </TextField>
          <FormControlLabel control={<Switch checked={includeEnded} onChange={(e) => set('ended', e.target.checked ? '1' : '')} />} label={t('party.members.includeEnded')} />
        </>
      }
      grid={
        <Paper variant="outlined">
          <MembersTable filters={filters} showBranch officeNames={county?.names} />
        </Paper>
      }
    >
      <MemberDialog open={adding} onClose={() => setAdding(false)} />
    </ListPage>
  );
}
