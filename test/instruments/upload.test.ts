/** The rules an uploaded instrument must pass, and the desired-state version of the default instrument. */
import { describe, expect, it } from "vitest";

import { CLIMATE_SCALES } from "../../src/domain/factors.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { InstrumentError, loadInstrument } from "../../src/instruments/instrument.js";
import { problemSentence } from "../../src/instruments/problems.js";
import { createInstrumentRegistry } from "../../src/instruments/registry.js";
import { checkEveryAnswerIsKept, checkUpload, checkUploadedInstrument } from "../../src/instruments/upload.js";
import v1 from "../../surveys/customer-centricity-v1.json" with { type: "json" };
import v2 from "../../surveys/customer-centricity-v2.json" with { type: "json" };

type Json = { pages: { elements: Record<string, unknown>[] }[] } & Record<string, unknown>;
const clone = () => structuredClone(v2) as unknown as Json;
const firstItem = (json: Json) => json.pages[0]!.elements[0]!;
const rejects = (json: Json, message: RegExp) => expect(() => checkUploadedInstrument(json)).toThrow(message);

describe("the default instrument, version 2", () => {
  const instrument = loadInstrument(v2 as Record<string, unknown>);

  it("adds one desired-state item per level and keeps every current-state item of version 1", () => {
    const desired = instrument.key.items.filter((i) => i.perspective === "desired");
    expect(desired.map((i) => i.level)).toEqual([...LEVEL_IDS]);
    const current = instrument.key.items.filter((i) => !i.perspective).map((i) => i.name);
    expect(current).toEqual(loadInstrument(v1 as Record<string, unknown>).key.items.map((i) => i.name));
  });
  it("passes the upload rules itself", () => {
    expect(() => checkUploadedInstrument(v2 as Record<string, unknown>)).not.toThrow();
    expect(() => checkEveryAnswerIsKept(instrument)).not.toThrow();
  });
  it("is installed next to version 1, which campaigns that pinned it keep", () => {
    const registry = createInstrumentRegistry();
    // Version 3 is the latest now; version 2 stays installed for the rounds that pinned it.
    expect(registry.get("customer-centricity", 2)!.key.items).toEqual(instrument.key.items);
    expect(registry.get("customer-centricity", 1)!.key.items.some((i) => i.perspective)).toBe(false);
  });
  it("refuses a desired-state item without a level and an unknown perspective", () => {
    const climate = clone();
    Object.assign(firstItem(climate), { level: undefined, scale: "mandate", perspective: "desired" });
    expect(() => loadInstrument(climate)).toThrow(/desired-state item needs a level/);
    const odd = clone();
    Object.assign(firstItem(odd), { perspective: "ideal" });
    expect(() => loadInstrument(odd)).toThrow(InstrumentError);
  });
});

describe("uploaded instruments", () => {
  it("need every text in Dutch and English, or one default text", () => {
    const onlyDutch = clone();
    firstItem(onlyDutch).title = { nl: "Alleen Nederlands" };
    rejects(onlyDutch, /title needs both "nl" and "en", or a "default"/);
    const withDefault = clone();
    firstItem(withDefault).title = { default: "One text", nl: "Eén tekst" };
    expect(() => checkUploadedInstrument(withDefault)).not.toThrow();
    const plain = clone();
    firstItem(plain).minRateDescription = "Disagree";
    expect(() => checkUploadedInstrument(plain)).not.toThrow();
    const nonText = clone();
    firstItem(nonText).title = { nl: "Tekst", en: 42 };
    rejects(nonText, /may only hold texts/);
  });
  it("may not carry markup that runs or fetches: only bare formatting tags, no image or file questions, no *Html properties", () => {
    const script = clone();
    script.pages[0]!.elements.push({
      type: "html",
      name: "intro",
      html: { nl: "<p>Hallo</p>", en: "<p>Hi</p><script>alert(1)</script>" },
    });
    rejects(script, /simple formatting tags without attributes; found <script>/);
    const handler = clone();
    handler.pages[0]!.elements.push({ type: "html", name: "intro", html: "<p onclick=alert(1)>Hi</p>" });
    rejects(handler, /found <p onclick/);
    const unclosed = clone();
    unclosed.pages[0]!.elements.push({ type: "html", name: "intro", html: "Hi <img src=x onerror=alert(1)" });
    rejects(unclosed, /found <img/);
    const formatting = clone();
    formatting.pages[0]!.elements.push({
      type: "html",
      name: "intro",
      html: "<p><strong>Stel:</strong> a &lt;case&gt;<br/></p>",
    });
    expect(() => checkUploadedInstrument(formatting)).not.toThrow();
    const completed = clone();
    completed.completedHtml = "<img src=x onerror=alert(1)>";
    rejects(completed, /"completedHtml" is not allowed/);
    const image = clone();
    image.pages[0]!.elements.push({
      type: "image",
      name: "logo",
      title: "Logo",
      imageLink: "https://example.com/x.png",
    });
    rejects(image, /question type "image" is not allowed/);
  });
  it("need a title on every question, and at least one page", () => {
    const untitled = clone();
    delete firstItem(untitled).title;
    rejects(untitled, /every question needs a title/);
    rejects({ pages: [] } as unknown as Json, /at least one page/);
  });
  it("are refused when nested absurdly deep", () => {
    let node: Record<string, unknown> = {};
    const deep = clone();
    deep.custom = node;
    for (let i = 0; i < 20; i++) node = (node.child = {}) as Record<string, unknown>;
    rejects(deep, /nested too deeply/);
  });
});

