// The `ldg` commands: what each takes and does. main.ts parses the command line, handles errors
// and exit codes; each command here returns the text to print.
import { readFileSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import type { ParseArgsConfig } from "node:util";
import { Accountability } from "../core/accountability/accountability.js";
import { Actions } from "../core/actions/actions.js";
import { Activities } from "../core/activities/activities.js";
import { type Actor, actorFromContact, operatorActor } from "../core/actor.js";
import { AreaChasePolicies } from "../core/chasing/area-policy.js";
import { Digests, EVERY_CHANNEL } from "../core/digests/digests.js";
import { boardDigestMarkdown, weeklyDigestMarkdown } from "../core/digests/render-markdown.js";
import { UserFacingError } from "../core/errors.js";
import { PersonalDataExports } from "../core/privacy/personal-data.js";
import { operationalPlan } from "../core/problems/plan.js";
import { monthsInWords, Register } from "../core/register/register.js";
import { ORGANISATION_KINDS } from "../core/register/vocabulary.js";
import { calendarDayInZone, LDG_TIME_ZONE } from "../core/time/due-date.js";
import { loadDemoRegister } from "../demo/load-demo.js";
import { publicSummaryHtml, publicSummaryMarkdown } from "../reports/public-summary-page.js";
import { PrismaAccountabilityRepository } from "../store/accountability-repository.js";
import { PrismaActivityRepository } from "../store/activity-repository.js";
import { PrismaAreaPolicyRepository } from "../store/area-policy-repository.js";
import { describeDatabase, migrateDatabase, type Store } from "../store/database.js";
import { PrismaDigestRepository } from "../store/digest-repository.js";
import { PrismaPersonalDataRepository } from "../store/personal-data-repository.js";
import { PrismaRegisterRepository } from "../store/register-repository.js";
import { PrismaWorkflowRepository } from "../store/workflow-repository.js";
import { needsToJson, writeNeedsCsv } from "./needs-export.js";
import { planToCsv, planToMarkdown } from "./plan-export.js";
import {
  contactsToCsv,
  formatImportReport,
  importRegisterCsv,
  REGISTER_CSV_COLUMNS,
  REQUIRED_COLUMNS,
} from "./register-csv.js";

/** The command line was wrong (unknown command or option, missing argument): exit code 2. */
export class UsageError extends Error {}

export interface CommandInput {
  options: Record<string, string | boolean | undefined>;
  positionals: string[];
  databaseUrl: string;
  /** REGISTER_VERIFY_MONTHS: when an entry counts as stale. */
  verifyEveryMonths: number;
  /** Tells the operator something went not quite as asked, on standard error. */
  warn(message: string): void;
  /** Opens the store on first use; main.ts disconnects it. */
  store(): Promise<Store>;
}

export interface Command {
  /** The words that name it, e.g. `register import`. */
  name: string;
  /** Its arguments and options, after the name. */
  usage: string;
  description: string;
  options?: ParseArgsConfig["options"];
  /** How many arguments must follow the name. */
  positionals?: number;
  run(input: CommandInput): Promise<string>;
}

function cliActor(): Actor {
  // os.userInfo() throws for a user id with no account, as in some containers.
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? "unknown";
  }
  return operatorActor(`cli:${user}`);
}

/** `--as <email>` runs a command as that register entry, with their rights; else as the operator. */
async function actorFor(input: CommandInput): Promise<Actor> {
  const email = input.options.as;
  if (typeof email !== "string") return cliActor();
  const contact = await (await openRegister(input)).findByEmail(email);
  if (!contact) throw new UserFacingError(`${email} is not in the register.`);
  return actorFromContact(contact);
}

async function openAccountability(input: CommandInput): Promise<Accountability> {
  const store = await input.store();
  return new Accountability(
    new PrismaAccountabilityRepository(store),
    new Activities(new PrismaActivityRepository(store)),
  );
}

async function openRegister(input: CommandInput): Promise<Register> {
  return new Register(
    new PrismaRegisterRepository(await input.store()),
    () => new Date(),
    input.verifyEveryMonths,
  );
}

function requiredText(input: CommandInput, option: string, command: string): string {
  const value = input.options[option];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`${command} needs --${option}.`);
  return value;
}

function readInputFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UserFacingError(`There is no file ${file}.`);
    if (code === "EISDIR") throw new UserFacingError(`${file} is a folder, not a file.`);
    throw new UserFacingError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

function entryCount(count: number): string {
  return count === 1 ? "1 entry" : `${count} entries`;
}

