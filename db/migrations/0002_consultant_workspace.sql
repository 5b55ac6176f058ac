CREATE TABLE `access_codes` (
	`campaign_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`used` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `code_hash`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "access_codes_single_use" CHECK("used" in (0, 1))
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `instruments` (
	`id` text NOT NULL,
	`version` integer NOT NULL,
	`owner_id` text NOT NULL,
	`json` text NOT NULL,
	`created_at` text DEFAULT (datetime('now')) NOT NULL,
	PRIMARY KEY(`id`, `version`),
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `item_stats` (
	`campaign_id` text NOT NULL,
	`item` text NOT NULL,
	`level` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_sq` real NOT NULL,
	PRIMARY KEY(`campaign_id`, `item`)
);
--> statement-breakpoint
ALTER TABLE `campaigns` ADD `expected_headcount` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `require_code` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `benchmark_for_managers` integer DEFAULT 0 NOT NULL;