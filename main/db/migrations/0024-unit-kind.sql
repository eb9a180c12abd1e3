-- 单位性质 of the original unit, as the statutory annual form counts it: 行政机关 ('government'),
-- 事业单位 ('institution'), 企业 ('enterprise'), 其他 ('other'); NULL when not recorded (persons
-- registered before the field, and rows from an office whose packets do not carry it yet).
ALTER TABLE persons ADD COLUMN unit_kind TEXT
  CHECK (unit_kind IS NULL OR unit_kind IN ('government', 'institution', 'enterprise', 'other'));
