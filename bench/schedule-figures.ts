// The chasing benchmark's size and clock, shared by its seeding and its measuring.
export const AREAS = 50;
export const CONTACTS = 5_000;
export const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 100_000);
// Wednesday 2 December 2026, 10:00 UK time: a working day, inside working hours.
export const NOW = new Date("2026-12-02T10:00:00Z");
export const TODAY = "2026-12-02";
