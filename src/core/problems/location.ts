// Checks the optional postcode or Ordnance Survey grid reference typed with a problem's location,
// and writes it one way, so that later look-ups and anonymised exports (by outward code) agree.

export type LocationReference =
  | { ok: true; kind: "postcode"; postcode: string; outward: string }
  | { ok: true; kind: "grid"; gridReference: string };

export type LocationReferenceResult = LocationReference | { ok: false; message: string };

const MAX_INPUT_LENGTH = 30;
const EXAMPLES = "Try a postcode like YO11 1AA or a grid reference like SE 60 52.";

// Royal Mail's rules for each letter position (the letters left out are never used there):
// area letters never Q, V or X first, nor I, J or Z second; A9A and AA9A districts end in a
// restricted set; the inward code's letters never include C, I, K, M, O or V.
const AREA_FIRST = "[A-PR-UWYZ]";
const AREA_SECOND = "[A-HK-Y]";
const OUTWARD_CODE = new RegExp(
  `^(?:${AREA_FIRST}\\d{1,2}|${AREA_FIRST}${AREA_SECOND}\\d{1,2}|${AREA_FIRST}\\d[A-HJKPSTUW]|${AREA_FIRST}${AREA_SECOND}\\d[ABEHMNPRVWXY])$`,
);
const INWARD_CODE = /^\d[ABD-HJLNP-UW-Z]{2}$/;
// Girobank's old postcode: outside the rules, still in use.
const GIROBANK = "GIR0AA";

// A grid reference: a 500 km square letter (those covering Great Britain), a 100 km square
// letter (the 5x5 grid, no I), then easting and northing digits of equal length, together or
// apart.
const GRID_SHAPE = /^([A-Z]{2})\s*(\d+)(?:\s+(\d+))?$/;
const GRID_FIRST_LETTER = /^[STNHOJ]$/;
const GRID_SECOND_LETTER = /^[A-HJ-Z]$/;
const MAX_GRID_DIGITS = 10;

/** Reads a UK postcode ("yo111aa" becomes "YO11 1AA") or an OS grid reference ("SE6052" becomes "SE 60 52"). */
export function parseLocationReference(text: string): LocationReferenceResult {
  const typed = text.trim();
  const input = typed.replace(/\s+/g, " ").toUpperCase();
  if (input === "") return refuse(`Please give a postcode or a grid reference. ${EXAMPLES}`);
  if (input.length > MAX_INPUT_LENGTH) {
    return refuse(`That is too long for a postcode or grid reference. ${EXAMPLES}`);
  }
  // "SE17" is both a postcode district and a 10 km grid square: ask rather than guess.
  if (OUTWARD_CODE.test(input)) {
    return refuse(
      `"${typed}" looks like the first half of a postcode. Please give all of it, like YO11 1AA, or a grid reference with at least 4 digits, like SE 60 52.`,
    );
  }
  const grid = GRID_SHAPE.exec(input);
  if (grid) return readGridReference(typed, grid[1] as string, grid[2] as string, grid[3]);
  return readPostcode(input, typed);
}

function readPostcode(input: string, typed: string): LocationReferenceResult {
  const compact = input.replaceAll(" ", "");
  const outward = compact.slice(0, -3);
  const inward = compact.slice(-3);
  const valid = compact === GIROBANK || (OUTWARD_CODE.test(outward) && INWARD_CODE.test(inward));
  if (!valid) return refuse(`I couldn't read "${typed}" as a postcode or grid reference. ${EXAMPLES}`);
  return { ok: true, kind: "postcode", postcode: `${outward} ${inward}`, outward };
}

function readGridReference(
  typed: string,
  letters: string,
  firstDigits: string,
  secondDigits: string | undefined,
): LocationReferenceResult {
  if (!GRID_FIRST_LETTER.test(letters.charAt(0)) || !GRID_SECOND_LETTER.test(letters.charAt(1))) {
    return refuse(
      `"${typed}" isn't a grid reference: it must start with a National Grid square such as SE or SD, not ${letters}.`,
    );
  }
  const digits = firstDigits + (secondDigits ?? "");
  if (secondDigits !== undefined && firstDigits.length !== secondDigits.length) {
    return refuse(
      `"${typed}" isn't a grid reference: the easting and northing need the same number of digits, like SE 60 52.`,
    );
  }
  if (digits.length % 2 !== 0 || digits.length < 2 || digits.length > MAX_GRID_DIGITS) {
    return refuse(
      `"${typed}" isn't a grid reference: it needs an even number of digits, 2 to ${MAX_GRID_DIGITS}, like SE 60 52 or SD 99151 63708.`,
    );
  }
  const half = digits.length / 2;
  return {
    ok: true,
    kind: "grid",
    gridReference: `${letters} ${digits.slice(0, half)} ${digits.slice(half)}`,
  };
}

function refuse(message: string): LocationReferenceResult {
  return { ok: false, message };
}
