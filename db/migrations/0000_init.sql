CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`title` text NOT NULL,
	`instrument_id` text NOT NULL,
	`instrument_version` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`opens_on` text,
	`closes_on` text,
	`token` text NOT NULL,
	`k` integer DEFAULT 5 NOT NULL,
	`k_comments` integer DEFAULT 10 NOT NULL,
	`units` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (datetime('now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_token_unique` ON `campaigns` (`token`);--> statement-breakpoint
CREATE TABLE `cell_counts` (
	`campaign_id` text NOT NULL,
	`department` text NOT NULL,
	`role` text NOT NULL,
	`tenure` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `department`, `role`, `tenure`)
);
--> statement-breakpoint
CREATE TABLE `factor_stats` (
	`campaign_id` text NOT NULL,
	`department` text NOT NULL,
	`role` text NOT NULL,
	`tenure` text NOT NULL,
	`factor` text NOT NULL,
	`chosen` integer NOT NULL,
	`most` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `department`, `role`, `tenure`, `factor`)
);
--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (datetime('now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `receipts` (
	`campaign_id` text NOT NULL,
	`key_hash` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `key_hash`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`submitted_on` text NOT NULL,
	`instrument_version` integer NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`role` text DEFAULT '' NOT NULL,
	`tenure` text DEFAULT '' NOT NULL,
	`answers` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `responses_campaign_idx` ON `responses` (`campaign_id`,`department`,`role`,`tenure`);--> statement-breakpoint
CREATE TABLE `scale_stats` (
	`campaign_id` text NOT NULL,
	`department` text NOT NULL,
	`role` text NOT NULL,
	`tenure` text NOT NULL,
	`scale` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_sq` real NOT NULL,
	`items` integer NOT NULL,
	`favourable` integer NOT NULL,
	`unfavourable` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `department`, `role`, `tenure`, `scale`)
);
