-- Reserved on this branch: 0021 belongs to another branch of the same wave (the gap check of
-- migrate.ts needs every number). Drop this file when the branches are merged.
SELECT 1;
