-- Placeholder so this branch's migrations run without a gap; at merge it gives way to the migration
-- that owns this number.
SELECT 1;
