// The actor for someone in the demo register, by email, for tests and benchmarks that act through
// the services directly (raising the problem a chat test then works on).
import { type Actor, actorFromContact } from "../../src/core/actor.js";
import type { AppServices } from "../../src/services.js";

export async function demoActor(services: Pick<AppServices, "register">, email: string): Promise<Actor> {
  const contact = await services.register.findByEmail(email);
  if (!contact) throw new Error(`${email} is not in the demo register`);
  return actorFromContact(contact);
}
