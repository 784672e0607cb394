-- Each stored catalogue version in the form the program parsed it to (JSON of its `Catalogue`), so that a command on
-- a round reads its catalogue without parsing the TOML again: that parse was a third of `score list`'s start-up.
-- Derived data, never a user's: keyed by the content's hash and by `format`, the program's form of it (a build
-- reads only its own: two versions of cchc sharing a database each keep theirs). Filled when a catalogue is loaded,
-- and for the versions loaded before this migration by the first command that opens the database.
CREATE TABLE catalogue_parsed (
    hash   TEXT NOT NULL REFERENCES catalogues (hash),
    format TEXT NOT NULL,
    parsed TEXT NOT NULL,
    PRIMARY KEY (hash, format)
) STRICT;
