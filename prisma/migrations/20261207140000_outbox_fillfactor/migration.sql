-- The outbox is a queue: each row is inserted, leased (the webhook relay updates leased_until) and
-- deleted within moments. Room left in its pages keeps the lease update on the same page, a HOT
-- update with no new entries in the three indexes of the table. At the default fillfactor (100) a
-- full page sent most of them to a new page, with an entry in every index each.
ALTER TABLE "outbox_events" SET (fillfactor = 50);
