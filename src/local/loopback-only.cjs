// Preloaded into the Teams playground's process (node --require): the playground serves its web
// client on every interface and cannot be told otherwise, and whoever reaches it talks to the
// local bot as the demo user. Here every server it starts without a host listens on loopback only.
const net = require("node:net");

const LOOPBACK = "127.0.0.1";
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    if (typeof second !== "string") args.splice(1, 0, LOOPBACK);
  } else if (first && typeof first === "object" && first.path === undefined && first.host === undefined) {
    args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};
