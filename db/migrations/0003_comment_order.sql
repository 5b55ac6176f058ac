ALTER TABLE `responses` ADD `comment_order` text;--> statement-breakpoint
UPDATE `responses` SET `comment_order` = lower(hex(randomblob(16))) WHERE `comment` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `responses_comments_idx` ON `responses` (`campaign_id`,`comment_order`) WHERE `comment_order` IS NOT NULL;
