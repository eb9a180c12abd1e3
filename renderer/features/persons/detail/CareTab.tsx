/**
 * 走访与联系 on a person: who is responsible for them (primary and backup contact, with the dated
 * history of who was before), the grid they are in, the high-risk flag, planned and recent visits,
 * and open service requests.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import EditNoteIcon from '@mui/icons-material/EditNote';
import AddIcon from '@mui/icons-material/Add';
import CardMembershipIcon from '@mui/icons-material/CardMembership';
import { useTranslation } from 'react-i18next';
import { localToday } from '../../../components/serverToday';
import { daysInMonth, formatYmd, monthIndexOf, monthOfMonthIndex, parseYmd, yearOfMonthIndex } from '../../../../shared/calendar';
import type { PersonDetail } from '../../../../shared/schemas/persons';
import { endAssignmentSchema, type Assignment, type ContactRole } from '../../../../shared/schemas/assignments';
import type { PlannedVisitOut } from '../../../../shared/schemas/visits';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormTextField } from '../../../components/FormTextField';
import { useNotify } from '../../../components/Notifier';
import { useSticky } from '../../../components/useSticky';
import { usePrintLauncher } from '../../../print/usePrintLauncher';
import { request } from '../../../rpc';
import { AssignDialog, type AssignTarget } from '../../grids';
import { RequestDialog, RequestStatusDialog } from '../../requests';
import { CARE_KEYS, careKeys } from '../../../components/queryKeys';
import { useWrite } from '../../../components/useWrite';
import { zodIssueMessage } from '../../../i18n';
import { label, REQUEST_STATUS_COLOURS, VISIT_STATUS_COLOURS as STATUS_COLOURS, withPhone } from '../../../components/labels';
import { useCanWrite, useCanVisit } from '../../../components/access';
import { useGrids } from '../../../components/lookups';
import type { ServiceRequest } from '../../../../shared/schemas/requests';
import { PersonCallsSection } from '../../calls';

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mb: 3 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Box>
      {children}
    </Box>
  );
}

function ContactCard({ role, current, onAssign, onEnd }: { role: ContactRole; current: Assignment | null; onAssign?: () => void; onEnd?: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 2, borderLeft: 4, borderLeftColor: current ? 'primary.main' : role === 'primary' ? 'warning.main' : 'divider' }} data-testid={`contact-${role}`}>
      <Typography variant="body2" color="text.secondary">
        {label('contactRole', role)}
      </Typography>
      {current ? (
        <>
          <Typography sx={{ fontSize: '1.2rem', fontWeight: 600 }}>{withPhone(current.userName, current.userPhone)}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('contacts.since', { date: current.fromDate })}
            {current.reason ? ` · ${current.reason}` : ''}
          </Typography>
        </>
      ) : (
        <Typography sx={{ fontSize: '1.1rem', color: role === 'primary' ? 'warning.main' : 'text.secondary' }}>{role === 'primary' ? t('contacts.nonePrimary') : t('contacts.noneBackup')}</Typography>
      )}
      {onAssign ? (
        <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
          <Button size="small" variant="outlined" onClick={onAssign}>
            {current ? t('contacts.change') : t('contacts.assign')}
          </Button>
          {current && onEnd ? (
            <Button size="small" color="error" onClick={onEnd}>
              {t('contacts.end')}
            </Button>
          ) : null}
        </Box>
      ) : null}
    </Paper>
  );
}

/** The day `months` months after `date`, or the month's last day when it has no such day (as dayjs adds months). */
function addMonths(date: string, months: number): string {
  const index = monthIndexOf(date) + months;
  const year = yearOfMonthIndex(index);
  const month = monthOfMonthIndex(index);
  return formatYmd(year, month, Math.min(parseYmd(date)?.day ?? 1, daysInMonth(year, month)));
}

/** Why a contact ends (assignments.end's reason). */
const endFormSchema = endAssignmentSchema.pick({ reason: true });
/** Why a planned visit is cancelled, which visits.cancel requires. */
const cancelFormSchema = z.object({ note: z.string().trim().min(1).max(200) });

