DROP INDEX "documents_branch";--> statement-breakpoint
DROP INDEX "movements_branch";--> statement-breakpoint
DROP INDEX "movements_document";