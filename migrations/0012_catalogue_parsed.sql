-- Each stored catalogue version in the form the program parsed it to (JSON of its `Catalogue`), so that a command on
-- a round reads its catalogue without parsing the TOML again: that parse was a third of `score list`'s start-up.
-- Derived data, never a user's: keyed by the content's hash and by `format`, the program's form of it; a row of
-- another format is not read (and is replaced). Filled when a catalogue is loaded, and for the versions loaded
-- before this migration by the first command that opens the database.
CREATE TABLE catalogue_parsed (
    hash   TEXT PRIMARY KEY REFERENCES catalogues (hash),
    format TEXT NOT NULL,
    parsed TEXT NOT NULL
) STRICT;
