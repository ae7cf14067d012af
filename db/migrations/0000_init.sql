CREATE TABLE `branches` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`created_at` integer NOT NULL,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `branches_code_unique` ON `branches` (`code`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_code_unique` ON `categories` (`code`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`channel` text NOT NULL,
	`customer_class` text DEFAULT 'ordinary' NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`credit_limit_fen` integer DEFAULT 0 NOT NULL,
	`payment_terms_days` integer DEFAULT 30 NOT NULL,
	`min_shelf_life_permille` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_code_unique` ON `customers` (`code`);--> statement-breakpoint
CREATE TABLE `lots` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`lot_code` text NOT NULL,
	`expiry_date` text,
	`production_date` text,
	`first_received_at` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lots_product_code` ON `lots` (`product_id`,`lot_code`);--> statement-breakpoint
CREATE INDEX `lots_expiry` ON `lots` (`expiry_date`);--> statement-breakpoint
CREATE TABLE `product_units` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`factor` integer NOT NULL,
	`barcode` text,
	`hlc` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_units_product_code` ON `product_units` (`product_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `product_units_barcode` ON `product_units` (`barcode`) WHERE barcode IS NOT NULL;--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`sku` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`pinyin_initials` text DEFAULT '' NOT NULL,
	`category_id` text,
	`brand` text DEFAULT '' NOT NULL,
	`base_unit_code` text NOT NULL,
	`shelf_life_days` integer,
	`lot_tracked` integer DEFAULT true NOT NULL,
	`tax_rate_bp` integer DEFAULT 1300 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_sku_unique` ON `products` (`sku`);--> statement-breakpoint
CREATE INDEX `products_category` ON `products` (`category_id`);--> statement-breakpoint
CREATE INDEX `products_name_zh` ON `products` (`name_zh`);--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`lead_time_days` integer DEFAULT 3 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suppliers_code_unique` ON `suppliers` (`code`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `warehouses` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `warehouses_branch_code` ON `warehouses` (`branch_id`,`code`);--> statement-breakpoint
CREATE TABLE `cost_layers` (
	`id` text PRIMARY KEY NOT NULL,
	`warehouse_id` text NOT NULL,
	`product_id` text NOT NULL,
	`lot_id` text,
	`source_movement_id` text NOT NULL,
	`received_at` integer NOT NULL,
	`qty_in` integer NOT NULL,
	`value_in_fen` integer NOT NULL,
	`qty_remaining` integer NOT NULL,
	`value_remaining_fen` integer NOT NULL,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cost_layers_open` ON `cost_layers` (`product_id`,`warehouse_id`,`received_at`) WHERE qty_remaining > 0;--> statement-breakpoint
CREATE TABLE `document_sequences` (
	`branch_code` text NOT NULL,
	`type_code` text NOT NULL,
	`year` integer NOT NULL,
	`last_number` integer NOT NULL,
	PRIMARY KEY(`branch_code`, `type_code`, `year`)
);
--> statement-breakpoint
CREATE TABLE `stock_balances` (
	`warehouse_id` text NOT NULL,
	`product_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`qty` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`product_id`, `warehouse_id`, `lot_id`),
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_balances_warehouse` ON `stock_balances` (`warehouse_id`);--> statement-breakpoint
CREATE TABLE `stock_document_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`unit_qty` integer NOT NULL,
	`qty` integer NOT NULL,
	`lot_id` text,
	`unit_cost_fen` integer,
	`value_fen` integer NOT NULL,
	`reason_code` text,
	FOREIGN KEY (`document_id`) REFERENCES `stock_documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_document_lines_doc_line` ON `stock_document_lines` (`document_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `stock_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`doc_type` text NOT NULL,
	`doc_no` text NOT NULL,
	`status` text NOT NULL,
	`business_date` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`supplier_id` text,
	`reason_code` text,
	`note` text DEFAULT '' NOT NULL,
	`reverses_document_id` text,
	`total_qty` integer NOT NULL,
	`total_value_fen` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_documents_doc_no_unique` ON `stock_documents` (`doc_no`);--> statement-breakpoint
CREATE INDEX `stock_documents_date` ON `stock_documents` (`business_date`);--> statement-breakpoint
CREATE INDEX `stock_documents_type` ON `stock_documents` (`doc_type`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `stock_documents_reverses` ON `stock_documents` (`reverses_document_id`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`product_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`qty` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`document_type` text NOT NULL,
	`document_id` text NOT NULL,
	`line_id` text NOT NULL,
	`business_date` text NOT NULL,
	`created_at` integer NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_movements_product` ON `stock_movements` (`product_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `stock_movements_document` ON `stock_movements` (`document_id`);--> statement-breakpoint
CREATE INDEX `stock_movements_date` ON `stock_movements` (`business_date`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`user_id` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`seq` integer PRIMARY KEY NOT NULL,
	`op_id` text NOT NULL,
	`name` text NOT NULL,
	`version` integer NOT NULL,
	`args` text NOT NULL,
	`hlc` text NOT NULL,
	`created_at` integer NOT NULL,
	`acked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_outbox_op_id_unique` ON `sync_outbox` (`op_id`);--> statement-breakpoint
CREATE INDEX `sync_outbox_unacked` ON `sync_outbox` (`acked_at`,`seq`);