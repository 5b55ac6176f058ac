CREATE TABLE `norm_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`consultant_id` text NOT NULL,
	`seq` integer NOT NULL,
	`made_on` text NOT NULL,
	`profiles` text NOT NULL,
	FOREIGN KEY (`consultant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `norm_sets_consultant_seq` ON `norm_sets` (`consultant_id`,`seq`);