// Calendar files for Teams: a bot message cannot carry a file, so a meeting's invitation,
// reschedule or cancellation (.ics) is published by the bot (file-publisher.ts) at
// /calendar/<id>.ics and the card gets an "Add to calendar" link that downloads it: the same file
// Slack uploads and email attaches. The address holds a random id only, nothing about anyone.
import type { Block, ChatMessage } from "../chat/message.js";
import type { Attachment } from "../chat/platform.js";
import type { FilePublisher } from "./file-publisher.js";

export class CalendarLinks {
  constructor(private readonly files: FilePublisher) {}

  /** The message with a link to each calendar file among `attachments`, before its buttons. */
  async add(message: ChatMessage, attachments: Attachment[] = []): Promise<ChatMessage> {
    const links: Block[] = [];
    for (const file of attachments.filter((attachment) =>
      attachment.contentType.startsWith("text/calendar"),
    )) {
      const url = await this.files.publish(
        { body: Buffer.from(file.content, "utf8"), contentType: file.contentType, filename: file.filename },
        (id) => `calendar/${id}.ics`,
      );
      links.push({ kind: "link", label: "Add to calendar", url });
    }
    if (links.length === 0) return message;
    const buttonsAt = message.blocks.findIndex((block) => block.kind === "buttons");
    const at = buttonsAt === -1 ? message.blocks.length : buttonsAt;
    return { ...message, blocks: [...message.blocks.slice(0, at), ...links, ...message.blocks.slice(at)] };
  }
}
