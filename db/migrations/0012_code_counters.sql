ALTER TABLE `campaigns` ADD `codes_issued` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `codes_used` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Issued and used codes per round, kept by the database: reading them no longer counts every code
-- of the round (a million codes took 85 ms in one statement).
UPDATE `campaigns` SET
	`codes_issued` = (SELECT count(*) FROM `access_codes` a WHERE a.`campaign_id` = `campaigns`.`id`),
	`codes_used` = (SELECT count(*) FROM `access_codes` a WHERE a.`campaign_id` = `campaigns`.`id` AND a.`used` = 1);--> statement-breakpoint
CREATE TRIGGER `codes_issued_count` AFTER INSERT ON `access_codes`
BEGIN
	UPDATE `campaigns` SET `codes_issued` = `codes_issued` + 1, `codes_used` = `codes_used` + NEW.`used` WHERE `id` = NEW.`campaign_id`;
END;--> statement-breakpoint
CREATE TRIGGER `codes_used_count` AFTER UPDATE OF `used` ON `access_codes`
BEGIN
	UPDATE `campaigns` SET `codes_used` = `codes_used` + NEW.`used` - OLD.`used` WHERE `id` = NEW.`campaign_id`;
END;--> statement-breakpoint
CREATE TRIGGER `codes_deleted_count` AFTER DELETE ON `access_codes`
BEGIN
	UPDATE `campaigns` SET `codes_issued` = `codes_issued` - 1, `codes_used` = `codes_used` - OLD.`used` WHERE `id` = OLD.`campaign_id`;
END;
