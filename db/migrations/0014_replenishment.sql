CREATE TABLE `replenishment_policies` (
	`warehouse_id` text NOT NULL,
	`product_id` text NOT NULL,
	`min_qty` integer,
	`max_qty` integer,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`hlc` text NOT NULL,
	PRIMARY KEY(`warehouse_id`, `product_id`),
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_movements_sales_issues` ON `stock_movements` (`business_date`,`warehouse_id`,`product_id`,`qty`) WHERE document_type = 'delivery';