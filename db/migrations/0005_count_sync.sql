ALTER TABLE `stock_count_lines` ADD `reason_hlc` text;--> statement-breakpoint
ALTER TABLE `stock_count_lines` ADD `approval_hlc` text;