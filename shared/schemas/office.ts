import { z } from 'zod';
import { digitText } from '../digits';

export const OFFICE_MODES = ['community', 'bureau'] as const;
export type OfficeMode = (typeof OFFICE_MODES)[number];

/** 统计用区划代码: 12 digits (province 2, city 2, county 2, township 3, village/community 3). */
export const areaCodeSchema = digitText()
  .trim()
  .regex(/^\d{12}$/, { message: 'areaCode.format' });

export const officeNameSchema = z.string().trim().min(2, { message: 'officeName.short' }).max(60);

export const officeSchema = z.object({
  id: z.string(),
  name: z.string(),
  areaCode: z.string(),
  mode: z.enum(OFFICE_MODES),
  createdAt: z.string(),
});
export type Office = z.infer<typeof officeSchema>;
