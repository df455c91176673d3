-- AlterTable
ALTER TABLE "User" ADD COLUMN     "loginChecksAt" TIMESTAMP(3),
ADD COLUMN     "loginChecksPending" INTEGER NOT NULL DEFAULT 0;

