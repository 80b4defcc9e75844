// Starts test/support/replica.ts as a child process and talks to it: wait until it is ready, tell
// it to go, read its result.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPLICA = fileURLToPath(new URL("./replica.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface ReplicaResult {
  ranSlot: boolean;
  sent: number;
}

export interface ReplicaProcess {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  go(): void;
  /** Its result, or a rejection with its error output when it fails or is killed. */
  result: Promise<ReplicaResult>;
}

export function startReplica(
  databaseUrl: string,
  apiUrl: string,
  slot: Date,
  clockStart: Date,
): ReplicaProcess {
  // tsx as a loader in this one process, not its command line, which runs the script in a second
  // process: a SIGKILL to the first would leave the second running.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", REPLICA, databaseUrl, apiUrl, slot.toISOString(), clockStart.toISOString()],
    { cwd: ROOT },
  );
  let out = "";
  let err = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (chunk) => {
    out += chunk;
    if (out.startsWith("ready\n")) markReady();
  });
  child.stderr.on("data", (chunk) => (err += chunk));
  const result = new Promise<ReplicaResult>((resolve, reject) =>
    child.on("close", (code, signal) =>
      code === 0
        ? resolve(JSON.parse(out.slice("ready\n".length)) as ReplicaResult)
        : reject(new Error(`replica ended with ${signal ?? code}: ${err}`)),
    ),
  );
  return { child, ready, go: () => child.stdin.write("go\n"), result };
}
