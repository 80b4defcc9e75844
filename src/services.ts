// The core's use cases over one store, as the chat surfaces and the command line use them.
import { Actions } from "./core/actions/actions.js";
import { Activities } from "./core/activities/activities.js";
import { BoardAnswers } from "./core/board/board-answers.js";
import type { ScheduleView } from "./core/commands/schedule-commands.js";
import { Digests, EVERY_CHANNEL } from "./core/digests/digests.js";
import type { DeliveryChannels } from "./core/digests/repository.js";
import { Intake } from "./core/intake/ldg-channel.js";
import { type InteractionServices, Interactions } from "./core/interactions/interactions.js";
import { Leave } from "./core/leave/leave.js";
import type { ProblemConversations } from "./core/meetings/conversation.js";
import { Meetings } from "./core/meetings/meetings.js";
import { operationalPlan } from "./core/problems/plan.js";
import { Problems } from "./core/problems/problems.js";
import { RegisterChecks } from "./core/register/checks.js";
import { Register, VERIFY_EVERY_MONTHS } from "./core/register/register.js";
import { LDG_TIME_ZONE } from "./core/time/due-date.js";
import { PrismaActivityRepository } from "./store/activity-repository.js";
import { PrismaBoardRepository } from "./store/board-repository.js";
import type { Store } from "./store/database.js";
import { PrismaDigestRepository } from "./store/digest-repository.js";
import { PrismaIntakeRepository } from "./store/intake-repository.js";
import { PrismaLeaveRepository } from "./store/leave-repository.js";
import { PrismaMeetingRepository } from "./store/meeting-repository.js";
import { PrismaRegisterCheckRepository } from "./store/register-check-repository.js";
import { PrismaRegisterRepository } from "./store/register-repository.js";
import { PrismaWorkflowRepository } from "./store/workflow-repository.js";

export interface AppServices extends InteractionServices {
  interactions: Interactions;
}

/**
 * Where no chat platform opens a shared conversation for a problem, its partners work on it
 * through their own chats with the bot: there is nothing to open.
 */
export const PERSONAL_CHATS_ONLY: ProblemConversations = {
  open: async () => ({ conversationId: "personal chats" }),
};

export interface ServiceOptions {
  /** The configured TZ: due dates, review dates, meeting times and logged days are read in it. */
  timeZone?: string;
  now?: () => Date;
  /** Opens a convened problem's shared conversation (a Slack private channel, say). */
  conversations?: ProblemConversations;
  /** The scheduled jobs, where this process runs them. */
  scheduleStatus?: () => Promise<ScheduleView[]>;
  /** The channels this bot delivers on, for the digest's list of people it cannot reach. */
  channels?: DeliveryChannels;
  /** How often each SPOC is asked to check their entry (REGISTER_VERIFY_MONTHS). */
  verifyEveryMonths?: number;
}

export function createServices(store: Store, options: ServiceOptions = {}): AppServices {
  const timeZone = options.timeZone ?? LDG_TIME_ZONE;
  const now = options.now ?? (() => new Date());
  const verifyEveryMonths = options.verifyEveryMonths ?? VERIFY_EVERY_MONTHS;
  const workflow = new PrismaWorkflowRepository(store);
  const actions = new Actions(workflow, now, timeZone);
  const services: InteractionServices = {
    register: new Register(new PrismaRegisterRepository(store), now, verifyEveryMonths),
    registerChecks: new RegisterChecks(new PrismaRegisterCheckRepository(store), now, timeZone, {
      everyMonths: verifyEveryMonths,
    }),
    problems: new Problems(workflow, now, timeZone),
    actions,
    activities: new Activities(new PrismaActivityRepository(store), timeZone),
    board: new BoardAnswers(new PrismaBoardRepository(store), now),
    intake: new Intake(new PrismaIntakeRepository(store)),
    meetings: new Meetings(
      new PrismaMeetingRepository(store),
      options.conversations ?? PERSONAL_CHATS_ONLY,
      now,
      timeZone,
    ),
    plan: (actor, area) => operationalPlan(workflow, actions, actor, area),
    digests: new Digests(
      new PrismaDigestRepository(store),
      timeZone,
      options.channels ?? EVERY_CHANNEL,
      verifyEveryMonths,
    ),
    leave: new Leave(new PrismaLeaveRepository(store), now, timeZone),
    scheduleStatus: options.scheduleStatus ?? (async () => []),
    now,
    timeZone,
  };
  return { ...services, interactions: new Interactions(services) };
}
