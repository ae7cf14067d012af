CREATE TABLE `late_postings` (
	`id` text PRIMARY KEY NOT NULL,
	`document_kind` text NOT NULL,
	`document_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`doc_type` text NOT NULL,
	`original_date` text NOT NULL,
	`posted_date` text NOT NULL,
	`locked_through` text NOT NULL,
	`source_device_id` text NOT NULL,
	`arrived_at` integer NOT NULL,
	`acknowledged_by` text,
	`acknowledged_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `late_postings_document` ON `late_postings` (`document_kind`,`document_id`);--> statement-breakpoint
CREATE INDEX `late_postings_open` ON `late_postings` (`arrived_at`) WHERE acknowledged_at IS NULL;--> statement-breakpoint
CREATE TABLE `sales_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`salesperson` text NOT NULL,
	`month` text NOT NULL,
	`target_fen` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_targets_person_month` ON `sales_targets` (`month`,`salesperson`);--> statement-breakpoint
CREATE INDEX `customer_payments_date` ON `customer_payments` (`business_date`);--> statement-breakpoint
CREATE INDEX `sales_invoices_date` ON `sales_invoices` (`business_date`);--> statement-breakpoint
CREATE INDEX `credit_notes_date` ON `credit_notes` (`business_date`);