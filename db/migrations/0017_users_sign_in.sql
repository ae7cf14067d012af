ALTER TABLE `users` ADD `credential_kind` text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `failed_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `locked_until` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `origin` text DEFAULT 'branch' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `updated_at` integer;