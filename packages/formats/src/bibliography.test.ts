import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type BibRecord,
  citationLabel,
  FormatError,
  parseMedline,
  parseRis,
  parseWos,
  sniffBibliography,
} from "@quire/formats";
import { describe, expect, it } from "vitest";
import { hasShared, sharedPath } from "../../../test-support/shared-data.js";

function parseAny(text: string, file: string): BibRecord[] {
  const format = sniffBibliography(text);
  if (format === "ris") return parseRis(text, file);
  if (format === "wos") return parseWos(text, file);
  if (format === "medline") return parseMedline(text, file);
  throw new Error(`${file}: not bibliographic`);
}

const EXPECTED: Record<string, number> = {
  "rispy/example_bom.ris": 1,
  "rispy/example_empty_tag.ris": 1,
  "rispy/example_endnote.ris": 1,
  "rispy/example_extraneous_data.ris": 2,
  "rispy/example_full.ris": 2,
  "rispy/example_multiline.ris": 3,
  "rispy/example_pubmed.txt": 10,
  "rispy/example_starting_newlines.ris": 1,
  "rispy/example_urls.ris": 4,
  "rispy/example_utf_chars.ris": 1,
  "rispy/example_wos.ris": 2,
  "searchbuildR/testset_endnote_hyphen_decision.txt": 20,
  "searchbuildR/testset_pubmed.txt": 10,
  "searchbuildR/testset_pubmed_hyphen_decision.txt": 20,
  "searchbuildR/testset_ris.txt": 32,
  "searchbuildR/testset_ris_minimum.txt": 2,
  "searchbuildR/testset_ris_ohneAN.txt": 2,
};

describe.runIf(hasShared("data/biblio"))("real RIS, MEDLINE and Web of Science files", () => {
  it("reads every record of every file in the shared biblio folder", () => {
    const found = ["rispy", "searchbuildR"].flatMap((folder) =>
      readdirSync(sharedPath(join("data/biblio", folder)))
        .filter((file) => !/LICENSE/.test(file))
        .map((file) => `${folder}/${file}`),
    );
    expect(found.sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const file of found) {
      const records = parseAny(readFileSync(sharedPath(`data/biblio/${file}`), "utf8"), file);
      expect(records.length, file).toBe(EXPECTED[file]);
    }
  });

  it("keeps the fields of a real PubMed record", () => {
    const [first] = parseMedline(
      readFileSync(sharedPath("data/biblio/rispy/example_pubmed.txt"), "utf8"),
      "pubmed",
    );
    expect(first).toMatchObject({
      pmid: "30922926",
      year: 2020,
      journal: "European journal of medical genetics",
      doi: "10.1016/j.ejmg.2019.03.004",
    });
    expect(first?.authors[0]).toBe("Griffin, Darren K");
    expect(first?.mesh).toContain("Animals");
    expect(first?.abstract).toMatch(/^For the purpose of this review/);
    expect(first?.title).toMatch(/^Time lapse: A glimpse into prehistoric genomics/);
  });

  it("splits EndNote's untagged continuation lines into values for list tags", () => {
    const [record] = parseRis(
      readFileSync(sharedPath("data/biblio/rispy/example_endnote.ris"), "utf8"),
      "endnote",
    );
    expect(record?.keywords).toEqual([
      "citation",
      "reference",
      "library",
      "wizardry",
      "coffee",
      "procrastination",
      "EndNote",
      "RIS",
    ]);
    expect(record?.fields.SN).toEqual(["0000-0000", "9999-9999"]);
    expect(record?.doi).toBe("10.1234/endnote.joke.2024");
  });

  it("reads Cyrillic text after a byte-order mark and keeps WoS continuation lines", () => {
    const [utf] = parseRis(
      readFileSync(sharedPath("data/biblio/rispy/example_utf_chars.ris"), "utf8"),
      "utf",
    );
    expect(utf?.title).toMatch(/^Состояние/);
    const wos = parseWos(
      readFileSync(sharedPath("data/biblio/rispy/example_wos.ris"), "utf8"),
      "wos",
    );
    expect(wos[0]?.authors).toEqual(["Parkes-Loach, PS", "Majeed, AP", "Law, CJ", "Loach, PA"]);
    expect(wos[0]?.title).toBe(
      "Interactions stabilizing the structure of the core light-harvesting complex (LHl) of photosynthetic bacteria and its subunit (B820)",
    );
  });
});

describe.runIf(hasShared("seeds"))("the seed records, flattened onto one line", () => {
  it("reads the MEDLINE seed", () => {
    const records = parseAny(
      readFileSync(sharedPath("seeds/medline-record_ibs-cbt-gp-interactions.txt"), "utf8"),
      "seed",
    );
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?.authors).toHaveLength(6);
    expect(record).toMatchObject({
      year: 2018,
      doi: "10.3399/bjgp18X698321",
      journal: "British Journal of General Practice",
    });
    expect(record?.abstract).toMatch(/^Background Previous studies/);
    expect(record?.abstract).toMatch(/may be beneficial\.$/);
    expect(record?.fields["4099"]).toEqual(["http://bjgp.org/content/68/674/e654.short"]);
    expect(citationLabel(record as BibRecord)).toBe("Sibelli et al. 2018");
  });

  it("reads the RIS seed", () => {
    const [record] = parseAny(
      readFileSync(sharedPath("seeds/ris-record_gp-opioid-prescribing.txt"), "utf8"),
      "seed",
    );
    expect(record).toMatchObject({
      year: 2022,
      doi: "10.3399/BJGPO.2022.0085",
      journal: "BJGP Open",
    });
    expect(record?.authors).toEqual(["Simon Gill", "John Bailey", "Sadia Nafees", "Rob Poole"]);
    expect(record?.abstract).toMatch(/to manage chronic pain safely\.$/);
    expect(citationLabel(record as BibRecord)).toBe("Gill et al. 2022");
  });
});

describe("hostile bibliographic text", () => {
  it("names the file when there is no record", () => {
    expect(() => parseRis("hello", "x.ris")).toThrow(FormatError);
    expect(() => parseMedline("\n\n", "x.nbib")).toThrow(/x.nbib: holds no MEDLINE record/);
  });

  it("names the line of a record that never ended", () => {
    expect(() => parseRis("TY  - JOUR\nTI  - A\nTY  - JOUR\nER  - \n", "broken.ris")).toThrow(
      /broken.ris line 3/,
    );
  });
});
