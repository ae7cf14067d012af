CREATE TABLE `transfer_events` (
	`id` text PRIMARY KEY NOT NULL,
	`transfer_id` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text NOT NULL,
	`at` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`document_id` text,
	`document_no` text,
	FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transfer_events_transfer` ON `transfer_events` (`transfer_id`,`at`);--> statement-breakpoint
CREATE INDEX `transfer_events_document` ON `transfer_events` (`document_id`) WHERE document_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `transfer_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`transfer_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`unit_qty` integer NOT NULL,
	`qty` integer NOT NULL,
	`lot_id` text,
	`lot_code` text,
	`expiry_date` text,
	`value_fen` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_lines_line` ON `transfer_lines` (`transfer_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `transfer_lines_product` ON `transfer_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `transfer_receipt_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`receipt_id` text NOT NULL,
	`transfer_line_id` text NOT NULL,
	`received_qty` integer NOT NULL,
	`reason_code` text,
	`disposition` text,
	`difference_fen` integer NOT NULL,
	FOREIGN KEY (`receipt_id`) REFERENCES `transfer_receipts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_receipt_lines_line` ON `transfer_receipt_lines` (`receipt_id`,`transfer_line_id`);--> statement-breakpoint
CREATE TABLE `transfer_receipts` (
	`id` text PRIMARY KEY NOT NULL,
	`transfer_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`warehouse_name` text NOT NULL,
	`business_date` text NOT NULL,
	`document_id` text,
	`document_no` text,
	`received_qty` integer NOT NULL,
	`written_off_fen` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`received_by` text NOT NULL,
	`received_at` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_receipts_transfer` ON `transfer_receipts` (`transfer_id`);--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`from_branch_code` text NOT NULL,
	`from_branch_name` text NOT NULL,
	`from_warehouse_id` text NOT NULL,
	`from_warehouse_name` text NOT NULL,
	`to_branch_id` text,
	`to_branch_code` text NOT NULL,
	`to_warehouse_id` text,
	`to_warehouse_name` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`two_step` integer DEFAULT false NOT NULL,
	`business_date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`total_qty` integer NOT NULL,
	`total_value_fen` integer NOT NULL,
	`document_id` text,
	`document_no` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`origin_device_id` text NOT NULL,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfers_doc_no_unique` ON `transfers` (`doc_no`);--> statement-breakpoint
CREATE INDEX `transfers_date` ON `transfers` (`business_date`);--> statement-breakpoint
CREATE INDEX `transfers_status` ON `transfers` (`status`,`business_date`);--> statement-breakpoint
CREATE INDEX `transfers_to_branch` ON `transfers` (`to_branch_id`,`status`);