// Slack's error codes (`user_not_found`, `name_taken`...) out of the Web API client's errors.
import { ErrorCode } from "@slack/web-api";

export function slackErrorCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; data?: { error?: unknown } };
  if (candidate?.code !== ErrorCode.PlatformError) return undefined;
  return typeof candidate.data?.error === "string" ? candidate.data.error : undefined;
}

/** Seconds Slack asked us to wait (429 Retry-After), when the client was told to reject rate-limited calls. */
export function retryAfterSeconds(error: unknown): number | undefined {
  const candidate = error as { code?: unknown; retryAfter?: unknown };
  return candidate?.code === ErrorCode.RateLimitedError && typeof candidate.retryAfter === "number"
    ? candidate.retryAfter
    : undefined;
}
