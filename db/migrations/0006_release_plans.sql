-- Releases made before disclosure plans existed are removed: every closed round is released again
-- at the next start, from its stored responses, with an audited plan (see src/domain/disclosure-plan.ts).
DELETE FROM `release_comments`;--> statement-breakpoint
DELETE FROM `release_cells`;--> statement-breakpoint
DELETE FROM `releases`;--> statement-breakpoint
CREATE TABLE `release_groups` (
	`release_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`key` text NOT NULL,
	`n` integer NOT NULL,
	`stats` text NOT NULL,
	PRIMARY KEY(`release_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `release_groups_campaign_idx` ON `release_groups` (`campaign_id`);--> statement-breakpoint
ALTER TABLE `releases` ADD `plan` text DEFAULT '' NOT NULL;