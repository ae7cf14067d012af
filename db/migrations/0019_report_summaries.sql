CREATE TABLE `sales_delivery_months` (
	`month` text NOT NULL,
	`customer_id` text NOT NULL,
	`product_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`salesperson` text NOT NULL,
	`qty` integer NOT NULL,
	`revenue_fen` integer NOT NULL,
	`cost_fen` integer NOT NULL,
	`lines` integer NOT NULL,
	PRIMARY KEY(`month`, `customer_id`, `product_id`, `warehouse_id`, `salesperson`)
);
--> statement-breakpoint
CREATE INDEX `sales_delivery_months_product` ON `sales_delivery_months` (`product_id`,`month`,`qty`,`revenue_fen`,`cost_fen`,`lines`);--> statement-breakpoint
CREATE INDEX `sales_delivery_months_customer` ON `sales_delivery_months` (`customer_id`,`salesperson`,`month`,`qty`,`revenue_fen`,`cost_fen`,`lines`);--> statement-breakpoint
CREATE TABLE `stock_movement_totals` (
	`product_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`qty` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`sold_qty` integer NOT NULL,
	`sold_value_fen` integer NOT NULL,
	`last_sale_date` text,
	PRIMARY KEY(`product_id`, `warehouse_id`)
);
--> statement-breakpoint
-- hand-written: the summaries are summed from the first movement again, so a ledger whose
-- month summaries were caught up before this migration gets its deliveries summed too.
DELETE FROM `stock_movement_months`;--> statement-breakpoint
UPDATE `stock_movement_months_mark` SET `through_rowid` = 0 WHERE `id` = 1;
