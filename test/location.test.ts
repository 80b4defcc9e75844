import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LocationReferenceResult, parseLocationReference } from "../src/core/problems/location.js";

function refusalOf(text: string): string {
  const result = parseLocationReference(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result)}`);
  return result.message;
}

/** The normalised text of a reading, as a person would type it back in. */
function normalised(result: LocationReferenceResult): string {
  if (!result.ok) throw new Error(`expected a reading, got: ${result.message}`);
  return result.kind === "postcode" ? result.postcode : result.gridReference;
}

describe("parseLocationReference: postcodes", () => {
  it.each([
    ["YO11 1AA", "YO11 1AA", "YO11"],
    ["yo111aa", "YO11 1AA", "YO11"],
    ["  yo11   1aa ", "YO11 1AA", "YO11"],
    ["HG1 2RE", "HG1 2RE", "HG1"],
    ["M1 1AE", "M1 1AE", "M1"],
    ["B33 8TH", "B33 8TH", "B33"],
    ["CR2 6XH", "CR2 6XH", "CR2"],
    ["DN55 1PT", "DN55 1PT", "DN55"],
    ["W1A 0AX", "W1A 0AX", "W1A"],
    ["EC1A 1BB", "EC1A 1BB", "EC1A"],
    ["sw1a1aa", "SW1A 1AA", "SW1A"],
    ["SE1 7PB", "SE1 7PB", "SE1"],
    ["gir 0aa", "GIR 0AA", "GIR"],
  ])("reads %s as %s, outward code %s", (text, postcode, outward) => {
    expect(parseLocationReference(text)).toEqual({ ok: true, kind: "postcode", postcode, outward });
  });

  it.each([
    "QA1 1AA", // Q never starts a postcode
    "AI1 1AA", // I never comes second
    "YO11 1CA", // C never appears in the inward code
    "W1I 0AX", // I never ends an A9A district
    "YO111A", // inward code too short
    "YO11 1AAA",
    "1O11 1AA",
    "hello",
  ])("refuses %s", (text) => {
    expect(refusalOf(text)).toBe(
      `I couldn't read "${text}" as a postcode or grid reference. Try a postcode like YO11 1AA or a grid reference like SE 60 52.`,
    );
  });

  it("asks for the whole postcode, rather than guessing at a grid square, when given half of one", () => {
    expect(refusalOf("YO11")).toBe(
      '"YO11" looks like the first half of a postcode. Please give all of it, like YO11 1AA, or a grid reference with at least 4 digits, like SE 60 52.',
    );
    // SE17 is a London district and also a 10 km National Grid square.
    expect(refusalOf("se17")).toMatch(/^"se17" looks like the first half of a postcode/);
    expect(refusalOf("SE1")).toMatch(/^"SE1" looks like the first half of a postcode/);
  });
});

