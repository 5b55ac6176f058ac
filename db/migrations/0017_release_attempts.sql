CREATE TABLE `release_attempts` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`attempts` integer NOT NULL,
	`reason` text NOT NULL,
	`next_attempt_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
