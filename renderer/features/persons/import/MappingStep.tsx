import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldLabel, REQUIRED_FIELDS, type Mapping, type Parsed, type RosterField } from './roster';

const NONE = 'none';

/** The first few non-empty values of a column, to recognise what it holds. */
function samples(parsed: Parsed, column: number | null): string {
  if (column === null) return '';
  const values = parsed.sampleRows.map((r) => (r.cells[column] ?? '').trim()).filter((v) => v !== '');
  return values.slice(0, 3).join('、');
}

/** Step 2: which column of the file holds each item, prefilled from the headers. */
export function MappingStep({
  parsed,
  mapping,
  onChange,
  onBack,
  onCheck,
  busy,
  error,
}: {
  parsed: Parsed;
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
  onBack: () => void;
  onCheck: () => void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const fields = Object.keys(mapping) as RosterField[];
  const used = new Set(Object.values(mapping).filter((v): v is number => v !== null));
  const unused = parsed.headers.map((h, i) => ({ h, i })).filter(({ h, i }) => !used.has(i) && h.trim() !== '');
  const missing = REQUIRED_FIELDS.filter((f) => mapping[f as RosterField] === null || mapping[f as RosterField] === undefined);

  return (
    <Box>
      <Typography sx={{ mb: 0.5 }}>{t('persons.import.fileInfo', { file: parsed.fileName, sheet: parsed.sheetName, rows: parsed.rowCount })}</Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('persons.import.mappingIntro')}
      </Typography>
      <Table size="small" aria-label={t('persons.import.steps.mapping')} sx={{ maxWidth: 1000 }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 180 }}>{t('persons.import.fieldCol')}</TableCell>
            <TableCell sx={{ width: 300 }}>{t('persons.import.columnCol')}</TableCell>
            <TableCell>{t('persons.import.sampleCol')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {fields.map((field) => {
            const column = mapping[field] ?? null;
            const required = REQUIRED_FIELDS.includes(field);
            const label = fieldLabel(field);
            return (
              <TableRow key={field}>
                <TableCell>
                  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                    <Typography sx={{ fontWeight: required ? 600 : 400 }}>{label}</Typography>
                    {required ? <Chip size="small" color="primary" variant="outlined" label={t('persons.import.required')} /> : null}
                  </Box>
                </TableCell>
                <TableCell>
                  <TextField
                    select
                    size="small"
                    margin="dense"
                    value={column === null ? NONE : String(column)}
                    onChange={(e) => onChange({ ...mapping, [field]: e.target.value === NONE ? null : Number(e.target.value) })}
                    error={required && column === null}
                    slotProps={{ htmlInput: { 'aria-label': label } }}
                  >
                    <MenuItem value={NONE}>
                      <em>{t('persons.import.notImported')}</em>
                    </MenuItem>
                    {parsed.headers.map((header, index) => (
                      <MenuItem key={index} value={String(index)}>
                        {t('persons.import.columnOption', { n: index + 1, header: header || t('common.empty') })}
                      </MenuItem>
                    ))}
                  </TextField>
                </TableCell>
                <TableCell sx={{ color: 'text.secondary', maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {samples(parsed, column)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {unused.length > 0 ? (
        <Typography color="text.secondary" sx={{ mt: 2 }}>
          {t('persons.import.unusedColumns', { columns: unused.map(({ h }) => h).join('、') })}
        </Typography>
      ) : null}
      {missing.length > 0 ? (
        <Alert severity="error" sx={{ mt: 2 }}>
          {t('persons.import.missingRequired', { fields: missing.map(fieldLabel).join('、') })}
        </Alert>
      ) : null}
      <ErrorAlert error={error} sx={{ mt: 2 }} />
      <Box sx={{ display: 'flex', gap: 1, mt: 3 }}>
        <Button onClick={onBack} disabled={busy}>
          {t('persons.import.chooseAnother')}
        </Button>
        <Button variant="contained" onClick={onCheck} disabled={busy || missing.length > 0}>
          {t('persons.import.check')}
        </Button>
      </Box>
    </Box>
  );
}
