CREATE TABLE `purchase_order_events` (
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
	FOREIGN KEY (`order_id`) REFERENCES `purchase_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `purchase_order_events_order` ON `purchase_order_events` (`order_id`,`at`);--> statement-breakpoint
CREATE TABLE `purchase_order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product_id` text NOT NULL,
	`unit_code` text NOT NULL,
	`unit_qty` integer NOT NULL,
	`qty` integer NOT NULL,
	`unit_cost_fen` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`closed_qty` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `purchase_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_order_lines_order_line` ON `purchase_order_lines` (`order_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `purchase_order_lines_product` ON `purchase_order_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `purchase_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`supplier_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`status` text NOT NULL,
	`order_date` text NOT NULL,
	`expected_date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`total_qty` integer NOT NULL,
	`total_value_fen` integer NOT NULL,
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
CREATE UNIQUE INDEX `purchase_orders_doc_no_unique` ON `purchase_orders` (`doc_no`);--> statement-breakpoint
CREATE INDEX `purchase_orders_supplier` ON `purchase_orders` (`supplier_id`,`order_date`);--> statement-breakpoint
CREATE INDEX `purchase_orders_status` ON `purchase_orders` (`status`,`order_date`);--> statement-breakpoint
CREATE INDEX `purchase_orders_date` ON `purchase_orders` (`order_date`);--> statement-breakpoint
CREATE TABLE `supplier_products` (
	`id` text PRIMARY KEY NOT NULL,
	`supplier_id` text NOT NULL,
	`product_id` text NOT NULL,
	`supplier_item_code` text DEFAULT '' NOT NULL,
	`purchase_unit_code` text NOT NULL,
	`min_order_qty` integer DEFAULT 0 NOT NULL,
	`lead_time_days` integer,
	`last_cost_fen` integer,
	`preferred` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`hlc` text NOT NULL,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_products_key` ON `supplier_products` (`supplier_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `supplier_products_product` ON `supplier_products` (`product_id`);--> statement-breakpoint
CREATE TRIGGER purchase_order_events_no_update BEFORE UPDATE ON purchase_order_events
BEGIN SELECT RAISE(ABORT, 'purchase_order_events is append-only'); END;--> statement-breakpoint
CREATE TRIGGER purchase_order_events_no_delete BEFORE DELETE ON purchase_order_events
BEGIN SELECT RAISE(ABORT, 'purchase_order_events is append-only'); END;