export const COMMANDS: Command[] = [
  {
    name: "register import",
    usage: "<file.csv> [--skip-invalid]",
    description:
      "Adds new entries and updates changed ones from a register CSV file, matched on email. Nothing is " +
      "written unless every row is good; with --skip-invalid the good rows are written and the rest listed.",
    options: { "skip-invalid": { type: "boolean" } },
    positionals: 1,
    async run(input) {
      const file = input.positionals[0] as string;
      const bytes = readInputFile(file);
      const register = await openRegister(input);
      const report = await importRegisterCsv(register, cliActor(), bytes, {
        skipInvalid: input.options["skip-invalid"] === true,
      });
      const text = formatImportReport(report);
      if (!report.written) throw new UserFacingError(text);
      return text;
    },
  },
  {
    name: "register export",
    usage: "[--output <file.csv>] [--include-retired]",
    description:
      "Writes the register's active entries as CSV, to the screen unless --output names a file. " +
      "--include-retired adds retired entries (importing them again brings them back).",
    options: { output: { type: "string", short: "o" }, "include-retired": { type: "boolean" } },
    async run(input) {
      const register = await openRegister(input);
      const contacts = await register.listAll(cliActor(), {
        includeRetired: input.options["include-retired"] === true,
      });
      const csv = contactsToCsv(contacts);
      const output = input.options.output;
      if (typeof output !== "string") return csv;
      writeFileSync(output, csv);
      return `Wrote ${entryCount(contacts.length)} to ${output}.`;
    },
  },
  {
    name: "register stale",
    usage: "",
    description: "Lists the active entries nobody has verified for six months (REGISTER_VERIFY_MONTHS).",
    async run(input) {
      const period = monthsInWords(input.verifyEveryMonths);
      const stale = await (await openRegister(input)).listUnverified(cliActor());
      if (stale.length === 0) return `Every active entry has been verified in the last ${period}.`;
      const lines = stale.map((contact) => {
        const areas = [...new Set(contact.memberships.map((membership) => membership.area.code))].join(", ");
        const verified = contact.verifiedAt
          ? `last verified ${calendarDayInZone(contact.verifiedAt, LDG_TIME_ZONE)}`
          : "never verified";
        return `  ${contact.name} <${contact.email}>, ${contact.organisation.name}, ${areas}: ${verified}`;
      });
      return [`${entryCount(stale.length)} not verified for ${period}:`, ...lines].join("\n");
    },
  },
  {
    name: "plan",
    usage: "--area <code> [--format csv|md] [--output <file>]",
    description:
      "Writes the area's prioritised operational plan (RED, then AMBER, then GREEN; oldest first) with its " +
      "partners and open actions, as Markdown (the default) or CSV.",
    options: { area: { type: "string" }, format: { type: "string" }, output: { type: "string", short: "o" } },
    async run(input) {
      const area = requiredText(input, "area", "plan");
      const format = input.options.format ?? "md";
      if (format !== "csv" && format !== "md") throw new UsageError("plan --format takes csv or md.");
      const repository = new PrismaWorkflowRepository(await input.store());
      const plan = await operationalPlan(repository, new Actions(repository), cliActor(), area);
      const text = format === "csv" ? planToCsv(plan) : planToMarkdown(plan);
      const output = input.options.output;
      if (typeof output !== "string") return text;
      writeFileSync(output, text);
      return `Wrote the ${plan.area.name} plan (${plan.entries.length} open problems) to ${output}.`;
    },
  },
  {
    name: "export needs",
    usage:
      "--from <2026-04-01> --to <2027-03-31> [--area <code>] [--format json|csv] [--output <file or folder>] [--as <email>]",
    description:
      "Writes anonymised problem and activity data for the needs assessment: JSON (the default), or CSV " +
      "as problems.csv and activity.csv in the --output folder. Admins and coordinators only.",
    options: {
      from: { type: "string" },
      to: { type: "string" },
      area: { type: "string" },
      format: { type: "string" },
      output: { type: "string", short: "o" },
      as: { type: "string" },
    },
    async run(input) {
      const from = requiredText(input, "from", "export needs");
      const to = requiredText(input, "to", "export needs");
      const format = input.options.format ?? "json";
      if (format !== "csv" && format !== "json")
        throw new UsageError("export needs --format takes json or csv.");
      const output = input.options.output;
      if (format === "csv" && typeof output !== "string") {
        throw new UsageError(
          "export needs --format csv needs --output <folder> for problems.csv and activity.csv.",
        );
      }
      const area = typeof input.options.area === "string" ? input.options.area : undefined;
      const { result, warning } = await (await openAccountability(input)).needsAssessment(
        await actorFor(input),
        {
          from,
          to,
          ...(area ? { area } : {}),
        },
      );
      if (warning) input.warn(warning);
      const counts = `${result.problems.length} problems and ${result.activity.length} activity counts`;
      if (format === "csv") {
        const files = writeNeedsCsv(result, output as string);
        return `Wrote ${counts} to ${files.join(" and ")}.`;
      }
      const json = needsToJson(result, { from, to });
      if (typeof output !== "string") return json;
      writeFileSync(output, json);
      return `Wrote ${counts} to ${output}.`;
    },
  },
  {
    name: "privacy export",
    usage: "<email> [--output <file>] [--as <email>]",
    description:
      "Writes, as JSON, everything the bot holds about one person (their right of access): register entry, " +
      "problems raised, actions, meetings, activity, messages and audit entries. Admins, or the person themself.",
    positionals: 1,
    options: { output: { type: "string", short: "o" }, as: { type: "string" } },
    async run(input) {
      const exports = new PersonalDataExports(new PrismaPersonalDataRepository(await input.store()));
      const document = await exports.export(await actorFor(input), input.positionals[0] as string);
      const json = `${JSON.stringify(document, null, 2)}\n`;
      const output = input.options.output;
      if (typeof output !== "string") return json;
      // Personal data: readable by the operator's account alone.
      writeFileSync(output, json, { mode: 0o600 });
      return `Wrote what the bot holds about ${document.subject} to ${output}.`;
    },
  },
  {
    name: "report public",
    usage: "--area <code> --quarter <2026Q3> [--format html|md] [--output <file>] [--as <email>]",
    description:
      "Writes the area's public summary for a quarter as a self-contained HTML page (the default) or " +
      "Markdown: problems raised and closed, what was done, actions on time by agency, and trend charts. " +
      "Small numbers are suppressed; it is OFFICIAL. Admins and coordinators only.",
    options: {
      area: { type: "string" },
      quarter: { type: "string" },
      format: { type: "string" },
      output: { type: "string", short: "o" },
      as: { type: "string" },
    },
    async run(input) {
      const area = requiredText(input, "area", "report public");
      const quarter = requiredText(input, "quarter", "report public");
      const format = input.options.format ?? "html";
      if (format !== "html" && format !== "md")
        throw new UsageError("report public --format takes html or md.");
      const { result, warning } = await (await openAccountability(input)).publicSummary(
        await actorFor(input),
        {
          area,
          quarter,
        },
      );
      if (!result) throw new UserFacingError(warning ?? "Nothing to report.");
      const page = format === "html" ? await publicSummaryHtml(result) : await publicSummaryMarkdown(result);
      const output = input.options.output;
      if (typeof output !== "string") return page;
      writeFileSync(output, page);
      return `Wrote the ${result.area.name} public summary for ${result.quarter} to ${output}.`;
    },
  },
  {
    name: "digest",
    usage: "--area <code> [--board] [--output <file.md>]",
    description:
      "Writes the area's weekly coordinator digest as Markdown, for email; --board writes the Strategic " +
      "Board's monthly digest for the area instead.",
    options: { area: { type: "string" }, board: { type: "boolean" }, output: { type: "string", short: "o" } },
    async run(input) {
      const code = requiredText(input, "area", "digest");
      const digests = new Digests(
        new PrismaDigestRepository(await input.store()),
        LDG_TIME_ZONE,
        EVERY_CHANNEL,
        input.verifyEveryMonths,
      );
      const area = await new PrismaDigestRepository(await input.store()).findArea(code);
      if (!area) throw new UserFacingError(`"${code}" is not an area in the register.`);
      const now = new Date();
      const text =
        input.options.board === true
          ? boardDigestMarkdown(await digests.board(area.board, [area], now))
          : weeklyDigestMarkdown(await digests.weekly(area, now));
      const output = input.options.output;
      if (typeof output !== "string") return text;
      writeFileSync(output, text);
      return `Wrote the ${area.name} digest to ${output}.`;
    },
  },
  {
    name: "area chase-policy",
    usage: "--area <code> [--set '<json>' | --reset]",
    description:
      "Shows how the area's actions are chased (working days), or changes it: --set takes the counts to " +
      "override, e.g. '{\"overdueEveryDays\": 5}', and the rest keep the defaults; --reset goes back to them.",
    options: { area: { type: "string" }, set: { type: "string" }, reset: { type: "boolean" } },
    async run(input) {
      const area = requiredText(input, "area", "area chase-policy");
      const policies = new AreaChasePolicies(new PrismaAreaPolicyRepository(await input.store()));
      const describe = (policy: object) =>
        Object.entries(policy)
          .map(([name, days]) => `  ${name}: ${days}`)
          .join("\n");
      if (input.options.reset === true) {
        return `Chasing in ${area} is back to the defaults:\n${describe(await policies.set(cliActor(), area, null))}`;
      }
      if (typeof input.options.set === "string") {
        let override: unknown;
        try {
          override = JSON.parse(input.options.set);
        } catch {
          throw new UsageError("area chase-policy --set takes JSON, e.g. '{\"overdueEveryDays\": 5}'.");
        }
        return `Chasing in ${area} is now:\n${describe(await policies.set(cliActor(), area, override))}`;
      }
      const shown = await policies.show(area);
      return `Chasing in ${shown.area}:\n${describe(shown.policy)}`;
    },
  },
  {
    name: "area add",
    usage: '--code <CRA> --name <Craven> --board "<strategic board>"',
    description: "Adds a Local Delivery Group's area and the Strategic Board it answers to.",
    options: { code: { type: "string" }, name: { type: "string" }, board: { type: "string" } },
    async run(input) {
      const area = await (await openRegister(input)).addArea(cliActor(), {
        code: requiredText(input, "code", "area add"),
        name: requiredText(input, "name", "area add"),
        board: requiredText(input, "board", "area add"),
      });
      return `Added area ${area.name} (${area.code}), answering to the ${area.board}.`;
    },
  },
  {
    name: "org add",
    usage: '--name "<organisation>" --kind <kind>',
    description: `Adds a partner organisation. Kinds: ${Object.values(ORGANISATION_KINDS).join(", ")}.`,
    options: { name: { type: "string" }, kind: { type: "string" } },
    async run(input) {
      const organisation = await (await openRegister(input)).addOrganisation(cliActor(), {
        name: requiredText(input, "name", "org add"),
        kind: requiredText(input, "kind", "org add"),
      });
      return `Added organisation ${organisation.name} (${ORGANISATION_KINDS[organisation.kind]}).`;
    },
  },
  {
    name: "db migrate",
    usage: "",
    description: "Creates the database or brings it up to date with the committed migrations.",
    async run(input) {
      const database = describeDatabase(input.databaseUrl);
      const applied = await migrateDatabase(input.databaseUrl);
      return applied.length === 0
        ? `${database} is up to date.`
        : `Applied to ${database}:\n${applied.map((name) => `  ${name}`).join("\n")}`;
    },
  },
  {
    name: "demo load",
    usage: "[--force]",
    description:
      "Loads the demo register (fictional people at North Yorkshire partners). Refuses a register that " +
      "has entries; --force adds only the demo entries that are missing.",
    options: { force: { type: "boolean" } },
    async run(input) {
      const loaded = await loadDemoRegister(await input.store(), { force: input.options.force === true });
      return (
        `Loaded the demo register: ${loaded.areasAdded} areas, ${loaded.organisationsAdded} organisations ` +
        `and ${entryCount(loaded.contactsAdded)} added.`
      );
    },
  },
];

export function usageOf(command: Command): string {
  return `ldg ${command.name}${command.usage ? ` ${command.usage}` : ""}`;
}

/** The words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

export function helpText(): string {
  const commands = COMMANDS.flatMap((command) => [
    `  ${usageOf(command)}`,
    ...wrap(command.description, 90).map((line) => `      ${line}`),
    "",
  ]);
  return [
    "ldg: the LDG bot's command line, for operators on the server.",
    "",
    "Commands:",
    ...commands,
    "  ldg help",
    "      Shows this help. Add --help after a command for its usage.",
    "",
    "The database is DATABASE_URL (default file:./data/ldg.db), from the environment or a .env file.",
    "",
    "A register CSV file has a header row naming its columns, in any order:",
    `  required: ${REQUIRED_COLUMNS.join(", ")}`,
    `  optional: ${REGISTER_CSV_COLUMNS.filter((column) => !REQUIRED_COLUMNS.includes(column)).join(", ")}`,
    'Separate several areas, roles or themes in one cell with ";", e.g. "CRA; HAR". Dates are 2026-03-31 or',
    '31/03/2026. Save from Excel as "CSV UTF-8 (Comma delimited)".',
  ].join("\n");
}
