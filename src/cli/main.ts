// The `ldg` command line, for operators on the server: register import and export, areas and
// organisations, migrations and the demo register (see commands.ts). Exit codes: 0 done, 1 a
// problem the operator can fix (one message, no stack trace), 2 a command line that makes no sense.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { UserFacingError } from "../core/errors.js";
import { openStore, type Store } from "../store/database.js";
import { COMMANDS, type Command, helpText, UsageError, usageOf } from "./commands.js";

interface Output {
  write(text: string): unknown;
}

function findCommand(argv: string[]): Command {
  const command = COMMANDS.find((candidate) =>
    candidate.name.split(" ").every((word, index) => argv[index] === word),
  );
  if (command) return command;
  const group = COMMANDS.filter((candidate) => candidate.name.startsWith(`${argv[0]} `));
  if (group.length > 0) {
    const words = group.map((candidate) => candidate.name.split(" ")[1]).join(", ");
    throw new UsageError(`"ldg ${argv[0]}" needs one of: ${words}.`);
  }
  throw new UsageError(`There is no command "${argv.join(" ")}".`);
}

async function run(argv: string[], environment: NodeJS.ProcessEnv, out: Output, err: Output): Promise<void> {
  if (argv.length === 0) throw new UsageError("Tell ldg what to do.");
  if (["help", "--help", "-h"].includes(argv[0] as string)) {
    out.write(`${helpText()}\n`);
    return;
  }
  const command = findCommand(argv);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv.slice(command.name.split(" ").length),
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nUsage: ${usageOf(command)}`);
  }
  if (parsed.values.help) {
    out.write(`Usage: ${usageOf(command)}\n${command.description}\n`);
    return;
  }
  if (parsed.positionals.length !== (command.positionals ?? 0)) {
    throw new UsageError(`Usage: ${usageOf(command)}`);
  }

  const { databaseUrl, verifyEveryMonths } = loadConfig(environment);
  let store: Store | undefined;
  try {
    const text = await command.run({
      options: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
      databaseUrl,
      verifyEveryMonths,
      warn: (message) => err.write(`${message}\n`),
      async store() {
        store ??= await openStore(databaseUrl).catch((error: Error) => {
          throw new UserFacingError(
            `Cannot open the database ${databaseUrl} (DATABASE_URL): ${error.message}`,
          );
        });
        return store;
      },
    });
    out.write(text.endsWith("\n") ? text : `${text}\n`);
  } finally {
    await store?.$disconnect();
  }
}

/** Runs one command line and returns the exit code. Errors that are bugs propagate, with their stack. */
async function runCli(
  argv: string[],
  environment: NodeJS.ProcessEnv,
  io: { out: Output; err: Output },
): Promise<number> {
  try {
    await run(argv, environment, io.out, io.err);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err.write(`${error.message}\nRun "ldg help" to see the commands.\n`);
      return 2;
    }
    if (error instanceof UserFacingError || error instanceof ConfigError) {
      io.err.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (existsSync(".env")) process.loadEnvFile?.();
process.exitCode = await runCli(process.argv.slice(2), process.env, {
  out: process.stdout,
  err: process.stderr,
});
