// How an area takes in its problems: by default each convened problem gets a private conversation;
// an area's coordinator can instead have problems raised as threads in the area's LDG channel, by
// typing `intake threads` in that channel (and `intake private` to go back). Audited.
import { z } from "zod";
import type { ChatPlace } from "../../chat/place.js";
import type { Actor } from "../actor.js";
import { AccessDenied, InvalidInput } from "../errors.js";
import { isCoordinatorOf } from "../problems/access.js";
import type { AuditEntry } from "../register/model.js";
import { parseInput } from "../validation.js";

export interface LdgChannelAddress {
  platform: "SLACK" | "TEAMS";
  address: Record<string, unknown>;
}

export interface IntakeArea {
  id: string;
  code: string;
  name: string;
  ldgChannel: LdgChannelAddress | null;
}

export interface IntakeRepository {
  transaction<T>(work: (repository: IntakeRepository) => Promise<T>): Promise<T>;
  /** The areas with these ids, with their LDG channel if they have one. */
  areas(ids: string[]): Promise<IntakeArea[]>;
  setLdgChannel(areaId: string, channel: LdgChannelAddress | null, setById: string | null): Promise<void>;
  recordAudit(entry: AuditEntry): Promise<void>;
}

const areaNameSchema = z.object({
  area: z.string().trim().max(100, { message: "is longer than 100 characters" }),
});

type Mode = "threads" | "private" | "show";

const PRIVATE = "each problem gets a private conversation for its partners when it is convened";
const THREADS =
  "problems are raised as threads in the area's LDG channel, and move to a private conversation when convened";

export class Intake {
  constructor(private readonly repository: IntakeRepository) {}

  /** `intake [threads|private] [area]`, typed in `where`; answers in words. */
  async command(actor: Actor, argument: string, where: ChatPlace | undefined): Promise<string> {
    const [first = "", ...rest] = argument.trim().split(/\s+/);
    const word = first.toLowerCase();
    const mode: Mode = word === "threads" || word === "private" ? word : "show";
    const { area: areaName } = parseInput(areaNameSchema, {
      area: mode === "show" ? argument : rest.join(" "),
    });
    const mine = await this.areasOf(actor);
    if (mode === "show" && !areaName) return mine.map(describe).join("\n");
    // The place first: naming an area would not make a direct message an LDG channel.
    const channel = mode === "threads" ? this.channelFrom(where) : null;
    const area = this.areaFor(mine, areaName, mode);
    if (mode === "show") return describe(area);
    if (mode === "private") {
      if (!area.ldgChannel) return `${area.name} already works that way: ${PRIVATE}.`;
      await this.change(actor, area, null);
      return `Done: in ${area.name} ${PRIVATE}. Problems already in the LDG channel keep their threads.`;
    }
    await this.change(actor, area, channel);
    return `Done: this is now ${area.name}'s LDG channel. From now on ${THREADS}. Messages here carry the reference, title, priority and classification only, never personal details.`;
  }

  private channelFrom(where: ChatPlace | undefined): LdgChannelAddress {
    if (where?.kind === "problem") {
      throw new InvalidInput([
        "This is one problem's private channel, for its partners only: type this in the channel the whole LDG uses.",
      ]);
    }
    if (where?.kind !== "channel") {
      throw new InvalidInput([
        "Type this in the channel that should be the area's LDG channel, not in a direct message or group chat: " +
          "problems raised in the area will be posted there as threads.",
      ]);
    }
    if (!where.botIsMember) {
      throw new InvalidInput([
        "I'm not in this channel, so I could not post problems here. Add me to the channel first, then try again.",
      ]);
    }
    return { platform: where.platform, address: where.address };
  }

  /** The areas the actor coordinates; refused if none. */
  private async areasOf(actor: Actor): Promise<IntakeArea[]> {
    const ids = [...new Set(actor.memberships.map((membership) => membership.areaId))];
    const mine = (await this.repository.areas(ids)).filter((area) => isCoordinatorOf(actor, area.id));
    if (mine.length === 0) {
      throw new AccessDenied("Only an area's coordinator can see or change how it takes in problems.");
    }
    return mine;
  }

  /** The area the coordinator means, of those they coordinate: the one named, else the only one. */
  private areaFor(mine: IntakeArea[], name: string, mode: Mode): IntakeArea {
    if (name) {
      const wanted = name.toLowerCase();
      const area = mine.find(
        (each) => each.code.toLowerCase() === wanted || each.name.toLowerCase() === wanted,
      );
      if (!area) {
        const yours = mine.map((each) => each.name).join(", ");
        throw new InvalidInput([
          mode === "show"
            ? `"${name}" is not an area you coordinate (${yours}). To change the setting, say "intake threads" or "intake private".`
            : `"${name}" is not an area you coordinate; you coordinate ${yours}.`,
        ]);
      }
      return area;
    }
    if (mine.length > 1) {
      throw new InvalidInput([
        `Which area? You coordinate ${mine.map((each) => each.name).join(", ")}: for example "intake ${mode} ${mine[0]?.name}".`,
      ]);
    }
    return mine[0] as IntakeArea;
  }

  private async change(actor: Actor, area: IntakeArea, channel: LdgChannelAddress | null): Promise<void> {
    await this.repository.transaction(async (repository) => {
      await repository.setLdgChannel(area.id, channel, actor.contactId);
      await repository.recordAudit({
        actorId: actor.contactId,
        actorLabel: actor.label,
        verb: channel ? "area.intake.threads" : "area.intake.private",
        entityType: "Area",
        entityId: area.id,
        before: {
          mode: area.ldgChannel ? "threads" : "private",
          platform: area.ldgChannel?.platform ?? null,
        },
        after: { mode: channel ? "threads" : "private", platform: channel?.platform ?? null },
      });
    });
  }
}

function describe(area: IntakeArea): string {
  if (!area.ldgChannel) {
    return `In ${area.name} ${PRIVATE}. To raise problems as threads in an LDG channel instead, type "intake threads" in that channel.`;
  }
  const where = area.ldgChannel.platform === "SLACK" ? "a Slack channel" : "a Teams channel";
  return `In ${area.name} ${THREADS} (its LDG channel is ${where}). To go back, type "intake private".`;
}
