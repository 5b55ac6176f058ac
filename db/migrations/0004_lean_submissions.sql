DROP TABLE `cell_counts`;--> statement-breakpoint
DROP TABLE `factor_stats`;--> statement-breakpoint
DROP TABLE `item_stats`;--> statement-breakpoint
DROP TABLE `scale_stats`;--> statement-breakpoint
ALTER TABLE `responses` ADD `scores` text;--> statement-breakpoint
CREATE INDEX `responses_release_idx` ON `responses` (`campaign_id`,`id`);
