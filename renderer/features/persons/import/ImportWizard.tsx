/**
 * 导入花名册 (/persons/import): choose a file → match its columns → check → import, with the
 * problems of every cell shown before anything is written, and importing only the valid rows as an
 * explicit choice.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { useTask } from '../../../components/useTask';
import { useWrite } from '../../../components/useWrite';
import { request } from '../../../rpc';
import { listPath } from '../common';
import { PERSON_WRITES } from '../../../components/queryKeys';
import { FileStep } from './FileStep';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { ResultStep } from './ResultStep';
import type { CommitResult, Mapping, Parsed, Preview } from './roster';

type State =
  | { step: 'file' }
  | { step: 'mapping'; parsed: Parsed; mapping: Mapping }
  | { step: 'preview'; parsed: Parsed; mapping: Mapping; preview: Preview; createGrids: boolean }
  | { step: 'result'; result: CommitResult };

const STEPS = ['file', 'mapping', 'preview', 'result'] as const;

export function ImportWizard() {
  const { t } = useTranslation();
  const task = useTask();
  const [state, setState] = useState<State>({ step: 'file' });
  const check = useWrite({
    write: ({ parsed, mapping, createGrids }: { parsed: Parsed; mapping: Mapping; createGrids: boolean }) =>
      request('roster.preview', { sessionId: parsed.sessionId, mapping, createGrids }),
    onSuccess: (preview, { parsed, mapping, createGrids }) => go({ step: 'preview', parsed, mapping, preview, createGrids }),
  });
  // The import runs as a task, with its progress dialog; a refusal comes back as its answer.
  const commit = useWrite({
    write: ({ parsed, mapping, skipInvalid, createGrids }: { parsed: Parsed; mapping: Mapping; skipInvalid: boolean; createGrids: boolean }) =>
      task.request('roster.commit', { sessionId: parsed.sessionId, mapping, skipInvalid, createGrids }),
    invalidates: PERSON_WRITES,
    onSuccess: (result) => go({ step: 'result', result }),
  });
  const { reset: resetCheck } = check;
  const { reset: resetCommit } = commit;

  const go = (next: State) => {
    resetCheck();
    resetCommit();
    setState(next);
  };
  const busy = check.isPending;
  const error = check.error ?? commit.error;

  const active = STEPS.indexOf(state.step);
  return (
    <Box sx={{ maxWidth: 1200 }}>
      <Button component={RouterLink} to={listPath()} startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {t('persons.actions.backToList')}
      </Button>
      <PageHeader title={t('persons.import.title')} intro={t('persons.import.intro')} />
      <Stepper activeStep={state.step === 'result' ? STEPS.length : active} sx={{ mb: 3, maxWidth: 800 }}>
        {STEPS.map((s) => (
          <Step key={s}>
            <StepLabel>{t(`persons.import.steps.${s}`)}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
        {state.step === 'file' ? <FileStep task={task} onParsed={(parsed) => go({ step: 'mapping', parsed, mapping: parsed.mapping })} /> : null}
        {state.step === 'mapping' ? (
          <MappingStep
            parsed={state.parsed}
            mapping={state.mapping}
            onChange={(mapping) => setState({ ...state, mapping })}
            onBack={() => go({ step: 'file' })}
            onCheck={() => check.mutate({ parsed: state.parsed, mapping: state.mapping, createGrids: false })}
            busy={busy}
            error={error}
          />
        ) : null}
        {state.step === 'preview' ? (
          <PreviewStep
            preview={state.preview}
            createGrids={state.createGrids}
            // The counts and problems follow the choice: the file is checked again with it.
            onCreateGrids={(createGrids) => check.mutate({ parsed: state.parsed, mapping: state.mapping, createGrids })}
            onBack={() => go({ step: 'mapping', parsed: state.parsed, mapping: state.mapping })}
            onImport={(skipInvalid) => commit.mutate({ parsed: state.parsed, mapping: state.mapping, skipInvalid, createGrids: state.createGrids })}
            busy={busy || task.running}
            error={error}
          />
        ) : null}
        {state.step === 'result' ? <ResultStep result={state.result} onAgain={() => go({ step: 'file' })} /> : null}
      </Paper>
      {task.dialog}
    </Box>
  );
}
