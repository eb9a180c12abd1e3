/**
 * The Excel roster (花名册) in and out: upload once (roster.parse keeps the parsed file in main by
 * id), then preview and commit by id with a mapping of person fields to the file's columns.
 */
import { z } from 'zod';
import { personFieldsSchema } from './persons';

/** The person fields a roster column can fill (the photo and the unit link are not in a spreadsheet). */
export const rosterFieldSchema = personFieldsSchema.keyof().exclude(['photo', 'unitId', 'createGrid', 'lunarBirthday']);

/** A file made in main (the template, an export), as base64. */
export const rosterFileSchema = z.object({ fileName: z.string(), base64: z.string() });

export const rosterUploadSchema = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    /** The file's bytes, base64: a little over 20 MB of file, so the service refuses a larger one in its own words (ROSTER_FILE_TOO_LARGE). */
    base64: z.string().min(1).max(28_000_000, { message: 'roster.fileTooLarge' }),
  })
  .strict();

export const rosterParsedSchema = z.object({
  sessionId: z.string(),
  fileName: z.string(),
  sheetName: z.string(),
  /** Header texts, one per column; mapping values index into it. */
  headers: z.array(z.string()),
  /** The Excel row number of the header row (found below merged title rows). */
  headerRow: z.number().int(),
  /** Field → column index, matched from the headers; null where no column matched. */
  mapping: z.record(rosterFieldSchema, z.number().int().nullable()),
  sampleRows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  rowCount: z.number().int(),
});
export type RosterParsed = z.infer<typeof rosterParsedSchema>;

/** Field → column index chosen by the person; fields left out or null are not read. */
export const rosterMappingSchema = z.partialRecord(rosterFieldSchema, z.number().int().min(0).max(1000).nullable());

export const rosterPreviewInputSchema = z
  .object({
    sessionId: z.string().min(1).max(64),
    mapping: rosterMappingSchema,
    /** Grid names of the file that are not grids yet: true creates them with the import, false refuses their rows. */
    createGrids: z.boolean().default(false),
  })
  .strict();

export const rosterPreviewSchema = z.object({
  rows: z.number().int(),
  creates: z.number().int(),
  updateCount: z.number().int(),
  /** Rows that update a registered person (same ID number), with what changes (codes, phones joined by 、). */
  updates: z.array(
    z.object({
      row: z.number().int(),
      personId: z.string(),
      name: z.string(),
      changes: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })),
    }),
  ),
  /** Rows of registered persons that would not change. */
  unchanged: z.number().int(),
  errorCount: z.number().int(),
  errorRowCount: z.number().int(),
  /** code: an i18n key under validation. ('idNumber.checksum', 'date.format', 'roster.required', …). */
  errors: z.array(
    z.object({
      row: z.number().int(),
      column: z.string(),
      field: z.string().nullable(),
      code: z.string(),
      value: z.string(),
      otherRow: z.number().int().nullable(),
    }),
  ),
  validCount: z.number().int(),
  /** Required fields no column is mapped to. */
  missingColumns: z.array(z.string()),
  /** Grid names of the file that are not grids yet, with how many rows give each: the person decides whether the import creates them. */
  newGrids: z.array(z.object({ name: z.string(), rows: z.number().int() })),
});
export type RosterPreview = z.infer<typeof rosterPreviewSchema>;

export const rosterCommitInputSchema = z
  .object({
    sessionId: z.string().min(1).max(64),
    mapping: rosterMappingSchema,
    /** false: any error refuses the whole roster (ROSTER_HAS_ERRORS); true: only the valid rows are imported. */
    skipInvalid: z.boolean().default(false),
    /** As in the preview: create the file's new grid names, or refuse their rows. */
    createGrids: z.boolean().default(false),
  })
  .strict();

export const rosterCommitResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  skippedRows: z.array(z.number().int()),
});
export type RosterCommitResult = z.infer<typeof rosterCommitResultSchema>;

export const rosterExportFileSchema = rosterFileSchema.extend({ count: z.number().int() });
