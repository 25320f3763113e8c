-- H2 only (PostgreSQL logs a sequence cheaply, and its cache is per connection, which would scatter seq).
-- An identity column's sequence keeps its next value in the database file, and H2 stores it there whenever the
-- values it handed out ahead run out, 32 by default: a commit of the whole store in the middle of an insert. An
-- event batch paid two thirds of its time for it (issue 17's profile of the mixed load: Sequence.flush, then
-- MVStore.store, inside Insert). Handing out 100,000 ahead stores it once per 100,000 events. A crash leaves a gap
-- in seq, as a rolled-back insert does; nothing reads meaning into one: the journal's order is seq's order.
ALTER TABLE event ALTER COLUMN seq SET CACHE 100000;
ALTER TABLE event_retraction ALTER COLUMN seq SET CACHE 10000;
