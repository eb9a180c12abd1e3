-- An account whose password an administrator chose (created or reset by them) must change it at its
-- next login before doing anything else: the administrator, and whoever read the note it was
-- handed over on, knows it. Cleared when the user changes it; the setup admin chose their own.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
