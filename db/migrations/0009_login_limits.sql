-- The old counters were keyed by plain SHA-256 of addresses (reversible for IPv4) and by 15-minute
-- windows; they are short-lived, so they are dropped rather than copied. The new table counts
-- attempts under keyed hashes (HMAC), each counter anchored at its first attempt.
DROP TABLE `login_failures`;--> statement-breakpoint
CREATE TABLE `login_failures` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`first_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
