CREATE TABLE `product_locations` (
	`warehouse_id` text NOT NULL,
	`product_id` text NOT NULL,
	`location` text NOT NULL,
	`hlc` text NOT NULL,
	PRIMARY KEY(`warehouse_id`, `product_id`),
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_locations_location` ON `product_locations` (`warehouse_id`,`location`);--> statement-breakpoint
CREATE TABLE `stock_count_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`count_id` text NOT NULL,
	`product_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`round` integer NOT NULL,
	`unit_code` text NOT NULL,
	`unit_qty` integer NOT NULL,
	`qty` integer NOT NULL,
	`undoes_entry_id` text,
	`counter` text NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`count_id`) REFERENCES `stock_counts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_count_entries_line` ON `stock_count_entries` (`count_id`,`product_id`,`lot_id`,`round`);--> statement-breakpoint
CREATE INDEX `stock_count_entries_recent` ON `stock_count_entries` (`count_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `stock_count_entries_undo` ON `stock_count_entries` (`undoes_entry_id`) WHERE undoes_entry_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `stock_count_lines` (
	`count_id` text NOT NULL,
	`product_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`lot_code` text NOT NULL,
	`expiry_date` text,
	`book_qty` integer NOT NULL,
	`expected` integer NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`counted_at` integer,
	`counted_qty` integer,
	`reason_code` text,
	`approved_by` text,
	`approved_at` integer,
	`hlc` text NOT NULL,
	PRIMARY KEY(`count_id`, `product_id`, `lot_id`),
	FOREIGN KEY (`count_id`) REFERENCES `stock_counts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `stock_counts` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`scope` text NOT NULL,
	`scope_filter` text NOT NULL,
	`blind` integer NOT NULL,
	`status` text NOT NULL,
	`snapshot_at` integer NOT NULL,
	`recount_permille` integer NOT NULL,
	`approval_value_fen` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`expected_lines` integer DEFAULT 0 NOT NULL,
	`counted_lines` integer DEFAULT 0 NOT NULL,
	`found_lines` integer DEFAULT 0 NOT NULL,
	`adjustment_document_id` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_by` text,
	`closed_at` integer,
	`hlc` text NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`adjustment_document_id`) REFERENCES `stock_documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_counts_doc_no_unique` ON `stock_counts` (`doc_no`);--> statement-breakpoint
CREATE INDEX `stock_counts_status` ON `stock_counts` (`status`,`created_at`);
--> statement-breakpoint
-- A counter's entries are never rewritten: an undo is a new entry, and a posted count's lines are frozen.
CREATE TRIGGER stock_count_entries_no_update BEFORE UPDATE ON stock_count_entries
BEGIN SELECT RAISE(ABORT, 'stock_count_entries is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER stock_count_entries_no_delete BEFORE DELETE ON stock_count_entries
BEGIN SELECT RAISE(ABORT, 'stock_count_entries is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER stock_count_lines_frozen BEFORE UPDATE ON stock_count_lines
WHEN (SELECT status FROM stock_counts WHERE id = OLD.count_id) IN ('posted', 'cancelled')
BEGIN SELECT RAISE(ABORT, 'a closed count cannot change'); END;
--> statement-breakpoint
CREATE TRIGGER stock_counts_closed BEFORE UPDATE ON stock_counts
WHEN OLD.status IN ('posted', 'cancelled')
BEGIN SELECT RAISE(ABORT, 'a closed count cannot change'); END;
