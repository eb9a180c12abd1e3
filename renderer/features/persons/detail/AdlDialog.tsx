/**
 * A new Barthel assessment: the ten items as radio groups with the scores each allows, a running
 * total with its band, and saving only once every item is chosen.
 */
import { useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import { FormDialog } from '../../../components/FormDialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { adlBand, allowedScores, BARTHEL_ITEMS, type BarthelItem, type BarthelScores } from '../../../../shared/barthel';
import { dateSchema } from '../../../../shared/schemas/persons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormDateField } from '../../../components/FormDateField';
import { FormTextField } from '../../../components/FormTextField';
import { useNotify } from '../../../components/Notifier';
import { localToday } from '../../../components/serverToday';
import { useWrite } from '../../../components/useWrite';
import { zodIssueMessage } from '../../../i18n';
import { request } from '../../../rpc';
import { useSession } from '../../../state';
import { BAND_COLOURS, valueLabel } from '../../../components/labels';
import { personKeys } from '../../../components/queryKeys';

type Chosen = Partial<Record<BarthelItem, number>>;

/** An assessment filled in but not saved: the visit form sends it with the visit record. */
export interface CollectedAssessment {
  assessedOn: string;
  items: BarthelScores;
  assessor: string;
  note: string;
  total: number;
}

/**
 * Saves the assessment (health.addAssessment); with `onCollect`, hands it to the caller instead, who
 * saves it together with something else (a visit record).
 */
/** The assessment as the form holds it: the items chosen so far, the day, who assessed, a note. */
interface AdlValues {
  assessedOn: string;
  assessor: string;
  note: string;
  scores: Chosen;
}

/** health.addAssessment's fields other than the person; the items are complete once every one is chosen (the save button waits for that). */
const adlFormSchema = z.object({
  assessedOn: dateSchema,
  assessor: z.string().trim().max(40),
  note: z.string().trim().max(500),
  scores: z.custom<Chosen>().transform((chosen) => chosen as BarthelScores),
});
type Assessment = z.output<typeof adlFormSchema>;

export function AdlDialog({ personId, open, onClose, onCollect }: { personId: string; open: boolean; onClose: () => void; onCollect?: (assessment: CollectedAssessment) => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { user } = useSession();
  const blank = (): AdlValues => ({ assessedOn: localToday(), assessor: user.displayName, note: '', scores: {} });
  const { control, handleSubmit, reset, setValue } = useForm<AdlValues, unknown, Assessment>({
    resolver: zodResolver(adlFormSchema as unknown as z.ZodType<Assessment, AdlValues>, { error: zodIssueMessage }),
    defaultValues: blank(),
  });
  const scores = useWatch({ control, name: 'scores' });
  const save = useWrite({
    write: ({ assessedOn, scores: items, assessor, note }: Assessment) => request('health.addAssessment', { personId, assessedOn, items, assessor, note }),
    invalidates: [personKeys.all],
    onSuccess: (saved) => {
      notify(t('persons.adl.saved', { total: saved.total, band: valueLabel('adlBand', adlBand(saved.total)) }));
      onClose();
    },
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (!open) return;
    reset(blank());
    resetSave();
  }, [open, user.displayName]);

  const chosen = BARTHEL_ITEMS.filter((i) => scores[i.key] !== undefined).length;
  const remaining = BARTHEL_ITEMS.length - chosen;
  const total = BARTHEL_ITEMS.reduce((sum, i) => sum + (scores[i.key] ?? 0), 0);
  const band = adlBand(total);
  const busy = save.isPending;

  const submit = handleSubmit((a) => {
    if (remaining > 0) return;
    if (onCollect) {
      onCollect({ assessedOn: a.assessedOn, items: a.scores, assessor: a.assessor, note: a.note, total });
      onClose();
      return;
    }
    save.mutate(a);
  });

  return (
    <FormDialog control={control} open={open} onClose={busy ? undefined : onClose} maxWidth="md" fullWidth scroll="paper" aria-labelledby="adl-dialog-title">
      <DialogTitle id="adl-dialog-title">{t('persons.adl.dialogTitle')}</DialogTitle>
      <DialogContent dividers>
        <Typography color="text.secondary">{t('persons.adl.help')}</Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 2fr' }, columnGap: 2 }}>
          <FormDateField control={control} name="assessedOn" label={t('persons.health.adlDate')} required helperText={t('persons.form.dateHelp')} />
          <FormTextField control={control} name="assessor" label={t('persons.health.assessor')} slotProps={{ htmlInput: { maxLength: 40 } }} />
          <FormTextField control={control} name="note" label={t('persons.health.note')} slotProps={{ htmlInput: { maxLength: 500 } }} />
        </Box>
        {BARTHEL_ITEMS.map((item, index) => {
          const labelId = `adl-item-${item.key}`;
          return (
            <FormControl
              key={item.key}
              component="fieldset"
              sx={{ display: 'block', py: 1.25, borderTop: 1, borderColor: 'divider', ...(index === 0 ? { mt: 1 } : {}) }}
            >
              <FormLabel id={labelId} component="legend" sx={{ color: 'text.primary', fontWeight: 600, '&.Mui-focused': { color: 'text.primary' } }}>
                {index + 1}. {t(`persons.adl.items.${item.key}.name`)}
                <Typography component="span" color="text.secondary" sx={{ fontWeight: 400 }}>
                  {t('persons.adl.maxScore', { max: item.max })}
                </Typography>
              </FormLabel>
              <RadioGroup
                row
                aria-labelledby={labelId}
                name={item.key}
                value={scores[item.key] === undefined ? '' : String(scores[item.key])}
                onChange={(e) => setValue('scores', { ...scores, [item.key]: Number(e.target.value) })}
              >
                {allowedScores(item.key)
                  .reverse()
                  .map((score) => (
                    <FormControlLabel
                      key={score}
                      value={String(score)}
                      control={<Radio size="small" />}
                      label={t('persons.adl.option', { score, text: t(`persons.adl.items.${item.key}.s${score}`) })}
                      sx={{ mr: 3 }}
                    />
                  ))}
              </RadioGroup>
            </FormControl>
          );
        })}
        <ErrorAlert error={save.error} sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 1.5, gap: 1, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }} aria-live="polite" data-testid="adl-live-total">
          <Typography sx={{ fontSize: '1.35rem', fontWeight: 700 }}>{t('persons.adl.total', { total })}</Typography>
          {remaining === 0 ? (
            <Chip color={BAND_COLOURS[band]} label={valueLabel('adlBand', band)} />
          ) : (
            <Typography color="text.secondary">{t('persons.adl.remaining', { count: remaining })}</Typography>
          )}
        </Box>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy || remaining > 0}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </FormDialog>
  );
}
