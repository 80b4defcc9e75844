// The App Home tab: the person's open actions (with their RAG and buttons), the open problems
// they raised, and for coordinators each of their areas' plans at a glance. Headlines only.

import type { App } from "@slack/bolt";
import type { Block } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { Block as ChatBlock } from "../chat/message.js";
import { type Actor, actorFromContact } from "../core/actor.js";
import { myActionsMessage, problemLine } from "../core/commands/workflow-messages.js";
import type { Problem } from "../core/problems/model.js";
import { toBlocks } from "./block-kit.js";
import type { SlackDeps } from "./handling.js";
import { NOT_IN_REGISTER } from "./identity.js";
import { LIMITS } from "./text.js";

/** Problems listed per area on the home: enough to see the shape of the plan. */
const AT_A_GLANCE = 10;

export function registerAppHome(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    const contact = await deps.identity.contactFor(client, event.user);
    if (!contact) {
      await client.views.publish({
        user_id: event.user,
        view: { type: "home", blocks: toBlocks(NOT_IN_REGISTER.blocks, LIMITS.viewBlocks) },
      });
      return;
    }
    await publishHome(deps, client, event.user, actorFromContact(contact));
  });
}

export async function publishHome(deps: SlackDeps, client: WebClient, userId: string, actor: Actor) {
  const blocks = await homeBlocks(deps, actor);
  await client.views.publish({ user_id: userId, view: { type: "home", blocks } });
}

async function homeBlocks(deps: SlackDeps, actor: Actor): Promise<Block[]> {
  const { services } = deps;
  const blocks: ChatBlock[] = [...myActionsMessage(await services.actions.mine(actor)).blocks];

  const areaCodes = [...new Set(actor.memberships.map((membership) => membership.areaCode))];
  const plans = await Promise.all(areaCodes.map((code) => services.plan(actor, code)));
  const raised = plans
    .flatMap((plan) => plan.entries.map((entry) => entry.problem))
    .filter((problem: Problem) => problem.raisedById === actor.contactId);
  blocks.push(
    { kind: "divider" },
    { kind: "heading", text: "Open problems you raised" },
    raised.length > 0
      ? { kind: "list", items: raised.map(problemLine) }
      : { kind: "text", text: "None open. Raise one with /ldg raise or the shortcut." },
  );

  const coordinated = new Set(
    actor.memberships.filter((membership) => membership.role === "COORDINATOR").map((m) => m.areaCode),
  );
  for (const plan of plans.filter((candidate) => coordinated.has(candidate.area.code))) {
    const shown = plan.entries.slice(0, AT_A_GLANCE).map((entry) => problemLine(entry.problem));
    const more = plan.entries.length - shown.length;
    blocks.push(
      { kind: "divider" },
      { kind: "heading", text: `Plan at a glance: ${plan.area.name}` },
      shown.length > 0 ? { kind: "list", items: shown } : { kind: "text", text: "No open problems." },
      {
        kind: "text",
        text: `${more > 0 ? `…and ${more} more. ` : ""}The full plan: /ldg plan ${plan.area.code}`,
      },
    );
  }
  return toBlocks(blocks, LIMITS.viewBlocks);
}
