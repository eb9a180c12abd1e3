-- Every reading of a name, for search: 高重阳 is found by gcy and gzy, chongyang and zhongyang; 单
-- by s/shan and by d/dan. A person's own reading stays persons.name_pinyin and name_initials (the
-- list's order); person_keys holds the rest, each key led by its kind (KEY_KIND in
-- main/services/persons/pinyin.ts): the own reading from the second character on, and the other
-- readings of the whole name (full and initials) and from the second character on. Most names have
-- no polyphonic character, so most persons have only their own inner keys (sanfeng, feng).
-- person_name_keys(name) is the app's SQL function (main/db/connection.ts) that lists them. A key
-- is removed by recomputing the old name's keys, so a change to that function comes with a
-- migration that rebuilds this table.
CREATE TABLE person_keys (
  key           TEXT NOT NULL,
  person_rowid  INTEGER NOT NULL,
  PRIMARY KEY (key, person_rowid)
) WITHOUT ROWID;

INSERT OR IGNORE INTO person_keys (key, person_rowid)
  SELECT k.value, p.rowid FROM persons p, json_each(person_name_keys(p.name)) k;

CREATE TRIGGER person_keys_insert AFTER INSERT ON persons BEGIN
  INSERT OR IGNORE INTO person_keys (key, person_rowid) SELECT value, new.rowid FROM json_each(person_name_keys(new.name));
END;

CREATE TRIGGER person_keys_delete AFTER DELETE ON persons BEGIN
  DELETE FROM person_keys WHERE person_rowid = old.rowid AND key IN (SELECT value FROM json_each(person_name_keys(old.name)));
END;

CREATE TRIGGER person_keys_update AFTER UPDATE OF name ON persons WHEN old.name IS NOT new.name BEGIN
  DELETE FROM person_keys WHERE person_rowid = old.rowid AND key IN (SELECT value FROM json_each(person_name_keys(old.name)));
  INSERT OR IGNORE INTO person_keys (key, person_rowid) SELECT value, new.rowid FROM json_each(person_name_keys(new.name));
END;

-- Surnames pinyin-pro's surname mode reads wrongly (秘 Bi, 重 Chong, 单于 Chanyu, …) are read right
-- now: their own reading, and so their place in the list, follows the corrected table.
UPDATE persons SET name_pinyin = person_name_pinyin(name), name_initials = person_name_initials(name)
  WHERE (substr(name, 1, 1) IN ('秘', '种', '重', '藏', '祭', '角', '晟') OR substr(name, 1, 2) = '单于')
    AND name_pinyin <> person_name_pinyin(name);
