CREATE INDEX `stock_document_lines_lot` ON `stock_document_lines` (`lot_id`) WHERE lot_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `stock_documents_type_date` ON `stock_documents` (`doc_type`,`business_date`);--> statement-breakpoint
CREATE INDEX `stock_documents_supplier` ON `stock_documents` (`supplier_id`,`doc_type`) WHERE supplier_id IS NOT NULL;