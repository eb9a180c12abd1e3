/** 服务队: every team with its kind, leader, members today and hours this year; a click opens it. */
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { CreateButton, EmptyTableRow, ListPage } from '../../components/ListPage';
import { useCanWrite } from '../../components/access';
import { TeamDialog } from './TeamDialog';
import { hoursLabel, teamKindLabel, useTeams, useThisYear } from './common';

export function TeamsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const { year } = useThisYear();
  const teams = useTeams();
  const [creating, setCreating] = useState(false);
  const rows = teams.data ?? [];

  return (
    <ListPage
      title={t('volunteers.teams.title')}
      intro={t('volunteers.teams.intro')}
      actions={
        canWrite ? (
          <CreateButton label={t('volunteers.teams.create')} onClick={() => setCreating(true)} />
        ) : null
      }
      error={teams.error}
      grid={
        <Paper variant="outlined">
          <Table aria-label={t('volunteers.teams.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('volunteers.teams.name')}</TableCell>
                <TableCell sx={{ width: 120 }}>{t('volunteers.teams.kind')}</TableCell>
                <TableCell sx={{ width: 120 }}>{t('volunteers.teams.leader')}</TableCell>
                <TableCell>{t('volunteers.teams.description')}</TableCell>
                <TableCell sx={{ width: 100 }} align="right">
                  {t('volunteers.teams.members')}
                </TableCell>
                <TableCell sx={{ width: 150 }} align="right">
                  {t('volunteers.teams.hoursYear', { year })}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.length === 0 && teams.data ? (
                <EmptyTableRow colSpan={6}>{canWrite ? t('volunteers.teams.emptyWrite') : t('volunteers.teams.empty')}</EmptyTableRow>
              ) : null}
              {rows.map((team) => (
                <TableRow key={team.id} hover sx={{ cursor: 'pointer' }} onClick={() => void navigate(`/volunteers/teams/${team.id}`)}>
                  <TableCell>
                    <Link component={RouterLink} to={`/volunteers/teams/${team.id}`} sx={{ fontWeight: 600, fontSize: '1.05rem' }} onClick={(e) => e.stopPropagation()}>
                      {team.name}
                    </Link>
                    {team.foundedOn ? (
                      <Typography variant="body2" color="text.secondary">
                        {t('volunteers.teams.foundedLine', { date: team.foundedOn })}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <Chip size="small" variant="outlined" color="primary" label={teamKindLabel(team.kind)} />
                  </TableCell>
                  <TableCell>{team.leader || '—'}</TableCell>
                  <TableCell>
                    <Typography variant="body2" sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
                      {team.description}
                    </Typography>
                  </TableCell>
                  <TableCell align="right">{t('volunteers.teams.memberCount', { count: team.memberCount })}</TableCell>
                  <TableCell align="right">
                    <Typography sx={{ fontWeight: 600 }}>{hoursLabel(team.minutesYear)}</Typography>
                    <Typography variant="body2" color="text.secondary">
                      {t('volunteers.teams.servicesCount', { count: team.servicesYear })}
                    </Typography>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      }
    >
      <TeamDialog open={creating} team={null} onClose={() => setCreating(false)} />
    </ListPage>
  );
}
