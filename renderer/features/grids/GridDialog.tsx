/**
 * A new grid or changes to one: its name, the area it covers, the workers and the address prefixes
 * that place persons in it (a person whose address starts with one belongs to the grid).
 */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Autocomplete from '@mui/material/Autocomplete';
import Chip from '@mui/material/Chip';
import { FormDialog } from '../../components/FormDialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { gridFieldsSchema, type Grid, type GridFields } from '../../../shared/schemas/grids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { applyServerIssues, unmarkedError } from '../../components/serverIssues';
import { fieldMessage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { CARE_KEYS } from '../../components/queryKeys';
import { useWrite } from '../../components/useWrite';
import { useContactUsers } from '../../components/lookups';
import { responsibleUsers } from '../../components/UserSelect';
import { SaveCancelActions } from '../../components/SaveCancelActions';

interface Values {
  name: string;
  description: string;
  workerIds: string[];
  places: string[];
}

function valuesOf(grid: Grid | null): Values {
  if (!grid) return { name: '', description: '', workerIds: [], places: [] };
  return { name: grid.name, description: grid.description, workerIds: grid.workers.map((w) => w.userId), places: [...grid.places] };
}

export function GridDialog({ open, grid, onClose }: { open: boolean; grid: Grid | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const users = useContactUsers();
  // A place being typed, added to the list with Enter (or when saving).
  const [placeText, setPlaceText] = useState('');
  const { control, handleSubmit, reset, setError, getValues, setValue } = useForm<Values, unknown, GridFields>({
    resolver: zodResolver(gridFieldsSchema as unknown as z.ZodType<GridFields, Values>, { error: zodIssueMessage }),
    defaultValues: valuesOf(grid),
  });
  const fieldOf = (path: string) => {
    if (path === 'name' || path === 'fields.name') return 'name';
    if (/(^|\.)workerIds/.test(path)) return 'workerIds';
    if (/(^|\.)places/.test(path)) return 'places';
    return null;
  };
  const save = useWrite({
    write: async (fields: GridFields) => {
      if (grid) {
        await request('grids.update', { id: grid.id, fields });
        return null;
      }
      return request('grids.create', fields);
    },
    invalidates: CARE_KEYS,
    onSuccess: (created, fields) => {
      notify(created ? t('grids.created', { name: created.name, count: created.personCount }) : t('grids.saved', { name: fields.name }));
      onClose();
      if (created) void navigate(`/grids/${created.id}`);
    },
    onError: (err) => applyServerIssues(err, setError, fieldOf),
  });
  const { reset: resetSave } = save;

  useEffect(() => {
    if (open) {
      reset(valuesOf(grid));
      resetSave();
      setPlaceText('');
    }
  }, [open, grid, reset, resetSave]);

  // Workers: whoever can be responsible for persons, and anyone already in the grid.
  const choices = responsibleUsers(users.data);
  const nameOf = (id: string) => (users.data ?? []).find((u) => u.id === id)?.displayName ?? grid?.workers.find((w) => w.userId === id)?.name ?? id;

  /** A place typed but not yet confirmed with Enter still counts when saving. */
  const commitPlace = () => {
    const text = placeText.trim();
    if (text === '') return;
    const places = getValues('places');
    if (!places.includes(text)) setValue('places', [...places, text], { shouldDirty: true });
    setPlaceText('');
  };

  const submit = handleSubmit((fields) => save.mutate(fields));

  return (
    <FormDialog control={control} open={open} onClose={save.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="grid-dialog-title">
      <form
        noValidate
        onSubmit={(e) => {
          commitPlace();
          void submit(e);
        }}
      >
        <DialogTitle id="grid-dialog-title">{grid ? t('grids.editTitle', { name: grid.name }) : t('grids.createTitle')}</DialogTitle>
        <DialogContent>
          <FormTextField control={control} name="name" label={t('grids.name')} required helperText={t('grids.nameHelp')} autoComplete="off" autoFocus />
          <FormTextField control={control} name="description" label={t('grids.description')} helperText={t('grids.descriptionHelp')} multiline minRows={2} />
          <Controller
            control={control}
            name="workerIds"
            render={({ field, fieldState }) => (
              <Autocomplete
                multiple
                options={choices.map((u) => u.id).concat(field.value.filter((id) => !choices.some((u) => u.id === id)))}
                value={field.value}
                onChange={(_e, next) => field.onChange(next)}
                getOptionLabel={nameOf}
                renderOption={(props, id) => {
                  const u = choices.find((c) => c.id === id);
                  return (
                    <li {...props} key={id}>
                      {u ? `${u.displayName} · ${t(`role.${u.role}`)}${u.phone ? ` · ${u.phone}` : ''}` : nameOf(id)}
                    </li>
                  );
                }}
                renderValue={(ids, getItemProps) => ids.map((id, index) => <Chip {...getItemProps({ index })} key={id} label={nameOf(id)} size="small" />)}
                renderInput={(params) => (
                  <TextField
                    {...params}
                    label={t('grids.workers')}
                    name="workerIds"
                    inputRef={field.ref}
                    error={fieldState.error !== undefined}
                    helperText={fieldState.error ? fieldMessage(fieldState.error.message) : t('grids.workersHelp')}
                  />
                )}
              />
            )}
          />
          <Controller
            control={control}
            name="places"
            render={({ field, fieldState }) => (
              <Autocomplete
                multiple
                freeSolo
                options={[] as string[]}
                value={field.value}
                inputValue={placeText}
                onInputChange={(_e, next, reason) => {
                  if (reason !== 'reset') setPlaceText(next);
                }}
                onChange={(_e, next) => {
                  field.onChange([...new Set(next.map((p) => p.trim()).filter((p) => p !== ''))]);
                  setPlaceText('');
                }}
                renderValue={(values, getItemProps) => values.map((p, index) => <Chip {...getItemProps({ index })} key={p} label={p} size="small" />)}
                renderInput={(params) => (
                  <TextField
                    {...params}
                    label={t('grids.places')}
                    name="places"
                    inputRef={field.ref}
                    onBlur={commitPlace}
                    error={fieldState.error !== undefined}
                    helperText={fieldState.error ? fieldMessage(fieldState.error.message) : t('grids.placesHelp')}
                  />
                )}
              />
            )}
          />
          <ErrorAlert error={unmarkedError(save.error, fieldOf)} sx={{ mt: 1 }} />
        </DialogContent>
        <SaveCancelActions onCancel={onClose} busy={save.isPending} />
      </form>
    </FormDialog>
  );
}
