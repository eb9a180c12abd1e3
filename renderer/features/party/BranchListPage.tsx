/**
 * 党组织: the community's branches, stations and groups, with secretary, members and last meeting.
 * At the county bureau, every community's, each with its 报送单位 and a filter by it.
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
import { SearchField } from '../../components/SearchField';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { BranchDialog } from './BranchDialog';
import { partyKeys, partyLabel } from './common';
import { OfficeFilter, useCountyOffices } from '../reports';

export function BranchListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const county = useCountyOffices();
  const [office, setOffice] = useState('');
  const q = search.trim();
  const query = { search: q, office: (county && office) || undefined };
  const branches = useQuery({ queryKey: partyKeys.branches(q, query.office), queryFn: () => request('party.branches.list', query), placeholderData: keepPreviousData });
  const rows = branches.data ?? [];
  const columnCount = county ? 7 : 6;
  return (
    <ListPage
      title={t('party.branches.title')}
      intro={t('party.branches.intro')}
      actions={
        canWrite ? (
          <CreateButton label={t('party.branches.create')} onClick={() => setCreating(true)} />
        ) : null
      }
      plainBar
      filters={
        <>
          <OfficeFilter county={county} value={office} onChange={setOffice} />
          <SearchField
            live
            icon
            value={search}
            onCommit={setSearch}
            placeholder={t('party.branches.search')}
            sx={{ maxWidth: 320 }}
            slotProps={{ htmlInput: { 'aria-label': t('party.branches.search') } }}
          />
        </>
      }
      error={branches.error}
      grid={
          <Paper variant="outlined">
            <Table aria-label={t('party.branches.title')}>
              <TableHead>
                <TableRow>
                  {county ? <TableCell sx={{ width: 150 }}>{t('persons.fields.originOffice')}</TableCell> : null}
                  <TableCell>{t('party.branches.name')}</TableCell>
                  {/* Short labels keep to one line (also in large font); the name and the place wrap instead. */}
                  <TableCell sx={{ width: 170, whiteSpace: 'nowrap' }}>{t('party.branches.kind')}</TableCell>
                  <TableCell sx={{ width: 120, whiteSpace: 'nowrap' }}>{t('party.branches.secretary')}</TableCell>
                  <TableCell sx={{ width: 100, whiteSpace: 'nowrap' }}>{t('party.branches.members')}</TableCell>
                  <TableCell sx={{ width: 220 }}>{t('party.branches.meetingPlace')}</TableCell>
                  <TableCell sx={{ width: 140, whiteSpace: 'nowrap' }}>{t('party.branches.lastMeeting')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.length === 0 && branches.data ? (
                  <EmptyTableRow colSpan={columnCount}>{q !== '' ? t('party.branches.noneFound') : query.office ? t('party.branches.noneOfOffice') : canWrite ? t('party.branches.emptyWrite') : t('party.branches.empty')}</EmptyTableRow>
                ) : null}
                {rows.map((b) => (
                  <TableRow key={b.id} hover sx={{ cursor: 'pointer' }} onClick={() => void navigate(`/party/branches/${b.id}`)}>
                    {county ? <TableCell>{county.names.get(b.originOffice) ?? b.originOffice}</TableCell> : null}
                    <TableCell>
                      <Link component={RouterLink} to={`/party/branches/${b.id}`} sx={{ fontWeight: 600, fontSize: '1.05rem' }} onClick={(e) => e.stopPropagation()}>
                        {b.name}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <Chip size="small" variant="outlined" color={b.kind === 'branch' ? 'error' : 'default'} label={partyLabel('kind', b.kind)} />
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{b.secretaryName || <Typography variant="body2" color="warning.main">{t('party.branches.noSecretary')}</Typography>}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('party.personCount', { count: b.memberCount })}</TableCell>
                    <TableCell>{b.meetingPlace}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{b.lastMeetingOn ?? <Typography variant="body2" color="text.secondary">{t('party.branches.noMeeting')}</Typography>}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
      }
    >
      <BranchDialog open={creating} branch={null} onClose={() => setCreating(false)} />
    </ListPage>
  );
}
