/**
 * A GB/T 42195-2022 assessment: the 26 items under their four dimensions as radio groups of the
 * standard's levels, the grounds for changing the grade, a running total and grade. Saving with items
 * unanswered keeps a draft (no grade) that can be continued; all 26 answered makes it final.
 */
import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { GBT42195_DIMENSIONS, itemMax, RISK_EVENTS, RISK_EVENT_MAX_COUNT, type RiskEvent } from '../../../shared/capability/gbt42195';
import { scoreCapability, type CapabilityAnswers } from '../../../shared/capability/scoring';
import type { CapabilityAssessment, CapabilityConditionsInput } from '../../../shared/schemas/capability';
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { CARE_KEYS } from '../../components/queryKeys';
import { localToday } from '../../components/serverToday';
import { useWrite } from '../../components/useWrite';
import { request } from '../../rpc';
import { useSession } from '../../state';
import { dimensionName, GRADE_COLOURS, gradeLabel, itemName } from './common';

const NO_EVENTS = Object.fromEntries(RISK_EVENTS.map((e) => [e, 0])) as Record<RiskEvent, number>;
const NO_CONDITIONS: CapabilityConditionsInput = { coma: false, dementia: false, mentalDisorder: false, riskEvents: NO_EVENTS };

interface Props {
  personId: string;
  open: boolean;
  /** A draft to continue, or null for a new assessment. */
  draft: CapabilityAssessment | null;
  onClose: () => void;
}

