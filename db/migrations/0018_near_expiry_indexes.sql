DROP INDEX `lots_expiry`;--> statement-breakpoint
CREATE INDEX `lots_expiry` ON `lots` (`expiry_date`,`id`,`product_id`,`lot_code`);--> statement-breakpoint
CREATE INDEX `stock_balances_positive` ON `stock_balances` (`warehouse_id`,`lot_id`,`product_id`,`qty`) WHERE qty > 0;