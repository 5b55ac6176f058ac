-- A round requires codes from its first response on, or not at all (src/domain/campaign.ts
-- codeRequirementFixed). Codes issued after open-link answers would make the release break results
-- down by unit (publishesBreakdowns), and a unit could then hold answers invented on the open link;
-- dropping codes after coded answers breaks what staff were told. The check runs inside the write,
-- so no submission can land between a service's check and the switch.
CREATE TRIGGER `codes_only_before_responses` BEFORE UPDATE OF `require_code` ON `campaigns`
WHEN NEW.`require_code` <> OLD.`require_code` AND EXISTS (SELECT 1 FROM `responses` r WHERE r.`campaign_id` = NEW.`id`)
BEGIN
	SELECT RAISE(ABORT, 'codes_after_responses');
END;