describe("parseLocationReference: OS grid references", () => {
  it.each([
    ["SE 60 52", "SE 60 52"],
    ["SE6052", "SE 60 52"],
    ["se 6052", "SE 60 52"],
    ["SD9915163708", "SD 99151 63708"],
    ["sd 99151 63708", "SD 99151 63708"],
    ["SE 605 523", "SE 605 523"],
    ["TA 0 8", "TA 0 8"],
    ["NZ 12345678", "NZ 1234 5678"],
    ["HP 60 10", "HP 60 10"],
    ["OV 12 34", "OV 12 34"],
    ["JM 12 34", "JM 12 34"],
  ])("reads %s as %s", (text, gridReference) => {
    expect(parseLocationReference(text)).toEqual({ ok: true, kind: "grid", gridReference });
  });

  it.each([
    ["AB 12 34", "AB"],
    ["XX 12 34", "XX"],
    ["SI 12 34", "SI"],
  ])("refuses %s: %s is not a National Grid square", (text, letters) => {
    expect(refusalOf(text)).toBe(
      `"${text}" isn't a grid reference: it must start with a National Grid square such as SE or SD, not ${letters}.`,
    );
  });

  it("refuses an odd number of digits, or too many", () => {
    expect(refusalOf("SE605")).toBe(
      '"SE605" isn\'t a grid reference: it needs an even number of digits, 2 to 10, like SE 60 52 or SD 99151 63708.',
    );
    expect(refusalOf("SD 991516 637081")).toMatch(/needs an even number of digits, 2 to 10/);
  });

  it("refuses an easting and northing of different lengths", () => {
    expect(refusalOf("SE 605 2")).toBe(
      '"SE 605 2" isn\'t a grid reference: the easting and northing need the same number of digits, like SE 60 52.',
    );
  });

  it("refuses extra groups of digits", () => {
    expect(refusalOf("SE 60 52 1")).toMatch(/^I couldn't read "SE 60 52 1"/);
  });
});

describe("parseLocationReference: other input", () => {
  it("refuses blank and over-long text", () => {
    expect(refusalOf("   ")).toBe(
      "Please give a postcode or a grid reference. Try a postcode like YO11 1AA or a grid reference like SE 60 52.",
    );
    expect(refusalOf("YO11 1AA ".repeat(4))).toMatch(/^That is too long for a postcode or grid reference/);
  });
});

describe("parseLocationReference properties", () => {
  const letterFrom = (letters: string) => fc.constantFrom(...letters.split(""));
  const digit = fc.integer({ min: 0, max: 9 }).map(String);
  const digits = (min: number, max: number) =>
    fc.array(digit, { minLength: min, maxLength: max }).map((list) => list.join(""));

  const outwardCode = fc.oneof(
    fc.tuple(letterFrom("ABCDEFGHIJKLMNOPRSTUWYZ"), digits(1, 2)).map((parts) => parts.join("")),
    fc
      .tuple(letterFrom("ABCDEFGHIJKLMNOPRSTUWYZ"), letterFrom("ABCDEFGHKLMNOPQRSTUVWXY"), digits(1, 2))
      .map((parts) => parts.join("")),
    fc
      .tuple(letterFrom("ABCDEFGHIJKLMNOPRSTUWYZ"), digit, letterFrom("ABCDEFGHJKPSTUW"))
      .map((parts) => parts.join("")),
    fc
      .tuple(letterFrom("ABCDEFGHIJKLMNOPRSTUWYZ"), letterFrom("ABCDEFGHKLMNOPQRSTUVWXY"), digit)
      .chain(([first, second, number]) =>
        letterFrom("ABEHMNPRVWXY").map((last) => `${first}${second}${number}${last}`),
      ),
  );
  const inwardCode = fc
    .tuple(digit, letterFrom("ABDEFGHJLNPQRSTUWXYZ"), letterFrom("ABDEFGHJLNPQRSTUWXYZ"))
    .map((parts) => parts.join(""));

  const gridReference = fc
    .tuple(letterFrom("STNHOJ"), letterFrom("ABCDEFGHJKLMNOPQRSTUVWXYZ"), fc.integer({ min: 1, max: 5 }))
    .chain(([first, second, precision]) =>
      fc
        .tuple(digits(precision, precision), digits(precision, precision))
        .map(([easting, northing]) => `${first}${second} ${easting} ${northing}`),
    );

  /** The same text as someone might type it: any case, spaces anywhere or nowhere. */
  const asTyped = (canonical: string) =>
    fc
      .tuple(
        fc.array(fc.boolean(), { minLength: canonical.length, maxLength: canonical.length }),
        fc.constantFrom("", " ", "  "),
      )
      .map(([lowerCase, padding]) => {
        const cased = [...canonical].map((char, i) => (lowerCase[i] ? char.toLowerCase() : char)).join("");
        return `${padding}${cased}${padding}`;
      });

  it("reads any valid postcode, however it is typed, as its normal form and outward code", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(outwardCode, inwardCode)
          .chain(([outward, inward]) =>
            fc.tuple(fc.constant(outward), fc.constant(inward), asTyped(`${outward}${inward}`)),
          ),
        ([outward, inward, typed]) => {
          expect(parseLocationReference(typed)).toEqual({
            ok: true,
            kind: "postcode",
            postcode: `${outward} ${inward}`,
            outward,
          });
        },
      ),
    );
  });

  it("reads any valid grid reference, typed in any case, as itself", () => {
    fc.assert(
      fc.property(
        gridReference.chain((canonical) => fc.tuple(fc.constant(canonical), asTyped(canonical))),
        ([canonical, typed]) => {
          expect(parseLocationReference(typed)).toEqual({ ok: true, kind: "grid", gridReference: canonical });
          // Run together, a 10 km square ("SE65") reads as half a postcode; finer ones read as themselves.
          const compact = typed.replaceAll(" ", "");
          if (compact.length > 4) {
            expect(parseLocationReference(compact)).toEqual({
              ok: true,
              kind: "grid",
              gridReference: canonical,
            });
          }
        },
      ),
    );
  });

  it("reads its own normal form back unchanged, for any text it accepts", () => {
    const candidates = fc.oneof(
      fc.tuple(outwardCode, inwardCode).map(([outward, inward]) => `${outward}${inward}`.toLowerCase()),
      gridReference.map((reference) => reference.replaceAll(" ", "")),
      fc.string({ maxLength: 16 }),
      fc.stringMatching(/^[A-Za-z]{1,2}\d{1,2}[A-Za-z]? ?\d[A-Za-z]{2}$/),
    );
    fc.assert(
      fc.property(candidates, (text) => {
        const first = parseLocationReference(text);
        if (!first.ok) return;
        expect(parseLocationReference(normalised(first))).toEqual(first);
      }),
    );
  });
});
