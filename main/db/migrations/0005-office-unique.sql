-- Unique names and numbers of synchronised rows are unique within the office that made them, not
-- across the county: at the bureau, records of many offices meet, and two offices may well both
-- have a grid called 第一网格, the prefix 幸福里小区 or the list 2026-11-0007. Scoping these indexes
-- by origin_office keeps those rows apart instead of turning them into conflicts on import.
-- (planned_visits stays unique per (person, key): a person's plans come from their own office.)

DROP INDEX grids_name;
CREATE UNIQUE INDEX grids_name ON grids (origin_office, name) WHERE deleted_at IS NULL;

DROP INDEX grid_places_prefix;
CREATE UNIQUE INDEX grid_places_prefix ON grid_places (origin_office, prefix) WHERE deleted_at IS NULL;

DROP INDEX printed_lists_no;
CREATE UNIQUE INDEX printed_lists_no ON printed_lists (origin_office, list_no) WHERE deleted_at IS NULL;
