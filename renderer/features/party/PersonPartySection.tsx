/**
 * 党组织 on a person's page: their current membership (branch, 党龄, where the relation is held, the
 * management mode, the original unit's party contact) and its history, the meetings of the last year
 * they were expected at, and this year's dues. A CPC member not yet in a branch can be added here.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
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
import EditIcon from '@mui/icons-material/Edit';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { useTranslation } from 'react-i18next';
import type { Membership } from '../../../shared/schemas/party';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSticky } from '../../components/useSticky';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { joinList, monthText, partyKeys, partyLabel, yuan } from './common';
import { MemberDialog } from './MemberDialog';
import { EndMemberDialog, MoveMemberDialog } from './MembershipDialogs';
import { dateOrMonthText } from '../../components/labels';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box sx={{ minWidth: 150 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography sx={{ fontWeight: 500 }}>{children}</Typography>
    </Box>
  );
}

export function PersonPartySection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const record = useQuery({ queryKey: partyKeys.person(personId), queryFn: () => request('party.person', { personId }) });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Membership | null>(null);
  const [moving, setMoving] = useState<Membership | null>(null);
  const [ending, setEnding] = useState<Membership | null>(null);
  const shownEditing = useSticky(editing);
  const shownMoving = useSticky(moving);
  const shownEnding = useSticky(ending);
  const r = record.data;
  const current = r?.current ?? null;
  const past = (r?.history ?? []).filter((h) => h.toDate !== null);
  const attended = (r?.recentMeetings ?? []).filter((m) => m.present).length;

  return (
    <Box component="section" aria-labelledby="party-title">
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 1, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="h6" component="h2" id="party-title">
            {t('party.person.title')}
          </Typography>
        </Box>
        {canWrite && current ? (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button variant="outlined" size="small" startIcon={<EditIcon />} onClick={() => setEditing(current)}>
              {t('party.members.edit')}
            </Button>
            <Button variant="outlined" size="small" startIcon={<SwapHorizIcon />} onClick={() => setMoving(current)}>
              {t('party.members.move')}
            </Button>
            <Button variant="outlined" size="small" startIcon={<EventBusyIcon />} onClick={() => setEnding(current)}>
              {t('party.members.end')}
            </Button>
          </Box>
        ) : null}
        {canWrite && r && !current && r.isPartyMember ? (
          <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setAdding(true)}>
            {t('party.person.addToBranch')}
          </Button>
        ) : null}
      </Box>
      <ErrorAlert error={record.error} />
      {r && !current && !r.isPartyMember && r.history.length === 0 ? (
        <Typography color="text.secondary">{t('party.person.notCpc')}</Typography>
      ) : null}
      {r && !current && r.isPartyMember ? (
        <Typography color="text.secondary" sx={{ mb: 1 }}>
          {t('party.person.notInBranch')}
        </Typography>
      ) : null}
      {current ? (
        <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', mb: 2 }}>
          <Fact label={t('party.members.branch')}>
            <Link component={RouterLink} to={`/party/branches/${current.branchId}`}>
              {current.branchName}
            </Link>
          </Fact>
          <Fact label={t('party.members.partyJoinedOn')}>
            {current.partyJoinedOn ? dateOrMonthText(current.partyJoinedOn) : t('party.members.unknown')}
            {current.partyStanding !== null ? t('party.person.standing', { count: current.partyStanding }) : ''}
          </Fact>
          <Fact label={t('party.members.fromDate')}>{current.fromDate}</Fact>
          <Fact label={t('party.members.relationHeld')}>{partyLabel('relation', current.relationHeld)}</Fact>
          <Fact label={t('party.members.managementMode')}>{partyLabel('mode', current.managementMode)}</Fact>
          {current.relationHeld === 'original_unit' ? (
            <Fact label={t('party.members.unitPartyContact')}>
              {[current.unitPartyContact || t('party.members.contactMissing'), current.unitPartyPhone].filter(Boolean).join(' · ')}
            </Fact>
          ) : null}
        </Box>
      ) : null}
      {current && r && r.monthsBehind.length > 0 ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('party.person.behind', { count: r.monthsBehind.length, months: joinList(r.monthsBehind.map((m) => t('party.monthShort', { month: Number(m.slice(5)) }))) })}
        </Alert>
      ) : null}
      {r && r.history.length > 0 ? (
        <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
          <Box>
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              {t('party.person.meetings', { attended, count: r.recentMeetings.length })}
            </Typography>
            {r.recentMeetings.length === 0 ? (
              <Typography color="text.secondary">{t('party.person.noMeetings')}</Typography>
            ) : (
              <Table size="small" aria-label={t('party.person.meetingsLabel')}>
                <TableBody>
                  {r.recentMeetings.slice(0, 10).map((m) => (
                    <TableRow key={m.meetingId}>
                      <TableCell sx={{ width: 110, whiteSpace: 'nowrap' }}>{m.date}</TableCell>
                      <TableCell>
                        {m.topic}
                        <Typography variant="body2" color="text.secondary" component="span">
                          {` · ${partyLabel('meetingKind', m.kind)}`}
                        </Typography>
                      </TableCell>
                      <TableCell sx={{ width: 150 }}>
                        {m.present ? (
                          <Chip size="small" color="success" label={t('party.person.present')} />
                        ) : (
                          <Chip size="small" color="warning" variant="outlined" label={m.absenceReason ? t('party.person.absentFor', { reason: m.absenceReason }) : t('party.person.absent')} />
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Box>
          <Box>
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              {t('party.person.dues', { count: r.duesThisYear.length, total: yuan(r.duesThisYear.reduce((s, d) => s + d.amountFen, 0)) })}
            </Typography>
            {r.duesThisYear.length === 0 ? (
              <Typography color="text.secondary">{t('party.person.noDues')}</Typography>
            ) : (
              <Box sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap', mt: 0.5 }}>
                {r.duesThisYear.map((d) => (
                  <Chip key={d.id} size="small" variant="outlined" color="success" label={t('party.person.duesChip', { month: monthText(d.month), amount: yuan(d.amountFen) })} title={t('party.person.paidOn', { date: d.paidOn })} />
                ))}
              </Box>
            )}
          </Box>
        </Box>
      ) : null}
      {past.length > 0 ? (
        <Box sx={{ mt: 2 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t('party.person.history')}
          </Typography>
          <Table size="small" aria-label={t('party.person.history')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('party.members.branch')}</TableCell>
                <TableCell sx={{ width: 220 }}>{t('party.person.period')}</TableCell>
                <TableCell sx={{ width: 260 }}>{t('party.members.endReason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {past.map((h) => (
                <TableRow key={h.id}>
                  <TableCell>{h.branchName}</TableCell>
                  <TableCell>{t('party.committee.period', { from: h.fromDate, to: h.toDate ?? '' })}</TableCell>
                  <TableCell>{h.endNote ? t('party.person.reasonWithNote', { reason: partyLabel('endReason', h.endReason), note: h.endNote }) : partyLabel('endReason', h.endReason)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ) : null}
      <MemberDialog open={adding} person={r ? { id: personId, name: r.personName, address: '' } : null} onClose={() => setAdding(false)} />
      <MemberDialog open={editing !== null} existing={shownEditing} onClose={() => setEditing(null)} />
      <MoveMemberDialog member={moving === null ? null : shownMoving} onClose={() => setMoving(null)} />
      <EndMemberDialog member={ending === null ? null : shownEnding} onClose={() => setEnding(null)} />
    </Box>
  );
}
