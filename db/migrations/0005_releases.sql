CREATE TABLE `release_cells` (
	`release_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`department` text NOT NULL,
	`role` text NOT NULL,
	`tenure` text NOT NULL,
	`n` integer NOT NULL,
	`stats` text NOT NULL,
	PRIMARY KEY(`release_id`, `department`, `role`, `tenure`)
);
--> statement-breakpoint
CREATE INDEX `release_cells_campaign_idx` ON `release_cells` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `release_comments` (
	`release_id` text NOT NULL,
	`sort_key` text NOT NULL,
	`campaign_id` text NOT NULL,
	`department` text NOT NULL,
	`role` text NOT NULL,
	`tenure` text NOT NULL,
	`comment` text NOT NULL,
	PRIMARY KEY(`release_id`, `sort_key`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `release_comments_campaign_idx` ON `release_comments` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `releases` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`respondents` integer NOT NULL,
	`released_on` text NOT NULL,
	`totals` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `releases_id_unique` ON `releases` (`id`);--> statement-breakpoint
ALTER TABLE `responses` ADD `scores` text;--> statement-breakpoint
CREATE TRIGGER `closed_rounds_stay_closed` BEFORE UPDATE OF `status`, `opens_on`, `closes_on`, `require_code` ON `campaigns`
WHEN OLD.`status` = 'closed'
	AND (NEW.`status` != 'closed' OR NEW.`opens_on` IS NOT OLD.`opens_on` OR NEW.`closes_on` IS NOT OLD.`closes_on` OR NEW.`require_code` IS NOT OLD.`require_code`)
BEGIN
	SELECT RAISE(ABORT, 'campaign_closed');
END;--> statement-breakpoint
CREATE TRIGGER `codes_only_for_running_rounds` BEFORE INSERT ON `access_codes`
WHEN (SELECT c.`status` FROM `campaigns` c WHERE c.`id` = NEW.`campaign_id`) = 'closed'
BEGIN
	SELECT RAISE(ABORT, 'campaign_closed');
END;
--> statement-breakpoint
CREATE VIEW `submissions` AS SELECT r.`id`, r.`campaign_id`, r.`submitted_on`, r.`instrument_version`, r.`department`, r.`role`, r.`tenure`,
	r.`scores`, r.`comment`, NULL AS `key_hash` FROM `responses` r WHERE 0;--> statement-breakpoint
CREATE TRIGGER `submissions_insert` INSTEAD OF INSERT ON `submissions`
BEGIN
	SELECT RAISE(ABORT, 'campaign_not_open') WHERE NOT EXISTS (
		SELECT 1 FROM `campaigns` c WHERE c.`id` = NEW.`campaign_id` AND c.`status` = 'open' AND c.`require_code` = 0
			AND (c.`opens_on` IS NULL OR c.`opens_on` <= NEW.`submitted_on`) AND (c.`closes_on` IS NULL OR c.`closes_on` >= NEW.`submitted_on`)
			AND NOT EXISTS (SELECT 1 FROM `releases` r WHERE r.`campaign_id` = c.`id`));
	INSERT INTO `receipts` (`campaign_id`, `key_hash`) VALUES (NEW.`campaign_id`, NEW.`key_hash`);
	INSERT INTO `responses` (`id`, `campaign_id`, `submitted_on`, `instrument_version`, `department`, `role`, `tenure`, `scores`, `comment`)
		VALUES (NEW.`id`, NEW.`campaign_id`, NEW.`submitted_on`, NEW.`instrument_version`, NEW.`department`, NEW.`role`, NEW.`tenure`, NEW.`scores`, NEW.`comment`);
END;--> statement-breakpoint
CREATE VIEW `coded_submissions` AS SELECT s.*, NULL AS `access_code_hash` FROM `submissions` s;--> statement-breakpoint
CREATE TRIGGER `coded_submissions_insert` INSTEAD OF INSERT ON `coded_submissions`
BEGIN
	SELECT RAISE(ABORT, 'campaign_not_open') WHERE NOT EXISTS (
		SELECT 1 FROM `campaigns` c WHERE c.`id` = NEW.`campaign_id` AND c.`status` = 'open'
			AND (c.`opens_on` IS NULL OR c.`opens_on` <= NEW.`submitted_on`) AND (c.`closes_on` IS NULL OR c.`closes_on` >= NEW.`submitted_on`)
			AND NOT EXISTS (SELECT 1 FROM `releases` r WHERE r.`campaign_id` = c.`id`));
	SELECT RAISE(ABORT, 'code_unknown') WHERE NOT EXISTS (
		SELECT 1 FROM `access_codes` a WHERE a.`campaign_id` = NEW.`campaign_id` AND a.`code_hash` = NEW.`access_code_hash`);
	INSERT INTO `receipts` (`campaign_id`, `key_hash`) VALUES (NEW.`campaign_id`, NEW.`key_hash`);
	INSERT INTO `responses` (`id`, `campaign_id`, `submitted_on`, `instrument_version`, `department`, `role`, `tenure`, `scores`, `comment`)
		VALUES (NEW.`id`, NEW.`campaign_id`, NEW.`submitted_on`, NEW.`instrument_version`, NEW.`department`, NEW.`role`, NEW.`tenure`, NEW.`scores`, NEW.`comment`);
	UPDATE `access_codes` SET `used` = `used` + 1 WHERE `campaign_id` = NEW.`campaign_id` AND `code_hash` = NEW.`access_code_hash`;
END;
