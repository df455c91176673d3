-- CreateTable
CREATE TABLE "AssignmentReminder" (
    "assignmentId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "lastSentAt" DATETIME NOT NULL,
    "sentById" INTEGER,

    PRIMARY KEY ("assignmentId", "userId")
);
