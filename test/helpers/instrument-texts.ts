/** Where an instrument's JSON has a text without both Dutch and English. */
const TEXT_KEYS = ["title", "description", "text", "html", "completeText", "minRateDescription", "maxRateDescription"];

export function untranslatedTexts(json: unknown): string[] {
  const untranslated: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      const text = value as Record<string, string> | string;
      if (TEXT_KEYS.includes(key) && (typeof text !== "object" || !text.nl || !text.en))
        untranslated.push(`${path}.${key}`);
      else walk(value, `${path}.${key}`);
    }
  };
  walk(json, "$");
  return untranslated;
}
