// `npm run db:schema:postgresql`: rewrites prisma/postgresql/schema.prisma from prisma/schema.prisma.
// The script in package.json then generates the PostgreSQL client from it.
import { POSTGRESQL_SCHEMA, writePostgresqlSchema } from "../store/postgresql-schema.js";

writePostgresqlSchema();
console.log(`Wrote ${POSTGRESQL_SCHEMA}`);
