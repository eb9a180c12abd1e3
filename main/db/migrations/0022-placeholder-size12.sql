-- Placeholder so this branch runs alone: the real 0022 comes from another branch. Delete this file at merge.
SELECT 1;
