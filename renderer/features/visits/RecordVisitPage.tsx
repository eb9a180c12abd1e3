/**
 * 记录走访 (/visits/record/:personId?visit=<planned visit>): date, who went, how, why (from the plan or
 * ad hoc), what was found (health, living conditions, mood), needs raised and the follow-up. Each need
 * becomes a service request with one click, and a hospital stay or an ADL assessment can go into the
 * health archive from the same form; main saves it all in one call.
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import AddTaskIcon from '@mui/icons-material/AddTask';
import DeleteIcon from '@mui/icons-material/Delete';
import LocalHospitalIcon from '@mui/icons-material/LocalHospital';
import AccessibleIcon from '@mui/icons-material/Accessible';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { healthEventFieldsSchema, type PersonDetail } from '../../../shared/schemas/persons';
import { RECORD_REASONS, VISIT_METHODS, visitRecordFieldsSchema, type VisitRecordFields } from '../../../shared/schemas/visits';
import { REQUEST_CATEGORIES, type RequestCategory } from '../../../shared/schemas/requests';
import { adlBand } from '../../../shared/barthel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { applyServerIssues, serverIssues } from '../../components/serverIssues';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { giftFenOf } from '../reports';
import { useSession } from '../../state';
import { BAND_COLOURS, valueLabel } from '../../components/labels';
import { personKeys } from '../../components/queryKeys';
import { SelectField } from '../../components/SelectField';
import { AdlDialog, type CollectedAssessment } from '../persons';
import { UserSelect } from '../../components/UserSelect';
import { FLAG_COLOURS, label, options, VISIT_STATUS_COLOURS as STATUS_COLOURS } from '../../components/labels';
import { invalidateCare } from '../../components/queryKeys';
import { useSeesOthers } from '../../components/access';
import { useServerToday } from '../../components/serverToday';

interface Values {
  visitDate: string;
  visitors: string;
  method: VisitRecordFields['method'];
  reason: string;
  summary: string;
  findingsHealth: string;
  findingsLiving: string;
  findingsMood: string;
  needs: string;
  followUp: string;
  /** 慰问金 as typed, in 元. */
  giftFen: string;
  giftItems: string;
}

/** 'plan' for the reason means: the reason of the planned visit it resolves (main decides). */
const FROM_PLAN = 'plan';
const schema = z.preprocess((raw) => {
  const v = raw as Values;
  return { ...v, reason: v.reason === FROM_PLAN ? undefined : v.reason, giftFen: giftFenOf(v.giftFen) };
}, visitRecordFieldsSchema) as unknown as z.ZodType<VisitRecordFields, Values>;

interface Draft {
  key: number;
  category: RequestCategory | '';
  description: string;
  assignedTo: string;
  problem?: string | undefined;
}

interface Stay {
  date: string;
  endDate: string;
  institution: string;
  summary: string;
}

