-- Password-check reservations for the login lockout (decision 0012). Written as ADD COLUMN by
-- hand: Prisma's generated table rebuild would drop the triggers that sit on "User".
ALTER TABLE "User" ADD COLUMN "loginChecksPending" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "User" ADD COLUMN "loginChecksAt" DATETIME;
