/**
 * 网格与联系: the grids of the community with their workers and how many persons are in each, how
 * many persons nobody is responsible for, and the actions on all grids (new grid, place persons by
 * address, hand a leaving worker's persons to another). At the county bureau, every community's
 * grids, each with its 报送单位 and a filter by it (two offices may both have a 第一网格).
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import PlaceIcon from '@mui/icons-material/Place';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import PersonOffIcon from '@mui/icons-material/PersonOff';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/Notifier';
import { CreateButton, EmptyTableRow, ListPage } from '../../components/ListPage';
import { request } from '../../rpc';
import { CARE_KEYS, careKeys } from '../../components/queryKeys';
import { useWrite } from '../../components/useWrite';
import { useCanWrite, useSeesOthers } from '../../components/access';
import { withPhone } from '../../components/labels';
import { GridDialog } from './GridDialog';
import { OfficeFilter, useCountyOffices } from '../reports';

export function GridListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const canManage = useCanWrite();
  const seesOthers = useSeesOthers();
  const county = useCountyOffices();
  const [office, setOffice] = useState('');
  const chosen = (county && office) || undefined;
  // One office's grids under a key of their own below careKeys.grids, so every write that refreshes the grids refreshes them too.
  const grids = useQuery({
    queryKey: chosen ? [...careKeys.grids, 'office', chosen] : careKeys.grids,
    queryFn: () => request('grids.list', chosen ? { office: chosen } : {}),
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  const unassigned = useQuery({
    // At the bureau with an office chosen: that office's persons, as the grids shown are its grids.
    queryKey: careKeys.unassigned({ count: true, office: chosen }),
    queryFn: () => request('assignments.unassigned', { limit: 1, ...(chosen ? { office: chosen } : {}) }),
    enabled: seesOthers,
  });
  const place = useWrite({
    write: () => request('grids.placeByAddress', {}),
    invalidates: CARE_KEYS,
    onSuccess: ({ placed }) => notify(placed > 0 ? t('grids.placed', { count: placed }) : t('grids.placedNone'), placed > 0 ? 'success' : 'info'),
  });

  const rows = grids.data ?? [];
  const unassignedTotal = unassigned.data?.total ?? 0;
  return (
    <ListPage
      maxWidth={1300}
      title={t('grids.title')}
      intro={t('grids.intro')}
      actions={
        canManage ? (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
            <CreateButton label={t('grids.create')} onClick={() => setCreating(true)} />
            <Button variant="outlined" startIcon={<PlaceIcon />} onClick={() => place.mutate()} disabled={place.isPending || rows.length === 0}>
              {t('grids.placeAll')}
            </Button>
            <Button variant="outlined" startIcon={<SwapHorizIcon />} component={RouterLink} to="/grids/transfer">
              {t('grids.transfer')}
            </Button>
          </Box>
        ) : null
      }
      notice={
        seesOthers && unassignedTotal > 0 ? (
          <Alert
            severity="warning"
            icon={<PersonOffIcon />}
            sx={{ mb: 2 }}
            action={
              <Button color="inherit" component={RouterLink} to={chosen ? `/grids/unassigned?office=${encodeURIComponent(chosen)}` : '/grids/unassigned'}>
                {t('grids.unassignedOpen')}
              </Button>
            }
          >
            {t(unassigned.data?.capped ? 'grids.unassignedBannerCapped' : 'grids.unassignedBanner', { count: unassignedTotal })}
          </Alert>
        ) : null
      }
      plainBar
      filters={county ? <OfficeFilter county={county} value={office} onChange={setOffice} /> : undefined}
      error={grids.error ?? place.error}
      grid={
        <Paper variant="outlined">
          <Table aria-label={t('grids.title')}>
            <TableHead>
              <TableRow>
                {county ? <TableCell sx={{ width: 150 }}>{t('persons.fields.originOffice')}</TableCell> : null}
                <TableCell sx={{ width: 150 }}>{t('grids.name')}</TableCell>
                <TableCell>{t('grids.workers')}</TableCell>
                <TableCell>{t('grids.description')}</TableCell>
                <TableCell sx={{ width: 110 }}>{t('grids.persons')}</TableCell>
                <TableCell sx={{ width: 130 }}>{t('grids.unassigned')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.length === 0 && grids.data ? (
                <EmptyTableRow colSpan={county ? 6 : 5}>{chosen ? t('grids.noneOfOffice') : canManage ? t('grids.emptyManage') : t('grids.empty')}</EmptyTableRow>
              ) : null}
              {rows.map((g) => (
                <TableRow key={g.id} hover sx={{ cursor: 'pointer' }} onClick={() => void navigate(`/grids/${g.id}`)}>
                  {county ? <TableCell>{county.names.get(g.originOffice) ?? g.originOffice}</TableCell> : null}
                  <TableCell>
                    <Link component={RouterLink} to={`/grids/${g.id}`} sx={{ fontWeight: 600, fontSize: '1.05rem' }} onClick={(e) => e.stopPropagation()}>
                      {g.name}
                    </Link>
                  </TableCell>
                  <TableCell>
                    {g.workers.length === 0 ? (
                      <Typography variant="body2" color="warning.main">
                        {t('grids.noWorker')}
                      </Typography>
                    ) : (
                      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                        {g.workers.map((w) => (
                          <Chip key={w.userId} size="small" variant="outlined" label={withPhone(w.name, w.phone)} color={w.disabled ? 'default' : 'primary'} />
                        ))}
                      </Box>
                    )}
                  </TableCell>
                  <TableCell>
                    {g.description ? <Typography variant="body2">{g.description}</Typography> : null}
                    {g.places.length > 0 ? (
                      <Typography variant="body2" color="text.secondary">
                        {t('grids.placesLine', { places: g.places.join('、') })}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell>{t('grids.personCount', { count: g.personCount })}</TableCell>
                  <TableCell>
                    {g.unassignedCount > 0 ? (
                      <Chip size="small" color="warning" label={t('grids.personCount', { count: g.unassignedCount })} />
                    ) : (
                      <Typography variant="body2" color="text.secondary">
                        {t('grids.allAssigned')}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      }
    >
      <GridDialog open={creating} grid={null} onClose={() => setCreating(false)} />
    </ListPage>
  );
}
