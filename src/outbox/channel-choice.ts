// Which way a message reaches a person (DESIGN.md): their preferred platform, else the other chat
// platform, else email. Only platforms that are configured and have an address for them count.
import type { ChatPlatform, Recipient } from "../chat/platform.js";

/** Every platform that can reach the recipient, best first; chat platforms keep the order given. */
export function channelsInOrder(recipient: Recipient, platforms: ChatPlatform[]): ChatPlatform[] {
  const rank = (platform: ChatPlatform) => {
    if (platform.name === recipient.preferredPlatform) return 0;
    return platform.name === "EMAIL" ? 2 : 1;
  };
  // Array sort is stable, so platforms of equal rank stay in the order they were configured.
  return platforms.filter((platform) => platform.canReach(recipient)).sort((a, b) => rank(a) - rank(b));
}

export function chooseChannel(recipient: Recipient, platforms: ChatPlatform[]): ChatPlatform | undefined {
  return channelsInOrder(recipient, platforms)[0];
}
