-- Deleting an account keeps its audit entries and shared summary links with a null actor (README,
-- "Data protection"). No PRAGMA foreign_keys: migrations run in a transaction, where it does nothing, D1
-- does not take it, and neither rebuilt table is referenced by another.
CREATE TABLE `__new_audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text,
	`actor_id` text,
	`action` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_audit_log`("id", "organisation_id", "actor_id", "action", "detail", "at") SELECT "id", "organisation_id", "actor_id", "action", "detail", "at" FROM `audit_log`;--> statement-breakpoint
DROP TABLE `audit_log`;--> statement-breakpoint
ALTER TABLE `__new_audit_log` RENAME TO `audit_log`;--> statement-breakpoint
CREATE INDEX `audit_log_organisation_idx` ON `audit_log` (`organisation_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `__new_summary_links` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_summary_links`("campaign_id", "token_hash", "created_by", "created_at") SELECT "campaign_id", "token_hash", "created_by", "created_at" FROM `summary_links`;--> statement-breakpoint
DROP TABLE `summary_links`;--> statement-breakpoint
ALTER TABLE `__new_summary_links` RENAME TO `summary_links`;--> statement-breakpoint
CREATE UNIQUE INDEX `summary_links_token_hash_unique` ON `summary_links` (`token_hash`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `retention_months` integer;