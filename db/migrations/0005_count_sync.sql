ALTER TABLE `stock_count_lines` ADD `reason_hlc` text;--> statement-breakpoint
ALTER TABLE `stock_count_lines` ADD `approval_hlc` text;--> statement-breakpoint
ALTER TABLE `stock_counts` ADD `local_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `stock_counts` ADD `origin_device_id` text;--> statement-breakpoint
-- Counts open at this upgrade were never sent to head office: they stay on this PC (closed ones cannot change at all).
UPDATE `stock_counts` SET `local_only` = 1, `origin_device_id` = (SELECT json_extract(`value`, '$') FROM `settings` WHERE `key` = 'deviceId') WHERE `status` IN ('counting', 'review');
