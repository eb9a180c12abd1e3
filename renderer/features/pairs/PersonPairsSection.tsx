/**
 * On a person's page (tab 党组织与活动): the pairs in which they are helped and those in which
 * they, as a retired official, help someone else; current first. Staff can start a pair from here.
 */
import { useMemo, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import type { PairSummary } from '../../../shared/schemas/pairs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { useServerToday } from '../../components/serverToday';
import { DUE_COLOURS, helperText, helpKindsText, pairKeys, pairLabel } from './common';
import { PairDialog } from './PairDialog';

function PairTable({ rows, other, label }: { rows: PairSummary[]; other: 'helper' | 'person'; label: string }) {
  const { t } = useTranslation();
  return (
    <Table size="small" aria-label={label} sx={{ mb: 2, '& th': { whiteSpace: 'nowrap' } }}>
      <TableHead>
        <TableRow>
          <TableCell>{other === 'helper' ? t('pairs.fields.helper') : t('pairs.fields.person')}</TableCell>
          <TableCell>{t('pairs.fields.helpKinds')}</TableCell>
          <TableCell sx={{ width: 100 }}>{t('pairs.fields.frequency')}</TableCell>
          <TableCell sx={{ width: 200 }}>{t('pairs.fields.fromDate')}</TableCell>
          <TableCell sx={{ width: 110 }}>{t('pairs.fields.lastContact')}</TableCell>
          <TableCell sx={{ width: 110 }}>{t('pairs.fields.status')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((p) => (
          <TableRow key={p.id} hover>
            <TableCell>
              <Link component={RouterLink} to={`/pairs/${p.id}`} sx={{ fontWeight: 600 }}>
                {other === 'helper' ? helperText(p) : p.personName}
              </Link>
            </TableCell>
            <TableCell>{helpKindsText(p)}</TableCell>
            <TableCell>{pairLabel('frequencies', p.frequency)}</TableCell>
            <TableCell>
              {p.fromDate}
              {p.toDate ? ` — ${p.toDate}` : ''}
            </TableCell>
            <TableCell>{p.lastContactDate ?? t('pairs.list.never')}</TableCell>
            <TableCell>
              {p.dueStatus ? (
                <Chip size="small" color={DUE_COLOURS[p.dueStatus]} variant={p.dueStatus === 'ok' ? 'outlined' : 'filled'} label={pairLabel('due', p.dueStatus)} />
              ) : (
                <Chip size="small" label={pairLabel('statuses', 'ended')} />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function PersonPairsSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const { today } = useServerToday();
  const [creating, setCreating] = useState(false);
  const pairs = useQuery({ queryKey: pairKeys.person(personId), queryFn: () => request('pairs.forPerson', { personId }) });
  const person = useQuery({ queryKey: ['persons', 'get', personId], queryFn: () => request('persons.get', { id: personId }), enabled: creating });
  const data = pairs.data;
  // One object per answer: the dialog starts over whenever its person changes.
  const picked = useMemo(() => (person.data ? { id: personId, name: person.data.person.name, address: person.data.person.address } : null), [person.data, personId]);
  return (
    <Box component="section" aria-labelledby="person-pairs-title" data-testid="person-pairs">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography id="person-pairs-title" variant="h6" component="h2">
          {t('pairs.person.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {canWrite ? (
          <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
            {t('pairs.create')}
          </Button>
        ) : null}
      </Box>
      <ErrorAlert error={pairs.error ?? person.error} />
      {data && data.asHelped.length === 0 && data.asHelper.length === 0 ? <Typography color="text.secondary">{t('pairs.person.empty')}</Typography> : null}
      {data && data.asHelped.length > 0 ? (
        <>
          <Typography variant="subtitle2" sx={{ mt: 1 }}>
            {t('pairs.person.asHelped')}
          </Typography>
          <PairTable rows={data.asHelped} other="helper" label={t('pairs.person.asHelped')} />
        </>
      ) : null}
      {data && data.asHelper.length > 0 ? (
        <>
          <Typography variant="subtitle2" sx={{ mt: 1 }}>
            {t('pairs.person.asHelper')}
          </Typography>
          <PairTable rows={data.asHelper} other="person" label={t('pairs.person.asHelper')} />
        </>
      ) : null}
      <PairDialog open={creating && picked !== null} person={picked} today={today} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/pairs/${id}`)} />
    </Box>
  );
}