describe("an uploaded instrument's questions", () => {
  const withElement = (element: Record<string, unknown>) => {
    const json = clone();
    json.pages[0]!.elements.push({ title: { nl: "Vraag", en: "Question" }, ...element });
    return loadInstrument(json);
  };

  it("are refused when the method neither scores nor groups on them, since their answers would not be stored", () => {
    for (const extra of [
      { type: "text", name: "employee_number", isRequired: true },
      { type: "comment", name: "second_comment" },
      { type: "dropdown", name: "location", choices: ["Noord", "Zuid"] },
      { type: "checkbox", name: "channels", choices: ["phone", "mail"] },
    ]) {
      const instrument = withElement(extra);
      expect(() => checkEveryAnswerIsKept(instrument), extra.name).toThrow(InstrumentError);
      try {
        checkEveryAnswerIsKept(instrument);
      } catch (error) {
        expect((error as InstrumentError).item).toBe(extra.name);
      }
    }
  });

  it("must make every grouping question required, or the ones who skip it form a unit nobody guards", () => {
    const json = clone();
    const department = json.pages.flatMap((p) => p.elements).find((e) => e.grouping === "department")!;
    department.isRequired = false;
    expect(() => checkEveryAnswerIsKept(loadInstrument(json))).toThrow(/must be required/);
  });

  it("must make every scored question required: the few who answer an optional one would be published alone", () => {
    for (const pick of [
      (e: Record<string, unknown>) => typeof e.level === "string",
      (e: Record<string, unknown>) => e.decision !== undefined,
    ]) {
      const json = clone();
      const question = json.pages.flatMap((p) => p.elements).find(pick)!;
      question.isRequired = false;
      expect(() => checkEveryAnswerIsKept(loadInstrument(json)), String(question.name)).toThrow(/must be required/);
    }
  });

  it("keep every answer a respondent gives otherwise", () => {
    const instrument = loadInstrument(clone());
    expect(() => checkEveryAnswerIsKept(instrument)).not.toThrow();
    expect(instrument.questions.length).toBeGreaterThan(instrument.key.items.length);
  });
});

describe("an upload with several problems", () => {
  const broken = () => {
    const json = clone();
    const [first, second, third] = json.pages[0]!.elements as Record<string, unknown>[];
    delete first!.level; // a rating item without a level
    second!.title = { nl: "Alleen Nederlands" }; // a text in one language
    third!.rateMax = 7; // not the 1–5 scale
    json.pages[0]!.elements.push({
      type: "text",
      name: "employee_number",
      title: "Personeelsnummer",
      isRequired: true,
    }); // an answer not kept
    json.pages[0]!.elements.push({ type: "file", name: "photo", title: "Foto" }); // a refused type
    return { json, names: [first!.name, second!.name, third!.name] as string[] };
  };

  it("names every problem at once, each with its question, in Dutch and English", () => {
    const { json, names } = broken();
    const { instrument, problems } = checkUpload({ ...json, instrumentVersion: 1 });
    expect(instrument).toBeNull();
    expect(problems.map((p) => [p.code, p.item])).toEqual([
      ["text_languages", names[1]],
      ["type_refused", "photo"],
      ["rating_level", names[0]],
      ["agreement_scale", names[2]],
      ["not_used", "employee_number"],
    ]);
    const level = problems.find((p) => p.code === "rating_level")!;
    expect(problemSentence(level, "nl")).toBe(
      `Vraag "${names[0]}": een beoordelingsvraag hoort bij precies één bekend niveau (of beslisklimaat-schaal): voeg "level" toe met een van ${LEVEL_IDS.join(", ")}, of "scale" met een van ${CLIMATE_SCALES.join(", ")} — niet allebei.`,
    );
    expect(problemSentence(level, "en")).toMatch(
      new RegExp(
        `^Question "${names[0]}": a rating item needs exactly one known level .*add "level" with one of mission, `,
      ),
    );
    const text = problems.find((p) => p.code === "text_languages")!;
    expect(problemSentence(text, "nl")).toBe(
      `Vraag "${names[1]}": de titel heeft zowel "nl" als "en" nodig, of één "default"-tekst: vul de ontbrekende taal aan.`,
    );
    expect(text.path).toBe("$.pages[0].elements[1].title");
  });

  it("throws them together from loadInstrument too, the first question first", () => {
    const { json, names } = broken();
    try {
      loadInstrument({ ...json, instrumentVersion: 1 });
      expect.unreachable();
    } catch (error) {
      expect((error as InstrumentError).item).toBe(names[0]);
      // The method's rules per question; a file question is not one it knows either.
      expect((error as InstrumentError).problems.map((p) => p.item)).toEqual([names[0], names[2], "photo"]);
    }
  });

  it("passes a sound instrument with no problem", () => {
    expect(checkUpload({ ...clone(), instrumentVersion: 1 }).problems).toEqual([]);
  });
});
