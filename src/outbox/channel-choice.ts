// Which way a message reaches a person (DESIGN.md): their preferred platform, else the other chat
// platform, else email. Only platforms that are configured and have an address for them count.
// Someone who asked for digests by email gets those by email first, whatever their preference.
import type { ChatPlatform, Recipient } from "../chat/platform.js";

/** Every platform that can reach the recipient, best first; chat platforms keep the order given. */
export function channelsInOrder(
  recipient: Recipient,
  platforms: ChatPlatform[],
  kind?: string,
): ChatPlatform[] {
  const digestByEmail = recipient.digestByEmail === true && kind?.startsWith("digest.") === true;
  const rank = (platform: ChatPlatform) => {
    if (digestByEmail && platform.name === "EMAIL") return -1;
    if (platform.name === recipient.preferredPlatform) return 0;
    return platform.name === "EMAIL" ? 2 : 1;
  };
  // Array sort is stable, so platforms of equal rank stay in the order they were configured.
  return platforms.filter((platform) => platform.canReach(recipient)).sort((a, b) => rank(a) - rank(b));
}

export function chooseChannel(
  recipient: Recipient,
  platforms: ChatPlatform[],
  kind?: string,
): ChatPlatform | undefined {
  return channelsInOrder(recipient, platforms, kind)[0];
}
