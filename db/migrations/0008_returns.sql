CREATE TABLE `credit_note_allocations` (
	`id` text PRIMARY KEY NOT NULL,
	`credit_note_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`amount_fen` integer NOT NULL,
	FOREIGN KEY (`credit_note_id`) REFERENCES `credit_notes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `sales_invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `credit_note_allocations_invoice` ON `credit_note_allocations` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `credit_note_allocations_note` ON `credit_note_allocations` (`credit_note_id`);--> statement-breakpoint
CREATE TABLE `credit_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`customer_id` text NOT NULL,
	`return_id` text NOT NULL,
	`invoice_id` text,
	`business_date` text NOT NULL,
	`settlement` text NOT NULL,
	`refund_method` text,
	`net_fen` integer NOT NULL,
	`tax_fen` integer NOT NULL,
	`gross_fen` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`return_id`) REFERENCES `customer_returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `sales_invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_notes_doc_no_unique` ON `credit_notes` (`doc_no`);--> statement-breakpoint
CREATE INDEX `credit_notes_customer` ON `credit_notes` (`customer_id`,`business_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `credit_notes_return` ON `credit_notes` (`return_id`);--> statement-breakpoint
CREATE TABLE `customer_return_events` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text NOT NULL,
	`at` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`document_id` text,
	`document_no` text,
	FOREIGN KEY (`return_id`) REFERENCES `customer_returns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_return_events_return` ON `customer_return_events` (`return_id`,`at`);--> statement-breakpoint
CREATE TABLE `customer_return_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`delivery_line_id` text,
	`order_line_id` text,
	`lot_id` text,
	`unit_code` text NOT NULL,
	`unit_qty` integer NOT NULL,
	`qty` integer NOT NULL,
	`reason_code` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`free` integer DEFAULT false NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`net_fen` integer NOT NULL,
	`tax_rate_bp` integer NOT NULL,
	`tax_fen` integer NOT NULL,
	`gross_fen` integer NOT NULL,
	`cost_fen` integer NOT NULL,
	`restock_qty` integer DEFAULT 0 NOT NULL,
	`quarantine_qty` integer DEFAULT 0 NOT NULL,
	`scrap_qty` integer DEFAULT 0 NOT NULL,
	`supplier_qty` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `customer_returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_return_lines_return_line` ON `customer_return_lines` (`return_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `customer_return_lines_delivery_line` ON `customer_return_lines` (`delivery_line_id`);--> statement-breakpoint
CREATE INDEX `customer_return_lines_product` ON `customer_return_lines` (`product_id`);--> statement-breakpoint
CREATE INDEX `customer_return_lines_lot` ON `customer_return_lines` (`lot_id`);--> statement-breakpoint
CREATE TABLE `customer_returns` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`customer_id` text NOT NULL,
	`delivery_id` text,
	`order_id` text,
	`recall_lot_id` text,
	`status` text NOT NULL,
	`business_date` text NOT NULL,
	`returns_warehouse_id` text NOT NULL,
	`restock_warehouse_id` text NOT NULL,
	`approval_reasons` text NOT NULL,
	`approved_by` text,
	`approved_at` integer,
	`receipt_document_id` text,
	`disposition_document_id` text,
	`settlement` text,
	`credit_note_id` text,
	`free_goods_deduction_fen` integer DEFAULT 0 NOT NULL,
	`total_net_fen` integer NOT NULL,
	`total_tax_fen` integer NOT NULL,
	`total_gross_fen` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`origin_device_id` text NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`returns_warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`restock_warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_returns_doc_no_unique` ON `customer_returns` (`doc_no`);--> statement-breakpoint
CREATE INDEX `customer_returns_customer` ON `customer_returns` (`customer_id`,`business_date`);--> statement-breakpoint
CREATE INDEX `customer_returns_delivery` ON `customer_returns` (`delivery_id`);--> statement-breakpoint
CREATE INDEX `customer_returns_status` ON `customer_returns` (`status`,`business_date`);--> statement-breakpoint
CREATE INDEX `customer_returns_date` ON `customer_returns` (`business_date`);--> statement-breakpoint
CREATE TABLE `period_locks` (
	`branch_id` text PRIMARY KEY NOT NULL,
	`locked_through` text NOT NULL,
	`locked_by` text NOT NULL,
	`locked_at` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `return_windows` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_class` text,
	`category_id` text,
	`window_days` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `return_windows_key` ON `return_windows` (`customer_class`,`category_id`);--> statement-breakpoint
CREATE TABLE `supplier_return_events` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text NOT NULL,
	`at` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`amount_fen` integer,
	FOREIGN KEY (`return_id`) REFERENCES `supplier_returns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supplier_return_events_return` ON `supplier_return_events` (`return_id`,`at`);--> statement-breakpoint
CREATE TABLE `supplier_return_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`unit_qty` integer NOT NULL,
	`qty` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`reason_code` text NOT NULL,
	`customer_return_line_id` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `supplier_returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_return_lines_return_line` ON `supplier_return_lines` (`return_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `supplier_return_lines_customer_line` ON `supplier_return_lines` (`customer_return_line_id`);--> statement-breakpoint
CREATE INDEX `supplier_return_lines_lot` ON `supplier_return_lines` (`lot_id`);--> statement-breakpoint
CREATE TABLE `supplier_returns` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`supplier_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`status` text NOT NULL,
	`business_date` text NOT NULL,
	`document_id` text,
	`claim_fen` integer NOT NULL,
	`credited_fen` integer DEFAULT 0 NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`origin_device_id` text NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_returns_doc_no_unique` ON `supplier_returns` (`doc_no`);--> statement-breakpoint
CREATE INDEX `supplier_returns_supplier` ON `supplier_returns` (`supplier_id`,`business_date`);--> statement-breakpoint
CREATE INDEX `supplier_returns_status` ON `supplier_returns` (`status`,`business_date`);--> statement-breakpoint
CREATE TRIGGER credit_notes_no_update BEFORE UPDATE ON credit_notes
BEGIN SELECT RAISE(ABORT, 'credit_notes is append-only'); END;--> statement-breakpoint
CREATE TRIGGER credit_notes_no_delete BEFORE DELETE ON credit_notes
BEGIN SELECT RAISE(ABORT, 'credit_notes is append-only'); END;--> statement-breakpoint
CREATE TRIGGER credit_note_allocations_no_update BEFORE UPDATE ON credit_note_allocations
BEGIN SELECT RAISE(ABORT, 'credit_note_allocations is append-only'); END;--> statement-breakpoint
CREATE TRIGGER credit_note_allocations_no_delete BEFORE DELETE ON credit_note_allocations
BEGIN SELECT RAISE(ABORT, 'credit_note_allocations is append-only'); END;--> statement-breakpoint
CREATE TRIGGER customer_return_events_no_update BEFORE UPDATE ON customer_return_events
BEGIN SELECT RAISE(ABORT, 'customer_return_events is append-only'); END;--> statement-breakpoint
CREATE TRIGGER customer_return_events_no_delete BEFORE DELETE ON customer_return_events
BEGIN SELECT RAISE(ABORT, 'customer_return_events is append-only'); END;--> statement-breakpoint
CREATE TRIGGER supplier_return_events_no_update BEFORE UPDATE ON supplier_return_events
BEGIN SELECT RAISE(ABORT, 'supplier_return_events is append-only'); END;--> statement-breakpoint
CREATE TRIGGER supplier_return_events_no_delete BEFORE DELETE ON supplier_return_events
BEGIN SELECT RAISE(ABORT, 'supplier_return_events is append-only'); END;