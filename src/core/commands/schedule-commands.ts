// The commands about chasing, digests and leave: `digest [area]`, `away until <date>`, `back` and
// `schedule`. dispatch.ts hands these words here.
import { type ChatMessage, textMessage } from "../../chat/message.js";
import { type Actor, areasWhereActorIs } from "../actor.js";
import type { Digests } from "../digests/digests.js";
import { boardDigestMessage, weeklyDigestMessage } from "../digests/render-chat.js";
import { AccessDenied } from "../errors.js";
import type { Leave } from "../leave/leave.js";
import { ukDay, ukShortDayAndTime } from "../time/due-date.js";

/** One scheduled job as the `schedule` command shows it. */
export interface ScheduleView {
  name: string;
  description: string;
  nextRuns: Date[];
  lastRun: {
    slotAt: Date;
    finishedAt: Date | null;
    counts: Record<string, unknown> | null;
    error: string | null;
  } | null;
}

export interface ScheduleCommandServices {
  actor: Actor;
  digests: Digests;
  leave: Leave;
  /** The scheduled jobs, or an empty list where this process runs none. */
  scheduleStatus(): Promise<ScheduleView[]>;
  now(): Date;
}

export async function runScheduleCommand(
  context: ScheduleCommandServices,
  name: string,
  argument: string,
): Promise<ChatMessage> {
  switch (name) {
    case "digest":
      return digest(context, argument);
    case "away": {
      if (!/^until\s+\S/i.test(argument.trim())) {
        return textMessage(
          'Until when? Say the day you are back, for example "away until Monday" or "away until 7/12".',
        );
      }
      const result = await context.leave.away(context.actor, argument);
      const back = ukDay(result.awayUntil as string);
      return textMessage(
        result.coveredBy
          ? `Noted: you are away until ${back}. Your chases and new actions go to ${result.coveredBy} until then. Say "back" if you return early.`
          : `Noted: you are away until ${back}. You have no deputy, so your coordinators have been told and will get your chases. Say "back" if you return early.`,
      );
    }
    case "back":
      await context.leave.back(context.actor);
      return textMessage("Welcome back: your chases and new actions come to you again.");
    default:
      return schedule(context);
  }
}

async function digest(context: ScheduleCommandServices, argument: string): Promise<ChatMessage> {
  const { actor } = context;
  const byEmail = /^by\s+e-?mail\b\s*(.*)$/i.exec(argument.trim());
  if (byEmail) return digestByEmail(context, (byEmail[1] ?? "").trim().toLowerCase());
  const area =
    argument.trim() ||
    actor.memberships.find(
      (membership) => membership.role === "COORDINATOR" || membership.role === "BOARD_MEMBER",
    )?.areaCode;
  if (!area) return textMessage('Which area? For example "digest Craven".');
  const result = await context.digests.forActor(actor, area, context.now());
  return result.kind === "weekly" ? weeklyDigestMessage(result.digest) : boardDigestMessage(result.digest);
}

/** `digest by email on|off`: anything but on or off is asked again, and nothing changes. */
async function digestByEmail(context: ScheduleCommandServices, setting: string): Promise<ChatMessage> {
  if (setting !== "on" && setting !== "off") {
    return textMessage(
      'Say "digest by email on" to get your digests by email, or "digest by email off" to get them here.',
    );
  }
  const { emailOn } = await context.digests.setEmailPreference(context.actor, setting === "on");
  if (setting === "off") return textMessage("Done: your digests come here in chat again.");
  return textMessage(
    emailOn
      ? "Done: your digests now come by email, to the address the register has for you."
      : "Noted, but this ldg-bot does not send email yet: your digests keep coming here until it does.",
  );
}

async function schedule(context: ScheduleCommandServices): Promise<ChatMessage> {
  const { actor } = context;
  if (!actor.isAdmin && areasWhereActorIs(actor, "COORDINATOR").length === 0) {
    throw new AccessDenied("Only coordinators can see the schedule.");
  }
  const jobs = await context.scheduleStatus();
  if (jobs.length === 0) return textMessage("This bot runs no scheduled jobs (SCHEDULES=off).");
  const items = jobs.map((job) => {
    const next = job.nextRuns.map((run) => ukShortDayAndTime(run)).join(", ") || "none soon";
    const last = job.lastRun;
    const lastText = !last
      ? "not run yet"
      : last.error
        ? `last run ${ukShortDayAndTime(last.slotAt)} failed`
        : last.finishedAt
          ? `last run ${ukShortDayAndTime(last.slotAt)}: ${describeCounts(last.counts)}`
          : `running since ${ukShortDayAndTime(last.slotAt)}`;
    return `${job.name} (${job.description}): next ${next}; ${lastText}`;
  });
  return {
    summary: "Scheduled jobs",
    blocks: [
      { kind: "heading", text: "Scheduled jobs" },
      { kind: "list", items },
    ],
  };
}

function describeCounts(counts: Record<string, unknown> | null): string {
  if (!counts) return "nothing recorded";
  if (typeof counts.skipped === "string") return `nothing sent (${counts.skipped})`;
  return (
    Object.entries(counts)
      .map(([name, value]) => `${value} ${name}`)
      .join(", ") || "nothing to do"
  );
}
