import { z } from 'zod';
import { officeIdSchema, optionalText, pagingShape, uuidSchema } from './common';
import { ROLES } from '../roles';
import { GENDERS } from './enums';

/** 分片包干: each person has a primary responsible contact and may have a backup. */
export const CONTACT_ROLES = ['primary', 'backup'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** One dated assignment; changing it closes the record and opens a new one, so history is kept. */
export const assignmentSchema = z.object({
  id: z.string(),
  personId: z.string(),
  userId: z.string(),
  /** The user's display name (from the account, or as it was when assigned). */
  userName: z.string(),
  userPhone: z.string().nullable(),
  role: z.enum(CONTACT_ROLES),
  fromDate: z.string(),
  /** null while current. */
  toDate: z.string().nullable(),
  assignedBy: z.string(),
  assignedByName: z.string().nullable(),
  reason: z.string(),
  endReason: z.string(),
  createdAt: z.string(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const personContactsSchema = z.object({
  primary: assignmentSchema.nullable(),
  backup: assignmentSchema.nullable(),
  /** Every assignment, current and closed, newest first. */
  history: z.array(assignmentSchema),
});
export type PersonContacts = z.infer<typeof personContactsSchema>;

export const assignSchema = z
  .object({
    personId: uuidSchema,
    userId: uuidSchema,
    role: z.enum(CONTACT_ROLES).default('primary'),
    reason: optionalText(200),
  })
  .strict();

export const endAssignmentSchema = z
  .object({ personId: uuidSchema, role: z.enum(CONTACT_ROLES), reason: optionalText(200) })
  .strict();

/** Users who can be responsible for persons (staff, grid workers, admins). */
export const assignableUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  /** Current assignments held, by role. */
  primaryCount: z.number().int(),
  backupCount: z.number().int(),
  /** Grids the user works. */
  grids: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const unassignedQuerySchema = z
  .object({
    /** Only persons of this grid. */
    gridId: uuidSchema.optional(),
    /** Only persons placed in no grid. */
    ungridded: z.boolean().default(false),
    /** At the county bureau: only the persons one office sent. */
    office: officeIdSchema.optional(),
    ...pagingShape,
  })
  .strict();

export const unassignedRowSchema = z.object({
  personId: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS),
  age: z.number().int(),
  address: z.string(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  /** The person has a backup contact but no primary. */
  backupName: z.string().nullable(),
  /** The office that registered the person (at the county bureau: whose person). */
  originOffice: z.string(),
});

/** From whom to whom (the two must differ: 'assignment.sameUser'). */
export const transferInputSchema = z.object({ fromUserId: uuidSchema, toUserId: uuidSchema }).strict();

/** What moves when a worker's responsibilities go to another: the preview and the result are this same shape. */
export const transferPlanSchema = z.object({
  fromUserId: z.string(),
  toUserId: z.string(),
  persons: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      role: z.enum(CONTACT_ROLES),
      gridName: z.string().nullable(),
      address: z.string(),
      /** The receiving user already holds the other role for this person: that record is closed, the one moving is kept. */
      replacesOtherRole: z.boolean(),
    }),
  ),
  openVisits: z.array(
    z.object({ id: z.string(), personId: z.string(), personName: z.string(), reason: z.string(), dueDate: z.string(), status: z.string() }),
  ),
  openRequests: z.array(
    z.object({ id: z.string(), personId: z.string(), personName: z.string(), category: z.string(), status: z.string(), description: z.string() }),
  ),
  grids: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TransferPlan = z.infer<typeof transferPlanSchema>;
