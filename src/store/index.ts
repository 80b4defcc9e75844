export { openStore, type Store } from "./database.js";
export { PrismaRegisterRepository } from "./register-repository.js";
