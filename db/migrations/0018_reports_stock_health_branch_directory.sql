CREATE TABLE `stock_movement_months` (
	`product_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`month` text NOT NULL,
	`qty` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`sold_qty` integer NOT NULL,
	`sold_value_fen` integer NOT NULL,
	`last_sale_date` text,
	PRIMARY KEY(`product_id`, `warehouse_id`, `month`)
);
--> statement-breakpoint
CREATE TABLE `stock_movement_months_mark` (
	`id` integer PRIMARY KEY NOT NULL,
	`through_rowid` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `branch_directory` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `branch_directory_code_unique` ON `branch_directory` (`code`);--> statement-breakpoint
DROP INDEX `stock_movements_date`;--> statement-breakpoint
DROP INDEX `lots_expiry`;--> statement-breakpoint
CREATE INDEX `lots_received` ON `lots` (`first_received_at`);--> statement-breakpoint
CREATE INDEX `lots_expiry` ON `lots` (`expiry_date`,`id`,`product_id`,`lot_code`);--> statement-breakpoint
CREATE INDEX `stock_balances_lot` ON `stock_balances` (`lot_id`,`warehouse_id`);--> statement-breakpoint
-- hand-written: the summaries start empty and are summed up to the newest movement before the
-- first report runs (services/reports/monthSummaries.ts).
INSERT INTO `stock_movement_months_mark` (`id`, `through_rowid`) VALUES (1, 0);
