-- AlterTable
ALTER TABLE "WrongAnswer" ADD COLUMN "lastAnswer" TEXT NOT NULL DEFAULT '[]';