export function CapabilityDialog({ personId, open, draft, onClose }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { user } = useSession();
  const [assessedOn, setAssessedOn] = useState(localToday());
  const [assessor, setAssessor] = useState(user.displayName);
  const [note, setNote] = useState('');
  const [answers, setAnswers] = useState<CapabilityAnswers>({});
  const [conditions, setConditions] = useState<CapabilityConditionsInput>(NO_CONDITIONS);

  const save = useWrite({
    write: () => request('capability.save', { personId, draftId: draft?.id ?? null, assessedOn, assessor, note, answers, conditions }),
    invalidates: CARE_KEYS,
    onSuccess: (saved) => {
      notify(saved.status === 'final' ? t('capability.dialog.savedFinal', { total: saved.total, grade: gradeLabel(saved.grade) }) : t('capability.dialog.savedDraft', { count: saved.missing }));
      onClose();
    },
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (!open) return;
    setAssessedOn(draft?.assessedOn ?? localToday());
    setAssessor(draft?.assessor ?? user.displayName);
    setNote(draft?.note ?? '');
    setAnswers((draft?.answers as CapabilityAnswers | undefined) ?? {});
    setConditions(draft ? { ...draft.conditions, riskEvents: { ...NO_EVENTS, ...draft.conditions.riskEvents } } : NO_CONDITIONS);
    resetSave();
  }, [open, draft, user.displayName]);

  const result = scoreCapability(answers, conditions);
  const runningTotal = Object.values(result.dimensions).reduce((a, b) => a + b, 0);
  const busy = save.isPending;
  const setCondition = (patch: Partial<CapabilityConditionsInput>) => setConditions((c) => ({ ...c, ...patch }));

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="md" fullWidth scroll="paper" aria-labelledby="capability-dialog-title">
      <DialogTitle id="capability-dialog-title">{t(draft ? 'capability.dialog.continueTitle' : 'capability.dialog.title')}</DialogTitle>
      <DialogContent dividers>
        <Typography color="text.secondary" sx={{ mb: 1 }}>
          {t('capability.dialog.help')}
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 2fr' }, columnGap: 2 }}>
          <DateTextField value={assessedOn} onChange={setAssessedOn} label={t('capability.fields.assessedOn')} required />
          <TextField value={assessor} onChange={(e) => setAssessor(e.target.value)} label={t('capability.fields.assessor')} required slotProps={{ htmlInput: { maxLength: 40 } }} />
          <TextField value={note} onChange={(e) => setNote(e.target.value)} label={t('capability.fields.note')} slotProps={{ htmlInput: { maxLength: 500 } }} />
        </Box>
        {GBT42195_DIMENSIONS.map((d) => {
          const max = d.items.reduce((s, i) => s + itemMax(i), 0);
          return (
            <Box key={d.key} component="section" aria-labelledby={`cap-dim-${d.key}`} sx={{ mt: 2 }}>
              <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, borderBottom: 2, borderColor: 'primary.main', pb: 0.5 }}>
                <Typography id={`cap-dim-${d.key}`} variant="h6" component="h3">
                  {d.code} {dimensionName(d)}
                </Typography>
                <Typography color="text.secondary">{t('capability.dialog.dimensionScore', { score: result.dimensions[d.key], max })}</Typography>
              </Box>
              {d.items.map((item) => {
                const labelId = `cap-item-${item.key}`;
                const value = answers[item.key as keyof CapabilityAnswers];
                return (
                  <FormControl key={item.key} component="fieldset" sx={{ display: 'block', py: 1, borderBottom: 1, borderColor: 'divider' }}>
                    <FormLabel id={labelId} component="legend" sx={{ color: 'text.primary', fontWeight: 600, '&.Mui-focused': { color: 'text.primary' } }}>
                      {item.code} {itemName(item)}
                      <Typography component="span" color="text.secondary" sx={{ fontWeight: 400 }}>
                        {t('capability.dialog.itemMax', { max: itemMax(item) })}
                      </Typography>
                    </FormLabel>
                    {item.definition ? (
                      <Typography variant="body2" color="text.secondary">
                        {item.definition}
                      </Typography>
                    ) : null}
                    <RadioGroup
                      aria-labelledby={labelId}
                      name={item.key}
                      value={value === undefined ? '' : String(value)}
                      onChange={(e) => setAnswers((a) => ({ ...a, [item.key]: Number(e.target.value) }))}
                    >
                      {item.levels.map((level) => (
                        <FormControlLabel
                          key={level.score}
                          value={String(level.score)}
                          control={<Radio size="small" sx={{ py: 0.5 }} />}
                          label={t('capability.dialog.level', { score: level.score, text: level.text })}
                          sx={{ alignItems: 'flex-start', '& .MuiFormControlLabel-label': { pt: 0.6 } }}
                        />
                      ))}
                    </RadioGroup>
                  </FormControl>
                );
              })}
            </Box>
          );
        })}
        <Box component="section" aria-labelledby="cap-conditions" sx={{ mt: 2 }}>
          <Typography id="cap-conditions" variant="h6" component="h3" sx={{ borderBottom: 2, borderColor: 'primary.main', pb: 0.5 }}>
            {t('capability.dialog.conditions')}
          </Typography>
          <Box sx={{ display: 'flex', flexDirection: 'column' }}>
            <FormControlLabel control={<Checkbox checked={conditions.coma} onChange={(e) => setCondition({ coma: e.target.checked })} />} label={t('capability.dialog.coma')} />
            <FormControlLabel control={<Checkbox checked={conditions.dementia} onChange={(e) => setCondition({ dementia: e.target.checked })} />} label={t('capability.dialog.dementia')} />
            <FormControlLabel
              control={<Checkbox checked={conditions.mentalDisorder} onChange={(e) => setCondition({ mentalDisorder: e.target.checked })} />}
              label={t('capability.dialog.mentalDisorder')}
            />
          </Box>
          <Typography sx={{ mt: 1, mb: 1, fontWeight: 600 }}>{t('capability.dialog.riskEvents')}</Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
            {RISK_EVENTS.map((e) => (
              <TextField
                key={e}
                select
                size="small"
                margin="none"
                label={t(`capability.dialog.riskEventNames.${e}`)}
                value={String(conditions.riskEvents[e])}
                onChange={(ev) => setCondition({ riskEvents: { ...conditions.riskEvents, [e]: Number(ev.target.value) } })}
                sx={{ minWidth: 130 }}
              >
                {Array.from({ length: RISK_EVENT_MAX_COUNT + 1 }, (_, n) => (
                  <MenuItem key={n} value={String(n)}>
                    {t(`capability.dialog.riskCount.${n}`)}
                  </MenuItem>
                ))}
              </TextField>
            ))}
          </Box>
        </Box>
        <ErrorAlert error={save.error} sx={{ mt: 2 }} />
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 1.5, gap: 1, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }} aria-live="polite" data-testid="capability-live">
          <Typography sx={{ fontSize: '1.35rem', fontWeight: 700 }}>{t('capability.dialog.live', { total: runningTotal })}</Typography>
          {result.grade ? (
            <Chip color={GRADE_COLOURS[result.grade]} label={gradeLabel(result.grade)} />
          ) : (
            <Typography color="text.secondary">{t('capability.dialog.remaining', { count: result.missing.length })}</Typography>
          )}
        </Box>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => save.mutate()} disabled={busy}>
          {t(result.complete ? 'capability.dialog.saveFinal' : 'capability.dialog.saveDraft')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

