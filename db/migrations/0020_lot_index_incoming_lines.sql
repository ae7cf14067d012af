DROP INDEX `stock_document_lines_lot`;--> statement-breakpoint
CREATE INDEX `stock_document_lines_lot` ON `stock_document_lines` (`lot_id`) WHERE lot_id IS NOT NULL AND qty > 0;