CREATE TABLE `customer_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`customer_id` text NOT NULL,
	`business_date` text NOT NULL,
	`method` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_payments_doc_no_unique` ON `customer_payments` (`doc_no`);--> statement-breakpoint
CREATE INDEX `customer_payments_customer` ON `customer_payments` (`customer_id`,`business_date`);--> statement-breakpoint
CREATE TABLE `customer_prices` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`product_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`price_fen` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_prices_key` ON `customer_prices` (`customer_id`,`product_id`,`unit_code`);--> statement-breakpoint
CREATE TABLE `payment_allocations` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`amount_fen` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `customer_payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `sales_invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payment_allocations_invoice` ON `payment_allocations` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `payment_allocations_payment` ON `payment_allocations` (`payment_id`);--> statement-breakpoint
CREATE TABLE `price_list_items` (
	`id` text PRIMARY KEY NOT NULL,
	`price_list_id` text NOT NULL,
	`product_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`price_fen` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`price_list_id`) REFERENCES `price_lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `price_list_items_key` ON `price_list_items` (`price_list_id`,`product_id`,`unit_code`);--> statement-breakpoint
CREATE TABLE `price_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `price_lists_code_unique` ON `price_lists` (`code`);--> statement-breakpoint
CREATE TABLE `promotions` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`kind` text NOT NULL,
	`product_id` text NOT NULL,
	`min_qty` integer NOT NULL,
	`free_product_id` text,
	`free_qty` integer,
	`discount_bp` integer,
	`channel` text,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`free_product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `promotions_code_unique` ON `promotions` (`code`);--> statement-breakpoint
CREATE INDEX `promotions_product` ON `promotions` (`product_id`,`starts_on`);--> statement-breakpoint
CREATE TABLE `sales_allocations` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`line_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`product_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`qty` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `sales_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`) REFERENCES `sales_order_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sales_allocations_stock` ON `sales_allocations` (`product_id`,`warehouse_id`,`lot_id`);--> statement-breakpoint
CREATE INDEX `sales_allocations_order` ON `sales_allocations` (`order_id`);--> statement-breakpoint
CREATE TABLE `sales_invoice_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`invoice_id` text NOT NULL,
	`order_line_id` text NOT NULL,
	`qty` integer NOT NULL,
	`net_fen` integer NOT NULL,
	`tax_fen` integer NOT NULL,
	`gross_fen` integer NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `sales_invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sales_invoice_lines_invoice` ON `sales_invoice_lines` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `sales_invoice_lines_order_line` ON `sales_invoice_lines` (`order_line_id`);--> statement-breakpoint
CREATE TABLE `sales_invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`order_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`business_date` text NOT NULL,
	`due_date` text NOT NULL,
	`net_fen` integer NOT NULL,
	`tax_fen` integer NOT NULL,
	`gross_fen` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `sales_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_invoices_doc_no_unique` ON `sales_invoices` (`doc_no`);--> statement-breakpoint
CREATE INDEX `sales_invoices_customer` ON `sales_invoices` (`customer_id`,`business_date`);--> statement-breakpoint
CREATE INDEX `sales_invoices_order` ON `sales_invoices` (`order_id`);--> statement-breakpoint
CREATE TABLE `sales_order_events` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text NOT NULL,
	`at` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`document_id` text,
	`document_no` text,
	FOREIGN KEY (`order_id`) REFERENCES `sales_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sales_order_events_order` ON `sales_order_events` (`order_id`,`at`);--> statement-breakpoint
