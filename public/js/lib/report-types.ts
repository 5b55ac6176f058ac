/** The report's shapes as the dashboard's sections read them, from the service that makes it (src/services/reports.ts). */
import type { CampaignReport } from "../../../src/services/reports.js";

export type Report = CampaignReport;
/** A report with figures: the round reached k for the group asked. */
export type Released = Extract<Report, { suppressed: false }>;
export type Level = Released["levels"][number];
