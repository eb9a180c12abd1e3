import { z } from 'zod';
import { officeIdSchema, optionalText, uuidSchema } from './common';
import { ROLES } from '../roles';

/** A grid (网格) of the community: its name, the area it covers, its workers and the addresses in it. */
export const gridFieldsSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    description: optionalText(500),
    /** Users working the grid (网格员); a grid may have several. */
    workerIds: z.array(uuidSchema).max(20).default([]),
    /** Address prefixes such as '幸福里小区3号楼': a person whose address starts with one is placed in the grid. */
    places: z.array(z.string().trim().min(2).max(100)).max(300).default([]),
  })
  .strict();
export type GridFields = z.output<typeof gridFieldsSchema>;

export const gridWorkerSchema = z.object({
  userId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  disabled: z.boolean(),
});

export const gridSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** The office that made the grid (at the county bureau: which community's grid it is). */
  originOffice: z.string(),
  workers: z.array(gridWorkerSchema),
  places: z.array(z.string()),
  /** Active persons placed in the grid. */
  personCount: z.number().int(),
  /** Active persons of the grid without a current primary contact. */
  unassignedCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Grid = z.infer<typeof gridSchema>;

export const gridListQuerySchema = z
  .object({
    /** At the county bureau: the grids one office sent. */
    office: officeIdSchema.optional(),
  })
  .strict();
export type GridListQuery = z.output<typeof gridListQuerySchema>;
