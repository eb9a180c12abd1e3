import { useRef, useState } from 'react';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import PersonIcon from '@mui/icons-material/Person';
import { useController, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '../../../i18n';
import type { PersonFields } from '../../../../shared/schemas/persons';
import type { PersonFormValues } from './personForm';

/** The longest side of a stored photo, in pixels. */
const MAX_SIDE = 300;
/** The schema's limit on the data URL is 400 000 characters; stay well below it. */
const MAX_LENGTH = 300_000;

function loadImage(file: File): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('unreadable image'));
    };
    image.src = url;
  });
}

/** A photo made small in the page: at most 300 px on its longest side, as JPEG. */
export async function shrinkPhoto(file: File): Promise<string> {
  const image = await loadImage(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  // JPEG has no transparency: a transparent PNG gets a white background, not a black one.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.85, 0.7, 0.5]) {
    const url = canvas.toDataURL('image/jpeg', quality);
    if (url.length <= MAX_LENGTH) return url;
  }
  throw new Error('photo too large');
}

export function PhotoField({ control, alt }: { control: Control<PersonFormValues, unknown, PersonFields>; alt: string }) {
  const { t } = useTranslation();
  const { field, fieldState } = useController({ control, name: 'photo' });
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const photo = field.value;
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    try {
      field.onChange(await shrinkPhoto(file));
    } catch {
      setProblem(t('persons.form.photoUnreadable'));
    }
  };
  const message = problem ?? (fieldState.error ? fieldMessage(fieldState.error.message) : null);
  return (
    <Box sx={{ display: 'flex', flexDirection: { xs: 'row', md: 'column' }, gap: 1.5, alignItems: { xs: 'center', md: 'stretch' }, mt: 2 }}>
      <Avatar src={photo ?? undefined} alt={alt} variant="rounded" sx={{ width: { xs: 96, md: '100%' }, height: { xs: 120, md: 190 }, bgcolor: 'grey.200', color: 'grey.500' }}>
        <PersonIcon sx={{ fontSize: 64 }} />
      </Avatar>
      <Box>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <Button variant="outlined" size="small" onClick={() => input.current?.click()}>
            {photo ? t('persons.form.photoChange') : t('persons.form.photoChoose')}
          </Button>
          {photo ? (
            <Button size="small" color="inherit" onClick={() => field.onChange(null)}>
              {t('persons.form.photoRemove')}
            </Button>
          ) : null}
        </Box>
        <Typography variant="body2" color={message ? 'error' : 'text.secondary'} sx={{ mt: 1 }} role={message ? 'alert' : undefined}>
          {message ?? t('persons.form.photoHelp')}
        </Typography>
        <input
          ref={input}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          hidden
          aria-label={t('persons.fields.photo')}
          onChange={(e) => {
            void choose(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </Box>
    </Box>
  );
}
