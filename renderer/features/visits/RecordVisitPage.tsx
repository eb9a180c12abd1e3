/**
 * 记录走访 (/visits/record/:personId?visit=<planned visit>): date, who went, how, why (from the plan or
 * ad hoc), what was found (health, living conditions, mood), needs raised and the follow-up. Each need
 * becomes a service request with one click, and a hospital stay or an ADL assessment can go into the
 * health archive from the same form; main saves it all in one call.
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm, type FieldPath } from 'react-hook-form';
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
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import AddTaskIcon from '@mui/icons-material/AddTask';
import DeleteIcon from '@mui/icons-material/Delete';
import LocalHospitalIcon from '@mui/icons-material/LocalHospital';
import AccessibleIcon from '@mui/icons-material/Accessible';
import { useTranslation } from 'react-i18next';
import { healthEventFieldsSchema, type PersonDetail } from '../../../shared/schemas/persons';
import { RECORD_REASONS, VISIT_METHODS, needLines, visitRecordFieldsSchema, type VisitRecordFields } from '../../../shared/schemas/visits';
import { REQUEST_CATEGORIES, type RequestCategory } from '../../../shared/schemas/requests';
import { adlBand } from '../../../shared/barthel';
import { addDays } from '../../../shared/calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDateField } from '../../components/FormDateField';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { useWrite } from '../../components/useWrite';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { giftFenOf } from '../../components/gift';
import { useSession } from '../../state';
import { BAND_COLOURS, valueLabel } from '../../components/labels';
import { personKeys } from '../../components/queryKeys';
import { SelectField } from '../../components/SelectField';
import { AdlDialog, type CollectedAssessment } from '../persons';
import { UserSelect } from '../../components/UserSelect';
import { FLAG_COLOURS, label, options, VISIT_STATUS_COLOURS as STATUS_COLOURS } from '../../components/labels';
import { CARE_KEYS } from '../../components/queryKeys';
import { useSeesOthers } from '../../components/access';
import { useServerToday } from '../../components/serverToday';

interface Values {
  visitDate: string;
  visitors: string;
  method: VisitRecordFields['method'];
  reason: string;
  summary: string;
  notSeen: boolean;
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

/** A service request drafted from a need, saved with the visit. */
interface Draft {
  key: number;
  category: RequestCategory | '';
  description: string;
  assignedTo: string;
}

/** A hospital stay for the health archive, saved with the visit. */
interface Stay {
  date: string;
  endDate: string;
  institution: string;
  summary: string;
}

/** The whole form: the record itself, the planned visits it resolves, and what is saved with it. */
interface RecordValues extends Values {
  plans: string[];
  drafts: Draft[];
  stay: Stay | null;
  assessment: CollectedAssessment | null;
}

const draftSchema = z.object({ category: z.enum(REQUEST_CATEGORIES), description: z.string().trim().min(1).max(1000), assignedTo: z.string() });

/**
 * visits.record's input over the form: the record (visitRecordFieldsSchema), every drafted request
 * and the hospital stay (healthEventFieldsSchema) are checked at once, each problem where it is shown.
 */
const recordSchema = z.custom<RecordValues>().transform((v, ctx) => {
  const copy = (issues: readonly z.core.$ZodIssue[], prefix: (string | number)[], fallback?: string) => {
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: [...prefix, ...(issue.path.length > 0 ? issue.path.map((p) => (typeof p === 'number' ? p : String(p))) : fallback ? [fallback] : [])], message: issue.message });
  };
  const { plans: _plans, drafts: _drafts, stay: _stay, assessment: _assessment, ...record } = v;
  const fields = schema.safeParse(record, { error: zodIssueMessage });
  if (!fields.success) copy(fields.error.issues, []);
  const requests = v.drafts.map((d, i) => {
    const parsed = draftSchema.safeParse(d, { error: zodIssueMessage });
    if (!parsed.success) copy(parsed.error.issues, ['drafts', i]);
    return parsed.data;
  });
  let healthEvent: z.output<typeof healthEventFieldsSchema> | undefined;
  if (v.stay) {
    const { stay } = v;
    const parsed = healthEventFieldsSchema.safeParse({ kind: 'hospitalisation', date: stay.date, endDate: stay.endDate.trim() === '' ? null : stay.endDate, institution: stay.institution, summary: stay.summary }, { error: zodIssueMessage });
    if (parsed.success) healthEvent = parsed.data;
    else copy(parsed.error.issues, ['stay'], 'date');
  }
  if (!fields.success || requests.some((r) => r === undefined) || (v.stay && !healthEvent)) return z.NEVER;
  const a = v.assessment;
  return {
    plannedVisitIds: v.plans.length > 0 ? v.plans : undefined,
    fields: fields.data,
    requests: requests.flatMap((r) => (r ? [{ category: r.category, description: r.description, assignedTo: r.assignedTo || null }] : [])),
    healthEvent,
    assessment: a ? { assessedOn: a.assessedOn, items: a.items, assessor: a.assessor, note: a.note } : undefined,
  };
});
type VisitRecord = z.output<typeof recordSchema>;

