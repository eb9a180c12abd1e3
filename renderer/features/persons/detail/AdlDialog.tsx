/**
 * A new Barthel assessment: the ten items as radio groups with the scores each allows, a running
 * total with its band, and saving only once every item is chosen.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { adlBand, allowedScores, BARTHEL_ITEMS, type BarthelItem, type BarthelScores } from '../../../../shared/barthel';
import { dateSchema } from '../../../../shared/schemas/persons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useNotify } from '../../../components/Notifier';
import { fieldMessage } from '../../../i18n';
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
export function AdlDialog({ personId, open, onClose, onCollect }: { personId: string; open: boolean; onClose: () => void; onCollect?: (assessment: CollectedAssessment) => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [scores, setScores] = useState<Chosen>({});
  const [date, setDate] = useState('');
  const [assessor, setAssessor] = useState('');
  const [note, setNote] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setScores({});
    setDate(dayjs().format('YYYY-MM-DD'));
    setAssessor(user.displayName);
    setNote('');
    setDateError(null);
    setError(null);
  }, [open, user.displayName]);

  const chosen = BARTHEL_ITEMS.filter((i) => scores[i.key] !== undefined).length;
  const remaining = BARTHEL_ITEMS.length - chosen;
  const total = BARTHEL_ITEMS.reduce((sum, i) => sum + (scores[i.key] ?? 0), 0);
  const band = adlBand(total);

  const save = async () => {
    const parsedDate = dateSchema.safeParse(date);
    if (!parsedDate.success) {
      setDateError(fieldMessage('date.format') ?? null);
      return;
    }
    if (remaining > 0) return;
    if (onCollect) {
      onCollect({ assessedOn: parsedDate.data, items: scores as BarthelScores, assessor, note, total });
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await request('health.addAssessment', { personId, assessedOn: parsedDate.data, items: scores as BarthelScores, assessor, note });
      notify(t('persons.adl.saved', { total: saved.total, band: valueLabel('adlBand', adlBand(saved.total)) }));
      await queryClient.invalidateQueries({ queryKey: personKeys.all });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="md" fullWidth scroll="paper" aria-labelledby="adl-dialog-title">
      <DialogTitle id="adl-dialog-title">{t('persons.adl.dialogTitle')}</DialogTitle>
      <DialogContent dividers>
        <Typography color="text.secondary">{t('persons.adl.help')}</Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 2fr' }, columnGap: 2 }}>
          <TextField
            label={t('persons.health.adlDate')}
            value={date}
            required
            onChange={(e) => {
              setDate(e.target.value);
              setDateError(null);
            }}
            error={dateError !== null}
            helperText={dateError ?? t('persons.form.dateHelp')}
            autoComplete="off"
          />
          <TextField label={t('persons.health.assessor')} value={assessor} onChange={(e) => setAssessor(e.target.value)} slotProps={{ htmlInput: { maxLength: 40 } }} />
          <TextField label={t('persons.health.note')} value={note} onChange={(e) => setNote(e.target.value)} slotProps={{ htmlInput: { maxLength: 500 } }} />
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
                onChange={(e) => setScores((s) => ({ ...s, [item.key]: Number(e.target.value) }))}
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
        <ErrorAlert error={error} sx={{ mt: 1 }} />
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
        <Button variant="contained" onClick={() => void save()} disabled={busy || remaining > 0}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
