ALTER TABLE "changes" ADD COLUMN "payload_bytes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Changes written before this migration get their size once, as appendChanges writes it.
UPDATE "changes" SET "payload_bytes" = octet_length("payload"::text);