CREATE TABLE `sales_order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`unit_qty` integer NOT NULL,
	`qty` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`list_price_fen` integer NOT NULL,
	`price_source` text NOT NULL,
	`discount_bp` integer NOT NULL,
	`net_fen` integer NOT NULL,
	`tax_rate_bp` integer NOT NULL,
	`tax_fen` integer NOT NULL,
	`gross_fen` integer NOT NULL,
	`free` integer NOT NULL,
	`promotion_id` text,
	`parent_line_id` text,
	`note` text DEFAULT '' NOT NULL,
	`closed_qty` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `sales_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_order_lines_order_line` ON `sales_order_lines` (`order_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `sales_order_lines_product` ON `sales_order_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `sales_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`customer_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`status` text NOT NULL,
	`business_date` text NOT NULL,
	`requested_date` text,
	`note` text DEFAULT '' NOT NULL,
	`salesperson` text DEFAULT '' NOT NULL,
	`approval_reasons` text NOT NULL,
	`approved_by` text,
	`approved_at` integer,
	`credit_check` text,
	`total_net_fen` integer NOT NULL,
	`total_tax_fen` integer NOT NULL,
	`total_gross_fen` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`origin_device_id` text NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_orders_doc_no_unique` ON `sales_orders` (`doc_no`);--> statement-breakpoint
CREATE INDEX `sales_orders_customer` ON `sales_orders` (`customer_id`,`business_date`);--> statement-breakpoint
CREATE INDEX `sales_orders_status` ON `sales_orders` (`status`,`business_date`);--> statement-breakpoint
CREATE INDEX `sales_orders_date` ON `sales_orders` (`business_date`);--> statement-breakpoint
ALTER TABLE `customers` ADD `salesperson` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `price_list_id` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `address` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `contacts` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `price_floor_fen` integer;--> statement-breakpoint
ALTER TABLE `stock_document_lines` ADD `source_line_id` text;--> statement-breakpoint
CREATE INDEX `stock_document_lines_source` ON `stock_document_lines` (`source_line_id`) WHERE source_line_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `stock_documents` ADD `source_id` text;--> statement-breakpoint
CREATE INDEX `stock_documents_source` ON `stock_documents` (`source_id`) WHERE source_id IS NOT NULL;--> statement-breakpoint
-- Invoices, payments and order tracking are issued once and never edited (DESIGN.md, Ledger):
-- a wrong invoice is answered by a credit note, a wrong payment by a reversing one.
CREATE TRIGGER sales_invoices_no_update BEFORE UPDATE ON sales_invoices
BEGIN SELECT RAISE(ABORT, 'sales_invoices is append-only'); END;--> statement-breakpoint
CREATE TRIGGER sales_invoices_no_delete BEFORE DELETE ON sales_invoices
BEGIN SELECT RAISE(ABORT, 'sales_invoices is append-only'); END;--> statement-breakpoint
CREATE TRIGGER sales_invoice_lines_no_update BEFORE UPDATE ON sales_invoice_lines
BEGIN SELECT RAISE(ABORT, 'sales_invoice_lines is append-only'); END;--> statement-breakpoint
CREATE TRIGGER sales_invoice_lines_no_delete BEFORE DELETE ON sales_invoice_lines
BEGIN SELECT RAISE(ABORT, 'sales_invoice_lines is append-only'); END;--> statement-breakpoint
CREATE TRIGGER customer_payments_no_update BEFORE UPDATE ON customer_payments
BEGIN SELECT RAISE(ABORT, 'customer_payments is append-only'); END;--> statement-breakpoint
CREATE TRIGGER customer_payments_no_delete BEFORE DELETE ON customer_payments
BEGIN SELECT RAISE(ABORT, 'customer_payments is append-only'); END;--> statement-breakpoint
CREATE TRIGGER payment_allocations_no_update BEFORE UPDATE ON payment_allocations
BEGIN SELECT RAISE(ABORT, 'payment_allocations is append-only'); END;--> statement-breakpoint
CREATE TRIGGER payment_allocations_no_delete BEFORE DELETE ON payment_allocations
BEGIN SELECT RAISE(ABORT, 'payment_allocations is append-only'); END;--> statement-breakpoint
CREATE TRIGGER sales_order_events_no_update BEFORE UPDATE ON sales_order_events
BEGIN SELECT RAISE(ABORT, 'sales_order_events is append-only'); END;--> statement-breakpoint
CREATE TRIGGER sales_order_events_no_delete BEFORE DELETE ON sales_order_events
BEGIN SELECT RAISE(ABORT, 'sales_order_events is append-only'); END;