/** The needs written one per line (or separated by ；), each a candidate service request. */
export function needLines(needs: string): string[] {
  return needs
    .split(/[\n；;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function RecordVisitPage() {
  const { personId = '' } = useParams();
  const detail = useQuery({ queryKey: personKeys.detail(personId), queryFn: () => request('persons.get', { id: personId }) });
  const serverToday = useServerToday();
  const { t } = useTranslation();
  if (detail.error) {
    return (
      <Box sx={{ maxWidth: 1100 }}>
        <Button component={RouterLink} to="/visits" startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
          {t('visits.backToWorklist')}
        </Button>
        <ErrorAlert error={detail.error} />
      </Box>
    );
  }
  if (!detail.data || !serverToday.known) {
    return (
      <Box sx={{ p: 4, display: 'flex', gap: 2, alignItems: 'center' }}>
        <CircularProgress size={24} />
        {t('common.loading')}
      </Box>
    );
  }
  return <RecordVisitForm detail={detail.data} today={serverToday.today} />;
}

function RecordVisitForm({ detail, today }: { detail: PersonDetail; today: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const seesOthers = useSeesOthers();
  const [sp] = useSearchParams();
  const person = detail.person;
  const fromPerson = sp.get('from') === 'person';
  const backTo = fromPerson ? `/persons/${person.id}?tab=care` : '/visits';
  // Visits that can be made now, the soon upcoming ones and the one the worklist row was for.
  const soon = dayjs(today).add(45, 'day').format('YYYY-MM-DD');
  const open = detail.upcomingVisits.filter((v) => v.status !== 'upcoming' || v.dueDate <= soon || v.id === sp.get('visit'));
  const [chosen, setChosen] = useState<string[]>(() => {
    const id = sp.get('visit');
    return id && detail.upcomingVisits.some((v) => v.id === id) ? [id] : [];
  });
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [stay, setStay] = useState<Stay | null>(null);
  const [stayErrors, setStayErrors] = useState<Record<string, string>>({});
  const [assessment, setAssessment] = useState<CollectedAssessment | null>(null);
  const [adlOpen, setAdlOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { control, handleSubmit, watch, setError: setFieldError, formState } = useForm<Values, unknown, VisitRecordFields>({
    resolver: zodResolver(schema, { error: zodIssueMessage }),
    defaultValues: {
      visitDate: today,
      visitors: user.displayName,
      method: 'home',
      reason: FROM_PLAN,
      summary: '',
      findingsHealth: '',
      findingsLiving: '',
      findingsMood: '',
      needs: '',
      followUp: '',
      giftFen: '',
      giftItems: '',
    },
  });
  const needs = watch('needs');
  const lines = needLines(needs);

  const addDraft = (description: string) => {
    setDrafts((d) => [...d, { key: nextKey, category: '', description, assignedTo: '' }]);
    setNextKey((k) => k + 1);
  };
  const updateDraft = (key: number, patch: Partial<Draft>) => setDrafts((d) => d.map((x) => (x.key === key ? { ...x, ...patch, problem: undefined } : x)));

  const submit = handleSubmit(async (fields) => {
    setError(null);
    // The parts outside the main form are checked here, each where it is shown.
    let ok = true;
    const checked = drafts.map((d) => {
      if (d.category === '') {
        ok = false;
        return { ...d, problem: t('validation.choose') };
      }
      if (d.description.trim() === '') {
        ok = false;
        return { ...d, problem: t('validation.required') };
      }
      return d;
    });
    setDrafts(checked);
    let healthEvent: z.output<typeof healthEventFieldsSchema> | undefined;
    if (stay) {
      const parsed = healthEventFieldsSchema.safeParse({ kind: 'hospitalisation', date: stay.date, endDate: stay.endDate.trim() === '' ? null : stay.endDate, institution: stay.institution, summary: stay.summary });
      if (!parsed.success) {
        ok = false;
        const found: Record<string, string> = {};
        for (const issue of parsed.error.issues) found[String(issue.path[0] ?? 'date')] = fieldMessage(issue.message) ?? issue.message;
        setStayErrors(found);
      } else {
        healthEvent = parsed.data;
        setStayErrors({});
      }
    }
    if (!ok) return;
    try {
      const result = await request('visits.record', {
        personId: person.id,
        plannedVisitIds: chosen.length > 0 ? chosen : undefined,
        fields,
        requests: checked.map((d) => ({ category: d.category as RequestCategory, description: d.description, assignedTo: d.assignedTo || null })),
        healthEvent,
        assessment: assessment ? { assessedOn: assessment.assessedOn, items: assessment.items, assessor: assessment.assessor, note: assessment.note } : undefined,
      });
      notify(t('record.saved', { name: person.name, resolved: result.resolved.length, requests: result.requestIds.length }));
      await invalidateCare(queryClient);
      void navigate(backTo);
    } catch (err) {
      const marked = applyServerIssues(err, setFieldError, (path) => {
        const field = path.replace(/^fields\./, '');
        return ['visitDate', 'visitors', 'method', 'reason', 'summary', 'findingsHealth', 'findingsLiving', 'findingsMood', 'needs', 'followUp', 'giftFen', 'giftItems'].includes(field) ? (field as keyof Values) : null;
      });
      const stayIssues: Record<string, string> = {};
      for (const issue of serverIssues(err)) {
        const m = /^healthEvent\.(\w+)/.exec(issue.path);
        if (m?.[1]) stayIssues[m[1]] = fieldMessage(issue.message) ?? issue.message;
      }
      if (Object.keys(stayIssues).length > 0) setStayErrors(stayIssues);
      setError(marked && Object.keys(stayIssues).length === 0 && serverIssues(err).every((i) => i.path.startsWith('fields.')) ? null : err);
    }
  });

  const twoCols = { display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 } as const;
  return (
    <Box sx={{ maxWidth: 1100 }}>
      <Button component={RouterLink} to={backTo} startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {fromPerson ? t('record.backToPerson', { name: person.name }) : t('visits.backToWorklist')}
      </Button>
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 }, mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
          {t('record.title', { name: person.name })}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mt: 1 }}>
          <Typography>
            {valueLabel('gender', person.gender)} · {t('persons.detail.age', { age: person.age })} · {person.address || t('persons.detail.notFilled')}
            {person.phones[0] ? ` · ${person.phones[0]}` : ''}
          </Typography>
          {person.livingSituation === 'alone' ? <Chip size="small" variant="outlined" color={FLAG_COLOURS.alone} label={label('riskFlag', 'alone')} /> : null}
          {person.highRisk ? <Chip size="small" variant="outlined" color={FLAG_COLOURS.high_risk} label={label('riskFlag', 'high_risk')} /> : null}
          {person.latestAdlTotal !== null ? (
            <Chip size="small" variant="outlined" color={BAND_COLOURS[adlBand(person.latestAdlTotal)]} label={`${t('persons.fields.adl')} ${person.latestAdlTotal}`} />
          ) : null}
        </Box>
        {detail.openRequests.length > 0 ? (
          <Alert severity="info" sx={{ mt: 1.5 }}>
            {t('record.openRequests', { list: detail.openRequests.map((r) => `${label('requestCategory', r.category)}：${r.description}`).join('；') })}
          </Alert>
        ) : null}
      </Paper>

      <form noValidate onSubmit={(e) => void submit(e)}>
        <Paper variant="outlined" component="section" sx={{ p: { xs: 2, md: 3 }, mb: 2 }}>
          <Typography variant="h6" component="h2">
            {t('record.plansTitle')}
          </Typography>
          {open.length === 0 ? (
            <Typography color="text.secondary">{t('record.noPlans')}</Typography>
          ) : (
            <>
              <Typography variant="body2" color="text.secondary">
                {t('record.plansHelp')}
              </Typography>
              <FormGroup>
                {open.map((v) => (
                  <FormControlLabel
                    key={v.id}
                    control={
                      <Checkbox checked={chosen.includes(v.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, v.id] : c.filter((x) => x !== v.id)))} />
                    }
                    label={
                      <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center' }}>
                        {t('record.planLine', { reason: label('visitReason', v.reason), due: v.dueDate })}
                        <Chip size="small" color={STATUS_COLOURS[v.status]} label={label('visitStatus', v.status)} />
                      </Box>
                    }
                  />
                ))}
              </FormGroup>
            </>
          )}
        </Paper>

        <Paper variant="outlined" component="section" sx={{ p: { xs: 2, md: 3 }, mb: 2 }}>
          <Typography variant="h6" component="h2">
            {t('record.visitTitle')}
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(4, 1fr)' }, columnGap: 2 }}>
            <FormTextField control={control} name="visitDate" label={t('record.visitDate')} required helperText={t('record.dateHelp')} autoComplete="off" />
            <FormTextField control={control} name="visitors" label={t('record.visitors')} helperText={t('record.visitorsHelp')} autoComplete="off" />
            <SelectField control={control} name="method" label={t('record.method')} required options={options('visitMethod', VISIT_METHODS)} />
            <SelectField
              control={control}
              name="reason"
              label={t('record.reason')}
              options={[{ value: FROM_PLAN, label: t('record.reasonFromPlan') }, ...options('visitReason', RECORD_REASONS)]}
            />
          </Box>
          <FormTextField control={control} name="summary" label={t('record.summary')} helperText={t('record.summaryHelp')} />
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, columnGap: 2 }}>
            <FormTextField control={control} name="findingsHealth" label={t('record.findingsHealth')} multiline minRows={3} />
            <FormTextField control={control} name="findingsLiving" label={t('record.findingsLiving')} multiline minRows={3} />
            <FormTextField control={control} name="findingsMood" label={t('record.findingsMood')} multiline minRows={3} />
          </Box>
          <Box sx={twoCols}>
            <FormTextField control={control} name="needs" label={t('record.needs')} multiline minRows={3} helperText={t('record.needsHelp')} />
            <FormTextField control={control} name="followUp" label={t('record.followUp')} multiline minRows={3} />
          </Box>
          <Box sx={twoCols}>
            <FormTextField control={control} name="giftFen" label={t('reports.gift.amount')} helperText={t('reports.gift.amountHelp')} autoComplete="off" />
            <FormTextField control={control} name="giftItems" label={t('reports.gift.items')} helperText={t('reports.gift.itemsHelp')} autoComplete="off" />
          </Box>
        </Paper>

        <Paper variant="outlined" component="section" sx={{ p: { xs: 2, md: 3 }, mb: 2 }}>
          <Typography variant="h6" component="h2">
            {t('record.requestsTitle')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('record.requestsHelp')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 1 }}>
            {lines
              .filter((line) => !drafts.some((d) => d.description === line))
              .map((line) => (
                <Button key={line} variant="outlined" size="small" startIcon={<AddTaskIcon />} onClick={() => addDraft(line)}>
                  {t('record.toRequest', { need: line.length > 24 ? `${line.slice(0, 24)}…` : line })}
                </Button>
              ))}
            <Button size="small" onClick={() => addDraft('')}>
              {t('record.addRequest')}
            </Button>
          </Box>
          {drafts.map((d) => (
            <Box key={d.key} sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: seesOthers ? '160px 1fr 220px 48px' : '160px 1fr 48px' }, columnGap: 1.5, alignItems: 'start', borderTop: 1, borderColor: 'divider' }}>
              <TextField
                select
                label={t('requests.category')}
                value={d.category}
                required
                onChange={(e) => updateDraft(d.key, { category: e.target.value as RequestCategory })}
                error={d.problem !== undefined && d.category === ''}
                helperText={d.problem !== undefined && d.category === '' ? d.problem : undefined}
              >
                {REQUEST_CATEGORIES.map((c) => (
                  <MenuItem key={c} value={c}>
                    {label('requestCategory', c)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label={t('requests.description')}
                value={d.description}
                required
                onChange={(e) => updateDraft(d.key, { description: e.target.value })}
                error={d.problem !== undefined && d.category !== ''}
                helperText={d.problem !== undefined && d.category !== '' ? d.problem : undefined}
                slotProps={{ htmlInput: { maxLength: 1000 } }}
              />
              {seesOthers ? (
                <UserSelect label={t('requests.assignee')} value={d.assignedTo} onChange={(id) => updateDraft(d.key, { assignedTo: id })} emptyLabel={t('requests.unassigned')} />
              ) : null}
              <IconButton aria-label={t('record.removeRequest')} onClick={() => setDrafts((all) => all.filter((x) => x.key !== d.key))} sx={{ mt: 3 }}>
                <DeleteIcon />
              </IconButton>
            </Box>
          ))}
        </Paper>

        <Paper variant="outlined" component="section" sx={{ p: { xs: 2, md: 3 }, mb: 2 }}>
          <Typography variant="h6" component="h2">
            {t('record.healthTitle')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('record.healthHelp')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button
              variant={stay ? 'contained' : 'outlined'}
              startIcon={<LocalHospitalIcon />}
              onClick={() => {
                setStay(stay ? null : { date: today, endDate: '', institution: '', summary: '' });
                setStayErrors({});
              }}
            >
              {stay ? t('record.stayRemove') : t('record.stayAdd')}
            </Button>
            <Button variant="outlined" startIcon={<AccessibleIcon />} onClick={() => setAdlOpen(true)}>
              {assessment ? t('record.adlRedo') : t('record.adlAdd')}
            </Button>
            {assessment ? (
              <Chip
                color={BAND_COLOURS[adlBand(assessment.total)]}
                label={t('record.adlChosen', { total: assessment.total, band: valueLabel('adlBand', adlBand(assessment.total)) })}
                onDelete={() => setAssessment(null)}
              />
            ) : null}
          </Box>
          {stay ? (
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 2fr' }, columnGap: 2 }}>
              <TextField label={t('record.stayDate')} value={stay.date} required onChange={(e) => setStay({ ...stay, date: e.target.value })} error={stayErrors['date'] !== undefined} helperText={stayErrors['date'] ?? t('record.dateHelp')} autoComplete="off" />
              <TextField label={t('persons.health.eventEndDate')} value={stay.endDate} onChange={(e) => setStay({ ...stay, endDate: e.target.value })} error={stayErrors['endDate'] !== undefined} helperText={stayErrors['endDate'] ?? t('record.dateHelp')} autoComplete="off" />
              <TextField label={t('persons.health.institution')} value={stay.institution} onChange={(e) => setStay({ ...stay, institution: e.target.value })} slotProps={{ htmlInput: { maxLength: 100 } }} />
              <TextField label={t('persons.health.summary')} value={stay.summary} onChange={(e) => setStay({ ...stay, summary: e.target.value })} sx={{ gridColumn: '1 / -1' }} slotProps={{ htmlInput: { maxLength: 2000 } }} />
            </Box>
          ) : null}
        </Paper>

        <ErrorAlert error={error} sx={{ mb: 2 }} />
        <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end', mb: 4 }}>
          <Button component={RouterLink} to={backTo} disabled={formState.isSubmitting}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" size="large" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('common.saving') : t('record.save')}
          </Button>
        </Box>
      </form>
      <AdlDialog personId={person.id} open={adlOpen} onClose={() => setAdlOpen(false)} onCollect={setAssessment} />
    </Box>
  );
}
