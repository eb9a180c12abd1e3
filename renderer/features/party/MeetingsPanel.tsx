/** A branch's meetings and study sessions, newest first, with attendance; writers record new ones. */
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { meetingTypeOf, type BranchDetail } from '../../../shared/schemas/party';
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSticky } from '../../components/useSticky';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { partyKeys, partyLabel, rateText } from './common';
import { MeetingDialog } from './MeetingDialog';
import { BranchLifePanel } from './BranchLifePanel';

const PAGE = 20;

export function MeetingsPanel({ branch }: { branch: BranchDetail }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<{ id: string | null } | null>(null);
  const shown = useSticky(open);
  const query = { branchId: branch.id, from: from || undefined, to: to || undefined, limit: PAGE, offset: page * PAGE };
  // A reversed range is pointed out at the field instead of asking the service (which refuses it).
  const reversed = from !== '' && to !== '' && from > to;
  const list = useQuery({ queryKey: partyKeys.meetings(query), queryFn: () => request('party.meetings.list', query), placeholderData: keepPreviousData, enabled: !reversed });
  const rows = reversed ? [] : (list.data?.rows ?? []);
  return (
    <Box>
      <BranchLifePanel branch={branch} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          {t('party.meetings.title')}
        </Typography>
        <DateTextField filter label={t('party.meetings.from')} value={from} onChange={(d) => { setFrom(d); setPage(0); }} size="small" margin="none" sx={{ width: 175 }} />
        <DateTextField
          filter
          label={t('party.meetings.to')}
          value={to}
          onChange={(d) => { setTo(d); setPage(0); }}
          size="small"
          margin="none"
          sx={{ width: 175 }}
          error={reversed}
        />
        {canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setOpen({ id: null })}>
            {t('party.meetings.create')}
          </Button>
        ) : null}
      </Box>
      <ErrorAlert error={list.error} sx={{ mb: 1 }} />
      <Table size="small" aria-label={t('party.meetings.title')}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 110 }}>{t('party.meetings.date')}</TableCell>
            <TableCell sx={{ width: 110 }}>{t('party.meetings.kind')}</TableCell>
            <TableCell>{t('party.meetings.topic')}</TableCell>
            <TableCell sx={{ width: 200 }}>{t('party.meetings.place')}</TableCell>
            <TableCell sx={{ width: 160 }}>{t('party.meetings.attendance')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(list.data || reversed) && rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={5} sx={{ py: 3, textAlign: 'center', color: reversed ? 'error.main' : 'text.secondary' }}>
                {reversed ? t('validation.party.rangeReversed') : from || to ? t('party.meetings.noneInRange') : canWrite ? t('party.meetings.emptyWrite') : t('party.meetings.empty')}
              </TableCell>
            </TableRow>
          ) : null}
          {rows.map((m) => (
            <TableRow key={m.id} hover sx={{ cursor: 'pointer' }} onClick={() => setOpen({ id: m.id })}>
              <TableCell>{m.date}</TableCell>
              <TableCell>
                <Chip size="small" variant="outlined" label={partyLabel('meetingType', meetingTypeOf(m.kind, m.form))} />
              </TableCell>
              <TableCell>
                <Link component="button" type="button" sx={{ fontWeight: 600, textAlign: 'left' }} onClick={(e) => { e.stopPropagation(); setOpen({ id: m.id }); }}>
                  {m.topic}
                </Link>
              </TableCell>
              <TableCell>{m.place}</TableCell>
              <TableCell>{rateText(m.present, m.expected)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {!reversed && (list.data?.total ?? 0) > PAGE ? (
        <TablePagination component="div" count={list.data?.capped ? -1 : (list.data?.total ?? 0)} page={page} onPageChange={(_e, p) => setPage(p)} rowsPerPage={PAGE} rowsPerPageOptions={[PAGE]} />
      ) : null}
      <MeetingDialog open={open !== null} branch={branch} meetingId={shown?.id ?? null} readOnly={!canWrite} onClose={() => setOpen(null)} />
    </Box>
  );
}
