/** Export file names from organisation, round and date. */
import { describe, expect, it } from "vitest";

import { exportFileName } from "../../src/lib/file-name.js";

describe("exportFileName", () => {
  it("names a file by its organisation, round and date, without accents or odd characters", () => {
    expect(exportFileName(["Zorggroep Het Baken", "Klantgerichtheid in de zorg 2026", "2026-02-28"], "csv")).toBe(
      "zorggroep-het-baken_klantgerichtheid-in-de-zorg-2026_2026-02-28.csv",
    );
    expect(exportFileName(["Café Één & Co", 'Ronde "1"/2'], "csv")).toBe("cafe-een-co_ronde-1-2.csv");
  });
  it("never gives an empty name", () => {
    expect(exportFileName(["—", ""], "csv")).toBe("export.csv");
  });
});
