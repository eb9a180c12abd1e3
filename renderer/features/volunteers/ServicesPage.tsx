/**
 * 服务记录: every record, newest first, narrowed by dates, team and volunteer (at the bureau, office), with the number of
 * records and hours of what is shown; staff log one record or a team's quick entry.
 */
import { useUrlFilters } from '../../components/useUrlFilters';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import AddIcon from '@mui/icons-material/Add';
import GroupsIcon from '@mui/icons-material/Groups';
import { useTranslation } from 'react-i18next';
import { DateTextField } from '../../components/DateTextField';
import { fieldMessage } from '../../i18n';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { BatchServiceDialog } from './BatchServiceDialog';
import { ServiceDialog } from './ServiceDialog';
import { ServicesTable } from './ServicesTable';
import { VolunteerPicker, type PickedVolunteer } from './VolunteerPicker';
import { useTeams, useThisYear, volunteerKeys } from './common';
import { TeamFilter } from './TeamFilter';
import { OfficeFilter, useCountyOffices } from '../reports';

const filterSx = { width: 150 } as const;
/** Room for a typed date and the calendar button. */
const dateFilterSx = { width: 175 } as const;

/** A team's quick entry, once its current members are known. */
export function BatchForTeam({ teamId, onClose }: { teamId: string | null; onClose: () => void }) {
  const { year, known } = useThisYear();
  const team = useQuery({ queryKey: volunteerKeys.team(teamId ?? '', year), queryFn: () => request('volunteers.team', { id: teamId ?? '', year }), enabled: teamId !== null && known });
  const data = team.data && team.data.id === teamId ? team.data : null;
  if (!data) return null;
  return <BatchServiceDialog open={teamId !== null} team={{ id: data.id, name: data.name }} members={data.members} onClose={onClose} />;
}

export function ServicesPage() {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const teams = useTeams();
  const [sp, setUrlFilter] = useUrlFilters();
  const from = sp.get('from') ?? '';
  const to = sp.get('to') ?? '';
  const teamId = sp.get('team') ?? '';
  const county = useCountyOffices();
  const office = county ? (sp.get('office') ?? '') : '';
  const [volunteer, setVolunteer] = useState<PickedVolunteer | null>(null);
  const [logging, setLogging] = useState(false);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [batchTeam, setBatchTeam] = useState<string | null>(null);
  const setFilter = (key: string, value: string) =>
    setUrlFilter(key, value);

  // Main refuses a range that ends before it starts; say so at the end date instead of asking.
  const backwards = from !== '' && to !== '' && from > to;
  return (
    <Box>
      <Paper variant="outlined" sx={{ p: 2, pb: backwards ? 4.5 : 2, mb: 2, display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        <OfficeFilter county={county} value={office} onChange={(v) => setFilter('office', v)} width={filterSx.width} />
        <DateTextField filter label={t('volunteers.services.from')} value={from} onChange={(v) => setFilter('from', v)} margin="none" size="small" fullWidth={false} sx={dateFilterSx} slotProps={{ inputLabel: { shrink: true } }} />
        <DateTextField
          filter
          label={t('volunteers.services.to')}
          value={to}
          onChange={(v) => setFilter('to', v)}
          error={backwards}
          helperText={backwards ? fieldMessage('volunteers.toBeforeFrom') : undefined}
          margin="none"
          size="small"
          fullWidth={false}
          sx={dateFilterSx}
          slotProps={{ inputLabel: { shrink: true }, formHelperText: { sx: { position: 'absolute', top: '100%', mx: 0, whiteSpace: 'nowrap' } } }}
        />
        <TeamFilter value={teamId} onChange={(v) => setFilter('team', v)} width={filterSx.width} />
        <Box sx={{ width: 200 }}>
          <VolunteerPicker value={volunteer} onChange={setVolunteer} label={t('volunteers.services.volunteer')} asFilter />
        </Box>
        <Box sx={{ flex: 1 }} />
        {canWrite ? (
          <Box sx={{ display: 'flex', gap: 1 }}>
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setLogging(true)}>
              {t('volunteers.services.create')}
            </Button>
            <Button variant="outlined" startIcon={<GroupsIcon />} onClick={(e) => setMenu(e.currentTarget)} disabled={(teams.data ?? []).length === 0}>
              {t('volunteers.batch.open')}
            </Button>
            <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)}>
              {(teams.data ?? []).map((team) => (
                <MenuItem
                  key={team.id}
                  onClick={() => {
                    setMenu(null);
                    setBatchTeam(team.id);
                  }}
                >
                  {team.name}
                </MenuItem>
              ))}
            </Menu>
          </Box>
        ) : null}
      </Paper>
      <ServicesTable filter={{ from: from || undefined, to: to || undefined, teamId: teamId || undefined, volunteerId: volunteer?.id, office: office || undefined }} paused={backwards} />
      <ServiceDialog open={logging} service={null} teamId={teamId || undefined} onClose={() => setLogging(false)} />
      <BatchForTeam teamId={batchTeam} onClose={() => setBatchTeam(null)} />
    </Box>
  );
}
