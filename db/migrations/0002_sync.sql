CREATE TABLE `master_field_clocks` (
	`entity` text NOT NULL,
	`id` text NOT NULL,
	`field` text NOT NULL,
	`hlc` text NOT NULL,
	PRIMARY KEY(`entity`, `id`, `field`)
);
--> statement-breakpoint
CREATE TABLE `stock_exceptions` (
	`id` text PRIMARY KEY NOT NULL,
	`warehouse_id` text NOT NULL,
	`product_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`qty` integer NOT NULL,
	`status` text NOT NULL,
	`opened_at` integer NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `stock_exceptions_open` ON `stock_exceptions` (`status`,`product_id`);--> statement-breakpoint
CREATE TABLE `sync_rejections` (
	`seq` integer PRIMARY KEY NOT NULL,
	`op_id` text NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cost_layers_short` ON `cost_layers` (`product_id`,`warehouse_id`) WHERE qty_remaining < 0;