-- Staff invited by e-mail (src/services/staff-invitations.ts). Per round only the mode, languages
-- and counts; per invitation (reminders mode only, until the round's release deletes them) a keyed
-- hash of the address, the code's hash, the code sealed and the reminders sent. WITHOUT ROWID: rows
-- sit in the order of their keyed hashes, not of sending.
CREATE TABLE `staff_invitation_rounds` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`languages` text NOT NULL,
	`invited` integer DEFAULT 0 NOT NULL,
	`reminders` integer DEFAULT 0 NOT NULL,
	`max_reminders` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `staff_invitations` (
	`campaign_id` text NOT NULL,
	`address_key` text NOT NULL,
	`code_hash` text NOT NULL,
	`sealed_code` text NOT NULL,
	`reminders_sent` integer DEFAULT 0 NOT NULL,
	`language` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `address_key`)
) WITHOUT ROWID;