export function CareTab({ detail }: { detail: PersonDetail }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canManage = useCanWrite();
  const canVisit = useCanVisit();
  const grids = useGrids();
  const printer = usePrintLauncher();
  const person = detail.person;
  const contacts = useQuery({ queryKey: careKeys.contacts(person.id), queryFn: () => request('assignments.forPerson', { personId: person.id }) });
  const c = contacts.data ?? detail.contacts;
  const [assign, setAssign] = useState<AssignTarget | null>(null);
  const [ending, setEnding] = useState<ContactRole | null>(null);
  const shownEnding = useSticky(ending);
  const [cancelling, setCancelling] = useState<PlannedVisitOut | null>(null);
  const shownCancelling = useSticky(cancelling);
  const [newRequest, setNewRequest] = useState(false);
  const [allPlanned, setAllPlanned] = useState(false);
  const [moving, setMoving] = useState<ServiceRequest | null>(null);

  // The switch moves at once; it goes back if main refuses.
  const [risk, setRisk] = useState(person.highRisk);
  useEffect(() => setRisk(person.highRisk), [person.highRisk]);
  const highRisk = useWrite({
    write: (value: boolean) => request('persons.setHighRisk', { id: person.id, highRisk: value }),
    invalidates: CARE_KEYS,
    onError: () => setRisk(person.highRisk),
    onSuccess: (_r, value) => notify(value ? t('care.highRiskOn', { name: person.name }) : t('care.highRiskOff', { name: person.name })),
  });
  const setHighRisk = (value: boolean) => {
    setRisk(value);
    highRisk.mutate(value);
  };
  const place = useWrite({
    write: (gridId: string | null) => request('grids.placePerson', { personId: person.id, gridId }),
    invalidates: CARE_KEYS,
    onSuccess: () => notify(t('care.placed', { name: person.name })),
  });
  const endForm = useForm({ resolver: zodResolver(endFormSchema, { error: zodIssueMessage }), defaultValues: { reason: '' } });
  const end = useWrite({
    write: ({ role, reason }: { role: ContactRole; reason: string }) => request('assignments.end', { personId: person.id, role, reason }),
    invalidates: CARE_KEYS,
    onSuccess: () => {
      notify(t('contacts.ended'));
      setEnding(null);
      endForm.reset();
    },
  });
  const cancelForm = useForm({ resolver: zodResolver(cancelFormSchema, { error: zodIssueMessage }), defaultValues: { note: '' } });
  const cancel = useWrite({
    write: ({ id, note }: { id: string; note: string }) => request('visits.cancel', { id, note }),
    invalidates: CARE_KEYS,
    onSuccess: () => {
      notify(t('care.visitCancelled'));
      setCancelling(null);
      cancelForm.reset();
    },
  });
  const cards = useWrite({
    write: () => request('lists.create', { kind: 'service_cards', personIds: [person.id] }),
    // The print window opens first, while the click still counts as the person's.
    onSuccess: async (list) => {
      printer.launch('service-cards', list.listNo);
      await queryClient.invalidateQueries({ queryKey: ['lists'] });
    },
  });

  const active = person.status === 'active';
  // The next three months by default: a whole year of monthly visits says little at a glance.
  const horizon = addMonths(localToday(), 3);
  const nearPlanned = detail.upcomingVisits.filter((v) => v.status !== 'upcoming' || v.dueDate <= horizon);
  const shownPlanned = allPlanned ? detail.upcomingVisits : nearPlanned;
  const assignTarget = (role: ContactRole): AssignTarget => {
    const current = role === 'primary' ? c.primary : c.backup;
    return { personId: person.id, personName: person.name, role, currentName: current?.userName ?? null, currentUserId: current?.userId ?? null };
  };

  return (
    <Box>
      {canVisit && active ? (
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }}>
          <Button variant="contained" startIcon={<EditNoteIcon />} component={RouterLink} to={`/visits/record/${person.id}?from=person`}>
            {t('visits.record')}
          </Button>
          <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setNewRequest(true)}>
            {t('requests.create')}
          </Button>
          <Button startIcon={<CardMembershipIcon />} onClick={() => cards.mutate()} disabled={cards.isPending}>
            {t('care.printCard')}
          </Button>
        </Box>
      ) : null}
      {printer.notice}
      <ErrorAlert error={contacts.error ?? highRisk.error ?? place.error ?? cards.error} sx={{ mb: 2 }} />

      <Section title={t('care.contactsTitle')}>
        {!c.primary && active ? <Alert severity="warning" sx={{ mb: 1.5 }}>{t('care.noPrimaryWarning')}</Alert> : null}
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
          <ContactCard role="primary" current={c.primary} onAssign={canManage && active ? () => setAssign(assignTarget('primary')) : undefined} onEnd={() => setEnding('primary')} />
          <ContactCard role="backup" current={c.backup} onAssign={canManage && active ? () => setAssign(assignTarget('backup')) : undefined} onEnd={() => setEnding('backup')} />
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, mt: 2, alignItems: 'start' }}>
          <Box>
            {canManage ? (
              <TextField
                select
                label={t('persons.fields.grid')}
                value={grids.data ? (person.gridId ?? '') : ''}
                onChange={(e) => place.mutate(e.target.value === '' ? null : e.target.value)}
                disabled={place.isPending || !grids.data}
                helperText={t('care.gridHelp')}
                margin="none"
              >
                <MenuItem value="">{t('grids.noGrid')}</MenuItem>
                {(grids.data ?? []).map((g) => (
                  <MenuItem key={g.id} value={g.id}>
                    {g.name}
                  </MenuItem>
                ))}
              </TextField>
            ) : (
              <Typography>
                {t('persons.fields.grid')}：{person.grid || t('grids.noGrid')}
              </Typography>
            )}
          </Box>
          <Box>
            <FormControlLabel
              control={<Switch checked={risk} onChange={(e) => setHighRisk(e.target.checked)} disabled={!canManage || highRisk.isPending} />}
              label={t('care.highRisk')}
            />
            <FormHelperText sx={{ mt: 0 }}>{t('care.highRiskHelp')}</FormHelperText>
          </Box>
        </Box>
        {c.history.length > 0 ? (
          <Table size="small" sx={{ mt: 2 }} aria-label={t('care.historyTitle')}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 110 }}>{t('contacts.role')}</TableCell>
                <TableCell>{t('contacts.user')}</TableCell>
                <TableCell sx={{ width: 200 }}>{t('care.period')}</TableCell>
                <TableCell>{t('contacts.reason')}</TableCell>
                <TableCell sx={{ width: 110 }}>{t('care.assignedBy')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {c.history.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{label('contactRole', a.role)}</TableCell>
                  <TableCell sx={{ fontWeight: a.toDate ? 400 : 600 }}>{a.userName}</TableCell>
                  <TableCell>{a.toDate ? t('care.periodClosed', { from: a.fromDate, to: a.toDate }) : t('care.periodOpen', { from: a.fromDate })}</TableCell>
                  <TableCell>{[a.reason, a.endReason ? t('care.endReason', { reason: a.endReason }) : ''].filter(Boolean).join('；')}</TableCell>
                  <TableCell>{a.assignedByName ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </Section>

      <Section title={t('care.plannedTitle')}>
        {shownPlanned.length === 0 ? (
          <Typography color="text.secondary">{t('care.noPlanned')}</Typography>
        ) : (
          <Table size="small" aria-label={t('care.plannedTitle')}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 100 }}>{t('visits.status')}</TableCell>
                <TableCell>{t('visits.reason')}</TableCell>
                <TableCell sx={{ width: 120 }}>{t('visits.dueDate')}</TableCell>
                <TableCell sx={{ width: 220 }}>{t('care.window')}</TableCell>
                <TableCell sx={{ width: 200 }}>{t('grids.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shownPlanned.map((v) => (
                <TableRow key={v.id}>
                  <TableCell>
                    <Chip size="small" color={STATUS_COLOURS[v.status]} variant={v.status === 'upcoming' ? 'outlined' : 'filled'} label={label('visitStatus', v.status)} />
                  </TableCell>
                  <TableCell>{label('visitReason', v.reason)}</TableCell>
                  <TableCell>{v.dueDate}</TableCell>
                  <TableCell>{t('care.windowText', { from: v.windowStart, to: v.missedAfter })}</TableCell>
                  <TableCell>
                    {canVisit ? (
                      <Button size="small" component={RouterLink} to={`/visits/record/${person.id}?visit=${v.id}&from=person`}>
                        {t('visits.record')}
                      </Button>
                    ) : null}
                    {canManage ? (
                      <Button size="small" color="inherit" onClick={() => setCancelling(v)}>
                        {t('care.cancelVisit')}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {detail.upcomingVisits.length > nearPlanned.length ? (
          <Button size="small" sx={{ mt: 1 }} onClick={() => setAllPlanned(!allPlanned)}>
            {allPlanned ? t('care.plannedFewer') : t('care.plannedAll', { count: detail.upcomingVisits.length })}
          </Button>
        ) : null}
      </Section>

      <Section title={t('care.recentTitle')}>
        {detail.recentVisits.length === 0 ? (
          <Typography color="text.secondary">{t('care.noRecent')}</Typography>
        ) : (
          <Table size="small" aria-label={t('care.recentTitle')}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 110 }}>{t('record.visitDate')}</TableCell>
                <TableCell sx={{ width: 90 }}>{t('record.method')}</TableCell>
                <TableCell sx={{ width: 110 }}>{t('record.reason')}</TableCell>
                <TableCell>{t('care.found')}</TableCell>
                <TableCell sx={{ width: 120 }}>{t('record.visitors')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {detail.recentVisits.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.visitDate}</TableCell>
                  <TableCell>{label('visitMethod', r.method)}</TableCell>
                  <TableCell>{label('visitReason', r.reason)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-wrap' }}>
                    {[r.summary, r.findingsHealth, r.findingsLiving, r.findingsMood].filter(Boolean).join('；')}
                    {r.needs ? (
                      <Typography variant="body2" color="text.secondary">
                        {t('care.needsLine', { needs: r.needs })}
                      </Typography>
                    ) : null}
                    {r.listNo ? (
                      <Typography variant="body2" color="text.secondary">
                        {t('care.fromList', { listNo: r.listNo })}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell>{r.visitors || r.recordedByName || ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>

      <Section
        title={t('care.requestsTitle')}
        action={
          <Button component={RouterLink} to="/visits/requests">
            {t('visits.allRequests')}
          </Button>
        }
      >
        {detail.openRequests.length === 0 ? (
          <Typography color="text.secondary">{t('care.noRequests')}</Typography>
        ) : (
          <Table size="small" aria-label={t('care.requestsTitle')}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 110 }}>{t('requests.raisedOn')}</TableCell>
                <TableCell sx={{ width: 100 }}>{t('requests.category')}</TableCell>
                <TableCell>{t('requests.description')}</TableCell>
                <TableCell sx={{ width: 110 }}>{t('requests.assignee')}</TableCell>
                <TableCell sx={{ width: 90 }}>{t('requests.status')}</TableCell>
                {canManage ? <TableCell sx={{ width: 90 }} /> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {detail.openRequests.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.raisedOn}</TableCell>
                  <TableCell>{label('requestCategory', r.category)}</TableCell>
                  <TableCell>{r.description}</TableCell>
                  <TableCell>{r.assignedToName ?? t('requests.unassigned')}</TableCell>
                  <TableCell>
                    <Chip size="small" color={REQUEST_STATUS_COLOURS[r.status]} label={label('requestStatus', r.status)} />
                  </TableCell>
                  {canManage ? (
                    <TableCell>
                      <Button size="small" onClick={() => setMoving(r)}>
                        {t('requests.handle')}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>

      <AssignDialog target={assign} onClose={() => setAssign(null)} />
      <RequestDialog open={newRequest} person={{ id: person.id, name: person.name, address: person.address }} onClose={() => setNewRequest(false)} />
      <RequestStatusDialog target={moving} onClose={() => setMoving(null)} />
      <ConfirmDialog
        open={ending !== null}
        title={t('contacts.endTitle', { role: label('contactRole', shownEnding ?? 'primary'), name: person.name })}
        confirmLabel={t('contacts.end')}
        danger
        busy={end.isPending}
        error={end.error}
        onConfirm={() =>
          void endForm.handleSubmit(({ reason }) => {
            if (ending) end.mutate({ role: ending, reason });
          })()
        }
        onCancel={() => {
          setEnding(null);
          endForm.reset();
          end.reset();
        }}
      >
        <Typography>{t('contacts.endBody')}</Typography>
        <FormTextField control={endForm.control} name="reason" label={t('contacts.reason')} slotProps={{ htmlInput: { maxLength: 200 } }} />
      </ConfirmDialog>
      <ConfirmDialog
        open={cancelling !== null}
        title={t('care.cancelTitle', { reason: label('visitReason', shownCancelling?.reason), due: shownCancelling?.dueDate ?? '' })}
        confirmLabel={t('care.cancelConfirm')}
        danger
        busy={cancel.isPending}
        error={cancel.error}
        onConfirm={() =>
          void cancelForm.handleSubmit(({ note }) => {
            if (cancelling) cancel.mutate({ id: cancelling.id, note });
          })()
        }
        onCancel={() => {
          setCancelling(null);
          cancelForm.reset();
          cancel.reset();
        }}
      >
        <Typography>{t('care.cancelBody')}</Typography>
        <FormTextField control={cancelForm.control} name="note" label={t('care.cancelNote')} required helperText={t('care.cancelNoteHelp')} slotProps={{ htmlInput: { maxLength: 200 } }} />
      </ConfirmDialog>
      <PersonCallsSection personId={detail.person.id} personName={detail.person.name} />
    </Box>
  );
}