const RECORD_FIELDS = ['visitDate', 'visitors', 'method', 'reason', 'summary', 'notSeen', 'findingsHealth', 'findingsLiving', 'findingsMood', 'needs', 'followUp', 'giftFen', 'giftItems'] as const;

/** The form field of a refused part of visits.record's input, when the form shows it. */
function recordFieldOf(path: string): FieldPath<RecordValues> | null {
  const field = /^fields\.(\w+)$/.exec(path)?.[1];
  if (field) return RECORD_FIELDS.find((f) => f === field) ?? null;
  const stay = /^healthEvent\.(date|endDate|institution|summary)$/.exec(path)?.[1];
  if (stay) return `stay.${stay as keyof Stay}`;
  const draft = /^requests\.(\d+)\.(category|description)$/.exec(path);
  if (draft) return `drafts.${Number(draft[1])}.${draft[2] as 'category' | 'description'}`;
  return null;
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
  const { user } = useSession();
  const seesOthers = useSeesOthers();
  const [sp] = useSearchParams();
  const person = detail.person;
  const fromPerson = sp.get('from') === 'person';
  const backTo = fromPerson ? `/persons/${person.id}?tab=care` : '/visits';
  // Visits that can be made now, the soon upcoming ones and the one the worklist row was for.
  const soon = addDays(today, 45);
  const open = detail.upcomingVisits.filter((v) => v.status !== 'upcoming' || v.dueDate <= soon || v.id === sp.get('visit'));
  const [nextKey, setNextKey] = useState(1);
  const [adlOpen, setAdlOpen] = useState(false);
  const planned = sp.get('visit');
  const { control, handleSubmit, watch, setValue, getValues, setError, clearErrors } = useForm<RecordValues, unknown, VisitRecord>({
    resolver: zodResolver(recordSchema, { error: zodIssueMessage }),
    defaultValues: {
      visitDate: today,
      visitors: user.displayName,
      method: 'home',
      reason: FROM_PLAN,
      summary: '',
      notSeen: false,
      findingsHealth: '',
      findingsLiving: '',
      findingsMood: '',
      needs: '',
      followUp: '',
      plans: planned && detail.upcomingVisits.some((v) => v.id === planned) ? [planned] : [],
      drafts: [],
      stay: null,
      assessment: null,
      giftFen: '',
      giftItems: '',
    },
  });
  const drafts = useFieldArray({ control, name: 'drafts', keyName: 'fieldKey' });
  const [needs, chosen, stay, assessment, draftValues, notSeen] = watch(['needs', 'plans', 'stay', 'assessment', 'drafts', 'notSeen']);
  const lines = needLines(needs);
  const save = useWrite({
    write: (record: VisitRecord) => request('visits.record', { personId: person.id, ...record }),
    invalidates: CARE_KEYS,
    onSuccess: (result) => {
      notify(t('record.saved', { name: person.name, resolved: result.resolved.length, requests: result.requestIds.length }));
      void navigate(backTo);
    },
    onError: (err) => applyServerIssues(err, setError, recordFieldOf),
  });

  const addDraft = (description: string) => {
    drafts.append({ key: nextKey, category: '', description, assignedTo: '' });
    setNextKey((k) => k + 1);
  };
  const submit = handleSubmit((record) => save.mutate(record));
  const saving = save.isPending;

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
                      <Checkbox checked={chosen.includes(v.id)} onChange={(e) => setValue('plans', e.target.checked ? [...getValues('plans'), v.id] : getValues('plans').filter((x) => x !== v.id))} />
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
            <FormDateField control={control} name="visitDate" label={t('record.visitDate')} required helperText={t('record.dateHelp')} placeholder="" />
            <FormTextField control={control} name="visitors" label={t('record.visitors')} helperText={t('record.visitorsHelp')} autoComplete="off" />
            <SelectField control={control} name="method" label={t('record.method')} required options={options('visitMethod', VISIT_METHODS)} />
            <SelectField
              control={control}
              name="reason"
              label={t('record.reason')}
              options={[{ value: FROM_PLAN, label: t('record.reasonFromPlan') }, ...options('visitReason', RECORD_REASONS)]}
            />
          </Box>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <FormTextField control={control} name="summary" label={t('record.summary')} required={!notSeen} helperText={t('record.summaryHelp')} sx={{ flex: '1 1 420px' }} />
            <Controller
              control={control}
              name="notSeen"
              render={({ field }) => (
                <FormControlLabel
                  sx={{ mt: 2 }}
                  control={<Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} />}
                  label={t('record.notSeen')}
                />
              )}
            />
          </Box>
          {notSeen && <Alert severity="info" sx={{ mb: 1 }}>{t('record.notSeenHelp')}</Alert>}
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
              .filter((line) => !draftValues.some((d) => d.description === line))
              .map((line) => (
                <Button key={line} variant="outlined" size="small" startIcon={<AddTaskIcon />} onClick={() => addDraft(line)}>
                  {t('record.toRequest', { need: line.length > 24 ? `${line.slice(0, 24)}…` : line })}
                </Button>
              ))}
            <Button size="small" onClick={() => addDraft('')}>
              {t('record.addRequest')}
            </Button>
          </Box>
          {drafts.fields.map((d, i) => (
            <Box key={d.fieldKey} sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: seesOthers ? '160px 1fr 220px 48px' : '160px 1fr 48px' }, columnGap: 1.5, alignItems: 'start', borderTop: 1, borderColor: 'divider' }}>
              <SelectField control={control} name={`drafts.${i}.category`} label={t('requests.category')} required options={options('requestCategory', REQUEST_CATEGORIES)} />
              <FormTextField control={control} name={`drafts.${i}.description`} label={t('requests.description')} required slotProps={{ htmlInput: { maxLength: 1000 } }} />
              {seesOthers ? (
                <Controller
                  control={control}
                  name={`drafts.${i}.assignedTo`}
                  render={({ field }) => <UserSelect label={t('requests.assignee')} value={field.value} onChange={field.onChange} emptyLabel={t('requests.unassigned')} />}
                />
              ) : null}
              <IconButton aria-label={t('record.removeRequest')} onClick={() => drafts.remove(i)} sx={{ mt: 3 }}>
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
                setValue('stay', stay ? null : { date: today, endDate: '', institution: '', summary: '' });
                clearErrors('stay');
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
                onDelete={() => setValue('assessment', null)}
              />
            ) : null}
          </Box>
          {stay ? (
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 2fr' }, columnGap: 2 }}>
              <FormDateField control={control} name="stay.date" label={t('record.stayDate')} required helperText={t('record.dateHelp')} placeholder="" />
              <FormDateField control={control} name="stay.endDate" label={t('persons.health.eventEndDate')} helperText={t('record.dateHelp')} placeholder="" />
              <FormTextField control={control} name="stay.institution" label={t('persons.health.institution')} slotProps={{ htmlInput: { maxLength: 100 } }} />
              <FormTextField control={control} name="stay.summary" label={t('persons.health.summary')} sx={{ gridColumn: '1 / -1' }} slotProps={{ htmlInput: { maxLength: 2000 } }} />
            </Box>
          ) : null}
        </Paper>

        <ErrorAlert error={unmarkedError(save.error, recordFieldOf)} sx={{ mb: 2 }} />
        <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end', mb: 4 }}>
          <Button component={RouterLink} to={backTo} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" size="large" disabled={saving}>
            {saving ? t('common.saving') : t('record.save')}
          </Button>
        </Box>
      </form>
      <AdlDialog personId={person.id} open={adlOpen} onClose={() => setAdlOpen(false)} onCollect={(a) => setValue('assessment', a)} />
    </Box>
  );
}
