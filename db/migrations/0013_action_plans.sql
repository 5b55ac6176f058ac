CREATE TABLE `action_plans` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`focus_levels` text DEFAULT '[]' NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `plan_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`level` text NOT NULL,
	`title` text NOT NULL,
	`owner` text NOT NULL,
	`due_on` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`position` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_actions_campaign_idx` ON `plan_actions` (`campaign_id`,`position`);--> statement-breakpoint
CREATE TABLE `summary_links` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `summary_links_token_hash_unique` ON `summary_links` (`token_hash`);