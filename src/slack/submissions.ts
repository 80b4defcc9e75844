// A submitted modal. The core checks the values before Slack's three seconds are up: wrong values
// go back beside their fields (`response_action: "errors"`) and nothing is written; right ones
// close the modal, and then the card the form came from is replaced (or the new card sent by DM).
import type { App } from "@slack/bolt";
import type { Reply } from "../chat/reply.js";
import { actorFromContact } from "../core/actor.js";
import { decodeFormMetadata } from "./form-metadata.js";
import { type SlackDeps, SOMETHING_WENT_WRONG } from "./handling.js";
import { NOT_IN_REGISTER } from "./identity.js";
import { FORM_CALLBACK_ID, fieldErrors, formValues, messageModal } from "./modal.js";
import { refreshPinnedCard } from "./pinned-card.js";
import { replaceCard } from "./replies.js";

export function registerSubmissions(app: App, deps: SlackDeps): void {
  app.view(FORM_CALLBACK_ID, async ({ ack, body, view, client }) => {
    const metadata = decodeFormMetadata(view.private_metadata);
    if (!metadata) {
      deps.logger.warn({ viewId: view.id }, "a submitted modal carried no form metadata");
      await ack({
        response_action: "update",
        view: messageModal("Form expired", {
          summary: "This form has expired",
          blocks: [{ kind: "text", text: "This form has expired. Please start again." }],
        }),
      });
      return;
    }
    const contact = await deps.identity.contactFor(client, body.user.id);
    if (!contact) {
      await ack({ response_action: "update", view: messageModal("Not in the register", NOT_IN_REGISTER) });
      return;
    }
    let reply: Reply;
    try {
      const values = formValues(view.state.values);
      reply = await deps.services.interactions.submit(
        actorFromContact(contact),
        metadata.form,
        metadata.context,
        values,
      );
    } catch (error) {
      deps.logger.error({ err: error, form: metadata.form }, "a submitted Slack form failed");
      await ack({ response_action: "update", view: messageModal("Not saved", SOMETHING_WENT_WRONG) });
      return;
    }
    switch (reply.kind) {
      case "invalid":
        await ack({
          response_action: "errors",
          errors: fieldErrors(reply.form, reply.errors, reply.summary),
        });
        return;
      case "private":
      case "message":
        await ack({ response_action: "update", view: messageModal(reply.message.summary, reply.message) });
        return;
      case "update":
        await ack();
        await replaceCard({ client, userId: body.user.id, origin: metadata.origin }, reply.message).catch(
          (error: unknown) =>
            deps.logger.error({ err: error }, "could not show the card after a submitted form"),
        );
        if (deps.problemChannels) {
          const pinned = { services: deps.services, channels: deps.problemChannels, logger: deps.logger };
          await refreshPinnedCard(pinned, actorFromContact(contact), metadata.form, metadata.context.ref);
        }
        return;
    }
  });
}
