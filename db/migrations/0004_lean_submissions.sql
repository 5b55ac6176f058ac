DROP TABLE `cell_counts`;--> statement-breakpoint
DROP TABLE `factor_stats`;--> statement-breakpoint
DROP TABLE `item_stats`;--> statement-breakpoint
DROP TABLE `scale_stats`;--> statement-breakpoint
CREATE TABLE `__new_responses` (
	`id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`submitted_on` text NOT NULL,
	`instrument_version` integer NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`role` text DEFAULT '' NOT NULL,
	`tenure` text DEFAULT '' NOT NULL,
	`answers` text,
	`comment` text,
	PRIMARY KEY(`campaign_id`, `id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_responses`("id", "campaign_id", "submitted_on", "instrument_version", "department", "role", "tenure", "answers", "comment") SELECT "id", "campaign_id", "submitted_on", "instrument_version", "department", "role", "tenure", "answers", "comment" FROM `responses`;--> statement-breakpoint
DROP TABLE `responses`;--> statement-breakpoint
ALTER TABLE `__new_responses` RENAME TO `responses`;
