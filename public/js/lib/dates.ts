/** Dates as the staff pages write them: a YYYY-MM-DD day in full, in the page's language. */
import type { Lang } from "./ui.js";

/** "3 maart 2026" in Dutch, "3 March 2026" in English. */
export const longDate = (date: string, lang: Lang) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString(lang === "nl" ? "nl-NL" : "en-GB", {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
