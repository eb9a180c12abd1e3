-- Stands in for migration 0016, which another branch adds, so that 0017 follows without a gap on
-- this branch. Delete this file when the branches are merged.
SELECT 1;
