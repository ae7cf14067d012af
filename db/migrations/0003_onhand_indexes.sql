DROP INDEX `stock_balances_warehouse`;--> statement-breakpoint
DROP INDEX `cost_layers_open`;--> statement-breakpoint
CREATE INDEX `cost_layers_open` ON `cost_layers` (`product_id`,`warehouse_id`,`received_at`,`qty_remaining`,`value_remaining_fen`) WHERE qty_remaining > 0;