/**
 * The 说明 of a statutory form as handed in: the form's own notes, then what the office wrote when
 * it handed the form in with checks failing — each failed check and the explanation. The bureau
 * reads the paper or the .xlsx, not the app, so both carry the same lines (the form is a Chinese
 * document; the check texts are Chinese already).
 */
import type { FormData } from '../schemas/reports';

export function formNoteLines(f: Pick<FormData, 'notes' | 'submission'>): string[] {
  const s = f.submission;
  if (!s) return f.notes;
  return [...f.notes, ...s.failedChecks.map((c) => `校核未通过：${c.text}`), ...(s.note.trim() === '' ? [] : [`填报说明：${s.note.trim()}`])];
}
