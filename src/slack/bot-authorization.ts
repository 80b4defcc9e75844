// Who the bot is in Slack (its bot id and user id), from auth.test, for Bolt's `authorize`. Bolt's
// own start-up check runs auth.test in its constructor and keeps the answer for good: a failure
// there (Slack unreachable for a moment, or a slow start) was an unhandled rejection that stopped
// the process, and had it not, every later event would have failed with the same cached error.
// Here a success is kept, and a failure is forgotten, so the next event asks Slack again.
import type { Authorize, AuthorizeResult } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";

export class BotAuthorization {
  private known: Promise<AuthorizeResult> | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly botToken: string,
    private readonly logger: Logger,
  ) {}

  /** For Bolt's App: the bot's token and identity, asking Slack only until it has answered once. */
  readonly authorize: Authorize<boolean> = () => this.identity();

  /** Asks Slack at start, so a wrong token is reported then; a failure is logged, not thrown. */
  async check(): Promise<void> {
    try {
      await this.identity();
    } catch (error) {
      this.logger.error(
        { err: error },
        "Slack did not confirm the bot token; it will be asked again when the next request arrives",
      );
    }
  }

  private identity(): Promise<AuthorizeResult> {
    if (!this.known) {
      const asking = this.client.auth.test({ token: this.botToken }).then((result) => ({
        botToken: this.botToken,
        ...(result.bot_id ? { botId: result.bot_id } : {}),
        ...(result.user_id ? { botUserId: result.user_id } : {}),
        ...(result.team_id ? { teamId: result.team_id } : {}),
      }));
      this.known = asking;
      asking.catch(() => {
        if (this.known === asking) this.known = undefined;
      });
    }
    return this.known;
  }
}
