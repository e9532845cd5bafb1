-- DropIndex
DROP INDEX "outbox_events_order_key_id_idx";

-- CreateIndex
CREATE INDEX "outbox_events_webhook_pending_idx" ON "outbox_events"("order_key", "id") WHERE (webhook_pending);

-- CreateIndex
CREATE INDEX "outbox_events_stream_pending_idx" ON "outbox_events"("id") WHERE (stream_pending);
