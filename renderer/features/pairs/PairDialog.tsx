/**
 * The form of a pair: the person helped (new pairs only), who helps — a staff member (chosen from
 * the office's users or typed), a volunteer, a unit, or a retired official from the registry — what
 * kinds of help, how often they keep in touch and since when. Main checks everything again and its
 * answers are shown at the field concerned.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useTranslation } from 'react-i18next';
import { HELP_KINDS, HELPER_KINDS, PAIR_FREQUENCIES, pairFieldsSchema, type HelpKind, type HelperKind, type PairFrequency, type PairSummary } from '../../../shared/schemas/pairs';
import { DateTextField } from '../../components/DateTextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { serverIssues } from '../../components/serverIssues';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { useContactUsers } from '../../components/lookups';
import { invalidatePairs, pairLabel, problemsOf } from './common';

const FIELDS = ['helperPersonId', 'helperName', 'helperPhone', 'helpKinds', 'frequency', 'fromDate', 'notes'] as const;
type Problems = Partial<Record<'person' | (typeof FIELDS)[number], string>>;

/** The messages for fields this form shows; others (none expected) fall through to the alert. */
function pick(all: Record<string, string>): Problems {
  const out: Problems = {};
  for (const f of FIELDS) if (all[f] !== undefined) out[f] = all[f];
  return out;
}

interface State {
  helperKind: HelperKind;
  helper: PickedPerson | null;
  helperName: string;
  helperPhone: string;
  helpKinds: HelpKind[];
  frequency: PairFrequency | '';
  fromDate: string;
  notes: string;
}

function initial(existing: PairSummary | null | undefined, today: string): State {
  if (!existing) return { helperKind: 'volunteer', helper: null, helperName: '', helperPhone: '', helpKinds: [], frequency: '', fromDate: today, notes: '' };
  return {
    helperKind: existing.helperKind,
    helper: existing.helperPersonId ? { id: existing.helperPersonId, name: existing.helperName, address: '' } : null,
    helperName: existing.helperName,
    helperPhone: existing.helperPhone,
    helpKinds: existing.helpKinds,
    frequency: existing.frequency,
    fromDate: existing.fromDate,
    notes: existing.notes,
  };
}

