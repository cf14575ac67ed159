import { readdirSync } from "node:fs";
import { type ParsedTranscript, parseTranscript, readTextFile } from "@quire/formats";
import { describe, expect, it } from "vitest";
import { hasShared, sharedPath } from "../../../test-support/shared-data.js";

const parse = (text: string, kind?: "interview" | "focus_group") =>
  parseTranscript(text, { file: "t.txt", format: "text", kind });

/** Each turn as `speaker|its text` for compact assertions. */
const spoken = (result: ParsedTranscript) =>
  result.turns.map((turn) => `${turn.speaker}|${result.text.slice(turn.start, turn.end)}`);

function expectWellFormed(result: ParsedTranscript): void {
  let previousEnd = 0;
  for (const turn of result.turns) {
    expect(turn.labelStart).toBeGreaterThanOrEqual(previousEnd);
    expect(turn.labelStart).toBeLessThanOrEqual(turn.start);
    expect(turn.start).toBeLessThanOrEqual(turn.end);
    expect(turn.end).toBeLessThanOrEqual(result.text.length);
    previousEnd = turn.end;
  }
}

describe("parseTranscript: label styles", () => {
  it("reads I:/R: turns with continuation lines and a preamble", () => {
    const result = parse(
      "Interview 3, 12 May\n\nI: How did it start?\n\nR: Slowly. I went to\nthe GP first.\n\nI: And then?\nR:\tThen A&E.\n",
    );
    expect(spoken(result)).toEqual([
      "I|How did it start?",
      "R|Slowly. I went to\nthe GP first.",
      "I|And then?",
      "R|Then A&E.",
    ]);
    expect(result.turns[0]?.labelStart).toBe(result.text.indexOf("I: How"));
    expect(result.speakers).toEqual([
      { label: "I", role: "interviewer", generic: true, turnCount: 2, wordCount: 6 },
      { label: "R", role: "participant", generic: true, turnCount: 2, wordCount: 9 },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("reads role words, IDs, names and dashes", () => {
    const result = parse(
      [
        "Interviewer: Welcome.",
        "Participant: Thanks.",
        "Respondent: Hello.",
        "P07: I am P07.",
        "P7 - Dash style.",
        "Dr Smith: Named once is not enough,",
        "GP1: An ID is enough once.",
        "Dr Smith: but named twice is.",
        "Q: A question?",
        "A: An answer.",
        "Interviewee: Me.",
      ].join("\n"),
    );
    expect(result.speakers.map((s) => [s.label, s.role, s.generic])).toEqual([
      ["Interviewer", "interviewer", true],
      ["Participant", "participant", true],
      ["Respondent", "participant", true],
      ["P07", "participant", false],
      ["P7", "participant", false],
      ["Dr Smith", "participant", false],
      ["GP1", "participant", false],
      ["Q", "interviewer", true],
      ["A", "participant", true],
      ["Interviewee", "participant", true],
    ]);
    expect(spoken(result)[4]).toBe("P7|Dash style.");
  });

  it("reads timestamps before and after names", () => {
    const result = parse(
      "[00:00:05] Anna: Shall we start?\n00:01:10 Ben: Yes.\nAnna (00:02:03.5): Good.\n[12:30] Ben: Done.\n",
    );
    expect(spoken(result)).toEqual(["Anna|Shall we start?", "Ben|Yes.", "Anna|Good.", "Ben|Done."]);
    expect(result.turns.map((turn) => [turn.timeStart, turn.timeEnd])).toEqual([
      [5, 70],
      [70, 123.5],
      [123.5, 750],
      [750, null],
    ]);
    expect(result.turns[0]?.labelStart).toBe(0);
  });

  it("puts speech on the line after a bare label into the turn", () => {
    const result = parse("Moderator:\n  Welcome, all.\nP1:\n\nHi.\n");
    expect(spoken(result)).toEqual(["Moderator|Welcome, all.", "P1|Hi."]);
    expect(result.speakers[0]?.role).toBe("moderator");
  });

  it("guards against false labels", () => {
    const result = parse(
      [
        "Note: recorded on a phone.",
        "I: When was it?",
        "R: It was at 10:30 in the morning, see",
        "https://example.org/page: for details. The point was:",
        "before: we went in. Another thing I should say: no.",
        "So the reason is this: money.",
        "10:30 was early.",
        "I: Thanks.",
      ].join("\n"),
    );
    expect(result.turns.map((turn) => turn.speaker)).toEqual(["I", "R", "I"]);
    expect(result.text.slice(0, result.turns[0]?.labelStart)).toBe("Note: recorded on a phone.\n");
    expect(spoken(result)[1]).toMatch(/^R\|It was at 10:30.*\n10:30 was early\.$/s);
    expect(result.warnings.some((w) => w.includes('"So the reason is this:"'))).toBe(false);
  });

  it("reads a semicolon slip as a label already used with a colon, with a warning", () => {
    const result = parse("I: Ready?\nR; Yes.\nI: Good.\nR: Fine.\n");
    expect(spoken(result)).toEqual(["I|Ready?", "R|Yes.", "I|Good.", "R|Fine."]);
    expect(result.warnings).toEqual(['t.txt line 2: read "R;" as the speaker label "R:"']);
  });

  it("warns about empty turns and transcripts without labels", () => {
    const empty = parse("I: Hello?\nR:\nI: Anyone?\n");
    expect(empty.turns[1]).toMatchObject({ start: 12, end: 12, speaker: "R" });
    expect(empty.warnings).toEqual(['t.txt line 2: the turn of "R" is empty']);
    const none = parse("Just some notes.\nNothing more.\n");
    expect(none.turns).toEqual([]);
    expect(none.warnings[0]).toMatch(/no speaker labels found/);
  });

  it("reads a focus group with a moderator and four speakers", () => {
    const text = [
      "Focus group 2 — carers",
      "",
      "Moderator: Let's go round. Anna?",
      "Anna: I care for my mum.",
      "Ben: My son, since 2019.",
      "Chloe: My husband.",
      "Dev: Nobody now.",
      "Moderator: Thank you. What helped?",
      "Anna: The nurse.",
      "Ben: Nothing, honestly.",
      "Chloe: Other carers.",
      "Dev: Time.",
      "I: One more thing from me.",
    ].join("\n");
    const result = parse(text, "focus_group");
    expect(result.speakers.map((s) => [s.label, s.role, s.turnCount])).toEqual([
      ["Moderator", "moderator", 2],
      ["Anna", "participant", 2],
      ["Ben", "participant", 2],
      ["Chloe", "participant", 2],
      ["Dev", "participant", 2],
      ["I", "moderator", 1],
    ]);
    expect(parse(text, "interview").speakers[0]?.role).toBe("interviewer");
    expect(parse(text).speakers.map((s) => s.role)[5]).toBe("interviewer");
  });
});

describe("parseTranscript: Markdown", () => {
  it("strips markup, keeps lines, and reads bold labels", () => {
    const markdown = [
      "---",
      "title: Interview 4",
      "---",
      "# Interview *four*",
      "",
      "**Interviewer:** What _changed_ after the [diagnosis](https://example.org)?",
      "**P04**: It was **hard**, and",
      "> quoted \\*literally\\*",
      "",
      "***",
      "**Interviewer:** `Thanks`.",
    ].join("\n");
    const result = parseTranscript(markdown, { file: "m.md", format: "markdown" });
    expect(result.text).toBe(
      [
        "Interview four",
        "",
        "Interviewer: What changed after the diagnosis?",
        "P04: It was hard, and",
        "quoted *literally*",
        "",
        "Interviewer: Thanks.",
      ].join("\n"),
    );
    expect(spoken(result)).toEqual([
      "Interviewer|What changed after the diagnosis?",
      "P04|It was hard, and\nquoted *literally*",
      "Interviewer|Thanks.",
    ]);
    expectWellFormed(result);
  });
});

const INTERVIEWS = "data/corpora/trial_transparency_interviews";

describe.skipIf(!hasShared(INTERVIEWS))(
  "parseTranscript: the 12 trial-transparency interviews",
  () => {
    const files = hasShared(INTERVIEWS)
      ? readdirSync(sharedPath(INTERVIEWS)).filter((file) => file.endsWith(".txt"))
      : [];

    it("finds all twelve files", () => {
      expect(files).toHaveLength(12);
    });

    it.each(files)("%s", async (file) => {
      const text = await readTextFile(sharedPath(`${INTERVIEWS}/${file}`), { name: file });
      expect(text.startsWith("\uFEFF")).toBe(false);
      const result = parseTranscript(text, { file, format: "text", kind: "interview" });
      expect(result.text).toBe(text);
      expectWellFormed(result);
      // About one turn per 200–500 bytes of a conversational interview.
      expect(result.turns.length).toBeGreaterThan(30);
      expect(result.turns.length).toBeLessThan(300);
      for (const turn of result.turns) {
        const label = result.text.slice(turn.labelStart, turn.start);
        // The speech begins right after "I:" / "R1:" (or "R;") and its whitespace.
        expect(label).toMatch(new RegExp(`^${turn.speaker}[:;]\\s*$`));
        expect(/\s/.test(result.text[turn.start] ?? "")).toBe(false);
      }
      // nt003 and uni005 interview two respondents, R1 and R2, alongside a few plain R turns.
      const labels = result.speakers.map((speaker) => speaker.label).sort();
      const twoRespondents = file.startsWith("nt003") || file.startsWith("uni005");
      expect(labels).toEqual(twoRespondents ? ["I", "R", "R1", "R2"] : ["I", "R"]);
      for (const speaker of result.speakers) {
        expect(speaker.role).toBe(speaker.label === "I" ? "interviewer" : "participant");
        expect(speaker.generic).toBe(speaker.label === "I" || speaker.label === "R");
      }
      const interviewer = result.speakers.find((speaker) => speaker.label === "I");
      expect(interviewer?.turnCount).toBeGreaterThanOrEqual(4);
    });
  },
);
