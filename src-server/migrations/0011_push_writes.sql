DROP INDEX "documents_branch";--> statement-breakpoint
DROP INDEX "movements_branch";--> statement-breakpoint
DROP INDEX "movements_document";--> statement-breakpoint
ALTER TABLE "changes" ALTER COLUMN "payload" SET DATA TYPE text;