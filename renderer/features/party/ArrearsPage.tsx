/**
 * 党费欠缴: members with months unpaid this year up to the chosen month (counted from the month they
 * joined their branch when that is later), with the last month they paid.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../components/ExportButton';
import { OfficeFilter, useCountyOffices } from '../reports';
import { MonthStepper } from './MonthStepper';
import { EmptyTableRow, ListPage } from '../../components/ListPage';
import { request } from '../../rpc';
import { joinList, monthText, partyKeys, usePartyToday } from './common';

const small = { size: 'small', margin: 'none' } as const;

export function ArrearsPage() {
  const { t } = useTranslation();
  const today = usePartyToday();
  const [chosenMonth, setMonth] = useState('');
  // Until the reader picks one: this month, as main counts it.
  const month = chosenMonth || today.slice(0, 7);
  const [branchId, setBranchId] = useState('');
  const county = useCountyOffices();
  const [office, setOffice] = useState('');
  const branches = useQuery({ queryKey: partyKeys.branches(), queryFn: () => request('party.branches.list', { search: '' }) });
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const query = { month, branchId: branchId || undefined, office: (county && office) || undefined };
  const rows = useQuery({ queryKey: partyKeys.arrears(query), queryFn: () => request('party.dues.arrears', query), enabled: valid, placeholderData: keepPreviousData });
  const data = rows.data ?? [];
  return (
    <ListPage
      title={t('party.arrears.title')}
      intro={t('party.arrears.intro')}
      actions={<ExportButton channel="reports.exportArrears" input={query} disabled={!valid || data.length === 0} />}
      plainBar
      filters={
        <>
          <MonthStepper label={t('party.arrears.upTo')} value={month} onChange={setMonth} />
          <OfficeFilter county={county} value={office} onChange={setOffice} />
          <TextField {...small} select label={t('party.members.branch')} value={branchId} onChange={(e) => setBranchId(e.target.value)} sx={{ width: 260 }}>
            <MenuItem value="">{t('party.all')}</MenuItem>
            {(branches.data ?? []).map((b) => (
              <MenuItem key={b.id} value={b.id}>
                {b.name}
              </MenuItem>
            ))}
          </TextField>
        </>
      }
      notice={
        rows.data && data.length > 0 ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {t('party.arrears.summary', { count: data.length, months: data.reduce((n, r) => n + r.months.length, 0), upTo: monthText(month) })}
          </Alert>
        ) : null
      }
      error={rows.error}
      grid={
        <Paper variant="outlined">
          <Table aria-label={t('party.arrears.title')}>
            <TableHead>
              <TableRow>
                {county ? <TableCell sx={{ width: 130 }}>{t('persons.fields.originOffice')}</TableCell> : null}
                <TableCell sx={{ width: 120 }}>{t('party.members.name')}</TableCell>
                <TableCell sx={{ width: 240 }}>{t('party.members.branch')}</TableCell>
                <TableCell sx={{ width: 110 }}>{t('party.arrears.count')}</TableCell>
                <TableCell>{t('party.arrears.months')}</TableCell>
                <TableCell sx={{ width: 140 }}>{t('party.arrears.lastPaid')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.data && data.length === 0 ? (
                <EmptyTableRow colSpan={county ? 6 : 5}>{t('party.arrears.none', { upTo: monthText(month) })}</EmptyTableRow>
              ) : null}
              {data.map((r) => (
                <TableRow key={r.personId}>
                  {county ? <TableCell>{county.names.get(r.originOffice) ?? r.originOffice}</TableCell> : null}
                  <TableCell>
                    <Link component={RouterLink} to={`/persons/${r.personId}?tab=participation`} sx={{ fontWeight: 600 }}>
                      {r.personName}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <Link component={RouterLink} to={`/party/branches/${r.branchId}?tab=dues`}>
                      {r.branchName}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <Chip size="small" color={r.months.length >= 3 ? 'error' : 'warning'} label={t('party.arrears.monthCount', { count: r.months.length })} />
                  </TableCell>
                  <TableCell>{joinList(r.months.map((m) => t('party.monthShort', { month: Number(m.slice(5)) })))}</TableCell>
                  <TableCell>{r.lastPaidMonth ? monthText(r.lastPaidMonth) : t('party.arrears.neverPaid')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      }
    />
  );
}
