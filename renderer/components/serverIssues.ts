import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../api';

export interface ServerIssue {
  path: string;
  message: string;
}

/** The issues of an INVALID_INPUT answer (path as 'fields.visitDate', message a validation key). */
export function serverIssues(err: unknown): ServerIssue[] {
  if (!(err instanceof ApiError) || err.code !== 'INVALID_INPUT') return [];
  const issues = err.details?.['issues'];
  if (!Array.isArray(issues)) return [];
  return (issues as unknown[]).flatMap((i) => {
    if (typeof i !== 'object' || i === null) return [];
    const { path, message } = i as { path?: unknown; message?: unknown };
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

/**
 * Marks the form fields main refused (a grid name already taken, a visit date in the future), so
 * the message shows where the person typed. `fieldOf` turns an issue path into a form field, or
 * null for issues the form has no field for; `messageOf` may give an issue the form's own wording
 * (a validation key). Answers whether any field was marked.
 */
export function applyServerIssues<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  fieldOf: (path: string) => Path<T> | null,
  messageOf: (message: string) => string = (message) => message,
): boolean {
  let marked = false;
  for (const issue of serverIssues(err)) {
    const field = fieldOf(issue.path);
    if (field === null) continue;
    setError(field, { type: 'server', message: messageOf(issue.message) }, { shouldFocus: !marked });
    marked = true;
  }
  return marked;
}

/**
 * The refusal a form shows above its buttons: none when applyServerIssues put it on the fields
 * (some issue has a field), the error itself otherwise.
 */
export function unmarkedError(err: unknown, fieldOf: (path: string) => string | null): unknown {
  if (err === null || err === undefined) return null;
  return serverIssues(err).some((issue) => fieldOf(issue.path) !== null) ? null : err;
}
