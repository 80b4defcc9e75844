// The tests' schedules: chasing also at 07:00 and 18:00 and at weekends, to show those runs send nothing.
export const TEST_SCHEDULES = {
  chase: "0 7,8,13,18 * * *",
  weeklyDigest: "0 8 * * 1",
  boardDigest: "0 8 1 * *",
};