export function PairDialog({
  open,
  existing,
  person,
  today,
  onClose,
  onCreated,
}: {
  open: boolean;
  existing?: PairSummary | null;
  /** The person helped of a new pair (from their page); left out, the dialog asks. */
  person?: PickedPerson | null;
  today: string;
  onClose: () => void;
  onCreated?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const users = useContactUsers();
  const [helped, setHelped] = useState<PickedPerson | null>(null);
  const [s, setS] = useState<State>(() => initial(existing, today));
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setS(initial(existing, today));
    setHelped(person ?? null);
    setProblems({});
    setError(null);
  }, [open, existing, person, today]);

  const change = <K extends keyof State>(key: K, value: State[K]) => {
    setS((prev) => ({ ...prev, [key]: value }));
    const field = key === 'helper' ? 'helperPersonId' : key;
    setProblems((prev) => ({ ...prev, [field]: undefined }));
  };
  const staffNames = (users.data ?? []).filter((u) => !u.disabled && u.role !== 'viewer');
  const target = existing ? { id: existing.personId, name: existing.personName, address: '' } : helped;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const fields = {
      helperKind: s.helperKind,
      helperPersonId: s.helperKind === 'retiree' ? (s.helper?.id ?? null) : null,
      helperName: s.helperKind === 'retiree' ? '' : s.helperName,
      helperPhone: s.helperPhone.trim(),
      helpKinds: s.helpKinds,
      frequency: s.frequency,
      fromDate: s.fromDate,
      notes: s.notes,
    };
    // Everything the form can check is checked here at once, so all problems show at the first save.
    const parsed = pairFieldsSchema.safeParse(fields, { error: zodIssueMessage });
    const local: Problems = parsed.success ? {} : pick(problemsOf(parsed.error.issues));
    if (!target) local.person = fieldMessage('choose');
    if (s.frequency === '') local.frequency = fieldMessage('choose');
    if (!parsed.success || Object.keys(local).length > 0) {
      setProblems(local);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (existing) {
        const { changed } = await request('pairs.update', { id: existing.id, ...parsed.data });
        notify(changed ? t('pairs.updated') : t('persons.form.unchanged'), changed ? 'success' : 'info');
      } else if (target) {
        const { id } = await request('pairs.create', { personId: target.id, ...parsed.data });
        notify(t('pairs.created', { name: target.name }));
        onCreated?.(id);
      }
      await invalidatePairs(queryClient);
      onClose();
    } catch (err) {
      const found = pick(problemsOf(serverIssues(err).map((i) => ({ path: i.path.split('.'), message: i.message }))));
      setProblems(found);
      setError(Object.keys(found).length > 0 ? null : err);
    } finally {
      setBusy(false);
    }
  };

  const row = { display: 'flex', gap: 2, '& > *': { flex: 1 } } as const;
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="pair-dialog-title">
      <form noValidate onSubmit={(e) => void save(e)}>
        <DialogTitle id="pair-dialog-title">{existing ? t('pairs.editTitle', { name: existing.personName }) : t('pairs.createTitle')}</DialogTitle>
        <DialogContent>
          {!existing && !person ? (
            <PersonPicker
              value={helped}
              onChange={(p) => {
                setHelped(p);
                setProblems((prev) => ({ ...prev, person: undefined }));
              }}
              label={t('pairs.fields.person')}
              error={problems.person !== undefined}
              helperText={problems.person}
              autoFocus
            />
          ) : (
            <TextField label={t('pairs.fields.person')} value={target?.name ?? ''} disabled />
          )}
          <FormControl sx={{ mt: 2, mb: 1 }} fullWidth>
            <FormLabel id="helper-kind-label" sx={{ mb: 0.5 }}>
              {t('pairs.fields.helperKind')}
            </FormLabel>
            <ToggleButtonGroup
              exclusive
              size="small"
              color="primary"
              value={s.helperKind}
              onChange={(_e, v: HelperKind | null) => {
                if (v) change('helperKind', v);
              }}
              aria-labelledby="helper-kind-label"
            >
              {HELPER_KINDS.map((k) => (
                <ToggleButton key={k} value={k} sx={{ px: 2 }}>
                  {pairLabel('helperKinds', k)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </FormControl>
          {s.helperKind === 'retiree' ? (
            <PersonPicker
              value={s.helper}
              onChange={(p) => change('helper', p)}
              label={t('pairs.helperLabels.retiree')}
              excludeIds={target ? [target.id] : []}
              error={problems.helperPersonId !== undefined}
              helperText={problems.helperPersonId ?? t('pairs.help.retiree')}
            />
          ) : s.helperKind === 'staff' ? (
            <Autocomplete
              freeSolo
              options={staffNames.map((u) => u.displayName)}
              inputValue={s.helperName}
              onInputChange={(_e, v) => {
                change('helperName', v);
                const user = staffNames.find((u) => u.displayName === v);
                if (user?.phone && s.helperPhone === '') change('helperPhone', user.phone);
              }}
              renderInput={(params) => (
                <TextField {...params} required label={t('pairs.helperLabels.staff')} error={problems.helperName !== undefined} helperText={problems.helperName ?? t('pairs.help.staff')} />
              )}
            />
          ) : (
            <TextField
              required
              label={t(`pairs.helperLabels.${s.helperKind}`)}
              value={s.helperName}
              onChange={(e) => change('helperName', e.target.value)}
              error={problems.helperName !== undefined}
              helperText={problems.helperName ?? t(`pairs.help.${s.helperKind}`)}
              slotProps={{ htmlInput: { maxLength: 100 } }}
            />
          )}
          <TextField
            label={t('pairs.fields.helperPhone')}
            value={s.helperPhone}
            onChange={(e) => change('helperPhone', e.target.value)}
            error={problems.helperPhone !== undefined}
            helperText={problems.helperPhone ?? (s.helperKind === 'retiree' ? t('pairs.help.retireePhone') : t('pairs.help.phone'))}
            inputMode="tel"
            autoComplete="off"
          />
          <FormControl error={problems.helpKinds !== undefined} component="fieldset" sx={{ mt: 1 }} required>
            <FormLabel component="legend">{t('pairs.fields.helpKinds')}</FormLabel>
            <FormGroup row>
              {HELP_KINDS.map((k) => (
                <FormControlLabel
                  key={k}
                  control={
                    <Checkbox
                      checked={s.helpKinds.includes(k)}
                      onChange={(e) => change('helpKinds', e.target.checked ? HELP_KINDS.filter((x) => x === k || s.helpKinds.includes(x)) : s.helpKinds.filter((x) => x !== k))}
                    />
                  }
                  label={pairLabel('helpKinds', k)}
                />
              ))}
            </FormGroup>
            {problems.helpKinds ? <FormHelperText>{problems.helpKinds}</FormHelperText> : null}
          </FormControl>
          <Box sx={row}>
            <TextField
              select
              required
              label={t('pairs.fields.frequency')}
              value={s.frequency}
              onChange={(e) => change('frequency', e.target.value as PairFrequency)}
              error={problems.frequency !== undefined}
              helperText={problems.frequency ?? t('pairs.help.frequency')}
            >
              {PAIR_FREQUENCIES.map((f) => (
                <MenuItem key={f} value={f}>
                  {pairLabel('frequencies', f)}
                </MenuItem>
              ))}
            </TextField>
            <DateTextField
              required
              label={t('pairs.fields.fromDate')}
              value={s.fromDate}
              onChange={(v) => change('fromDate', v)}
              error={problems.fromDate !== undefined}
              helperText={problems.fromDate}
            />
          </Box>
          <TextField
            label={t('pairs.fields.notes')}
            value={s.notes}
            onChange={(e) => change('notes', e.target.value)}
            multiline
            minRows={2}
            helperText={problems.notes ?? t('pairs.help.notes')}
            error={problems.notes !== undefined}
            slotProps={{ htmlInput: { maxLength: 1000 } }}
          />
          <ErrorAlert error={error} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
